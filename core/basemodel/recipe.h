// The embedded model's training recipe (recipe.json): seeds, data,
// architecture and hyper-parameters of every stage, so `train-base` retrains
// the shipped weights from scratch. Plain struct, no torch.
#pragma once

#include "model/config.h"

#include <cstdint>
#include <string>
#include <vector>

namespace adv::base {

struct StageOptions {
    int steps = 1000;
    int batch = 32;
    double learningRate = 1e-3;
    int warmupSteps = 100;
    std::string schedule = "cosine";  // lrFactor() names
    double weightDecay = 0.0;
    double maxGradNorm = 1.0;
};

struct Recipe {
    std::string name = "advariant-tiny";
    uint64_t seed = 1234;
    int resolution = 64;       // training / native image size
    int renderScale = 4;       // garments are drawn at resolution*renderScale, then area-downsampled
    // Garment categories (Fashionpedia ids) the base model learns; names come from the taxonomy.
    std::vector<int> categories{0, 2, 6, 7, 8, 10};

    // Data
    int images = 12000;               // studio renders for the diffusion stage
    double colorInCaption = 0.85;     // "a red dress" vs "a dress"
    double patternInCaption = 0.5;    // "a red striped dress" when the garment has a pattern
    double studioSuffix = 0.2;        // "... in the studio", "... on a white background"
    double captionDropout = 0.1;      // empty caption, for classifier-free guidance
    // Phrases added to the tokenizer corpus only (the product's condition templates), so
    // "beach" is a word of the vocabulary even though the base model never sees it in training.
    std::vector<std::string> extraCorpus;
    int tokenizerMerges = 600;

    // Autoencoder stage: studio renders plus generic scenes (a general image codec). The mix's
    // member defaults are what recipes written before these fields meant; Recipe::defaults()
    // holds the shipped values.
    int vaeImages = 4000;
    double vaeStudioFraction = 0.7;   // share of the images that are studio renders
    // Share that are garments on busy non-target scenes (meadow, street, snow, ...; never a
    // judged condition), so the latent keeps a garment's outline against any backdrop. The
    // rest are scenes with coloured shapes.
    double vaeSceneGarments = 0.0;
    // Share of each batch recoloured at random (channel permutation, per-channel gain and
    // offset), so the codec keeps colours its scenes never had: without it the shipped codec
    // returns beach sand pink. Off in the shipped recipe: with 0.5 the shipped judge recognised
    // 75 % of the demo pairs after the round trip (70 % with the shipped codec), but the diffusion
    // model trained on that latent drew pink-cast, noisier images and its LoRA kept fewer garments.
    double vaeColorJitter = 0.0;
    double klWeight = 1e-6;
    StageOptions vae{1500, 16, 1e-3, 100, "cosine", 0.0, 1.0};

    // Diffusion stage (text encoder + UNet, trained together).
    StageOptions unet{6000, 24, 6e-4, 200, "cosine", 1e-2, 1.0};
    double emaDecay = 0.999;
    double snrGamma = 5.0;
    // Refinement: continues from the EMA weights with offset noise (a per-channel constant
    // added to the noise), so the model stops reading the global colour out of the initial
    // noise — at 16x16 latents the mean of pure noise otherwise decides the background.
    StageOptions refine{1200, 24, 2e-4, 50, "cosine", 1e-2, 1.0};
    double refineNoiseOffset = 0.1;

    // Judge (background + category classifier), trained on the synthetic ground truth.
    int judgeImagesPerClass = 300;
    // Share of the judge's images made the way the studio makes training pairs: the garment cut
    // out of a studio render with its mask and composited (shadow, colour harmonisation, pair
    // scale) onto the condition's background. 0 (the member default, and the shipped recipe's) =
    // every garment drawn straight onto the background. With 0.5 the judge recognised 97 % of the
    // demo pairs as they are (85 % without).
    double judgeComposited = 0.0;
    StageOptions judge{1200, 64, 2e-3, 50, "cosine", 1e-4, 0.0};
    std::vector<std::string> judgeConditions{"studio", "beach", "space", "city"};

    std::string storeDtype = "f16";  // weights as shipped: f16 or f32

    // The noise schedule the diffusion stages train with, shipped as scheduler/scheduler_config.json;
    // SD 1.5's by default (and for recipes without a "scheduler"). At this model's 16x16 latents SD's
    // final SNR (0.0047, ~1.2 for the mean of 256 latent pixels) leaves a picture's mean colour
    // visible in pure noise. A retrain ending the schedule at beta 0.025 (final SNR 3.6e-5) drew
    // worse: seed-decided garments, prompt colours ignored (category 44 % against 98 %). With
    // "prediction_type": "v_prediction" as well the base drew best (category 100 %), but the demo's
    // LoRA could no longer teach it the backdrops (README). The shipped recipe keeps SD's schedule.
    SchedulerConfig scheduler;

    ClipTextConfig text;
    UNetConfig unetConfig;
    VaeConfig vaeConfig;

    static Recipe fromFile(const std::string& path);
    static Recipe fromJsonText(const std::string& text, const std::string& origin);
    static Recipe defaults();  // the shipped recipe
    std::string toJsonText() const;
    std::vector<std::string> categoryNames() const;  // short names: "shirt", "sweater", ...
};

// Short garment name used in prompts: "shirt, blouse" -> "shirt".
std::string shortCategoryName(int fashionpediaId);
// Fashionpedia id for a short or full name ("shirt", "shirt, blouse"); -1 if unknown.
int categoryIdByName(const std::string& name);

} // namespace adv::base
