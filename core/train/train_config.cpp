#include "train/train_config.h"

#include "util/error.h"
#include "util/json_read.h"
#include "util/fs.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <limits>
#include <type_traits>

namespace adv::train {

using json = nlohmann::json;

#define ADV_TRAIN_FIELDS(X)                                                                                            \
    X(model, "model") X(tokenizer, "tokenizer") X(manifest, "manifest") X(outDir, "out_dir") X(cacheDir, "cache_dir") \
    X(resolution, "resolution") X(centerCrop, "center_crop") X(randomFlip, "random_flip") X(rank, "rank")             \
    X(alpha, "alpha") X(dropout, "dropout") X(targets, "targets") X(trainTextEncoder, "train_text_encoder")          \
    X(convRank, "conv_rank") X(convAlpha, "conv_alpha")                                                            \
    X(learningRate, "learning_rate") X(lrSchedule, "lr_schedule") X(warmupSteps, "warmup_steps") X(steps, "steps")    \
    X(batch, "batch") X(gradAccum, "grad_accum") X(maxGradNorm, "max_grad_norm") X(weightDecay, "weight_decay")      \
    X(beta1, "adam_beta1") X(beta2, "adam_beta2") X(eps, "adam_eps") X(snrGamma, "snr_gamma")                        \
    X(noiseOffset, "noise_offset") X(timestepBias, "timestep_bias")                                                \
    X(multiresNoiseIterations, "multires_noise_iterations") X(multiresNoiseDiscount, "multires_noise_discount")     \
    X(debiasedEstimation, "debiased_estimation_loss") X(subjectLossWeight, "subject_loss_weight")                    \
    X(timestepBiasPortion, "timestep_bias_portion") X(timestepBiasMultiplier, "timestep_bias_multiplier")           \
    X(timestepBiasBegin, "timestep_bias_begin") X(timestepBiasEnd, "timestep_bias_end")                                       \
    X(seed, "seed") X(device, "device") X(mixedPrecision, "mixed_precision")                                         \
    X(checkpointEvery, "checkpoint_every") X(keepCheckpoints, "keep_checkpoints") X(validateEvery, "validate_every")  \
    X(validationPrompts, "validation_prompts") X(validationSeeds, "validation_seeds")                               \
    X(validationSteps, "validation_steps") X(validationCfg, "validation_cfg") X(nanPatience, "nan_patience")         \
    X(nanLrFactor, "nan_lr_factor") X(maxRollbacks, "max_rollbacks") X(debugPoisonSteps, "debug_poison_steps") \
    X(debugStepDelayMs, "debug_step_delay_ms") X(distTimeoutSeconds, "dist_timeout_s") X(mode, "mode")                   \
    X(lcmSolverSteps, "lcm_num_ddim_timesteps") X(lcmWMin, "lcm_w_min") X(lcmWMax, "lcm_w_max")                      \
    X(lcmLossType, "lcm_loss_type") X(lcmHuberC, "lcm_huber_c") X(lcmTeacherLoras, "lcm_teacher_loras")

namespace {

// One field, by the project's checked JSON reader: whole numbers that fit the field (1e12 into an int would
// wrap, 2.5 would truncate, -1 into the seed would become 2^64-1), finite reals, typed lists.
template <typename T>
void readField(const json& v, T& out, const char* key, const std::string& origin) {
    jsonread::readValue(v, out, key, origin);
}

} // namespace

TrainConfig TrainConfig::fromJsonText(const std::string& text, const std::string& origin, bool check) {
    json j;
    try {
        j = json::parse(text);
    } catch (const json::exception& e) {
        throw FileError(origin, jsonErrorText(e));
    }
    if (!j.is_object()) throw FileError(origin, "a training config must be a JSON object");
    TrainConfig c;
    std::vector<std::string> known;
#define X(field, key)                                                                                               \
    known.push_back(key);                                                                                           \
    if (j.contains(key)) {                                                                                          \
        readField(j.at(key), c.field, key, origin);                                                                 \
    }
    ADV_TRAIN_FIELDS(X)
#undef X
    for (auto it = j.begin(); it != j.end(); ++it)
        if (std::find(known.begin(), known.end(), it.key()) == known.end() && it.key().rfind("_", 0) != 0)
            throw FileError(origin, "unknown field '" + it.key() + "'");
    if (!check) return c;
    const auto problems = c.validate();
    if (!problems.empty()) throw FileError(origin, problems.front());
    return c;
}

TrainConfig TrainConfig::fromFile(const std::string& path) { return fromJsonText(fs::readFile(path), path); }

std::string TrainConfig::toJsonText() const {
    json j;
#define X(field, key) j[key] = field;
    ADV_TRAIN_FIELDS(X)
#undef X
    return j.dump(2);
}

std::vector<std::string> TrainConfig::validate() const {
    std::vector<std::string> p;
    if (manifest.empty()) p.push_back("manifest is required (a pairs manifest.jsonl)");
    if (outDir.empty()) p.push_back("out_dir is required");
    if (resolution != 0 && (resolution < 8 || resolution % 8 != 0))
        p.push_back("resolution must be a positive multiple of 8 (or 0: the model's native size)");
    if (rank < 1) p.push_back("rank must be at least 1");
    if (alpha <= 0) p.push_back("alpha must be positive");
    if (convRank < 0) p.push_back("conv_rank must be 0 (no conv LoRA) or more");
    if (convAlpha < 0) p.push_back("conv_alpha must be 0 (= conv_rank) or positive");
    if (dropout < 0 || dropout >= 1) p.push_back("dropout must be in [0, 1)");
    if (!(learningRate > 0) || learningRate > 1) p.push_back("learning_rate must be in (0, 1]");
    if (lrSchedule != "constant" && lrSchedule != "constant_with_warmup" && lrSchedule != "linear" && lrSchedule != "cosine")
        p.push_back("lr_schedule must be constant, constant_with_warmup, linear or cosine");
    if (steps < 1) p.push_back("steps must be at least 1");
    if (batch < 1) p.push_back("batch must be at least 1");
    if (gradAccum < 1) p.push_back("grad_accum must be at least 1");
    if (warmupSteps < 0 || warmupSteps > steps) p.push_back("warmup_steps must be between 0 and steps");
    if (checkpointEvery < 1) p.push_back("checkpoint_every must be at least 1");
    if (keepCheckpoints < 1) p.push_back("keep_checkpoints must be at least 1");
    if (snrGamma < 0) p.push_back("snr_gamma must be >= 0");
    if (multiresNoiseIterations < 0 || multiresNoiseIterations > 10) p.push_back("multires_noise_iterations must be 0..10");
    if (!(multiresNoiseDiscount > 0 && multiresNoiseDiscount <= 1)) p.push_back("multires_noise_discount must be in (0, 1]");
    if (timestepBias != "none" && timestepBias != "later" && timestepBias != "earlier" && timestepBias != "range")
        p.push_back("timestep_bias must be none, later, earlier or range");
    if (!(timestepBiasPortion > 0 && timestepBiasPortion <= 1)) p.push_back("timestep_bias_portion must be in (0, 1]");
    if (!(timestepBiasMultiplier >= 0)) p.push_back("timestep_bias_multiplier must be >= 0");
    if (timestepBias == "range" && (timestepBiasBegin < 0 || timestepBiasEnd <= timestepBiasBegin))
        p.push_back("timestep_bias_begin must be >= 0 and below timestep_bias_end");
    if (!(subjectLossWeight >= 0 && subjectLossWeight <= 1)) p.push_back("subject_loss_weight must be in [0, 1]");
    // Upper bounds and finiteness (JSON's 1e999 reads as infinity): every number has a range.
    auto within = [&](double v, double lo, double hi, const char* what) {
        if (!(v >= lo && v <= hi)) p.push_back(std::string(what));
    };
    within(resolution, 0, 4096, "resolution must be at most 4096");
    within(rank, 1, 1024, "rank must be 1..1024");
    within(alpha, 0, 1e4, "alpha must be at most 10000");
    within(convRank, 0, 1024, "conv_rank must be 0..1024");
    within(convAlpha, 0, 1e4, "conv_alpha must be at most 10000");
    within(steps, 1, 1e7, "steps must be 1..10000000");
    within(batch, 1, 256, "batch must be 1..256");
    within(gradAccum, 1, 1024, "grad_accum must be 1..1024");
    within(maxGradNorm, 0, 1e6, "max_grad_norm must be a finite number >= 0");
    within(weightDecay, 0, 1, "weight_decay must be in [0, 1]");
    within(beta1, 0, 0.999999, "adam_beta1 must be in [0, 1)");
    within(beta2, 0, 0.999999999, "adam_beta2 must be in [0, 1)");
    within(eps, 1e-30, 1, "adam_eps must be in (0, 1]");
    within(snrGamma, 0, 1e4, "snr_gamma must be 0..10000");
    within(noiseOffset, 0, 1, "noise_offset must be in [0, 1]");
    within(timestepBiasMultiplier, 0, 1000, "timestep_bias_multiplier must be 0..1000");
    within(timestepBiasEnd, 1, 1000, "timestep_bias_end must be 1..1000");
    within(checkpointEvery, 1, 1e7, "checkpoint_every must be 1..10000000");
    within(keepCheckpoints, 1, 10000, "keep_checkpoints must be 1..10000");
    within(validateEvery, 0, 1e7, "validate_every must be 0 (never) or a step interval");
    within(validationSteps, 1, 1000, "validation_steps must be 1..1000");
    within(validationCfg, 0, 100, "validation_cfg must be 0..100");
    within(static_cast<double>(validationPrompts.size()), 0, 64, "at most 64 validation_prompts");
    within(static_cast<double>(validationSeeds.size()), 0, 64, "at most 64 validation_seeds");
    within(maxRollbacks, 0, 1000, "max_rollbacks must be 0..1000");
    within(debugStepDelayMs, 0, 60000, "debug_step_delay_ms must be 0..60000");
    within(distTimeoutSeconds, 10, 86400, "dist_timeout_s must be 10..86400");
    if (mode != "lora" && mode != "lcm_distill") p.push_back("mode must be lora or lcm_distill");
    within(lcmSolverSteps, 2, 1000, "lcm_num_ddim_timesteps must be 2..1000");
    within(lcmWMin, 0, 100, "lcm_w_min must be 0..100");
    within(lcmWMax, 0, 100, "lcm_w_max must be 0..100");
    if (lcmWMax < lcmWMin) p.push_back("lcm_w_max must be at least lcm_w_min");
    if (lcmLossType != "huber" && lcmLossType != "l2") p.push_back("lcm_loss_type must be huber or l2");
    within(lcmHuberC, 0, 1, "lcm_huber_c must be in [0, 1]");
    within(static_cast<double>(lcmTeacherLoras.size()), 0, 8, "at most 8 lcm_teacher_loras");
    if (!lcmTeacherLoras.empty() && mode != "lcm_distill") p.push_back("lcm_teacher_loras needs mode lcm_distill");
    for (const auto& f : lcmTeacherLoras)
        if (f.empty()) p.push_back("lcm_teacher_loras: an empty file name");
    if (mode == "lcm_distill") {
        // The teacher is the frozen base with the same text encoder, and the loss is the consistency
        // distance: options of the image loss would be silently ignored, so they are refused.
        auto unused = [&](bool set, const char* what) {
            if (set) p.push_back(std::string("mode lcm_distill does not use ") + what + " (the consistency loss replaces the image loss)");
        };
        if (trainTextEncoder) p.push_back("mode lcm_distill keeps the text encoder frozen (the teacher reads it too): set train_text_encoder false");
        unused(snrGamma > 0, "snr_gamma");
        unused(debiasedEstimation, "debiased_estimation_loss");
        unused(timestepBias != "none", "timestep_bias");
        unused(subjectLossWeight < 1.0, "subject_loss_weight");
        unused(multiresNoiseIterations > 0, "multires_noise_iterations");
        unused(noiseOffset > 0, "noise_offset");
    }
    if (nanPatience < 1) p.push_back("nan_patience must be at least 1");
    if (!(nanLrFactor > 0 && nanLrFactor <= 1)) p.push_back("nan_lr_factor must be in (0, 1]");
    return p;
}

void useBackdropNoiseRecipe(TrainConfig& c) {
    c.multiresNoiseIterations = 6;
    c.multiresNoiseDiscount = 0.5;
    c.debiasedEstimation = true;
    c.timestepBias = "later";
    c.timestepBiasPortion = 0.5;
    c.timestepBiasMultiplier = 2.0;
}

} // namespace adv::train
