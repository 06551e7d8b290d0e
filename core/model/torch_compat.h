// LibTorch API differences between 1.13 (Debian 12's libtorch-dev, CPU) and 2.x (the CUDA builds:
// scripts/build.sh --torch DIR), in one place. Engine code uses these names, never TORCH_VERSION itself.
#pragma once

#include <torch/torch.h>
#include <torch/version.h>

#include <optional>

#define ADV_TORCH_AT_LEAST(major, minor) \
    (TORCH_VERSION_MAJOR > (major) || (TORCH_VERSION_MAJOR == (major) && TORCH_VERSION_MINOR >= (minor)))

namespace adv::compat {

// Module options hold c10::variant up to LibTorch 2.0 and std::variant from 2.1 (padding, for one).
template <class T, class Variant>
const T* variantGetIf(const Variant& v) {
#if ADV_TORCH_AT_LEAST(2, 1)
    return std::get_if<T>(&v);
#else
    return c10::get_if<T>(&v);
#endif
}

// Optional tensor arguments of ATen ops: c10::optional (an alias of std::optional from 2.4 on).
using OptionalTensor = c10::optional<at::Tensor>;

// Fused scaled-dot-product attention (FlashAttention / memory-efficient kernels on CUDA): LibTorch 2.0+.
constexpr bool kHaveFusedAttention = ADV_TORCH_AT_LEAST(2, 0);

// softmax(q kᵀ / sqrt(D) + mask) v with the fused kernel. q [B, H, N, D], k/v [B, H, M, D], mask broadcastable
// to [B, H, N, M] (additive) or undefined. Only call when kHaveFusedAttention.
inline at::Tensor fusedAttention(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v, const at::Tensor& mask) {
#if ADV_TORCH_AT_LEAST(2, 0)
    OptionalTensor m;
    if (mask.defined()) m = mask.to(q.dtype());
    return at::scaled_dot_product_attention(q, k, v, m);  // [B, H, N, D]
#else
    (void)q, (void)k, (void)v, (void)mask;
    TORCH_CHECK(false, "fused attention needs LibTorch 2.0 or later");
    return {};
#endif
}

} // namespace adv::compat
