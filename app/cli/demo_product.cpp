#include "cli/demo_product.h"

#include "basemodel/judge.h"
#include "basemodel/base_data.h"
#include "dataset/coco.h"
#include "dataset/mask.h"
#include "dataset/query.h"
#include "pipeline/image_convert.h"
#include "pipeline/product_shot.h"
#include "util/error.h"

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
                                 const std::string& imagesDir, const std::vector<std::string>& categories,
                                 const std::vector<std::string>& conditions, int steps, double cfg,
                                 const std::filesystem::path& dir) {
    const auto t0 = std::chrono::steady_clock::now();
    std::filesystem::create_directories(dir);
    const int S = sd.nativeResolution();
    int cells = 0, right = 0, worst = 0;
    cv::Mat grid(static_cast<int>(categories.size()) * S, static_cast<int>(conditions.size() + 1) * S, CV_8UC3,
                 cv::Scalar(255, 255, 255));
    for (size_t ci = 0; ci < categories.size(); ++ci) {
        const auto* ann = largestInstance(ds, categories[ci]);
        if (!ann) continue;
        const auto* img = ds.image(ann->imageId);
        const std::string path = ds.imagePath(imagesDir, *img);
        cv::Mat bgr = cv::imread(path, cv::IMREAD_COLOR), rgb;
        if (bgr.empty()) throw FileError(path, "cannot decode the dataset image");
        cv::cvtColor(bgr, rgb, cv::COLOR_BGR2RGB);
        const cv::Mat m = coco::annotationMask(ds, *ann) * 255;
        png::Image photo{rgb.cols, rgb.rows, 3, std::vector<uint8_t>(rgb.data, rgb.data + rgb.total() * 3)};
        Mask8 mask{m.cols, m.rows, std::vector<uint8_t>(m.data, m.data + m.total())};
        for (size_t bi = 0; bi < conditions.size(); ++bi) {
            GenerateParams p;
            p.prompt = base::promptFor(categories[ci], conditions[bi]);
            p.seed = 1;
            p.steps = steps;
            p.cfg = cfg;
            ProductShotOptions o;
            o.scale = 0.85;  // as the demo's training pairs
            const auto shot = renderProductShot(sd, photo, mask, p, o);
            worst = std::max(worst, shot.maxExactDiff);
            cv::Mat out(S, S, CV_8UC3, const_cast<uint8_t*>(shot.image.pixels.data()));
            if (bi == 0) {
                cv::Mat placed(S, S, CV_8UC3, const_cast<uint8_t*>(shot.placed.pixels.data()));
                placed.copyTo(grid(cv::Rect(0, static_cast<int>(ci) * S, S, S)));
            }
            out.copyTo(grid(cv::Rect(static_cast<int>(bi + 1) * S, static_cast<int>(ci) * S, S, S)));
            cv::Mat outBgr;
            cv::cvtColor(out, outBgr, cv::COLOR_RGB2BGR);
            cv::imwrite((dir / (categories[ci] + "_" + conditions[bi] + ".png")).string(), outBgr);
            const auto verdict = judge.classify(imageToTensor(shot.image).unsqueeze(0) * 2 - 1).at(0);  // the delivered image
            const int want = judge.conditionIndex(conditions[bi]);
            const auto best = std::max_element(verdict.condition.begin(), verdict.condition.end()) - verdict.condition.begin();
            right += want >= 0 && best == want;
            ++cells;
        }
    }
    cv::Mat big, bigBgr;
    cv::resize(grid, big, cv::Size(), 3, 3, cv::INTER_NEAREST);
    cv::cvtColor(big, bigBgr, cv::COLOR_RGB2BGR);
    cv::imwrite((dir.parent_path() / "grid_product.png").string(), bigBgr);
    return {{"cells", cells}, {"background_adherence", cells ? static_cast<double>(right) / cells : 0.0},
            {"max_exact_diff", worst},
            {"seconds", std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count()}};
}

} // namespace adv::cli
