#include "model/vae.h"

#include <torch/torch.h>

namespace adv {

namespace {
constexpr double kEps = 1e-6;
}

VaeMidBlockImpl::VaeMidBlockImpl(int64_t ch, int64_t groups, bool attention) {
    resnets->push_back(nn::ResnetBlock2D(ch, ch, 0, groups, kEps));
    if (attention) {
        nn::AttentionOptions o;
        o.queryDim = ch;
        o.heads = 1;
        o.dimHead = ch;
        o.qkvBias = true;
        o.upcastSoftmax = true;
        o.normGroups = groups;
        o.normEps = kEps;
        attentions->push_back(nn::Attention(o));
        register_module("attentions", attentions);
    }
    resnets->push_back(nn::ResnetBlock2D(ch, ch, 0, groups, kEps));
    register_module("resnets", resnets);
}

torch::Tensor VaeMidBlockImpl::forward(torch::Tensor h) {
    h = resnets[0]->as<nn::ResnetBlock2DImpl>()->forward(h);
    if (!attentions->is_empty()) h = attentions[0]->as<nn::AttentionImpl>()->forward(h);  // [B, C, H, W]
    return resnets[1]->as<nn::ResnetBlock2DImpl>()->forward(h);
}

VaeBlockImpl::VaeBlockImpl(int64_t in, int64_t out, int64_t layers, int64_t groups, bool d, bool u) : down(d), up(u) {
    for (int64_t j = 0; j < layers; ++j) resnets->push_back(nn::ResnetBlock2D(j == 0 ? in : out, out, 0, groups, kEps));
    register_module("resnets", resnets);
    if (d) {
        samplers->push_back(nn::Downsample2D(out, 0));
        register_module("downsamplers", samplers);
    } else if (u) {
        samplers->push_back(nn::Upsample2D(out));
        register_module("upsamplers", samplers);
    }
}

torch::Tensor VaeBlockImpl::forward(torch::Tensor h) {
    for (auto& r : *resnets) h = r->as<nn::ResnetBlock2DImpl>()->forward(h);
    if (down) h = samplers[0]->as<nn::Downsample2DImpl>()->forward(h);  // [B, C, H/2, W/2]
    if (up) h = samplers[0]->as<nn::Upsample2DImpl>()->forward(h);      // [B, C, 2H, 2W]
    return h;
}

VaeEncoderImpl::VaeEncoderImpl(const VaeConfig& c) {
    const auto& ch = c.blockOutChannels;
    conv_in = register_module("conv_in", nn::conv2d(c.inChannels, ch[0], 3));
    int64_t out = ch[0];
    for (size_t i = 0; i < ch.size(); ++i) {
        const int64_t in = out;
        out = ch[i];
        down_blocks->push_back(VaeBlock(in, out, c.layersPerBlock, c.normNumGroups, i + 1 < ch.size(), false));
    }
    register_module("down_blocks", down_blocks);
    mid_block = register_module("mid_block", VaeMidBlock(ch.back(), c.normNumGroups, c.midBlockAddAttention));
    conv_norm_out = register_module("conv_norm_out", nn::groupNorm(c.normNumGroups, ch.back(), kEps));
    conv_out = register_module("conv_out", nn::conv2d(ch.back(), 2 * c.latentChannels, 3));
}

torch::Tensor VaeEncoderImpl::forward(const torch::Tensor& image) {
    auto h = nn::conv(*conv_in, image);  // [B, ch0, H, W]
    // bf16 on the CPU: channels-last, as in the decoder (Winograd and GroupNorm across channels).
    if (nn::channelsLastPays(h)) h = h.contiguous(torch::MemoryFormat::ChannelsLast);
    for (auto& b : *down_blocks) h = b->as<VaeBlockImpl>()->forward(h);
    h = mid_block->forward(h);         // [B, chN, H/f, W/f]
    return nn::conv(*conv_out, nn::norm(*conv_norm_out, h, true)).contiguous();  // [B, 2*latent, H/f, W/f]
}

VaeDecoderImpl::VaeDecoderImpl(const VaeConfig& c) {
    std::vector<int> rev(c.blockOutChannels.rbegin(), c.blockOutChannels.rend());
    conv_in = register_module("conv_in", nn::conv2d(c.latentChannels, rev[0], 3));
    mid_block = register_module("mid_block", VaeMidBlock(rev[0], c.normNumGroups, c.midBlockAddAttention));
    int64_t out = rev[0];
    for (size_t i = 0; i < rev.size(); ++i) {
        const int64_t prev = out;
        out = rev[i];
        up_blocks->push_back(VaeBlock(prev, out, c.layersPerBlock + 1, c.normNumGroups, false, i + 1 < rev.size()));
    }
    register_module("up_blocks", up_blocks);
    conv_norm_out = register_module("conv_norm_out", nn::groupNorm(c.normNumGroups, rev.back(), kEps));
    conv_out = register_module("conv_out", nn::conv2d(rev.back(), c.outChannels, 3));
}

torch::Tensor VaeDecoderImpl::forward(const torch::Tensor& z) {
    auto h = nn::conv(*conv_in, z);  // [B, chN, h, w]
    // bf16 on the CPU: channels-last from here on (Winograd down to 128 channels, GroupNorm across
    // channels; 512x512 decode 4.9 -> 4.0 s measured here), back to NCHW at the end.
    if (nn::channelsLastPays(h)) h = h.contiguous(torch::MemoryFormat::ChannelsLast);
    h = mid_block->forward(h);
    for (auto& b : *up_blocks) h = b->as<VaeBlockImpl>()->forward(h);
    return nn::conv(*conv_out, nn::norm(*conv_norm_out, h, true)).contiguous();  // [B, 3, h*f, w*f]
}

torch::Tensor LatentDist::sample(torch::Generator* gen) const {
    auto noise = gen ? torch::randn(mean.sizes(), *gen, torch::TensorOptions().dtype(torch::kFloat32))
                     : torch::randn(mean.sizes(), torch::TensorOptions().dtype(torch::kFloat32));
    return mean + std * noise.to(mean.device(), mean.scalar_type());
}

AutoencoderKLImpl::AutoencoderKLImpl(const VaeConfig& c) : config(c) {
    encoder = register_module("encoder", VaeEncoder(c));
    decoder = register_module("decoder", VaeDecoder(c));
    quant_conv = register_module("quant_conv", nn::conv2d(2 * c.latentChannels, 2 * c.latentChannels, 1, 1, 0));
    post_quant_conv = register_module("post_quant_conv", nn::conv2d(c.latentChannels, c.latentChannels, 1, 1, 0));
}

torch::Tensor AutoencoderKLImpl::moments(const torch::Tensor& image) { return nn::conv(*quant_conv, encoder->forward(image)); }

LatentDist AutoencoderKLImpl::encode(const torch::Tensor& image) { return LatentDist::fromMoments(moments(image)); }

LatentDist LatentDist::fromMoments(const torch::Tensor& moments) {
    auto m = moments.chunk(2, 1);
    LatentDist d;
    d.mean = m[0];
    d.logvar = torch::clamp(m[1], -30.0, 20.0);
    d.std = torch::exp(0.5 * d.logvar);
    return d;
}

torch::Tensor AutoencoderKLImpl::decode(const torch::Tensor& z) { return decoder->forward(nn::conv(*post_quant_conv, z)); }

} // namespace adv
