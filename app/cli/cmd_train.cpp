// advariant-cli train --config FILE.json [--resume RUN_DIR]
#include "cli/args.h"
#include "cli/common.h"

#include "train/trainer.h"
#include "util/error.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <csignal>
#include <cstdio>

namespace adv::cli {
namespace {

train::TrainControl* g_control = nullptr;
void onSignal(int) {
    if (g_control) g_control->stop = true;  // the loop writes a checkpoint and stops
}

int run(const Args& a) {
    train::TrainConfig cfg;
    const bool resume = a.has("--resume");
    if (resume) {
        cfg = train::runConfig(a.get("--resume"));
        cfg.outDir = a.get("--resume");
        if (a.has("--steps")) cfg.steps = a.getInt("--steps", cfg.steps);
    } else {
        cfg = train::TrainConfig::fromFile(a.require("--config"));
        if (a.has("--out")) cfg.outDir = a.get("--out");
        if (a.has("--steps")) cfg.steps = a.getInt("--steps", cfg.steps);
        const auto problems = cfg.validate();
        if (!problems.empty()) throw Error(a.get("--config") + ": " + problems.front());
    }
    train::TrainControl control;
    g_control = &control;
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    const bool json = a.has("--json");
    ProgressBar bar("train", !json);
    train::TrainEvents ev;
    ev.onStep = [&](const train::StepMetrics& m) {
        char extra[96];
        std::snprintf(extra, sizeof extra, "loss %.4f lr %.2e", m.smoothLoss, m.lr);
        bar.update(m.step, m.totalSteps, extra);
        if (json)
            printJson(nlohmann::json{{"step", m.step}, {"loss", std::isfinite(m.loss) ? nlohmann::json(m.loss) : nlohmann::json()},
                                     {"smooth_loss", std::isfinite(m.smoothLoss) ? nlohmann::json(m.smoothLoss) : nlohmann::json()},
                                     {"lr", m.lr}, {"event", m.event}}.dump());
    };
    ev.onEvent = [&](const std::string& kind, const std::string& msg) {
        if (kind == "nan" || kind == "rollback" || kind == "failed" || kind == "resume" || kind == "stop")
            std::fprintf(stderr, "\n%s: %s\n", kind.c_str(), msg.c_str());
    };
    const auto res = train::runTraining(cfg, ev, &control, resume);
    bar.finish();
    g_control = nullptr;
    if (json)
        printJson(nlohmann::json{{"final_step", res.finalStep}, {"completed", res.completed}, {"stopped", res.stopped},
                                 {"failure", res.failure}, {"lora", res.loraPath}, {"seconds", res.seconds}}.dump());
    else if (!res.loraPath.empty())
        std::printf("%s\n", res.loraPath.c_str());
    if (!res.failure.empty()) throw Error(res.failure);
    return 0;
}

Register reg({"train", "fine-tune a LoRA on a pair manifest (checkpoints, exact resume, NaN guard, metrics.jsonl)",
              "--config FILE.json [--out DIR] | --resume RUN_DIR",
              {{"--config", "FILE", "training configuration (JSON)"},
               {"--resume", "RUN_DIR", "continue an interrupted run from its latest checkpoint"},
               {"--out", "DIR", "run folder (overrides the config's out_dir)"},
               {"--steps", "N", "total optimizer steps (overrides the config)"},
               {"--json", "", "one JSON line per step, then a summary"}},
              "Ctrl-C stops between steps and writes a checkpoint; --resume continues the same run.", run});

} // namespace
} // namespace adv::cli
