// Winograd F(2x2, 3x3) convolution for bf16 CPU inference.
//
// A 3x3 convolution (stride 1, padding 1) computed as 16 matrix products on
// 4x4 input tiles taken at stride 2: 2.25x fewer multiplications than the
// direct form, at the cost of transforming input and output (memory-bound
// passes, model/winograd_loops.inc) and of one more bf16 rounding (the
// products leave oneDNN's bf16 matmul as bf16). Measured here at batch 2, 2
// cores: 1.5-1.9x faster than oneDNN's direct bf16 kernel for 640-1280
// channels at 16x16-32x32, 1.5-1.7x for the 512-channel VAE layers at
// 128x128-256x256, no gain below 256 channels on NCHW data (from 128 on channels-last
// data, where the transforms are cheaper). The error against f32 is about
// twice the direct bf16 kernel's (RMS 0.0052 vs 0.0023 for unit-variance
// outputs). f32 and training always take LibTorch's convolution.
#pragma once

#include <ATen/core/Tensor.h>

#include <cstdint>

namespace adv::wino {

// U [16, K, C] bf16 for a [K, C, 3, 3] bf16 weight (G g G^T per channel pair, sums in f32).
at::Tensor transformWeight(const at::Tensor& weight);

// conv2d(x, weight, bias, stride 1, padding 1) for x [N, C, H, W] bf16 on the CPU, given
// u = transformWeight(weight); bias may be undefined. The result has x's layout: contiguous
// NCHW, or channels-last for a channels-last x (transforms across channels, no shuffles: at
// 128 channels x 512x512, 0.13 s against 0.13-0.17 s NCHW and 0.17-0.20 s for oneDNN's channels-last kernel).
at::Tensor conv3x3(const at::Tensor& x, const at::Tensor& u, const at::Tensor& bias);

// The shapes where it beats the direct kernel on this kind of CPU (both channel counts
// at least 256, or 128 for channels-last data; at least 512 output positions over the
// batch): a fixed rule, not a timing, so one seed gives the same picture on every run.
bool suits(int64_t batch, int64_t inChannels, int64_t outChannels, int64_t height, int64_t width, bool channelsLast);

} // namespace adv::wino
