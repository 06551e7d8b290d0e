// Denoising loss of a model (with its LoRAs) on a pair manifest, per timestep, with the
// right captions and with captions swapped between pairs that differ. The gap between the
// two is how much the model listens to the caption at that noise level — a model that
// ignores the condition words scores the same on both.
#pragma once

#include "pipeline/sd_pipeline.h"
#include "util/cancel.h"

#include <string>
#include <vector>

namespace adv::train {

struct LossEvalOptions {
    std::vector<int> timesteps{50, 200, 400, 600, 800, 950};
    int noiseDraws = 2;       // noise samples per item and timestep
    int resolution = 0;       // 0 = the model's native size
    int maxItems = 64;        // items used (evenly spaced over the manifest)
    uint64_t seed = 0;
};

struct LossEvalRow {
    int timestep = 0;
    double loss = 0;          // mean squared error of the predicted noise
    double lossSwapped = 0;   // the same images and noise, another pair's caption
};

struct LossEvalReport {
    int items = 0;
    std::vector<LossEvalRow> rows;
    double meanLoss() const;
    double meanSwapped() const;
};

LossEvalReport evalDenoisingLoss(StableDiffusion& sd, const std::string& manifest, const LossEvalOptions& o,
                                 const ProgressFn& progress = {}, const CancelToken* cancel = nullptr);

} // namespace adv::train
