#include "basemodel/recipe.h"

#include "dataset/garments.h"
#include "util/error.h"
#include "util/fs.h"
#include "util/json_read.h"

#include <nlohmann/json.hpp>

#include <cstdio>

namespace adv::base {

using json = nlohmann::json;

namespace {

json stageJson(const StageOptions& s) {
    return json{{"steps", s.steps}, {"batch", s.batch}, {"learning_rate", s.learningRate},
                {"warmup_steps", s.warmupSteps}, {"lr_schedule", s.schedule}, {"weight_decay", s.weightDecay},
                {"max_grad_norm", s.maxGradNorm}};
}

StageOptions stageFrom(const json& j, StageOptions s, const std::string& origin, const std::string& prefix) {
    jsonread::readOptional(j, "steps", s.steps, origin, prefix);
    jsonread::readOptional(j, "batch", s.batch, origin, prefix);
    jsonread::readOptional(j, "learning_rate", s.learningRate, origin, prefix);
    jsonread::readOptional(j, "warmup_steps", s.warmupSteps, origin, prefix);
    jsonread::readOptional(j, "lr_schedule", s.schedule, origin, prefix);
    jsonread::readOptional(j, "weight_decay", s.weightDecay, origin, prefix);
    jsonread::readOptional(j, "max_grad_norm", s.maxGradNorm, origin, prefix);
    return s;
}

std::string shortNumber(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
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
        jsonread::readOptional(j, "name", r.name, origin, "");
        jsonread::readOptional(j, "seed", r.seed, origin, "");
        jsonread::readOptional(j, "resolution", r.resolution, origin, "");
        jsonread::readOptional(j, "render_scale", r.renderScale, origin, "");
        if (j.contains("categories")) {
            r.categories.clear();
            for (const auto& c : j.at("categories")) {
                int id = -1;
                if (c.is_number()) jsonread::readValue(c, id, "categories", origin);
                else if (c.is_string()) id = categoryIdByName(c.get<std::string>());
                if (!synth::garmentKind(id))
                    throw FileError(origin, "categories: '" + c.dump() + "' is not one of the drawable garments");
                r.categories.push_back(id);
            }
        }
        if (j.contains("data")) {
            const auto& d = j.at("data");
            jsonread::readOptional(d, "images", r.images, origin, "data");
            jsonread::readOptional(d, "color_in_caption", r.colorInCaption, origin, "data");
            jsonread::readOptional(d, "pattern_in_caption", r.patternInCaption, origin, "data");
            jsonread::readOptional(d, "studio_suffix", r.studioSuffix, origin, "data");
            jsonread::readOptional(d, "caption_dropout", r.captionDropout, origin, "data");
        }
        if (j.contains("tokenizer")) {
            const auto& t = j.at("tokenizer");
            jsonread::readOptional(t, "merges", r.tokenizerMerges, origin, "tokenizer");
            jsonread::readOptional(t, "extra_corpus", r.extraCorpus, origin, "tokenizer");
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
                r.vae = stageFrom(t.at("vae"), r.vae, origin, "training.vae");
                jsonread::readOptional(t.at("vae"), "images", r.vaeImages, origin, "training.vae");
                jsonread::readOptional(t.at("vae"), "studio_fraction", r.vaeStudioFraction, origin, "training.vae");
                jsonread::readOptional(t.at("vae"), "scene_garments", r.vaeSceneGarments, origin, "training.vae");
                jsonread::readOptional(t.at("vae"), "color_jitter", r.vaeColorJitter, origin, "training.vae");
                jsonread::readOptional(t.at("vae"), "kl_weight", r.klWeight, origin, "training.vae");
            }
            if (t.contains("diffusion")) {
                r.unet = stageFrom(t.at("diffusion"), r.unet, origin, "training.diffusion");
                jsonread::readOptional(t.at("diffusion"), "ema_decay", r.emaDecay, origin, "training.diffusion");
                jsonread::readOptional(t.at("diffusion"), "snr_gamma", r.snrGamma, origin, "training.diffusion");
            }
            if (t.contains("refine")) {
                r.refine = stageFrom(t.at("refine"), r.refine, origin, "training.refine");
                jsonread::readOptional(t.at("refine"), "noise_offset", r.refineNoiseOffset, origin, "training.refine");
            }
            if (t.contains("judge")) {
                r.judge = stageFrom(t.at("judge"), r.judge, origin, "training.judge");
                jsonread::readOptional(t.at("judge"), "images_per_class", r.judgeImagesPerClass, origin, "training.judge");
                jsonread::readOptional(t.at("judge"), "conditions", r.judgeConditions, origin, "training.judge");
                jsonread::readOptional(t.at("judge"), "composited", r.judgeComposited, origin, "training.judge");
            }
        }
        jsonread::readOptional(j, "store_dtype", r.storeDtype, origin, "");
    } catch (const json::exception& e) {
        throw FileError(origin, "bad recipe field: " + jsonErrorText(e));
    }
    auto within = [&](const std::string& field, double v, double lo, double hi) {
        if (!(v >= lo && v <= hi))
            throw FileError(origin, field + " must be between " + shortNumber(lo) + " and " + shortNumber(hi));
    };
    within("resolution", r.resolution, 8, 2048);
    within("render_scale", r.renderScale, 1, 16);
    within("data.images", r.images, 1, 1e7);
    within("training.vae.images", r.vaeImages, 1, 1e7);
    within("tokenizer.merges", r.tokenizerMerges, 0, 1e6);
    within("training.judge.images_per_class", r.judgeImagesPerClass, 1, 1e6);
    for (const double p : {r.colorInCaption, r.patternInCaption, r.studioSuffix, r.captionDropout})
        within("data: the caption probabilities", p, 0, 1);
    within("training.diffusion.ema_decay", r.emaDecay, 0, 1);
    within("training.diffusion.snr_gamma", r.snrGamma, 0, 1e3);
    within("training.refine.noise_offset", r.refineNoiseOffset, 0, 1);
    within("training.vae.kl_weight", r.klWeight, 0, 1e3);
    for (const auto& [name, st] : {std::pair<const char*, const StageOptions*>{"training.vae", &r.vae},
                                   {"training.diffusion", &r.unet}, {"training.refine", &r.refine},
                                   {"training.judge", &r.judge}}) {
        const std::string n = name;
        within(n + ".steps", st->steps, 0, 1e7);
        within(n + ".batch", st->batch, 1, 4096);
        within(n + ".learning_rate", st->learningRate, 0, 1);
        within(n + ".warmup_steps", st->warmupSteps, 0, 1e7);
        within(n + ".weight_decay", st->weightDecay, 0, 1);
        within(n + ".max_grad_norm", st->maxGradNorm, 0, 1e6);
        if (st->schedule != "constant" && st->schedule != "constant_with_warmup" && st->schedule != "linear" &&
            st->schedule != "cosine")
            throw FileError(origin, n + ".lr_schedule must be constant, constant_with_warmup, linear or cosine");
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
