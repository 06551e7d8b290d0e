#include "basemodel/judge_pairs.h"

#include "basemodel/base_data.h"
#include "pairs/pair_set.h"
#include "train/train_data.h"
#include "util/error.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

namespace adv::base {

PairJudgeReport judgePairs(StableDiffusion& sd, const Judge& judge, const std::string& manifestPath,
                           const std::string& sheetPath) {
    // A pair set's folder or its manifest.jsonl (the records carry category and condition).
    const std::filesystem::path given(manifestPath);
    std::error_code ec;
    const bool isDir = std::filesystem::is_directory(given, ec);
    if (!isDir && given.filename() != "manifest.jsonl")
        throw FileError(manifestPath, "not a pair set: give the manifest.jsonl that `pairs build` wrote, or its folder");
    const auto dir = isDir ? given : given.parent_path();
    const auto set = pairs::PairSet::load(dir.string());
    PairJudgeReport rep;
    std::vector<torch::Tensor> images;
    std::vector<std::pair<int, int>> truth;  // (category, condition) in the judge's order
    for (const auto& p : set.pairs) {
        const int cat = judge.categoryIndex(p.category), cond = judge.conditionIndex(p.condition);
        if (p.state == "rejected" || cat < 0 || cond < 0) {
            ++rep.skipped;
            continue;
        }
        images.push_back(train::prepareImage((dir / p.image).string(), judge.resolution));  // [3, R, R] in [-1, 1]
        truth.emplace_back(cat, cond);
    }
    rep.items = static_cast<int>(images.size());
    if (images.empty()) return rep;

    const size_t K = judge.categories.size();
    rep.categoryConfusion.assign(K, std::vector<int>(K, 0));
    rep.roundTripCategoryConfusion = rep.categoryConfusion;
    torch::NoGradGuard ng;
    std::vector<torch::Tensor> lostBefore, lostAfter;  // [3, R, R] each: pairs the round trip misjudges
    int hits[4] = {0, 0, 0, 0};
    double sq = 0;
    constexpr int64_t kChunk = 32;
    for (int64_t i = 0; i < rep.items; i += kChunk) {
        const int64_t n = std::min<int64_t>(kChunk, rep.items - i);
        auto x = torch::stack(std::vector<torch::Tensor>(images.begin() + i, images.begin() + i + n));  // [n,3,R,R]
        auto z = sd.vae->encode(x.to(sd.device(), sd.vaeDtype())).mean;                                   // [n,4,r,r]
        auto back = sd.vae->decode(z).to(torch::kCPU, torch::kFloat32).clamp(-1, 1);                      // [n,3,R,R]
        sq += ((back - x) / 2).pow(2).sum().item<double>();
        const auto plain = judge.classify(x), trip = judge.classify(back);
        for (int64_t k = 0; k < n; ++k) {
            const auto [cat, cond] = truth[static_cast<size_t>(i + k)];
            const int judged = plain[static_cast<size_t>(k)].topCategory();
            ++rep.categoryConfusion[static_cast<size_t>(cat)][static_cast<size_t>(judged)];
            hits[0] += judged == cat;
            hits[1] += plain[static_cast<size_t>(k)].topCondition() == cond;
            const int judgedTrip = trip[static_cast<size_t>(k)].topCategory();
            ++rep.roundTripCategoryConfusion[static_cast<size_t>(cat)][static_cast<size_t>(judgedTrip)];
            hits[2] += judgedTrip == cat;
            if (judgedTrip != cat && lostBefore.size() < 16) {
                lostBefore.push_back(x[k]);
                lostAfter.push_back(back[k]);
            }
            hits[3] += trip[static_cast<size_t>(k)].topCondition() == cond;
        }
    }
    if (!sheetPath.empty() && !lostBefore.empty()) {
        cv::Mat top, bottom, sheet;
        cv::hconcat(toImages(torch::stack(lostBefore)), top);
        cv::hconcat(toImages(torch::stack(lostAfter)), bottom);
        cv::vconcat(top, bottom, sheet);
        cv::cvtColor(sheet, sheet, cv::COLOR_RGB2BGR);
        if (!cv::imwrite(sheetPath, sheet)) throw FileError(sheetPath, "cannot write the sheet");
    }
    const double n = rep.items;
    rep.categoryAccuracy = hits[0] / n;
    rep.backgroundAccuracy = hits[1] / n;
    rep.roundTripCategoryAccuracy = hits[2] / n;
    rep.roundTripBackgroundAccuracy = hits[3] / n;
    rep.roundTripRmse = std::sqrt(sq / (n * 3 * judge.resolution * judge.resolution));
    return rep;
}

} // namespace adv::base
