// advariant-cli train-base --recipe FILE --out DIR: retrain the embedded model from scratch.
#include "cli/args.h"
#include "cli/common.h"

#include "basemodel/train_base.h"
#include "util/device.h"
#include "util/fs.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>

namespace adv::cli {
namespace {

void scale(base::StageOptions& s, double f) {
    if (s.steps == 0) return;  // a stage the recipe switches off stays off
    s.steps = std::max(1, static_cast<int>(s.steps * f));
    s.warmupSteps = std::min(s.warmupSteps, s.steps / 4);
}

int run(const Args& a) {
    base::Recipe r = a.has("--recipe") ? base::Recipe::fromFile(a.get("--recipe")) : base::Recipe::defaults();
    if (a.has("--print-recipe")) {
        std::printf("%s", r.toJsonText().c_str());
        return 0;
    }
    const double f = a.getDouble("--scale", 1.0);
    if (f < 1) {
        scale(r.vae, f);
        scale(r.unet, f);
        scale(r.judge, f);
        scale(r.refine, f);
        r.images = std::max(static_cast<int>(r.categories.size()) * 4, static_cast<int>(r.images * f));
        r.vaeImages = std::max(16, static_cast<int>(r.vaeImages * f));
        r.judgeImagesPerClass = std::max(4, static_cast<int>(r.judgeImagesPerClass * f));
    }
    setCpuThreads(a.getInt("--threads", 0));
    const bool json = a.has("--json");
    ProgressBar bar("train-base", !json);
    std::string current;
    const auto res = base::trainBase(r, a.require("--out"), [&](const std::string& stage, int step, int total, double loss) {
        if (stage != current) {
            bar.finish();
            bar = ProgressBar(stage, !json);
            current = stage;
        }
        char extra[48];
        std::snprintf(extra, sizeof extra, "loss %.4f", loss);
        bar.update(step, total, extra);
    }, nullptr, a.get("--continue-from"));
    bar.finish();
    if (json) {
        nlohmann::json stages = nlohmann::json::array();
        for (const auto& s : res.stages)
            stages.push_back({{"stage", s.name}, {"steps", s.steps}, {"seconds", s.seconds}, {"final_loss", s.finalLoss},
                              {"detail", s.detail}});
        printJson(nlohmann::json{{"out", res.outDir}, {"seconds", res.seconds}, {"bytes", res.bytes},
                                 {"scaling_factor", res.scalingFactor}, {"stages", stages}}.dump());
    } else {
        for (const auto& s : res.stages)
            std::printf("%-10s %6d steps %8.1f s  loss %.4f  %s\n", s.name.c_str(), s.steps, s.seconds, s.finalLoss,
                        s.detail.c_str());
        std::printf("%s: %.1f MB in %.0f s\n", res.outDir.c_str(), res.bytes / 1e6, res.seconds);
    }
    return 0;
}

Register reg({"train-base", "train the embedded model from scratch: tokenizer, autoencoder, text encoder + UNet, judge",
              "[--recipe FILE] --out DIR",
              {{"--recipe", "FILE", "recipe.json (default: the built-in recipe the shipped model was made with)"},
               {"--out", "DIR", "output diffusers folder (new or empty)"},
               {"--scale", "F", "multiply every step and image count by F in (0, 1] (smoke tests)"},
               {"--threads", "N", "CPU threads (default: all cores)"},
               {"--continue-from", "DIR", "a folder an earlier train-base wrote: only the refinement stage runs"},
               {"--print-recipe", "", "print the recipe as JSON and exit"},
               {"--json", "", "machine-readable summary"}},
              "The shipped model is resources/models/advariant-tiny; its recipe.json retrains it.", run});

} // namespace
} // namespace adv::cli
