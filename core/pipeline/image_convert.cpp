#include "pipeline/image_convert.h"

#include <torch/torch.h>

namespace adv {

png::Image tensorToImage(const torch::Tensor& chw) {
    auto t = (chw.detach().to(torch::kCPU, torch::kFloat32).clamp(0, 1) * 255).round().to(torch::kUInt8);
    t = t.permute({1, 2, 0}).contiguous();  // [H, W, 3]
    png::Image img;
    img.height = static_cast<int>(t.size(0));
    img.width = static_cast<int>(t.size(1));
    img.channels = static_cast<int>(t.size(2));
    img.pixels.assign(t.data_ptr<uint8_t>(), t.data_ptr<uint8_t>() + t.numel());
    return img;
}

torch::Tensor imageToTensor(const png::Image& img) {
    auto t = torch::from_blob(const_cast<uint8_t*>(img.pixels.data()), {img.height, img.width, img.channels}, torch::kUInt8);
    return t.permute({2, 0, 1}).slice(0, 0, 3).to(torch::kFloat32).div(255.0).contiguous();  // [3, H, W]
}

} // namespace adv
