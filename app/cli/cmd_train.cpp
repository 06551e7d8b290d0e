// advariant-cli train --config FILE.json [--resume RUN_DIR] [--nproc N]
#include "cli/args.h"
#include "cli/common.h"

#include "dist/launch_env.h"
#include "dist/process_group.h"
#include "platform/platform.h"
#include "train/train_presets.h"
#include "train/trainer.h"
#include "util/error.h"
#include "util/fs.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <thread>

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

volatile std::sig_atomic_t g_launcherSignal = 0;
void onLauncherSignal(int sig) { g_launcherSignal = sig; }

// `--nproc N`: N local ranks of this same command, started like torchrun starts them (RANK, WORLD_SIZE,
// LOCAL_RANK, MASTER_ADDR, MASTER_PORT, the store hosted here). When one rank fails the others are stopped;
// a signal (Ctrl-C, a scheduler's SIGTERM) is passed on so every rank checkpoints at the same step.
int launchLocal(const Args& a, int n) {
    if (!dist::available()) throw Error("--nproc: this build has no torch.distributed (Gloo) support");
    dist::StoreServer store(n);
    std::vector<std::string> args{"train"};
    for (const char* opt : {"--config", "--preset", "--manifest", "--model", "--resume", "--out", "--steps"})
        if (a.has(opt)) args.insert(args.end(), {opt, a.get(opt)});
    if (a.has("--json")) args.push_back("--json");
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    std::vector<platform::ChildProcess> ranks;
    for (int r = 0; r < n; ++r) {
        std::vector<std::pair<std::string, std::string>> env{
            {"RANK", std::to_string(r)},           {"WORLD_SIZE", std::to_string(n)},
            {"LOCAL_RANK", std::to_string(r)},     {"LOCAL_WORLD_SIZE", std::to_string(n)},
            {"MASTER_ADDR", "127.0.0.1"},          {"MASTER_PORT", std::to_string(store.port())},
            {"TORCHELASTIC_USE_AGENT_STORE", "True"}};
        if (!std::getenv("OMP_NUM_THREADS"))  // the cores shared out, as torchrun does
            env.emplace_back("OMP_NUM_THREADS", std::to_string(std::max(1u, cores / static_cast<unsigned>(n))));
        ranks.push_back(platform::ChildProcess::start(platform::executablePath(), args, env));
    }
    std::signal(SIGINT, onLauncherSignal);
    std::signal(SIGTERM, onLauncherSignal);
    int failedRank = -1, failedCode = 0;
    bool forwarded = false;
    for (;;) {
        int alive = 0;
        for (int r = 0; r < n; ++r) {
            if (ranks[r].running()) ++alive;
            else if (ranks[r].exitCode() != 0 && failedRank < 0) failedRank = r, failedCode = ranks[r].exitCode();
        }
        if (alive == 0) break;
        if (g_launcherSignal && !forwarded) {  // every rank stops at the same step and checkpoints
            for (auto& c : ranks) c.terminate();
            forwarded = true;
        }
        if (failedRank >= 0) {
            // One rank failed: the others notice through the process group; stop any that hang on.
            const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
            while (std::chrono::steady_clock::now() < deadline) {
                bool any = false;
                for (auto& c : ranks) any |= c.running();
                if (!any) break;
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
            }
            for (auto& c : ranks)
                if (c.running()) c.kill();
            for (auto& c : ranks) c.wait();
            throw Error("rank " + std::to_string(failedRank) + " of " + std::to_string(n) + " exited with code " +
                        std::to_string(failedCode) + "; the run's last checkpoint can be resumed (train --resume)");
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    if (failedRank >= 0)
        throw Error("rank " + std::to_string(failedRank) + " of " + std::to_string(n) + " exited with code " +
                    std::to_string(failedCode) + "; the run's last checkpoint can be resumed (train --resume)");
    return 0;
}

train::TrainConfig configFromArgs(const Args& a);

int run(const Args& a) {
    const int nproc = a.getInt("--nproc", 1);
    const dist::LaunchEnv launch = dist::launchEnvFromEnvironment();
    if (nproc > 1) {
        if (launch.distributed()) throw UsageError("--nproc: already running as " + launch.describe());
        return launchLocal(a, nproc);
    }
    const bool main = launch.rank == 0;
    train::TrainConfig cfg;
    const bool resume = a.has("--resume");
    if (resume) {
        cfg = train::runConfig(a.get("--resume"));
        cfg.outDir = a.get("--resume");
        if (a.has("--steps")) cfg.steps = a.getInt("--steps", cfg.steps);
    } else {
        cfg = configFromArgs(a);
        if (a.has("--print-config")) {
            std::printf("%s", cfg.toJsonText().c_str());
            return 0;
        }
    }
    train::TrainControl control;
    g_control = &control;
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    const bool json = a.has("--json") && main;
    ProgressBar bar("train", !json && main);
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
    if (!main) ev = {};  // rank 0 reports for the run
    const auto res = train::runTraining(cfg, ev, &control, resume, launch);
    bar.finish();
    g_control = nullptr;
    if (json)
        printJson(nlohmann::json{{"final_step", res.finalStep}, {"completed", res.completed}, {"stopped", res.stopped},
                                 {"failure", res.failure}, {"lora", res.loraPath}, {"seconds", res.seconds}}.dump());
    else if (!res.loraPath.empty() && main)
        std::printf("%s\n", res.loraPath.c_str());
    if (!res.failure.empty()) throw Error(res.failure);
    return 0;
}

// --config FILE, --preset ID on its own (with --manifest, --out and optionally --model) or on top of a
// config (the preset's recipe, the config's model, manifest and folders), then --out/--steps overrides.
train::TrainConfig configFromArgs(const Args& a) {
    if (!a.has("--config") && !a.has("--preset")) throw UsageError("--config FILE.json or --preset ID is needed");
    train::TrainConfig cfg;
    std::string origin = "--preset " + a.get("--preset", "");
    if (a.has("--config")) {
        cfg = train::TrainConfig::fromFile(a.get("--config"));
        origin = a.get("--config");
    } else {
        if (!a.has("--manifest")) throw UsageError("--preset without --config needs --manifest (the pair set's manifest.jsonl)");
        cfg.model = fs::embeddedModelDir();
    }
    if (a.has("--preset")) {
        try {
            train::applyTrainingPreset(a.get("--preset"), cfg);
        } catch (const Error& e) {
            throw UsageError(std::string("--preset: ") + e.what());
        }
    }
    if (a.has("--model")) cfg.model = a.get("--model");
    if (a.has("--manifest")) cfg.manifest = a.get("--manifest");
    if (a.has("--out")) cfg.outDir = a.get("--out");
    if (a.has("--steps")) cfg.steps = a.getInt("--steps", cfg.steps);
    const auto problems = cfg.validate();
    if (!problems.empty()) throw Error(origin + ": " + problems.front());
    return cfg;
}

Register reg({"train", "fine-tune a LoRA on a pair manifest (checkpoints, exact resume, NaN guard, metrics.jsonl)",
              "--config FILE.json | --preset ID --manifest FILE --out DIR | --resume RUN_DIR  [--nproc N]",
              {{"--config", "FILE", "training configuration (JSON)"},
               {"--preset", "ID", "a built-in recipe: demo, sd15-product, sd15-style, quick-test (with --config: "
                                  "the preset's recipe, the config's model, manifest and folders)"},
               {"--manifest", "FILE", "pair set manifest (overrides the config's)"},
               {"--model", "DIR", "base model (overrides the config's; default with --preset alone: the embedded model)"},
               {"--print-config", "", "print the resulting configuration (JSON, as the studio saves it) and exit"},
               {"--resume", "RUN_DIR", "continue an interrupted run from its latest checkpoint"},
               {"--out", "DIR", "run folder (overrides the config's out_dir)"},
               {"--steps", "N", "total optimizer steps (overrides the config)"},
               {"--nproc", "N", "data parallel: start N local ranks (the config's batch is split over them)"},
               {"--json", "", "one JSON line per step, then a summary"}},
              "Ctrl-C stops between steps and writes a checkpoint; --resume continues the same run.\n"
              "Data parallel: under torchrun (RANK, WORLD_SIZE, LOCAL_RANK, MASTER_ADDR, MASTER_PORT) or srun\n"
              "(SLURM_PROCID, SLURM_NTASKS, SLURM_LOCALID, SLURM_JOB_NODELIST) each process joins the group;\n"
              "--nproc N starts N local ranks itself. A run resumes on any number of ranks.", run});

} // namespace
} // namespace adv::cli
