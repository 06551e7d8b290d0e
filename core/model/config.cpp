#include "model/config.h"

#include "util/error.h"
#include "util/json_read.h"
#include "util/fs.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <type_traits>

namespace adv {

using json = nlohmann::json;

namespace {

json parse(const std::string& text, const std::string& origin) {
    try {
        json j = json::parse(text);
        if (!j.is_object()) throw FileError(origin, "config is not a JSON object");
        return j;
    } catch (const json::exception& e) {
        throw FileError(origin, jsonErrorText(e));
    }
}

template <typename T>
void get(const json& j, const char* key, T& out, const std::string& origin) {
    jsonread::readOptional(j, key, out, origin);  // whole numbers that fit, finite reals, typed lists
}

// Range rules for every number a config gives: a zero head count or group
// count would divide by zero, a negative size would allocate garbage, and a
// million channels would ask for terabytes; each is refused naming the field.
void range(const std::string& origin, const std::string& key, int64_t v, int64_t lo, int64_t hi) {
    if (v < lo || v > hi)
        throw FileError(origin, "config field '" + key + "' is " + std::to_string(v) + ", allowed " + std::to_string(lo) +
                                    ".." + std::to_string(hi));
}
void rangeList(const std::string& origin, const std::string& key, const std::vector<int>& v, int64_t lo, int64_t hi) {
    for (size_t i = 0; i < v.size(); ++i) range(origin, key + "[" + std::to_string(i) + "]", v[i], lo, hi);
}
void rangeReal(const std::string& origin, const std::string& key, double v, double lo, double hi) {
    if (!(v >= lo && v <= hi)) {
        char buf[160];
        std::snprintf(buf, sizeof buf, "' is %g, allowed %g..%g", v, lo, hi);
        throw FileError(origin, "config field '" + key + buf);
    }
}
constexpr int64_t kMaxChannels = 16384;
constexpr int64_t kMaxBlocks = 8;
constexpr int64_t kMaxLayers = 64;

// An int or a list of ints, broadcast to n entries.
std::vector<int> intOrList(const json& j, const char* key, std::vector<int> fallback, size_t n, const std::string& origin) {
    auto it = j.find(key);
    if (it != j.end() && !it->is_null()) {
        if (it->is_number_integer()) {
            int v = 0;
            get(j, key, v, origin);
            return std::vector<int>(n, v);
        }
        if (it->is_array()) {
            std::vector<int> v;
            jsonread::readValue(*it, v, key, origin);
            if (v.size() != n)
                throw FileError(origin, std::string("config field '") + key + "' has " + std::to_string(v.size()) +
                                            " entries, expected " + std::to_string(n));
            return v;
        }
        throw FileError(origin, std::string("config field '") + key + "' must be an int or a list");
    }
    if (fallback.size() == 1) return std::vector<int>(n, fallback[0]);
    fallback.resize(n, fallback.empty() ? 1 : fallback.back());
    return fallback;
}

void refuseIfSet(const json& j, const char* key, const std::string& origin, const char* what) {
    auto it = j.find(key);
    if (it != j.end() && !it->is_null() && !(it->is_boolean() && !it->get<bool>()))
        throw FileError(origin, std::string("unsupported UNet config: ") + key + " (" + what + ")");
}

} // namespace

ClipTextConfig ClipTextConfig::fromJsonText(const std::string& text, const std::string& origin) {
    json j = parse(text, origin);
    ClipTextConfig c;
    get(j, "vocab_size", c.vocabSize, origin);
    get(j, "hidden_size", c.hiddenSize, origin);
    get(j, "intermediate_size", c.intermediateSize, origin);
    get(j, "num_hidden_layers", c.numLayers, origin);
    get(j, "num_attention_heads", c.numHeads, origin);
    get(j, "max_position_embeddings", c.maxPositions, origin);
    get(j, "hidden_act", c.hiddenAct, origin);
    get(j, "layer_norm_eps", c.layerNormEps, origin);
    get(j, "eos_token_id", c.eosTokenId, origin);
    range(origin, "vocab_size", c.vocabSize, 1, 1 << 20);
    range(origin, "hidden_size", c.hiddenSize, 1, kMaxChannels);
    range(origin, "intermediate_size", c.intermediateSize, 1, 4 * kMaxChannels);
    range(origin, "num_hidden_layers", c.numLayers, 1, kMaxLayers);
    range(origin, "num_attention_heads", c.numHeads, 1, c.hiddenSize);
    range(origin, "max_position_embeddings", c.maxPositions, 77, 4096);
    range(origin, "eos_token_id", c.eosTokenId, 0, c.vocabSize - 1);
    rangeReal(origin, "layer_norm_eps", c.layerNormEps, 0.0, 1.0);
    if (c.hiddenSize % c.numHeads != 0) throw FileError(origin, "hidden_size is not a multiple of num_attention_heads");
    if (c.hiddenAct != "quick_gelu" && c.hiddenAct != "gelu")
        throw FileError(origin, "unsupported hidden_act '" + c.hiddenAct + "'");
    return c;
}
ClipTextConfig ClipTextConfig::fromFile(const std::string& path) { return fromJsonText(fs::readFile(path), path); }
ClipTextConfig ClipTextConfig::sd15() { return ClipTextConfig{}; }

UNetConfig UNetConfig::fromJsonText(const std::string& text, const std::string& origin) {
    json j = parse(text, origin);
    UNetConfig c;
    get(j, "in_channels", c.inChannels, origin);
    get(j, "out_channels", c.outChannels, origin);
    get(j, "block_out_channels", c.blockOutChannels, origin);
    get(j, "down_block_types", c.downBlockTypes, origin);
    get(j, "up_block_types", c.upBlockTypes, origin);
    get(j, "mid_block_type", c.midBlockType, origin);
    const size_t n = c.blockOutChannels.size();
    range(origin, "block_out_channels (length)", static_cast<int64_t>(n), 1, kMaxBlocks);
    rangeList(origin, "block_out_channels", c.blockOutChannels, 1, kMaxChannels);
    range(origin, "in_channels", c.inChannels, 1, 64);
    range(origin, "out_channels", c.outChannels, 1, 64);
    if (n == 0 || c.downBlockTypes.size() != n || c.upBlockTypes.size() != n)
        throw FileError(origin, "block_out_channels, down_block_types and up_block_types must have the same length");
    c.layersPerBlock = intOrList(j, "layers_per_block", {2}, n, origin);
    // diffusers: num_attention_heads = num_attention_heads or attention_head_dim.
    auto heads = j.find("num_attention_heads");
    const char* headsKey = heads != j.end() && !heads->is_null() ? "num_attention_heads" : "attention_head_dim";
    c.numAttentionHeads = intOrList(j, headsKey, {8}, n, origin);
    c.transformerLayersPerBlock = intOrList(j, "transformer_layers_per_block", {1}, n, origin);
    auto cad = j.find("cross_attention_dim");
    if (cad != j.end() && cad->is_array()) {
        std::vector<int> v;
        get(j, "cross_attention_dim", v, origin);
        if (v.empty()) throw FileError(origin, "cross_attention_dim is an empty list");
        for (int x : v)
            if (x != v[0]) throw FileError(origin, "per-block cross_attention_dim values are not supported");
        c.crossAttentionDim = v[0];
    } else {
        get(j, "cross_attention_dim", c.crossAttentionDim, origin);
    }
    get(j, "norm_num_groups", c.normNumGroups, origin);
    get(j, "norm_eps", c.normEps, origin);
    get(j, "flip_sin_to_cos", c.flipSinToCos, origin);
    get(j, "freq_shift", c.freqShift, origin);
    get(j, "downsample_padding", c.downsamplePadding, origin);
    get(j, "use_linear_projection", c.useLinearProjection, origin);
    get(j, "upcast_attention", c.upcastAttention, origin);
    get(j, "mid_block_scale_factor", c.midBlockScaleFactor, origin);
    get(j, "sample_size", c.sampleSize, origin);
    get(j, "conv_in_kernel", c.convInKernel, origin);
    get(j, "conv_out_kernel", c.convOutKernel, origin);
    rangeList(origin, "layers_per_block", c.layersPerBlock, 1, kMaxLayers);
    rangeList(origin, headsKey, c.numAttentionHeads, 1, kMaxChannels);
    rangeList(origin, "transformer_layers_per_block", c.transformerLayersPerBlock, 1, kMaxLayers);
    range(origin, "cross_attention_dim", c.crossAttentionDim, 1, kMaxChannels);
    range(origin, "norm_num_groups", c.normNumGroups, 1, kMaxChannels);
    rangeReal(origin, "norm_eps", c.normEps, 0.0, 1.0);
    range(origin, "freq_shift", c.freqShift, 0, 1);
    range(origin, "downsample_padding", c.downsamplePadding, 0, 1);
    rangeReal(origin, "mid_block_scale_factor", c.midBlockScaleFactor, 1e-6, 1e6);
    range(origin, "sample_size", c.sampleSize, 1, 1024);
    if (c.convInKernel != 1 && c.convInKernel != 3) range(origin, "conv_in_kernel", c.convInKernel, 3, 3);
    if (c.convOutKernel != 1 && c.convOutKernel != 3) range(origin, "conv_out_kernel", c.convOutKernel, 3, 3);
    refuseIfSet(j, "class_embed_type", origin, "class embeddings");
    refuseIfSet(j, "addition_embed_type", origin, "SDXL-style added conditioning");
    refuseIfSet(j, "time_cond_proj_dim", origin, "LCM time conditioning");
    refuseIfSet(j, "num_class_embeds", origin, "class embeddings");
    refuseIfSet(j, "encoder_hid_dim", origin, "encoder hidden projection");
    refuseIfSet(j, "dual_cross_attention", origin, "dual cross attention");
    refuseIfSet(j, "only_cross_attention", origin, "cross-attention-only blocks");
    std::string tst = "default";
    get(j, "resnet_time_scale_shift", tst, origin);
    if (tst != "default") throw FileError(origin, "unsupported UNet config: resnet_time_scale_shift=" + tst);
    for (size_t i = 0; i < n; ++i) {
        const auto& d = c.downBlockTypes[i];
        const auto& u = c.upBlockTypes[i];
        if (d != "CrossAttnDownBlock2D" && d != "DownBlock2D") throw FileError(origin, "unsupported down block type " + d);
        if (u != "CrossAttnUpBlock2D" && u != "UpBlock2D") throw FileError(origin, "unsupported up block type " + u);
        if (c.blockOutChannels[i] % c.numAttentionHeads[i] != 0)
            throw FileError(origin, "block_out_channels[" + std::to_string(i) + "] is not a multiple of its head count");
        if (c.blockOutChannels[i] % c.normNumGroups != 0)
            throw FileError(origin, "block_out_channels[" + std::to_string(i) + "] is not a multiple of norm_num_groups");
    }
    if (c.midBlockType != "UNetMidBlock2DCrossAttn")
        throw FileError(origin, "unsupported mid block type " + c.midBlockType);
    return c;
}
UNetConfig UNetConfig::fromFile(const std::string& path) { return fromJsonText(fs::readFile(path), path); }
UNetConfig UNetConfig::sd15() { return UNetConfig{}; }

VaeConfig VaeConfig::fromJsonText(const std::string& text, const std::string& origin) {
    json j = parse(text, origin);
    VaeConfig c;
    get(j, "in_channels", c.inChannels, origin);
    get(j, "out_channels", c.outChannels, origin);
    get(j, "block_out_channels", c.blockOutChannels, origin);
    get(j, "layers_per_block", c.layersPerBlock, origin);
    get(j, "latent_channels", c.latentChannels, origin);
    get(j, "norm_num_groups", c.normNumGroups, origin);
    get(j, "scaling_factor", c.scalingFactor, origin);
    get(j, "sample_size", c.sampleSize, origin);
    get(j, "mid_block_add_attention", c.midBlockAddAttention, origin);
    std::vector<std::string> down, up;
    get(j, "down_block_types", down, origin);
    get(j, "up_block_types", up, origin);
    range(origin, "in_channels", c.inChannels, 1, 64);
    range(origin, "out_channels", c.outChannels, 1, 64);
    range(origin, "block_out_channels (length)", static_cast<int64_t>(c.blockOutChannels.size()), 1, kMaxBlocks);
    rangeList(origin, "block_out_channels", c.blockOutChannels, 1, kMaxChannels);
    range(origin, "layers_per_block", c.layersPerBlock, 1, kMaxLayers);
    range(origin, "latent_channels", c.latentChannels, 1, 64);
    range(origin, "norm_num_groups", c.normNumGroups, 1, kMaxChannels);
    for (size_t i = 0; i < c.blockOutChannels.size(); ++i)
        if (c.blockOutChannels[i] % c.normNumGroups != 0)
            throw FileError(origin, "block_out_channels[" + std::to_string(i) + "] is not a multiple of norm_num_groups");
    rangeReal(origin, "scaling_factor", c.scalingFactor, 1e-6, 1e6);
    range(origin, "sample_size", c.sampleSize, 1, 65536);
    for (const auto& d : down)
        if (d != "DownEncoderBlock2D") throw FileError(origin, "unsupported VAE down block type " + d);
    for (const auto& u : up)
        if (u != "UpDecoderBlock2D") throw FileError(origin, "unsupported VAE up block type " + u);
    if ((!down.empty() && down.size() != c.blockOutChannels.size()) || (!up.empty() && up.size() != c.blockOutChannels.size()))
        throw FileError(origin, "VAE block type lists and block_out_channels differ in length");
    return c;
}
VaeConfig VaeConfig::fromFile(const std::string& path) { return fromJsonText(fs::readFile(path), path); }
VaeConfig VaeConfig::sd15() { return VaeConfig{}; }

SchedulerConfig SchedulerConfig::fromJsonText(const std::string& text, const std::string& origin) {
    json j = parse(text, origin);
    SchedulerConfig c;
    get(j, "num_train_timesteps", c.numTrainTimesteps, origin);
    get(j, "beta_start", c.betaStart, origin);
    get(j, "beta_end", c.betaEnd, origin);
    get(j, "beta_schedule", c.betaSchedule, origin);
    get(j, "set_alpha_to_one", c.setAlphaToOne, origin);
    get(j, "steps_offset", c.stepsOffset, origin);
    get(j, "prediction_type", c.predictionType, origin);
    get(j, "_class_name", c.className, origin);
    range(origin, "num_train_timesteps", c.numTrainTimesteps, 2, 100000);
    range(origin, "steps_offset", c.stepsOffset, 0, c.numTrainTimesteps - 1);
    rangeReal(origin, "beta_start", c.betaStart, 1e-12, 0.999);
    rangeReal(origin, "beta_end", c.betaEnd, c.betaStart, 0.999);
    if (c.betaSchedule != "scaled_linear" && c.betaSchedule != "linear")
        throw FileError(origin, "unsupported beta_schedule '" + c.betaSchedule + "'");
    if (c.predictionType != "epsilon" && c.predictionType != "v_prediction")
        throw FileError(origin, "unsupported prediction_type '" + c.predictionType + "'");
    return c;
}
SchedulerConfig SchedulerConfig::fromFile(const std::string& path) { return fromJsonText(fs::readFile(path), path); }

ModelShapes modelShapes(const std::string& name) {
    ModelShapes m;
    if (name == "sd15") return m;
    if (name == "tiny") {
        m.unet.blockOutChannels = {32, 64, 64, 64};
        m.unet.numAttentionHeads = {4, 4, 4, 4};
        m.unet.crossAttentionDim = 64;
        m.unet.normNumGroups = 16;
        m.unet.sampleSize = 16;
        m.vae.blockOutChannels = {32, 64, 64};
        m.vae.layersPerBlock = 1;
        m.vae.sampleSize = 64;
        m.text.hiddenSize = 64;
        m.text.intermediateSize = 128;
        m.text.numLayers = 2;
        m.text.numHeads = 4;
        return m;
    }
    throw Error("unknown model shape '" + name + "' (sd15 or tiny)");
}

std::string ClipTextConfig::toJsonText() const {
    json j{{"architectures", {"CLIPTextModel"}}, {"model_type", "clip_text_model"}, {"vocab_size", vocabSize},
           {"hidden_size", hiddenSize}, {"intermediate_size", intermediateSize}, {"num_hidden_layers", numLayers},
           {"num_attention_heads", numHeads}, {"max_position_embeddings", maxPositions}, {"hidden_act", hiddenAct},
           {"layer_norm_eps", layerNormEps}, {"bos_token_id", 0}, {"eos_token_id", eosTokenId}, {"pad_token_id", 1},
           {"projection_dim", hiddenSize}, {"torch_dtype", "float32"}};
    return j.dump(2);
}

std::string UNetConfig::toJsonText() const {
    json j{{"_class_name", "UNet2DConditionModel"}, {"in_channels", inChannels}, {"out_channels", outChannels},
           {"block_out_channels", blockOutChannels}, {"down_block_types", downBlockTypes}, {"up_block_types", upBlockTypes},
           {"mid_block_type", midBlockType}, {"layers_per_block", layersPerBlock}, {"attention_head_dim", numAttentionHeads},
           {"transformer_layers_per_block", transformerLayersPerBlock}, {"cross_attention_dim", crossAttentionDim},
           {"norm_num_groups", normNumGroups}, {"norm_eps", normEps}, {"flip_sin_to_cos", flipSinToCos},
           {"freq_shift", freqShift}, {"downsample_padding", downsamplePadding},
           {"use_linear_projection", useLinearProjection}, {"upcast_attention", upcastAttention},
           {"mid_block_scale_factor", midBlockScaleFactor}, {"sample_size", sampleSize}, {"act_fn", "silu"},
           {"center_input_sample", false}, {"conv_in_kernel", convInKernel}, {"conv_out_kernel", convOutKernel}};
    return j.dump(2);
}

std::string VaeConfig::toJsonText() const {
    json j{{"_class_name", "AutoencoderKL"}, {"in_channels", inChannels}, {"out_channels", outChannels},
           {"block_out_channels", blockOutChannels}, {"layers_per_block", layersPerBlock},
           {"latent_channels", latentChannels}, {"norm_num_groups", normNumGroups}, {"scaling_factor", scalingFactor},
           {"sample_size", sampleSize}, {"act_fn", "silu"},
           {"down_block_types", std::vector<std::string>(blockOutChannels.size(), "DownEncoderBlock2D")},
           {"up_block_types", std::vector<std::string>(blockOutChannels.size(), "UpDecoderBlock2D")}};
    return j.dump(2);
}

std::string SchedulerConfig::toJsonText() const {
    json j{{"_class_name", className}, {"num_train_timesteps", numTrainTimesteps}, {"beta_start", betaStart},
           {"beta_end", betaEnd}, {"beta_schedule", betaSchedule}, {"set_alpha_to_one", setAlphaToOne},
           {"steps_offset", stepsOffset}, {"prediction_type", predictionType}, {"skip_prk_steps", true},
           {"clip_sample", false}};
    return j.dump(2);
}

} // namespace adv
