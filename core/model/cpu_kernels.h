// Fused CPU kernels for the memory-bound layers between the matrix products:
// GroupNorm (+ SiLU) in the ResNet blocks, LayerNorm and GEGLU in the
// transformer blocks. LibTorch 1.13 runs these as separate passes, its bf16
// norms without vectorisation (2-3.6 GFLOP/s in `bench unet`); these make one
// pass over data that stays in cache, with a polynomial exp/erf the compiler
// vectorises (AVX-512 / AVX2 clones chosen at run time). f32 and bf16, contiguous CPU
// tensors only; callers fall back to LibTorch for anything else.
#pragma once

#include <ATen/core/Tensor.h>

namespace adv::kern {

// Whether the fused kernels handle `x` (CPU, contiguous, f32 or bf16) and are enabled.
bool handles(const at::Tensor& x);

// Turn the fused kernels off (LibTorch's ops everywhere), e.g. to compare in a benchmark.
void setEnabled(bool on);
bool enabled();

// GroupNorm of an NCHW tensor (affine: gamma/beta of size C), optionally
// followed by SiLU. Statistics in f32. Requires handles(x).
at::Tensor groupNorm(const at::Tensor& x, int64_t groups, const at::Tensor& gamma, const at::Tensor& beta,
                     double eps, bool silu);

// LayerNorm over the last dimension (affine). Statistics in f32. Requires handles(x).
at::Tensor layerNorm(const at::Tensor& x, const at::Tensor& gamma, const at::Tensor& beta, double eps);

// GEGLU as diffusers computes it: x = [a | b] on the last dimension, a * gelu(b)
// with the exact (erf) GELU, to about 1e-7 absolute. Requires handles(x).
at::Tensor geglu(const at::Tensor& x);

} // namespace adv::kern
