#include "cli/demo_product.h"

#include "io/image_file.h"
#include "basemodel/judge.h"
#include "basemodel/base_data.h"
#include "dataset/coco.h"
#include "dataset/mask.h"
#include "dataset/query.h"
#include "pipeline/image_convert.h"
#include "pipeline/product_shot.h"
#include "studio/defaults.h"
#include "util/error.h"
#include "util/fs.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <torch/torch.h>

#include <chrono>

namespace adv::cli {

namespace {

const coco::Annotation* largestInstance(const coco::Dataset& ds, const std::string& category) {
    const coco::Annotation* best = nullptr;
    for (const auto& a : ds.annotations) {
        const auto* c = ds.category(a.categoryId);
        if (a.iscrowd || !c || coco::readableCategory(c->name) != category) continue;
        if (!best || a.area > best->area) best = &a;
    }
    return best;
}

} // namespace

nlohmann::json renderProductGrid(StableDiffusion& sd, const base::Judge& judge, const coco::Dataset& ds,
                                 const std::string& imagesDir, const ProductGridOptions& o,
                                 const std::filesystem::path& dir) {
    const auto& categories = o.categories;
    const auto& conditions = o.conditions;
    const auto t0 = std::chrono::steady_clock::now();
    std::filesystem::create_directories(dir);
    const int S = sd.nativeResolution();
    int cells = 0, right = 0, worst = 0;
    nlohmann::json detail = nlohmann::json::array();
    cv::Mat grid(static_cast<int>(categories.size()) * S, static_cast<int>(conditions.size() + 1) * S, CV_8UC3,
                 cv::Scalar(255, 255, 255));
    for (size_t ci = 0; ci < categories.size(); ++ci) {
        const auto* ann = largestInstance(ds, categories[ci]);
        if (!ann) continue;
        const auto* img = ds.image(ann->imageId);
        const std::string path = ds.imagePath(imagesDir, *img);
        cv::Mat bgr = io::readImageFile(path, cv::IMREAD_COLOR), rgb;
        if (bgr.empty()) throw FileError(path, "cannot decode the dataset image");
        cv::cvtColor(bgr, rgb, cv::COLOR_BGR2RGB);
        const cv::Mat m = coco::annotationMask(ds, *ann) * 255;
        png::Image photo{rgb.cols, rgb.rows, 3, std::vector<uint8_t>(rgb.data, rgb.data + rgb.total() * 3)};
        Mask8 mask{m.cols, m.rows, std::vector<uint8_t>(m.data, m.data + m.total())};
        for (size_t bi = 0; bi < conditions.size(); ++bi)
            for (int k = 0; k < o.seeds; ++k) {
                GenerateParams p;
                p.prompt = base::promptFor(categories[ci], conditions[bi]);
                p.seed = o.firstSeed + k;
                p.steps = o.steps;
                p.cfg = o.cfg;
                p.negativePrompt = o.negative ? *o.negative : studio::productNegativeFor(p.prompt);
                ProductShotOptions po;
                po.scale = o.scale;
                po.bottom = o.bottom;
                const auto shot = renderProductShot(sd, photo, mask, p, po);
                worst = std::max(worst, shot.maxExactDiff);
                const auto verdict = judge.classify(imageToTensor(shot.image).unsqueeze(0) * 2 - 1).at(0);  // as delivered
                const int want = judge.conditionIndex(conditions[bi]);
                const auto best = std::max_element(verdict.condition.begin(), verdict.condition.end()) - verdict.condition.begin();
                right += want >= 0 && best == want;
                detail.push_back({{"category", categories[ci]}, {"condition", conditions[bi]}, {"seed", p.seed},
                                  {"judged", judge.conditions.at(static_cast<size_t>(best))},
                                  {"p", verdict.condition[static_cast<size_t>(best)]}});
                ++cells;
                if (k > 0) continue;
                cv::Mat out(S, S, CV_8UC3, const_cast<uint8_t*>(shot.image.pixels.data()));
                if (bi == 0) {
                    cv::Mat placed(S, S, CV_8UC3, const_cast<uint8_t*>(shot.placed.pixels.data()));
                    placed.copyTo(grid(cv::Rect(0, static_cast<int>(ci) * S, S, S)));
                }
                out.copyTo(grid(cv::Rect(static_cast<int>(bi + 1) * S, static_cast<int>(ci) * S, S, S)));
                cv::Mat outBgr;
                cv::cvtColor(out, outBgr, cv::COLOR_RGB2BGR);
                cv::imwrite((dir / (fs::safeFileName(categories[ci] + "_" + conditions[bi]) + ".png")).string(), outBgr);
            }
    }
    cv::Mat big, bigBgr;
    cv::resize(grid, big, cv::Size(), 3, 3, cv::INTER_NEAREST);
    cv::cvtColor(big, bigBgr, cv::COLOR_RGB2BGR);
    cv::imwrite((dir.parent_path() / "grid_product.png").string(), bigBgr);
    return {{"cells", static_cast<int>(categories.size() * conditions.size())}, {"images", cells}, {"seeds", o.seeds}, {"background_adherence", cells ? static_cast<double>(right) / cells : 0.0},
            {"max_exact_diff", worst}, {"per_cell", detail},
            {"seconds", std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count()}};
}

} // namespace adv::cli
