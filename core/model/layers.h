// Building blocks shared by the CLIP text encoder, the UNet and the VAE, with
// diffusers' submodule names so state-dict keys match checkpoints 1:1.
#pragma once

#include <torch/nn/module.h>
#include <torch/nn/modules/container/modulelist.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/modules/normalization.h>
#include <torch/nn/pimpl.h>

#include <vector>

namespace adv::nn {

// One low-rank adapter on a Linear or a Conv2d: y += scale * up(down(dropout(x))).
// On a Conv2d (LoCon) `down` is a k x k conv with the host's stride and padding and
// `up` a 1x1 conv. `scale` already folds alpha/rank and the user's strength.
struct LoraAdapter {
    torch::Tensor down;  // Linear: [rank, in]; Conv2d: [rank, in, k, k]
    torch::Tensor up;    // Linear: [out, rank]; Conv2d: [out, rank, 1, 1]
    double scale = 1.0;
    double dropout = 0.0;
    std::string tag;     // which LoRA it came from (for removal)
};

// nn.Linear with "weight"/"bias" keys plus optional LoRA adapters that are not
// part of its state dict (the LoRA network owns them).
class LinearImpl : public torch::nn::Module {
public:
    LinearImpl(int64_t in, int64_t out, bool bias = true);
    torch::Tensor forward(const torch::Tensor& x);

    int64_t inFeatures, outFeatures;
    torch::Tensor weight;  // [out, in]
    torch::Tensor bias;    // [out] or undefined
    std::vector<LoraAdapter> adapters;
};
TORCH_MODULE(Linear);

// torch's Conv2d (same "weight"/"bias" keys and options) plus LoRA adapters that are
// not part of its state dict; run it through nn::conv(), which applies them.
class Conv2dImpl : public torch::nn::Conv2dImpl {
public:
    explicit Conv2dImpl(const torch::nn::Conv2dOptions& options) : torch::nn::Conv2dImpl(options) {}
    int64_t kernel() const { return options.kernel_size()->at(0); }
    std::vector<LoraAdapter> adapters;
};
TORCH_MODULE(Conv2d);

// Multi-head attention over [B, N, H*D] projections. Sliced over queries when
// the score matrix would be large; softmax in f32 when `upcast`. `mask` is an
// additive [N, M] bias (e.g. CLIP's causal mask) or undefined.
torch::Tensor multiHeadAttention(const torch::Tensor& q, const torch::Tensor& k, const torch::Tensor& v,
                                 int64_t heads, const torch::Tensor& mask = {}, bool upcast = false);

// Bytes of score matrix allowed per slice (default 256 MiB); 0 disables slicing.
void setAttentionSliceBytes(int64_t bytes);

// diffusers.models.attention_processor.Attention (to_q, to_k, to_v, to_out.0).
// With normGroups > 0 it is the VAE's spatial self-attention: group_norm, 4-D
// input, residual connection, biased projections, f32 softmax.
struct AttentionOptions {
    int64_t queryDim = 0;
    int64_t crossDim = 0;       // 0: self-attention
    int64_t heads = 1;
    int64_t dimHead = 64;
    bool qkvBias = false;
    bool upcastSoftmax = false;
    int64_t normGroups = 0;
    double normEps = 1e-6;
};

class AttentionImpl : public torch::nn::Module {
public:
    explicit AttentionImpl(const AttentionOptions& o);
    torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& context = {});

    AttentionOptions opt;
    torch::nn::GroupNorm group_norm{nullptr};
    Linear to_q{nullptr}, to_k{nullptr}, to_v{nullptr};
    torch::nn::ModuleList to_out;
};
TORCH_MODULE(Attention);

// diffusers ResnetBlock2D (time_scale_shift "default"); temb channels 0 = none (VAE).
class ResnetBlock2DImpl : public torch::nn::Module {
public:
    ResnetBlock2DImpl(int64_t in, int64_t out, int64_t tembChannels, int64_t groups, double eps,
                      double outputScale = 1.0);
    torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& temb = {});

    torch::nn::GroupNorm norm1{nullptr}, norm2{nullptr};
    Conv2d conv1{nullptr}, conv2{nullptr}, conv_shortcut{nullptr};
    torch::nn::Linear time_emb_proj{nullptr};
    double outputScale;
};
TORCH_MODULE(ResnetBlock2D);

// Stride-2 3x3 conv ("conv"); padding 0 pads right/bottom by one first (VAE).
class Downsample2DImpl : public torch::nn::Module {
public:
    Downsample2DImpl(int64_t channels, int64_t padding);
    torch::Tensor forward(const torch::Tensor& x);
    Conv2d conv{nullptr};
    int64_t padding;
};
TORCH_MODULE(Downsample2D);

// Nearest 2x (or to `size`) then 3x3 conv ("conv").
class Upsample2DImpl : public torch::nn::Module {
public:
    explicit Upsample2DImpl(int64_t channels);
    torch::Tensor forward(const torch::Tensor& x, std::vector<int64_t> size = {});
    Conv2d conv{nullptr};
};
TORCH_MODULE(Upsample2D);

// BasicTransformerBlock: self-attn, cross-attn, GEGLU feed-forward (ff.net.0.proj, ff.net.2).
class BasicTransformerBlockImpl : public torch::nn::Module {
public:
    BasicTransformerBlockImpl(int64_t dim, int64_t heads, int64_t dimHead, int64_t crossDim, bool upcast);
    torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& context);

    torch::nn::LayerNorm norm1{nullptr}, norm2{nullptr}, norm3{nullptr};
    Attention attn1{nullptr}, attn2{nullptr};
    Linear ffIn{nullptr}, ffOut{nullptr};  // ff.net.0.proj, ff.net.2
};
TORCH_MODULE(BasicTransformerBlock);

// Transformer2DModel: group norm, proj_in (1x1 conv or linear), blocks, proj_out, residual.
class Transformer2DImpl : public torch::nn::Module {
public:
    Transformer2DImpl(int64_t heads, int64_t dimHead, int64_t inChannels, int64_t layers, int64_t crossDim,
                      int64_t groups, bool linearProjection, bool upcast);
    torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& context);

    torch::nn::GroupNorm norm{nullptr};
    Conv2d projInConv{nullptr}, projOutConv{nullptr};
    Linear projInLinear{nullptr}, projOutLinear{nullptr};
    torch::nn::ModuleList transformer_blocks;
    bool linearProjection;
};
TORCH_MODULE(Transformer2D);

torch::nn::GroupNorm groupNorm(int64_t groups, int64_t channels, double eps);
// Convolution (plus its LoRA adapters) with profiling (bench).
torch::Tensor conv(Conv2dImpl& c, const torch::Tensor& x);
// GroupNorm, optionally followed by SiLU; fused into one pass for bf16 CPU inference.
torch::Tensor norm(torch::nn::GroupNormImpl& n, const torch::Tensor& x, bool silu = false);

// Whether x is a bf16 CPU inference activation that the channels-last kernels take (Winograd and
// GroupNorm, model/cpu_kernels.h and winograd.h): the VAE decoder then runs channels-last.
bool channelsLastPays(const torch::Tensor& x);
Conv2d conv2d(int64_t in, int64_t out, int64_t kernel, int64_t stride = 1, int64_t padding = -1);

} // namespace adv::nn
