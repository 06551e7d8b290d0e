#include "basemodel/adherence.h"

#include "basemodel/base_data.h"
#include "util/error.h"

#include <nlohmann/json.hpp>
#include <opencv2/imgproc.hpp>
#include <torch/torch.h>

#include <algorithm>
#include <chrono>

namespace adv::base {

namespace {

std::string joined(const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
    return s;
}

// Mean pairwise RMS distance between images [S, 3, H, W] in [0, 1].
double pairwiseDistance(const torch::Tensor& imgs) {
    const int64_t S = imgs.size(0);
    if (S < 2) return 0;
    auto flat = imgs.reshape({S, -1}).to(torch::kFloat64);
    double sum = 0;
    int n = 0;
    for (int64_t i = 0; i < S; ++i)
        for (int64_t j = i + 1; j < S; ++j, ++n) sum += (flat[i] - flat[j]).pow(2).mean().sqrt().item<double>();
    return sum / n;
}

} // namespace

AdherenceReport evalAdherence(StableDiffusion& sd, const Judge& judge, const AdherenceOptions& o,
                              const ProgressFn& progress, const CancelToken* cancel) {
    if (o.categories.empty() || o.conditions.empty() || o.seeds < 1)
        throw Error("eval adherence needs at least one category, one condition and one seed");
    for (const auto& c : o.categories)
        if (judge.categoryIndex(c) < 0)
            throw Error("the judge does not know the category '" + c + "' (it knows: " + joined(judge.categories) + ")");
    for (const auto& c : o.conditions)
        if (judge.conditionIndex(c) < 0)
            throw Error("the judge does not know the condition '" + c + "' (it knows: " + joined(judge.conditions) + ")");
    AdherenceReport rep;
    rep.judgeConditions = judge.conditions;
    rep.judgeCategories = judge.categories;
    rep.chance = 1.0 / static_cast<double>(o.conditions.size());
    rep.conditionShare.assign(judge.conditions.size(), 0.0);
    const int total = static_cast<int>(o.categories.size() * o.conditions.size());
    int done = 0, catHits = 0, bgHits = 0, forcedHits = 0;
    double divSum = 0;
    for (const auto& category : o.categories)
        for (const auto& condition : o.conditions) {
            throwIfCancelled(cancel);
            AdherenceCell cell;
            cell.category = category;
            cell.condition = condition;
            cell.prompt = promptFor(category, condition);
            GenerateParams gp;
            gp.prompt = cell.prompt;
            gp.negativePrompt = o.negativePrompt;
            gp.sampler = o.sampler;
            gp.steps = o.steps;
            gp.cfg = o.cfg;
            gp.cacheInterval = o.cacheInterval;
            gp.seed = o.firstSeed;
            gp.batch = o.seeds;
            const auto t0 = std::chrono::steady_clock::now();
            auto g = sd.generate(gp, {}, cancel);
            rep.renderSeconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            cell.images = g.images;
            const auto verdicts = judge.classify(g.images * 2 - 1);
            const int wantCat = judge.categoryIndex(category), wantCond = judge.conditionIndex(condition);
            int ch = 0, bh = 0;
            for (const auto& v : verdicts) {
                const int pc = v.topCategory(), pb = v.topCondition();
                cell.predictedCategory.push_back(pc);
                cell.predictedCondition.push_back(pb);
                rep.conditionShare[static_cast<size_t>(pb)] += 1;
                ch += pc == wantCat;
                bh += pb == wantCond;
                // Forced choice among the asked conditions only.
                int best = -1;
                float bestP = -1;
                for (const auto& c : o.conditions) {
                    const int k = judge.conditionIndex(c);
                    if (v.condition[static_cast<size_t>(k)] > bestP) bestP = v.condition[static_cast<size_t>(k)], best = k;
                }
                forcedHits += best == wantCond;
            }
            cell.categoryAccuracy = static_cast<double>(ch) / o.seeds;
            cell.backgroundAccuracy = static_cast<double>(bh) / o.seeds;
            cell.diversity = pairwiseDistance(g.images);
            catHits += ch;
            bgHits += bh;
            divSum += cell.diversity;
            rep.images += o.seeds;
            rep.cells.push_back(std::move(cell));
            if (progress) progress(++done, total, rep.cells.back().prompt);
        }
    rep.categoryAccuracy = static_cast<double>(catHits) / rep.images;
    rep.backgroundAccuracy = static_cast<double>(bgHits) / rep.images;
    rep.backgroundForcedChoice = static_cast<double>(forcedHits) / rep.images;
    rep.diversity = divSum / static_cast<double>(rep.cells.size());
    for (auto& s : rep.conditionShare) s /= rep.images;
    // Reference: the same distance between seeds on the ground truth (garments drawn on the asked conditions).
    if (o.seeds > 1) {
        Recipe r = Recipe::defaults();
        r.resolution = judge.resolution;
        std::mt19937_64 rng(99);
        double ref = 0;
        int cells = 0;
        for (const auto& category : o.categories)
            for (const auto& condition : o.conditions) {
                std::vector<cv::Mat> imgs;
                for (int s = 0; s < o.seeds; ++s)
                    imgs.push_back(renderOnCondition(r, categoryIdByName(category), condition, rng).rgb);
                ref += pairwiseDistance((toTensor(imgs) + 1) / 2);
                ++cells;
            }
        rep.referenceDiversity = ref / cells;
    }
    return rep;
}

cv::Mat gridImage(const AdherenceReport& r, int seedsShown, int zoom) {
    if (r.cells.empty()) return {};
    std::vector<std::string> cats, conds;
    for (const auto& c : r.cells) {
        if (std::find(cats.begin(), cats.end(), c.category) == cats.end()) cats.push_back(c.category);
        if (std::find(conds.begin(), conds.end(), c.condition) == conds.end()) conds.push_back(c.condition);
    }
    const int H = static_cast<int>(r.cells[0].images.size(2)) * zoom, W = static_cast<int>(r.cells[0].images.size(3)) * zoom;
    const int shown = std::min<int>(seedsShown, static_cast<int>(r.cells[0].images.size(0)));
    const int pad = 4, labelW = 90, labelH = 22;
    const int cellW = shown * W + (shown - 1) * 2;
    cv::Mat out(labelH + static_cast<int>(cats.size()) * (H + pad) + pad,
                labelW + static_cast<int>(conds.size()) * (cellW + pad) + pad, CV_8UC3, cv::Scalar(250, 250, 250));
    for (size_t j = 0; j < conds.size(); ++j)
        cv::putText(out, conds[j], {labelW + static_cast<int>(j) * (cellW + pad) + 4, 16}, cv::FONT_HERSHEY_SIMPLEX, 0.5,
                    cv::Scalar(40, 40, 40), 1, cv::LINE_AA);
    for (size_t i = 0; i < cats.size(); ++i)
        cv::putText(out, cats[i], {6, labelH + static_cast<int>(i) * (H + pad) + H / 2 + 5}, cv::FONT_HERSHEY_SIMPLEX, 0.5,
                    cv::Scalar(40, 40, 40), 1, cv::LINE_AA);
    for (const auto& c : r.cells) {
        const int i = static_cast<int>(std::find(cats.begin(), cats.end(), c.category) - cats.begin());
        const int j = static_cast<int>(std::find(conds.begin(), conds.end(), c.condition) - conds.begin());
        const auto imgs = toImages(c.images.slice(0, 0, shown), true);
        for (int s = 0; s < shown; ++s) {
            cv::Mat big;
            cv::resize(imgs[static_cast<size_t>(s)], big, cv::Size(W, H), 0, 0, cv::INTER_CUBIC);
            big.copyTo(out(cv::Rect(labelW + j * (cellW + pad) + s * (W + 2), labelH + i * (H + pad), W, H)));
        }
    }
    return out;
}

std::string reportJson(const AdherenceReport& r) {
    nlohmann::json cells = nlohmann::json::array();
    for (const auto& c : r.cells) {
        std::vector<std::string> pc, pb;
        for (int k : c.predictedCategory) pc.push_back(r.judgeCategories[static_cast<size_t>(k)]);
        for (int k : c.predictedCondition) pb.push_back(r.judgeConditions[static_cast<size_t>(k)]);
        cells.push_back({{"category", c.category}, {"condition", c.condition}, {"prompt", c.prompt},
                         {"category_accuracy", c.categoryAccuracy}, {"background_accuracy", c.backgroundAccuracy},
                         {"diversity", c.diversity}, {"judged_category", pc}, {"judged_background", pb}});
    }
    nlohmann::json share;
    for (size_t i = 0; i < r.judgeConditions.size(); ++i) share[r.judgeConditions[i]] = r.conditionShare[i];
    return nlohmann::json{{"category_accuracy", r.categoryAccuracy},
                          {"background_accuracy", r.backgroundAccuracy},
                          {"background_forced_choice", r.backgroundForcedChoice},
                          {"chance", r.chance},
                          {"diversity", r.diversity},
                          {"reference_diversity", r.referenceDiversity},
                          {"judged_background_share", share},
                          {"images", r.images},
                          {"render_seconds", r.renderSeconds},
                          {"cells", cells}}
        .dump(2);
}

} // namespace adv::base
