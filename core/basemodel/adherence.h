// Prompt adherence of a model, measured by the judge: renders the concept x
// condition grid over N seeds and reports category and background accuracy
// and a diversity figure (mean pairwise distance between the seeds of a cell).
#pragma once

#include "basemodel/judge.h"
#include "pipeline/sd_pipeline.h"
#include "util/cancel.h"

#include <opencv2/core.hpp>

#include <string>
#include <vector>

namespace adv::base {

struct AdherenceOptions {
    std::vector<std::string> categories{"dress", "pants", "shirt", "sweater"};
    std::vector<std::string> conditions{"beach", "space", "city"};
    int seeds = 4;
    int64_t firstSeed = 1000;
    std::string sampler = "dpmpp_2m_karras";
    int steps = 20;
    double cfg = 5.0;
    std::string negativePrompt;
    int cacheInterval = 0;  // DeepCache (GenerateParams::cacheInterval)
};

struct AdherenceCell {
    std::string category, condition, prompt;
    std::vector<int> predictedCategory;   // index into the judge's categories, per seed
    std::vector<int> predictedCondition;  // index into the judge's conditions, per seed
    double categoryAccuracy = 0, backgroundAccuracy = 0, diversity = 0;
    torch::Tensor images;  // [S, 3, H, W] in [0, 1]
};

struct AdherenceReport {
    std::vector<AdherenceCell> cells;         // category-major
    double categoryAccuracy = 0;              // judge's argmax over all its categories == asked
    double backgroundAccuracy = 0;            // judge's argmax over all its conditions == asked
    double backgroundForcedChoice = 0;        // argmax restricted to the asked conditions == asked
    double chance = 0;                        // 1 / number of asked conditions
    double diversity = 0;                     // mean pairwise RMS distance between seeds (0..1)
    double referenceDiversity = 0;            // the same figure on the synthetic ground truth
    double renderSeconds = 0;                 // rendering the grid (all seeds)
    int images = 0;
    std::vector<std::string> judgeConditions, judgeCategories;
    std::vector<double> conditionShare;       // share of images the judge assigns to each of its conditions
};

// Throws Error when a category or condition is unknown to the judge.
AdherenceReport evalAdherence(StableDiffusion& sd, const Judge& judge, const AdherenceOptions& o,
                              const ProgressFn& progress = {}, const CancelToken* cancel = nullptr);

// A labelled picture of the grid (first `seedsShown` seeds per cell), RGB8, upscaled by `zoom`.
cv::Mat gridImage(const AdherenceReport& r, int seedsShown = 1, int zoom = 2);

// JSON summary (no images).
std::string reportJson(const AdherenceReport& r);

} // namespace adv::base
