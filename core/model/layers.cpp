#include "model/layers.h"

#include "model/conv_select.h"
#include "model/cpu_kernels.h"
#include "model/profile.h"
#include "model/torch_compat.h"

#include <torch/torch.h>

#include <atomic>
#include <cmath>
#include <string>

namespace adv::nn {

namespace F = torch::nn::functional;

namespace {
std::atomic<int64_t> g_sliceBytes{256ll << 20};
}

void setAttentionSliceBytes(int64_t bytes) { g_sliceBytes = bytes; }

torch::nn::GroupNorm groupNorm(int64_t groups, int64_t channels, double eps) {
    return torch::nn::GroupNorm(torch::nn::GroupNormOptions(groups, channels).eps(eps).affine(true));
}

Conv2d conv2d(int64_t in, int64_t out, int64_t kernel, int64_t stride, int64_t padding) {
    if (padding < 0) padding = kernel / 2;
    return Conv2d(torch::nn::Conv2dOptions(in, out, kernel).stride(stride).padding(padding));
}

LinearImpl::LinearImpl(int64_t in, int64_t out, bool withBias) : inFeatures(in), outFeatures(out) {
    const double bound = 1.0 / std::sqrt(static_cast<double>(in));
    weight = register_parameter("weight", torch::empty({out, in}).uniform_(-bound, bound));
    if (withBias) bias = register_parameter("bias", torch::empty({out}).uniform_(-bound, bound));
}

torch::Tensor LinearImpl::forward(const torch::Tensor& x) {
    prof::Scope ps("linear", 2.0 * x.numel() / inFeatures * inFeatures * outFeatures);
    torch::Tensor y = torch::linear(x, weight, bias);  // [..., out]
    for (const auto& a : adapters) {
        torch::Tensor h = x;
        if (a.dropout > 0 && is_training()) h = torch::dropout(h, a.dropout, true);
        const auto dt = x.scalar_type();
        torch::Tensor low = torch::linear(h, a.down.scalar_type() == dt ? a.down : a.down.to(dt));  // [..., rank]
        y = y + torch::linear(low, a.up.scalar_type() == dt ? a.up : a.up.to(dt)) * a.scale;       // [..., out]
    }
    return y;
}

torch::Tensor multiHeadAttention(const torch::Tensor& qIn, const torch::Tensor& kIn, const torch::Tensor& vIn,
                                 int64_t heads, const torch::Tensor& mask, bool upcast) {
    const int64_t B = qIn.size(0), N = qIn.size(1), C = qIn.size(2), M = kIn.size(1);
    const int64_t D = C / heads;
    auto q = qIn.view({B, N, heads, D}).transpose(1, 2);  // [B, H, N, D]
    auto k = kIn.view({B, M, heads, D}).transpose(1, 2);  // [B, H, M, D]
    auto v = vIn.view({B, M, heads, D}).transpose(1, 2);  // [B, H, M, D]
    const double scale = 1.0 / std::sqrt(static_cast<double>(D));
    prof::Scope ps("attention", 4.0 * B * heads * N * M * D);
    if (compat::kHaveFusedAttention && q.is_cuda())
        return compat::fusedAttention(q, k, v, mask).transpose(1, 2).reshape({B, N, C});  // [B, N, C]
    auto kT = k.transpose(-1, -2);  // [B, H, D, M]
    const int64_t limit = g_sliceBytes.load();
    const int64_t rowBytes = B * heads * M * static_cast<int64_t>(upcast ? 4 : q.element_size());
    int64_t chunk = N;
    if (limit > 0 && rowBytes * N > limit) chunk = std::max<int64_t>(1, limit / rowBytes);
    std::vector<torch::Tensor> parts;
    for (int64_t s = 0; s < N; s += chunk) {
        const int64_t e = std::min(N, s + chunk);
        auto qs = chunk == N ? q : q.slice(2, s, e);      // [B, H, n, D]
        auto scores = torch::matmul(qs * scale, kT);       // [B, H, n, M]; scaling q is a 4096/40 smaller pass
        if (mask.defined()) scores = scores + (chunk == N ? mask : mask.slice(0, s, e)).to(scores.dtype());
        if (upcast && scores.scalar_type() != torch::kFloat32) scores = scores.to(torch::kFloat32);
        auto probs = scores.softmax(-1).to(v.scalar_type());
        parts.push_back(torch::matmul(probs, v));          // [B, H, n, D]
    }
    auto out = parts.size() == 1 ? parts[0] : torch::cat(parts, 2);  // [B, H, N, D]
    return out.transpose(1, 2).reshape({B, N, C});                   // [B, N, C]
}

AttentionImpl::AttentionImpl(const AttentionOptions& o) : opt(o) {
    const int64_t inner = o.heads * o.dimHead;
    const int64_t kvDim = o.crossDim > 0 ? o.crossDim : o.queryDim;
    if (o.normGroups > 0) group_norm = register_module("group_norm", groupNorm(o.normGroups, o.queryDim, o.normEps));
    to_q = register_module("to_q", Linear(o.queryDim, inner, o.qkvBias));
    to_k = register_module("to_k", Linear(kvDim, inner, o.qkvBias));
    to_v = register_module("to_v", Linear(kvDim, inner, o.qkvBias));
    to_out = register_module("to_out", torch::nn::ModuleList(Linear(inner, o.queryDim, true)));
}

torch::Tensor AttentionImpl::forward(const torch::Tensor& xIn, const torch::Tensor& context) {
    torch::Tensor x = xIn;
    int64_t B = 0, C = 0, H = 0, W = 0;
    if (opt.normGroups > 0) {
        B = x.size(0), C = x.size(1), H = x.size(2), W = x.size(3);
        x = norm(*group_norm, x).view({B, C, H * W}).transpose(1, 2);  // [B, HW, C]
    }
    const torch::Tensor& ctx = context.defined() ? context : x;
    auto q = to_q->forward(x);    // [B, N, inner]
    auto k = to_k->forward(ctx);  // [B, M, inner]
    auto v = to_v->forward(ctx);  // [B, M, inner]
    auto o = multiHeadAttention(q, k, v, opt.heads, {}, opt.upcastSoftmax);
    o = to_out[0]->as<LinearImpl>()->forward(o);  // [B, N, queryDim]
    // xIn first: the sum takes its layout (the reshaped [B, C, H, W] view is channels-last, and
    // LibTorch lays a sum out like its first operand, so the other order turned NCHW models channels-last).
    if (opt.normGroups > 0) return xIn + o.transpose(1, 2).reshape({B, C, H, W});  // [B, C, H, W]
    return o;
}

ResnetBlock2DImpl::ResnetBlock2DImpl(int64_t in, int64_t out, int64_t temb, int64_t groups, double eps, double scale)
    : outputScale(scale) {
    norm1 = register_module("norm1", groupNorm(groups, in, eps));
    conv1 = register_module("conv1", conv2d(in, out, 3));
    if (temb > 0) time_emb_proj = register_module("time_emb_proj", torch::nn::Linear(temb, out));
    norm2 = register_module("norm2", groupNorm(groups, out, eps));
    conv2 = register_module("conv2", conv2d(out, out, 3));
    if (in != out) conv_shortcut = register_module("conv_shortcut", conv2d(in, out, 1, 1, 0));
}

namespace {
// Every conv here is square, ungrouped, undilated and zero-padded (see conv2d()).
torch::Tensor plainConv(Conv2dImpl& c, const torch::Tensor& x) {
    const auto& w = c.weight;  // [out, in, k, k]
    const int64_t s = c.options.stride()->at(0);
    const double flops = 2.0 * x.size(0) * w.size(0) * w.size(1) * w.size(2) * w.size(3) * (x.size(2) / s) * (x.size(3) / s);
    const char* kind = w.size(2) == 1 ? "conv1x1" : "conv3x3";
    if (prof::detailed())  // e.g. "conv3x3 128>128 @512x512 nhwc"
        kind = prof::intern(std::string(kind) + " " + std::to_string(w.size(1)) + ">" + std::to_string(w.size(0)) + " @" +
                            std::to_string(x.size(2)) + "x" + std::to_string(x.size(3)) +
                            (kern::channelsLast(x) ? " nhwc" : ""));
    prof::Scope ps(kind, flops);
    const auto* pad = compat::variantGetIf<torch::ExpandingArray<2>>(c.options.padding());
    if (pad && (*pad)->at(0) == (*pad)->at(1) && c.options.stride()->at(1) == s && c.options.groups() == 1)
        return convsel::conv2d(x, w, c.bias, s, (*pad)->at(0));
    return c.forward(x);
}
} // namespace

torch::Tensor conv(Conv2dImpl& c, const torch::Tensor& x) {
    torch::Tensor y = plainConv(c, x);  // [B, out, H', W']
    if (c.adapters.empty()) return y;
    const int64_t s = c.options.stride()->at(0);
    const auto* pad = compat::variantGetIf<torch::ExpandingArray<2>>(c.options.padding());
    const int64_t p = pad ? (*pad)->at(0) : 0;
    prof::Scope ps("lora-conv", 0);
    for (const auto& a : c.adapters) {
        torch::Tensor h = x;
        if (a.dropout > 0 && c.is_training()) h = torch::dropout(h, a.dropout, true);
        const auto dt = x.scalar_type();
        auto low = torch::conv2d(h, a.down.scalar_type() == dt ? a.down : a.down.to(dt), {}, s, p);  // [B, rank, H', W']
        y = y + torch::conv2d(low, a.up.scalar_type() == dt ? a.up : a.up.to(dt)) * a.scale;          // [B, out, H', W']
    }
    return y;
}

torch::Tensor norm(torch::nn::GroupNormImpl& n, const torch::Tensor& x, bool silu) {
    prof::Scope ps("groupnorm", 8.0 * x.numel());
    // LibTorch's bf16 GroupNorm is scalar code; the fused kernel has no backward, so inference only.
    if (x.scalar_type() == torch::kBFloat16 && !torch::GradMode::is_enabled() && x.device().is_cpu() &&
        kern::enabled()) {
        if (kern::handles(x)) return kern::groupNorm(x, n.options.num_groups(), n.weight, n.bias, n.options.eps(), silu);
        if (kern::channelsLast(x))
            return kern::groupNormChannelsLast(x, n.options.num_groups(), n.weight, n.bias, n.options.eps(), silu);
    }
    auto y = n.forward(x);
    return silu ? torch::silu(y) : y;
}

bool channelsLastPays(const torch::Tensor& x) {
    return x.dim() == 4 && x.scalar_type() == torch::kBFloat16 && x.device().is_cpu() &&
           !torch::GradMode::is_enabled() && kern::enabled() && convsel::enabled();
}

torch::Tensor ResnetBlock2DImpl::forward(const torch::Tensor& x, const torch::Tensor& temb) {
    auto h = conv(*conv1, norm(*norm1, x, true));  // [B, out, H, W]
    if (time_emb_proj && temb.defined()) {
        auto t = time_emb_proj->forward(torch::silu(temb));    // [B, out]
        h = h + t.unsqueeze(-1).unsqueeze(-1);
    }
    h = conv(*conv2, norm(*norm2, h, true));                // [B, out, H, W]
    auto skip = conv_shortcut ? conv(*conv_shortcut, x) : x;
    auto y = skip + h;
    return outputScale == 1.0 ? y : y / outputScale;
}

Downsample2DImpl::Downsample2DImpl(int64_t channels, int64_t pad) : padding(pad) {
    conv = register_module("conv", conv2d(channels, channels, 3, 2, pad));
}

torch::Tensor Downsample2DImpl::forward(const torch::Tensor& x) {
    if (padding == 0) return nn::conv(*conv, F::pad(x, F::PadFuncOptions({0, 1, 0, 1})));  // [B, C, H/2, W/2]
    return nn::conv(*conv, x);
}

Upsample2DImpl::Upsample2DImpl(int64_t channels) { conv = register_module("conv", conv2d(channels, channels, 3)); }

torch::Tensor Upsample2DImpl::forward(const torch::Tensor& x, std::vector<int64_t> size) {
    if (size.empty()) size = {x.size(2) * 2, x.size(3) * 2};
    torch::Tensor up;
    {
        prof::Scope ps("upsample", 0);
        const int64_t B = x.size(0), C = x.size(1), H = x.size(2), W = x.size(3);
        if (size[0] == 2 * H && size[1] == 2 * W && kern::channelsLast(x))  // the same on NHWC data, kept NHWC
            up = x.permute({0, 2, 3, 1}).view({B, H, 1, W, 1, C}).expand({B, H, 2, W, 2, C})
                     .reshape({B, 2 * H, 2 * W, C}).permute({0, 3, 1, 2});
        else if (size[0] == 2 * H && size[1] == 2 * W)  // nearest x2 as a broadcast copy: any dtype, no conversion
            up = x.view({B, C, H, 1, W, 1}).expand({B, C, H, 2, W, 2}).reshape({B, C, 2 * H, 2 * W});
        else if (x.scalar_type() == torch::kBFloat16 && !x.is_cuda())  // not implemented for bf16 in 1.13
            up = torch::upsample_nearest2d(x.to(torch::kFloat32), size).to(x.scalar_type());
        else
            up = torch::upsample_nearest2d(x, size);  // [B, C, size0, size1]
    }
    return nn::conv(*conv, up);
}

BasicTransformerBlockImpl::BasicTransformerBlockImpl(int64_t dim, int64_t heads, int64_t dimHead, int64_t crossDim,
                                                     bool upcast) {
    auto ln = [&] { return torch::nn::LayerNorm(torch::nn::LayerNormOptions({dim}).eps(1e-5)); };
    norm1 = register_module("norm1", ln());
    attn1 = register_module("attn1", Attention(AttentionOptions{dim, 0, heads, dimHead, false, upcast}));
    norm2 = register_module("norm2", ln());
    attn2 = register_module("attn2", Attention(AttentionOptions{dim, crossDim, heads, dimHead, false, upcast}));
    norm3 = register_module("norm3", ln());
    // ff.net = [GEGLU(proj), Dropout, Linear]
    auto geglu = std::make_shared<torch::nn::Module>();
    ffIn = geglu->register_module("proj", Linear(dim, dim * 8));
    auto net = torch::nn::ModuleList();
    net->push_back(geglu);
    net->push_back(torch::nn::Dropout(0.0));
    ffOut = Linear(dim * 4, dim);
    net->push_back(ffOut);
    auto ff = std::make_shared<torch::nn::Module>();
    ff->register_module("net", net);
    register_module("ff", ff);
}

namespace {
// The fused kernels have no backward: bf16 inference only (f32 stays on LibTorch's ops for parity).
bool fused(const torch::Tensor& x) {
    return x.scalar_type() == torch::kBFloat16 && !torch::GradMode::is_enabled() && kern::handles(x);
}
torch::Tensor layerNorm(torch::nn::LayerNormImpl& n, const torch::Tensor& x) {
    prof::Scope ps("layernorm", 8.0 * x.numel());
    if (fused(x)) return kern::layerNorm(x, n.weight, n.bias, n.options.eps());
    return n.forward(x);
}
torch::Tensor geglu(const torch::Tensor& h) {
    prof::Scope ps("geglu", 10.0 * h.numel() / 2);
    if (fused(h)) return kern::geglu(h);  // [B, N, 4C]
    auto gg = h.chunk(2, -1);            // 2 x [B, N, 4C]
    return gg[0] * torch::gelu(gg[1]);   // [B, N, 4C]
}
} // namespace

torch::Tensor BasicTransformerBlockImpl::forward(const torch::Tensor& x, const torch::Tensor& context) {
    auto h = attn1->forward(layerNorm(*norm1, x)) + x;           // [B, N, C]
    h = attn2->forward(layerNorm(*norm2, h), context) + h;      // [B, N, C]
    auto g = geglu(ffIn->forward(layerNorm(*norm3, h)));        // [B, N, 4C]
    return ffOut->forward(g) + h;                               // [B, N, C]
}

Transformer2DImpl::Transformer2DImpl(int64_t heads, int64_t dimHead, int64_t in, int64_t layers, int64_t crossDim,
                                     int64_t groups, bool linear, bool upcast)
    : linearProjection(linear) {
    const int64_t inner = heads * dimHead;
    norm = register_module("norm", groupNorm(groups, in, 1e-6));
    if (linear) projInLinear = register_module("proj_in", Linear(in, inner));
    else projInConv = register_module("proj_in", conv2d(in, inner, 1, 1, 0));
    for (int64_t i = 0; i < layers; ++i)
        transformer_blocks->push_back(BasicTransformerBlock(inner, heads, dimHead, crossDim, upcast));
    register_module("transformer_blocks", transformer_blocks);
    if (linear) projOutLinear = register_module("proj_out", Linear(inner, in));
    else projOutConv = register_module("proj_out", conv2d(inner, in, 1, 1, 0));
}

torch::Tensor Transformer2DImpl::forward(const torch::Tensor& x, const torch::Tensor& context) {
    const int64_t B = x.size(0), H = x.size(2), W = x.size(3);
    auto h = nn::norm(*norm, x);  // [B, C, H, W]
    int64_t inner;
    if (linearProjection) {
        h = h.permute({0, 2, 3, 1}).reshape({B, H * W, x.size(1)});
        h = projInLinear->forward(h);  // [B, HW, inner]
        inner = h.size(2);
    } else {
        h = conv(*projInConv, h);      // [B, inner, H, W]
        inner = h.size(1);
        h = h.permute({0, 2, 3, 1}).reshape({B, H * W, inner});  // [B, HW, inner]
    }
    for (auto& m : *transformer_blocks) h = m->as<BasicTransformerBlockImpl>()->forward(h, context);
    if (linearProjection) {
        h = projOutLinear->forward(h);  // [B, HW, C]
        h = h.reshape({B, H, W, x.size(1)}).permute({0, 3, 1, 2}).contiguous(x.suggest_memory_format());
    } else {
        h = h.reshape({B, H, W, inner}).permute({0, 3, 1, 2}).contiguous(x.suggest_memory_format());  // [B, inner, H, W]
        h = conv(*projOutConv, h);                                           // [B, C, H, W]
    }
    return h + x;
}

} // namespace adv::nn
