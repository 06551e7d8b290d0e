#include "basemodel/recipe.h"

#include "dataset/garments.h"
#include "util/error.h"
#include "util/fs.h"

#include <nlohmann/json.hpp>

namespace adv::base {

using json = nlohmann::json;

namespace {

json stageJson(const StageOptions& s) {
    return json{{"steps", s.steps}, {"batch", s.batch}, {"learning_rate", s.learningRate},
                {"warmup_steps", s.warmupSteps}, {"lr_schedule", s.schedule}, {"weight_decay", s.weightDecay},
                {"max_grad_norm", s.maxGradNorm}};
}

StageOptions stageFrom(const json& j, StageOptions s) {
    s.steps = j.value("steps", s.steps);
    s.batch = j.value("batch", s.batch);
    s.learningRate = j.value("learning_rate", s.learningRate);
    s.warmupSteps = j.value("warmup_steps", s.warmupSteps);
    s.schedule = j.value("lr_schedule", s.schedule);
    s.weightDecay = j.value("weight_decay", s.weightDecay);
    s.maxGradNorm = j.value("max_grad_norm", s.maxGradNorm);
    return s;
}

} // namespace

std::string shortCategoryName(int id) {
    const auto* k = synth::garmentKind(id);
    if (!k) throw Error("unknown garment category id " + std::to_string(id));
    return k->name.substr(0, k->name.find(','));
}

int categoryIdByName(const std::string& name) {
    for (const auto& k : synth::garmentKinds())
        if (k.name == name || k.name.substr(0, k.name.find(',')) == name) return k.categoryId;
    return -1;
}

std::vector<std::string> Recipe::categoryNames() const {
    std::vector<std::string> out;
    for (int id : categories) out.push_back(shortCategoryName(id));
    return out;
}

Recipe Recipe::defaults() {
    Recipe r;
    r.extraCorpus = {"on the beach", "in space", "in the city", "in the forest", "in the snow", "in the desert",
                     "at night", "on the street", "in the park", "on a boat", "a photo of", "product shot"};
    r.text.vocabSize = 0;  // set from the trained tokenizer
    r.text.hiddenSize = 128;
    r.text.intermediateSize = 512;
    r.text.numLayers = 3;
    r.text.numHeads = 4;
    r.text.maxPositions = 77;
    auto& u = r.unetConfig;
    u.blockOutChannels = {32, 64, 96};
    u.downBlockTypes = {"CrossAttnDownBlock2D", "CrossAttnDownBlock2D", "DownBlock2D"};
    u.upBlockTypes = {"UpBlock2D", "CrossAttnUpBlock2D", "CrossAttnUpBlock2D"};
    u.layersPerBlock = {1, 1, 1};
    u.numAttentionHeads = {2, 4, 4};
    u.transformerLayersPerBlock = {1, 1, 1};
    u.crossAttentionDim = 128;
    u.normNumGroups = 32;
    u.sampleSize = 16;
    auto& v = r.vaeConfig;
    v.blockOutChannels = {16, 32, 64};
    v.layersPerBlock = 1;
    v.latentChannels = 4;
    v.normNumGroups = 8;
    v.sampleSize = 64;
    v.scalingFactor = 1.0;  // measured after the autoencoder stage
    r.scheduler.className = "DPMSolverMultistepScheduler";
    r.vae.steps = 2500;
    r.vaeStudioFraction = 0.6;
    r.vaeSceneGarments = 0.25;
    return r;
}

Recipe Recipe::fromFile(const std::string& path) { return fromJsonText(fs::readFile(path), path); }

Recipe Recipe::fromJsonText(const std::string& text, const std::string& origin) {
    json j;
    try {
        j = json::parse(text);
    } catch (const json::exception& e) {
        throw FileError(origin, jsonErrorText(e));
    }
    if (!j.is_object()) throw FileError(origin, "a recipe must be a JSON object");
    Recipe r = defaults();
    try {
        r.name = j.value("name", r.name);
        r.seed = j.value("seed", r.seed);
        r.resolution = j.value("resolution", r.resolution);
        r.renderScale = j.value("render_scale", r.renderScale);
        if (j.contains("categories")) {
            r.categories.clear();
            for (const auto& c : j.at("categories")) {
                const int id = c.is_number() ? c.get<int>() : categoryIdByName(c.get<std::string>());
                if (!synth::garmentKind(id))
                    throw FileError(origin, "categories: '" + c.dump() + "' is not one of the drawable garments");
                r.categories.push_back(id);
            }
        }
        if (j.contains("data")) {
            const auto& d = j.at("data");
            r.images = d.value("images", r.images);
            r.colorInCaption = d.value("color_in_caption", r.colorInCaption);
            r.patternInCaption = d.value("pattern_in_caption", r.patternInCaption);
            r.studioSuffix = d.value("studio_suffix", r.studioSuffix);
            r.captionDropout = d.value("caption_dropout", r.captionDropout);
        }
        if (j.contains("tokenizer")) {
            const auto& t = j.at("tokenizer");
            r.tokenizerMerges = t.value("merges", r.tokenizerMerges);
            r.extraCorpus = t.value("extra_corpus", r.extraCorpus);
        }
        // A recipe without one was trained with SD 1.5's schedule.
        r.scheduler = SchedulerConfig{};
        r.scheduler.className = "DPMSolverMultistepScheduler";
        if (j.contains("scheduler")) r.scheduler = SchedulerConfig::fromJsonText(j.at("scheduler").dump(), origin);
        if (j.contains("text_encoder")) {
            // A recipe's vocab_size 0 means "the trained tokenizer's size" (a model config needs >= 1).
            json te = j.at("text_encoder");
            const bool fromTokenizer = te.is_object() && te.value("vocab_size", json()) == json(0);
            if (fromTokenizer) te["vocab_size"] = 1 << 20;
            r.text = ClipTextConfig::fromJsonText(te.dump(), origin);
            if (fromTokenizer) r.text.vocabSize = 0;
        }
        if (j.contains("unet")) r.unetConfig = UNetConfig::fromJsonText(j.at("unet").dump(), origin);
        if (j.contains("vae")) r.vaeConfig = VaeConfig::fromJsonText(j.at("vae").dump(), origin);
        if (j.contains("training")) {
            const auto& t = j.at("training");
            if (t.contains("vae")) {
                r.vae = stageFrom(t.at("vae"), r.vae);
                r.vaeImages = t.at("vae").value("images", r.vaeImages);
                r.vaeStudioFraction = t.at("vae").value("studio_fraction", r.vaeStudioFraction);
                r.vaeSceneGarments = t.at("vae").value("scene_garments", r.vaeSceneGarments);
                r.vaeColorJitter = t.at("vae").value("color_jitter", r.vaeColorJitter);
                r.klWeight = t.at("vae").value("kl_weight", r.klWeight);
            }
            if (t.contains("diffusion")) {
                r.unet = stageFrom(t.at("diffusion"), r.unet);
                r.emaDecay = t.at("diffusion").value("ema_decay", r.emaDecay);
                r.snrGamma = t.at("diffusion").value("snr_gamma", r.snrGamma);
            }
            if (t.contains("refine")) {
                r.refine = stageFrom(t.at("refine"), r.refine);
                r.refineNoiseOffset = t.at("refine").value("noise_offset", r.refineNoiseOffset);
            }
            if (t.contains("judge")) {
                r.judge = stageFrom(t.at("judge"), r.judge);
                r.judgeImagesPerClass = t.at("judge").value("images_per_class", r.judgeImagesPerClass);
                r.judgeConditions = t.at("judge").value("conditions", r.judgeConditions);
                r.judgeComposited = t.at("judge").value("composited", r.judgeComposited);
            }
        }
        r.storeDtype = j.value("store_dtype", r.storeDtype);
    } catch (const json::exception& e) {
        throw FileError(origin, "bad recipe field: " + jsonErrorText(e));
    }
    if (r.resolution % r.vaeConfig.downscale() != 0)
        throw FileError(origin, "resolution must be a multiple of the autoencoder's downscale");
    if (r.categories.empty()) throw FileError(origin, "categories: at least one garment is needed");
    if (r.vaeStudioFraction < 0 || r.vaeSceneGarments < 0 || r.vaeStudioFraction + r.vaeSceneGarments > 1)
        throw FileError(origin, "training.vae: studio_fraction and scene_garments must be >= 0 and sum to at most 1");
    if (r.vaeColorJitter < 0 || r.vaeColorJitter > 1)
        throw FileError(origin, "training.vae.color_jitter must be between 0 and 1");
    if (r.judgeComposited < 0 || r.judgeComposited > 1)
        throw FileError(origin, "training.judge.composited must be between 0 and 1");
    if (r.unetConfig.inChannels != r.vaeConfig.latentChannels || r.unetConfig.outChannels != r.vaeConfig.latentChannels)
        throw FileError(origin, "unet in_channels and out_channels must equal the autoencoder's latent_channels (" +
                                    std::to_string(r.vaeConfig.latentChannels) + ")");
    if (r.storeDtype != "f16" && r.storeDtype != "f32") throw FileError(origin, "store_dtype must be f16 or f32");
    return r;
}

std::string Recipe::toJsonText() const {
    json cats = json::array();
    for (int id : categories) cats.push_back(shortCategoryName(id));
    json vae = stageJson(this->vae);
    vae["images"] = vaeImages;
    vae["studio_fraction"] = vaeStudioFraction;
    vae["scene_garments"] = vaeSceneGarments;
    vae["color_jitter"] = vaeColorJitter;
    vae["kl_weight"] = klWeight;
    json diff = stageJson(unet);
    diff["ema_decay"] = emaDecay;
    diff["snr_gamma"] = snrGamma;
    json refineJ = stageJson(refine);
    refineJ["noise_offset"] = refineNoiseOffset;
    json jd = stageJson(judge);
    jd["images_per_class"] = judgeImagesPerClass;
    jd["conditions"] = judgeConditions;
    jd["composited"] = judgeComposited;
    json j{{"name", name},
           {"seed", seed},
           {"resolution", resolution},
           {"render_scale", renderScale},
           {"categories", cats},
           {"data", {{"images", images}, {"color_in_caption", colorInCaption}, {"pattern_in_caption", patternInCaption},
                     {"studio_suffix", studioSuffix}, {"caption_dropout", captionDropout}}},
           {"tokenizer", {{"merges", tokenizerMerges}, {"extra_corpus", extraCorpus}}},
           {"scheduler", json::parse(scheduler.toJsonText())},
           {"text_encoder", json::parse(text.toJsonText())},
           {"unet", json::parse(unetConfig.toJsonText())},
           {"vae", json::parse(vaeConfig.toJsonText())},
           {"training", {{"vae", vae}, {"diffusion", diff}, {"refine", refineJ}, {"judge", jd}}},
           {"store_dtype", storeDtype}};
    return j.dump(2) + "\n";
}

} // namespace adv::base
