// A LoRA training run's configuration (FILE.json for `advariant-cli train`).
// Plain struct, no torch: the UI fills it in its form.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace adv::train {

struct TrainConfig {
    std::string model;             // base model (diffusers folder or SD1.x .safetensors); empty: the embedded model
    std::string tokenizer;         // tokenizer folder for single-file models
    std::string manifest;          // training pairs: JSONL with "image" and "caption" (pair manifest)
    std::string outDir;            // run folder
    std::string cacheDir;          // latent/text cache (default <outDir>/../.cache or <outDir>/cache)

    int resolution = 0;            // 0: the model's native size
    bool centerCrop = true;        // false: random crop (latents then encoded every step)
    bool randomFlip = false;

    // What the run learns: "lora" fine-tunes on the pairs' images; "lcm_distill" distils the base model into
    // an LCM-LoRA (latent consistency distillation, train/lcm_distill.h) for 2 to 8 step sampling at CFG 1.
    std::string mode = "lora";
    int lcmSolverSteps = 50;       // lcm_distill: the teacher's DDIM solver steps (skip T / N)
    double lcmWMin = 5.0;          // lcm_distill: guidance weights drawn in [w_min, w_max]; teacher CFG = 1 + w
    double lcmWMax = 15.0;
    std::string lcmLossType = "huber";  // lcm_distill: huber | l2
    double lcmHuberC = 0.001;
    // lcm_distill: LoRA files (at strength 1) the LCM-LoRA must also accelerate. Each micro-batch runs the base
    // alone or the base with one of them (equally often, frozen, in teacher, student and target alike), so the
    // LCM-LoRA learns the guided model with that LoRA too and stacks on it in Fast mode.
    std::vector<std::string> lcmTeacherLoras;

    int rank = 4;
    double alpha = 4.0;
    double dropout = 0.0;
    std::vector<std::string> targets{"to_q", "to_k", "to_v", "to_out.0"};
    bool trainTextEncoder = false;
    int convRank = 0;              // LoCon: > 0 also adapts the ResNet and resampler convs
    double convAlpha = 0;          // 0: conv_rank

    double learningRate = 1e-4;
    std::string lrSchedule = "constant";  // constant | constant_with_warmup | linear | cosine
    int warmupSteps = 0;
    int steps = 1000;
    int batch = 1;
    int gradAccum = 1;
    double maxGradNorm = 1.0;      // 0 = no clipping
    double weightDecay = 1e-2;
    double beta1 = 0.9, beta2 = 0.999, eps = 1e-8;
    double snrGamma = 0;           // min-SNR-gamma weighting (0 = off; 5 is common)
    double noiseOffset = 0;
    // Timestep bias as diffusers' training scripts: none | later | earlier | range. The biased
    // timesteps (the last / first `portion` of them, or [begin, end)) are drawn `multiplier` times
    // as often; "later" (noisier) steps decide layout and background, which is what a new
    // condition has to teach.
    // Multi-resolution ("pyramid") noise as kohya's sd-scripts: low-frequency noise added so the
    // layout cannot be read off a noisy latent and the caption has to supply it (0 = off).
    int multiresNoiseIterations = 0;
    double multiresNoiseDiscount = 0.3;
    // Loss weight 1/sqrt(SNR) (kohya's debiased_estimation_loss): noisier steps count more.
    bool debiasedEstimation = false;
    // Masked training: the loss weight on the subject (the garment, from the pair set's masks/)
    // relative to the rest of the image; 1 = plain loss. Below 1 the fine-tune learns mostly the
    // backdrops and less of the subject (for pairs whose subject the base model should keep).
    double subjectLossWeight = 1.0;
    std::string timestepBias = "none";
    double timestepBiasPortion = 0.25;
    double timestepBiasMultiplier = 1.0;
    int timestepBiasBegin = 0, timestepBiasEnd = 1000;
    uint64_t seed = 42;
    std::string device = "auto";
    bool mixedPrecision = true;    // CUDA only
    // Data-parallel runs (torchrun, Slurm, --nproc): `batch` is the global batch, split evenly over the ranks;
    // a collective waits this long for the slowest rank (a dead rank is noticed at once).
    int distTimeoutSeconds = 300;

    int checkpointEvery = 100;
    int keepCheckpoints = 3;
    int validateEvery = 0;         // 0 = never
    std::vector<std::string> validationPrompts;
    std::vector<int64_t> validationSeeds{1};
    int validationSteps = 20;
    double validationCfg = 7.5;

    int nanPatience = 3;           // consecutive non-finite steps before a rollback
    double nanLrFactor = 0.5;      // learning-rate factor applied at each rollback
    int maxRollbacks = 3;          // then stop with a reason
    std::vector<int> debugPoisonSteps;  // tests: steps whose batch is made non-finite
    int debugStepDelayMs = 0;           // tests: sleep after each step (to interrupt a run mid-way)

    static TrainConfig fromFile(const std::string& path);
    // `check`: also validate() (off for a form being filled in: types and unknown keys are still refused).
    static TrainConfig fromJsonText(const std::string& text, const std::string& origin, bool check = true);
    std::string toJsonText() const;
    // Empty when valid; otherwise one message per problem.
    std::vector<std::string> validate() const;
};

// The noise recipe the embedded model's demo LoRA trains with: at 16x16 latents SD's noise schedule never
// hides the backdrop (a noisy latent shows it at every timestep, so a plain LoRA reads it off the noise and
// ignores "on the beach"). Low-frequency (pyramid) noise, 1/sqrt(SNR) weighting and more of the noisy
// timesteps make the caption the only source of the backdrop.
void useBackdropNoiseRecipe(TrainConfig& c);

} // namespace adv::train
