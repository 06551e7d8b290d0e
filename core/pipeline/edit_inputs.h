// Pictures and masks for image-to-image and inpainting, read from files and brought to the output size.
#pragma once

#include <torch/types.h>

#include <string>

namespace adv {

struct ImageSize {
    int width = 0, height = 0;
};

// The size of an image file (FileError when it cannot be decoded).
ImageSize imageFileSize(const std::string& path);

// An image file (PNG, JPEG, WebP; alpha dropped) as [1, 3, H, W] RGB floats u8 / 255, resized to
// width x height when it differs (area filter down, Lanczos up).
torch::Tensor readInitImage(const std::string& path, int width, int height);

// A mask file as [1, 1, H, W] floats u8 / 255 (white = 1), resized with nearest neighbour. Grey images
// give their value, colour images their luma; with alpha=true an RGBA image gives its alpha channel.
torch::Tensor readMask(const std::string& path, int width, int height, bool alpha = false);

} // namespace adv
