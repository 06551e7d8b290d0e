#include "train/train_presets.h"

#include "util/error.h"

namespace adv::train {

namespace {

// The recipe fields go back to the trainer's defaults before a preset sets its own, so two presets applied
// in either order give the same config; everything else (where the run reads and writes, its device,
// resolution, validation previews and NaN guard) is the user's and stays.
TrainConfig base(const TrainConfig& from) {
    const TrainConfig d;
    TrainConfig c = from;
    c.centerCrop = d.centerCrop;
    c.randomFlip = d.randomFlip;
    c.rank = d.rank;
    c.alpha = d.alpha;
    c.dropout = d.dropout;
    c.targets = d.targets;
    c.trainTextEncoder = d.trainTextEncoder;
    c.convRank = d.convRank;
    c.convAlpha = d.convAlpha;
    c.learningRate = d.learningRate;
    c.lrSchedule = d.lrSchedule;
    c.warmupSteps = d.warmupSteps;
    c.steps = d.steps;
    c.batch = d.batch;
    c.gradAccum = d.gradAccum;
    c.maxGradNorm = d.maxGradNorm;
    c.weightDecay = d.weightDecay;
    c.beta1 = d.beta1, c.beta2 = d.beta2, c.eps = d.eps;
    c.snrGamma = d.snrGamma;
    c.noiseOffset = d.noiseOffset;
    c.multiresNoiseIterations = d.multiresNoiseIterations;
    c.multiresNoiseDiscount = d.multiresNoiseDiscount;
    c.debiasedEstimation = d.debiasedEstimation;
    c.subjectLossWeight = d.subjectLossWeight;
    c.timestepBias = d.timestepBias;
    c.timestepBiasPortion = d.timestepBiasPortion;
    c.timestepBiasMultiplier = d.timestepBiasMultiplier;
    c.timestepBiasBegin = d.timestepBiasBegin, c.timestepBiasEnd = d.timestepBiasEnd;
    c.seed = d.seed;
    c.mode = d.mode;
    c.lcmSolverSteps = d.lcmSolverSteps;
    c.lcmWMin = d.lcmWMin, c.lcmWMax = d.lcmWMax;
    c.lcmLossType = d.lcmLossType;
    c.lcmHuberC = d.lcmHuberC;
    c.lcmTeacherLoras = d.lcmTeacherLoras;
    c.checkpointEvery = d.checkpointEvery;
    c.keepCheckpoints = d.keepCheckpoints;
    return c;
}

} // namespace

void useDemoRecipe(TrainConfig& tc) {
    tc.randomFlip = true;
    tc.rank = 8;
    // The condition words were never trained in the base model's text encoder: adapt it too.
    tc.trainTextEncoder = true;
    tc.alpha = tc.rank;
    // Attention and feed-forward of every transformer block: the base has to learn to draw
    // backdrops it never drew, not only to attend differently.
    tc.targets = {"to_q", "to_k", "to_v", "to_out.0", "ff.net.0.proj", "ff.net.2"};
    // And the ResNet convs (LoCon): a backdrop is texture and layout the attention layers alone
    // learn too slowly (without them the demo reached background 74 %, category 79 %).
    tc.convRank = 8;
    tc.convAlpha = tc.convRank;
    tc.learningRate = 3e-3;
    tc.lrSchedule = "cosine";
    tc.warmupSteps = 20;
    tc.steps = 700;
    tc.batch = 16;
    useBackdropNoiseRecipe(tc);  // the caption, not the noise, must carry the backdrop
    tc.subjectLossWeight = 1.0;
    tc.weightDecay = 0;
    tc.checkpointEvery = tc.steps;
    tc.seed = 42;
}

void useLcmDistillRecipe(TrainConfig& tc) {
    tc.mode = "lcm_distill";
    tc.randomFlip = true;
    // Every projection of the transformer blocks and the ResNet convs, as LCM-LoRA adapts SD 1.5: the
    // student has to learn a different function (one step instead of twenty), not a new subject.
    tc.targets = {"to_q", "to_k", "to_v", "to_out.0", "proj_in", "proj_out", "ff.net.0.proj", "ff.net.2"};
    tc.rank = 16;
    tc.alpha = tc.rank;
    tc.convRank = 16;
    tc.convAlpha = tc.convRank;
    tc.learningRate = 1e-3;
    tc.lrSchedule = "cosine";
    tc.warmupSteps = 50;
    tc.steps = 1000;
    tc.batch = 16;
    tc.weightDecay = 0;
    // The embedded model's own guidance range (it is sampled at CFG 5 by default): CFG 4 to 7.
    tc.lcmWMin = 3.0;
    tc.lcmWMax = 6.0;
    tc.checkpointEvery = 500;
    tc.seed = 42;
}

const std::vector<PresetInfo>& trainingPresets() {
    static const std::vector<PresetInfo> p = {
        {"demo", "Embedded model: backdrops (the demo's recipe)",
         "What `advariant-cli demo` trains: the shipped model learns beach, space and city backdrops it never drew."},
        {"sd15-product", "SD 1.5: product on backdrops",
         "Real SD 1.5 weights, 512 px pairs: attention LoRA rank 16 with min-SNR 5 and a noise offset, 1,500 steps."},
        {"sd15-style", "SD 1.5: look and style (LoCon)",
         "A look that lives in textures too: attention and ResNet convs (LoCon rank 8), text encoder adapted."},
        {"lcm-distill", "Embedded model: Fast-mode accelerator (LCM-LoRA)",
         "Distils the base model into an LCM-LoRA: 4 LCM steps at CFG 1 instead of 20 guided steps (the shipped lcm.safetensors)."},
        {"sd15-lcm", "SD 1.5: LCM-LoRA distillation",
         "An LCM-LoRA of a fine-tuned SD 1.5 checkpoint: rank 64 on attention, feed-forward and convs, guidance w 5 to 15."},
        {"quick-test", "Quick test (50 steps)",
         "Checks a pair set and a model end to end in a minute or two; not for use."},
    };
    return p;
}

void applyTrainingPreset(const std::string& id, TrainConfig& c) {
    TrainConfig t = base(c);
    if (id == "demo") {
        useDemoRecipe(t);
    } else if (id == "sd15-product") {
        t.rank = 16;
        t.alpha = 8;
        t.learningRate = 1e-4;
        t.lrSchedule = "cosine";
        t.warmupSteps = 100;
        t.steps = 1500;
        t.batch = 2;
        t.gradAccum = 2;
        t.snrGamma = 5;
        t.noiseOffset = 0.05;
        t.randomFlip = true;
        t.checkpointEvery = 250;
        t.keepCheckpoints = 6;  // kohya users keep per-epoch saves and pick the best
    } else if (id == "sd15-style") {
        t.rank = 8;
        t.alpha = 4;
        t.convRank = 8;
        t.convAlpha = 4;
        t.trainTextEncoder = true;
        t.learningRate = 1e-4;
        t.lrSchedule = "cosine";
        t.warmupSteps = 100;
        t.steps = 2000;
        t.batch = 2;
        t.gradAccum = 2;
        t.snrGamma = 5;
        t.checkpointEvery = 250;
        t.keepCheckpoints = 8;
    } else if (id == "lcm-distill") {
        useLcmDistillRecipe(t);
    } else if (id == "sd15-lcm") {  // diffusers' train_lcm_distill_lora_sd.py defaults
        t.mode = "lcm_distill";
        t.targets = {"to_q", "to_k", "to_v", "to_out.0", "proj_in", "proj_out", "ff.net.0.proj", "ff.net.2"};
        t.rank = 64;
        t.alpha = 64;
        t.convRank = 64;
        t.convAlpha = 64;
        t.learningRate = 1e-4;
        t.lrSchedule = "constant";
        t.steps = 3000;
        t.batch = 4;
        t.gradAccum = 2;
        t.weightDecay = 0;
        t.lcmWMin = 5.0;
        t.lcmWMax = 15.0;
        t.checkpointEvery = 500;
        t.keepCheckpoints = 6;
    } else if (id == "quick-test") {
        t.rank = 4;
        t.alpha = 4;
        t.learningRate = 1e-3;
        t.steps = 50;
        t.batch = 1;
        t.checkpointEvery = 25;
        t.keepCheckpoints = 2;
    } else {
        std::string known;
        for (const auto& p : trainingPresets()) known += (known.empty() ? "" : ", ") + p.id;
        throw Error("unknown training preset '" + id + "' (" + known + ")");
    }
    c = t;
}

} // namespace adv::train
