// Fused CPU kernels for the memory-bound layers between the matrix products:
// GroupNorm (+ SiLU) in the ResNet blocks, LayerNorm and GEGLU in the
// transformer blocks. LibTorch 1.13 runs these as separate passes, its bf16
// norms without vectorisation (2-3.6 GFLOP/s in `bench unet`); these make one
// pass over data that stays in cache, with a polynomial exp/erf the compiler
// vectorises (AVX-512 / AVX2 clones chosen at run time). f32 and bf16, contiguous CPU
// tensors only; callers fall back to LibTorch for anything else.
#pragma once

#include <ATen/core/Tensor.h>

#include <cstdint>

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

// Whether x is a 4-d tensor laid out channels-last (NHWC) and not also plain contiguous.
bool channelsLast(const at::Tensor& x);

// GroupNorm (+ SiLU) of a channels-last bf16 CPU tensor, result channels-last: per-channel
// sums vectorised across channels, mean and variance from one pass of shifted sums (f32 blocks,
// f64 totals), then one pass applying them.
at::Tensor groupNormChannelsLast(const at::Tensor& x, int64_t groups, const at::Tensor& gamma, const at::Tensor& beta,
                                 double eps, bool silu);

// LayerNorm over the last dimension (affine). Statistics in f32. Requires handles(x).
at::Tensor layerNorm(const at::Tensor& x, const at::Tensor& gamma, const at::Tensor& beta, double eps);

// GEGLU as diffusers computes it: x = [a | b] on the last dimension, a * gelu(b)
// with the exact (erf) GELU, to about 1e-7 absolute. Requires handles(x).
at::Tensor geglu(const at::Tensor& x);

// Winograd F(2x2, 3x3) transforms on raw bf16 (model/winograd_loops.inc gives the layouts);
// model/winograd.cpp drives them. Each handles a slice [from, to) of channels, so callers parallelise.
void winogradWeight(const uint16_t* g, uint16_t* u, int64_t k0, int64_t k1, int64_t K, int64_t C, float* buf);
void winogradInput(const uint16_t* x, uint16_t* v, int64_t c0, int64_t c1, int64_t C, int64_t H, int64_t W, int64_t i0,
                   int64_t i1, int64_t p, int64_t p0, float* buf);
void winogradOutput(const uint16_t* m, const float* bias, uint16_t* y, int64_t k0, int64_t k1, int64_t K, int64_t H,
                    int64_t W, int64_t i0, int64_t i1, int64_t p, int64_t p0, float* buf);
// Channels-last forms: tiles [t0, t1) of one image from tile row i0 (buf: 16 * C floats for the input).
void winogradInputNhwc(const uint16_t* x, uint16_t* v, int64_t C, int64_t H, int64_t W, int64_t i0, int64_t t0,
                       int64_t t1, int64_t p, int64_t p0, float* buf);
void winogradOutputNhwc(const uint16_t* m, const float* bias, uint16_t* y, int64_t K, int64_t H, int64_t W,
                        int64_t i0, int64_t t0, int64_t t1, int64_t p, int64_t p0);

} // namespace adv::kern
