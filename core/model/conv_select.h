// Per-shape choice of the CPU convolution path for bf16 inference.
//
// LibTorch hands each bf16 convolution to oneDNN with the weight in plain
// layout, and oneDNN reorders it into its blocked layout on every call. For
// the 1280-channel layers at 8x8 and 4x4 that reorder costs more than the
// arithmetic (measured here: 195 vs 366 GFLOP/s at 1280 ch x 4x4 once the
// weight is reordered ahead of time, 322 vs 424 at 8x8; no gain at 64x64).
// The first call for each (weight, input shape) times both paths and keeps
// the faster; the reordered weight is only kept where it won. Inputs above 32x32
// positions always take LibTorch's path (no gain measured there). Both paths run
// the same oneDNN kernel, so results are bit-identical whichever is chosen.
//
// 1x1 convolutions are one batched matrix product on the NCHW data (bias
// folded in): 1.1-1.4x oneDNN's bf16 1x1 kernel on the UNet's projections and
// 2-2.5x on the VAE's 512x256 / 256x128 shortcuts at 256²-512² (measured here).
//
// Channels-last inputs (bf16 UNet and VAE decoder, see unet.cpp and vae.cpp) keep their layout on every path:
// Winograd's channels-last form, one matrix product for 1x1, oneDNN's channels-last kernel.
//
// 3x3 stride-1 convolutions of the shapes wino::suits() names take the
// Winograd path instead (model/winograd.h): chosen by that fixed rule, not by
// timing, so the numbers never depend on the machine's load. The weight's
// Winograd form is recomputed per call (a memory-bound pass, 1-3 % of an SD 1.5
// step) unless a cache budget is set: caching all of them would add 270 MiB at
// 256² and 510 MiB at 512², and 512² text-to-image must stay under 4 GiB.
#pragma once

#include <ATen/core/Tensor.h>

#include <cstdint>

namespace adv::convsel {

// y = conv2d(x, weight, bias) with square stride/padding, picking the faster path.
// Falls back to at::conv2d unless x is a CPU bf16 tensor, grad mode is off and the choice is enabled.
at::Tensor conv2d(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias, int64_t stride,
                  int64_t padding);

void setEnabled(bool on);
bool enabled();

enum class Winograd { Off, Auto, Always };  // Always: every bf16 3x3 stride-1 padding-1 convolution (tests)
void setWinograd(Winograd mode);
Winograd winograd();
// Memory the Winograd weights may keep (default 0); beyond it they are recomputed per call.
void setWinogradCacheBytes(int64_t bytes);

struct Stats {
    int64_t decided = 0;     // (weight, shape) pairs measured
    int64_t prepacked = 0;   // of which the reordered weight won
    int64_t packedBytes = 0; // memory held by reordered weights
    int64_t winogradWeights = 0;  // weights kept in Winograd form
    int64_t winogradBytes = 0;    // their memory
    int64_t winogradCalls = 0;    // convolutions run the Winograd way
};
Stats stats();
void clear();
// Frees the reordered weights of convolutions whose weights are gone (an unloaded model).
void releaseExpired();

} // namespace adv::convsel
