// train-base: trains the embedded model from scratch per its recipe —
// tokenizer (BPE on the caption corpus), autoencoder, text encoder + UNet
// (with EMA), and the judge — and writes a diffusers folder.
#pragma once

#include "basemodel/recipe.h"
#include "util/cancel.h"

#include <functional>
#include <string>
#include <vector>

namespace adv::base {

struct StageReport {
    std::string name;   // tokenizer | data | vae | latents | diffusion | judge
    int steps = 0;
    double seconds = 0;
    double finalLoss = 0;   // mean over the last 5 % of steps (training stages)
    std::string detail;     // e.g. "vocabulary 1114", "scaling factor 0.61", "held-out accuracy 0.98 / 1.00"
};

struct BaseTrainResult {
    std::string outDir;
    std::vector<StageReport> stages;
    double seconds = 0;
    double scalingFactor = 0;
    uint64_t bytes = 0;       // all files written
};

// stage, step, total, running loss
using StageProgressFn = std::function<void(const std::string& stage, int step, int total, double loss)>;

// Writes <outDir> (must not exist or be empty): model_index.json, unet/, vae/, text_encoder/,
// tokenizer/, scheduler/, judge/, recipe.json, training.json (stage reports) and metrics.jsonl.
// Files appear under <outDir>.partial first and are renamed into place at the end.
//
// `continueFrom`: a folder this function wrote earlier with the same recipe; its tokenizer,
// autoencoder, text encoder, UNet and judge are loaded instead of trained, and only the
// refinement stage runs (for recipes that gained that stage after the folder was made).
BaseTrainResult trainBase(const Recipe& recipe, const std::string& outDir, const StageProgressFn& progress = {},
                          const CancelToken* cancel = nullptr, const std::string& continueFrom = "");

} // namespace adv::base
