// LoRA fine-tuning you can trust with a long run: cached latents and text
// embeddings, AdamW, LR schedules, gradient accumulation and clipping,
// min-SNR weighting, atomic checkpoints with exact resume, a NaN guard that
// skips, rolls back and lowers the learning rate, live metrics, validation images.
#pragma once

#include "dist/launch_env.h"
#include "train/train_config.h"
#include "util/cancel.h"

#include <atomic>
#include <functional>
#include <string>
#include <vector>

namespace adv::train {

struct StepMetrics {
    int step = 0;             // optimizer steps done (1-based)
    int totalSteps = 0;
    double loss = 0;          // NaN for a skipped step
    double smoothLoss = 0;
    double lr = 0;
    double stepSeconds = 0;
    double etaSeconds = 0;
    double gradNorm = 0;
    bool skipped = false;
    std::string event;        // "nan", "rollback", "checkpoint", ...
};

struct ValidationImage {
    int step = 0;
    std::string prompt;
    int64_t seed = 0;
    std::string path;         // PNG in the run folder
};

struct TrainEvents {
    std::function<void(const StepMetrics&)> onStep;
    std::function<void(const std::vector<ValidationImage>&)> onValidation;
    std::function<void(const std::string& kind, const std::string& message)> onEvent;
    ProgressFn onPrepare;     // caching latents / embeddings
};

// Pause/resume/stop between steps (the UI and signal handlers set these).
struct TrainControl {
    std::atomic<bool> pause{false};
    std::atomic<bool> stop{false};
};

struct TrainResult {
    int finalStep = 0;
    bool completed = false;   // reached config.steps
    bool stopped = false;     // stopped by the user (checkpoint written)
    std::string failure;      // set when the run gave up (e.g. repeated non-finite losses)
    std::string loraPath;     // final LoRA (kohya naming), empty if none was written
    double seconds = 0;
};

// Runs (or, with resume, continues from the run folder's latest checkpoint).
//
// Data-parallel when `launch` says so (torchrun / Slurm / `train --nproc`): every rank draws the whole global
// batch's random numbers from the same generator and takes its slice of the batch, so N ranks compute the
// same steps as one process with the same `batch` (equal up to float summation order); gradients are summed
// over the ranks before unscaling, clipping and AdamW, and every rank steps identically. Rank 0 caches the
// latents first (the others wait, then read the cache), writes checkpoints, metrics (the global loss),
// events and validation images. A checkpoint holds no per-rank state, so a run resumes on any world size.
TrainResult runTraining(const TrainConfig& config, const TrainEvents& events = {}, TrainControl* control = nullptr,
                        bool resume = false, const dist::LaunchEnv& launch = {});

// The run folder's newest checkpoint ("" if none), and the config a run was started with.
std::string latestCheckpoint(const std::string& runDir);
TrainConfig runConfig(const std::string& runDir);

// Reads metrics.jsonl of a run (for reopening finished runs).
std::vector<StepMetrics> readMetrics(const std::string& runDir);

} // namespace adv::train
