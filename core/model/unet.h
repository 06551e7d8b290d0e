// UNet2DConditionModel (diffusers), config-driven: SD1.5, SD2-style linear
// projections and tiny test configs alike. Keys match diffusers exactly.
#pragma once

#include "model/config.h"
#include "model/layers.h"


namespace adv {

// CrossAttnDownBlock2D / DownBlock2D: resnets, attentions (cross-attn only), downsamplers.0
class UNetDownBlockImpl : public torch::nn::Module {
public:
    UNetDownBlockImpl(const UNetConfig& c, size_t index, int64_t in, int64_t out, bool crossAttn, bool addDownsample);
    // Returns the block output; appends each skip tensor to `skips`.
    // `shallow`: stop before the downsampler (DeepCache's shallow branch needs only the full-size skips).
    torch::Tensor forward(torch::Tensor h, const torch::Tensor& temb, const torch::Tensor& context,
                          std::vector<torch::Tensor>& skips, bool shallow = false);
    torch::nn::ModuleList resnets, attentions, downsamplers;
    bool crossAttn;
};
TORCH_MODULE(UNetDownBlock);

// CrossAttnUpBlock2D / UpBlock2D: resnets (taking skip concatenation), attentions, upsamplers.0
class UNetUpBlockImpl : public torch::nn::Module {
public:
    UNetUpBlockImpl(const UNetConfig& c, size_t index, int64_t in, int64_t prevOut, int64_t out, int64_t layers,
                    bool crossAttn, bool addUpsample);
    torch::Tensor forward(torch::Tensor h, const torch::Tensor& temb, const torch::Tensor& context,
                          std::vector<torch::Tensor>& skips, std::vector<int64_t> upsampleSize);
    torch::nn::ModuleList resnets, attentions, upsamplers;
    bool crossAttn;
};
TORCH_MODULE(UNetUpBlock);

// UNetMidBlock2DCrossAttn: resnets.0, attentions.0, resnets.1
class UNetMidBlockImpl : public torch::nn::Module {
public:
    explicit UNetMidBlockImpl(const UNetConfig& c);
    torch::Tensor forward(torch::Tensor h, const torch::Tensor& temb, const torch::Tensor& context);
    torch::nn::ModuleList resnets, attentions;
};
TORCH_MODULE(UNetMidBlock);

// DeepCache (Ma, Fang and Wang, CVPR 2024; training-free): the features entering the last up block change
// little between adjacent sampling steps. A full pass keeps them; a reusing pass runs only the shallow
// branch (conv_in, the first down block's layers, the last up block, the output conv) on the kept ones.
struct UNetFeatureCache {
    torch::Tensor deep;  // [B, ch_last_up_in, h, w] the last up block's input at the last full pass
    bool reuse = false;  // set by the caller before a pass; a cache that does not fit the input runs in full
    int fullPasses = 0, shallowPasses = 0;
};

class UNet2DConditionModelImpl : public torch::nn::Module {
public:
    // `storage`: each block's parameters are converted to it as soon as the block is built, so an
    // SD-sized UNet meant for bf16 never exists in f32 as a whole (3.4 GB for SD 1.5).
    explicit UNet2DConditionModelImpl(const UNetConfig& config, torch::ScalarType storage = torch::kFloat32);

    // sample [B, in, h, w], timesteps [B] or [1] (int or float), context [B, 77, cross] -> [B, out, h, w]
    torch::Tensor forward(const torch::Tensor& sample, const torch::Tensor& timesteps, const torch::Tensor& context);
    // The same with DeepCache: keeps the deep features in `cache` on a full pass, reuses them when cache->reuse.
    torch::Tensor forward(const torch::Tensor& sample, const torch::Tensor& timesteps, const torch::Tensor& context,
                          UNetFeatureCache* cache);

    UNetConfig config;
    nn::Conv2d conv_in{nullptr}, conv_out{nullptr};
    torch::nn::Linear linear_1{nullptr}, linear_2{nullptr};
    torch::nn::ModuleList down_blocks, up_blocks;
    UNetMidBlock mid_block{nullptr};
    torch::nn::GroupNorm conv_norm_out{nullptr};
};
TORCH_MODULE(UNet2DConditionModel);

// Sinusoidal timestep embedding exactly as diffusers' get_timestep_embedding.
torch::Tensor timestepEmbedding(const torch::Tensor& timesteps, int64_t dim, bool flipSinToCos, double freqShift);

} // namespace adv
