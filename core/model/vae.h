// AutoencoderKL (diffusers): encoder -> quant_conv -> diagonal Gaussian,
// post_quant_conv -> decoder. Keys match diffusers (>= 0.14 attention names).
#pragma once

#include "model/config.h"
#include "model/layers.h"

namespace adv {

// UNetMidBlock2D without time embedding: resnets.0, attentions.0, resnets.1
class VaeMidBlockImpl : public torch::nn::Module {
public:
    VaeMidBlockImpl(int64_t channels, int64_t groups, bool attention);
    torch::Tensor forward(torch::Tensor h);
    torch::nn::ModuleList resnets, attentions;
};
TORCH_MODULE(VaeMidBlock);

// DownEncoderBlock2D / UpDecoderBlock2D: resnets + optional down/upsampler
class VaeBlockImpl : public torch::nn::Module {
public:
    VaeBlockImpl(int64_t in, int64_t out, int64_t layers, int64_t groups, bool down, bool up);
    torch::Tensor forward(torch::Tensor h);
    torch::nn::ModuleList resnets, samplers;
    bool down, up;
};
TORCH_MODULE(VaeBlock);

class VaeEncoderImpl : public torch::nn::Module {
public:
    explicit VaeEncoderImpl(const VaeConfig& c);
    torch::Tensor forward(const torch::Tensor& image);  // [B,3,H,W] -> [B,2*latent,H/f,W/f]
    nn::Conv2d conv_in{nullptr}, conv_out{nullptr};
    torch::nn::ModuleList down_blocks;
    VaeMidBlock mid_block{nullptr};
    torch::nn::GroupNorm conv_norm_out{nullptr};
};
TORCH_MODULE(VaeEncoder);

class VaeDecoderImpl : public torch::nn::Module {
public:
    explicit VaeDecoderImpl(const VaeConfig& c);
    torch::Tensor forward(const torch::Tensor& z);  // [B,latent,h,w] -> [B,3,h*f,w*f]
    nn::Conv2d conv_in{nullptr}, conv_out{nullptr};
    torch::nn::ModuleList up_blocks;
    VaeMidBlock mid_block{nullptr};
    torch::nn::GroupNorm conv_norm_out{nullptr};
};
TORCH_MODULE(VaeDecoder);

struct LatentDist {
    torch::Tensor mean, logvar, std;  // [B, latent, h, w]
    torch::Tensor sample(torch::Generator* gen = nullptr) const;
    // diffusers' DiagonalGaussianDistribution: moments [B, 2*latent, h, w] split into mean and log-variance.
    static LatentDist fromMoments(const torch::Tensor& moments);
};

class AutoencoderKLImpl : public torch::nn::Module {
public:
    explicit AutoencoderKLImpl(const VaeConfig& config);
    torch::Tensor moments(const torch::Tensor& image);  // quant_conv(encoder(x)): [B, 2*latent, h, w]
    LatentDist encode(const torch::Tensor& image);      // image in [-1, 1]
    torch::Tensor decode(const torch::Tensor& z);       // raw latent (already / scaling_factor) -> [-1,1]-ish image

    VaeConfig config;
    VaeEncoder encoder{nullptr};
    VaeDecoder decoder{nullptr};
    nn::Conv2d quant_conv{nullptr}, post_quant_conv{nullptr};
};
TORCH_MODULE(AutoencoderKL);

} // namespace adv
