// Tensors <-> 8-bit images, as diffusers' numpy_to_pil does it.
#pragma once

#include "io/png.h"

#include <torch/types.h>

namespace adv {

// [3, H, W] float in [0, 1] -> RGB8 ((x * 255).round())
png::Image tensorToImage(const torch::Tensor& chw);
// RGB8 -> [3, H, W] float in [0, 1]
torch::Tensor imageToTensor(const png::Image& img);

} // namespace adv
