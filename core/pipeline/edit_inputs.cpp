#include "pipeline/edit_inputs.h"

#include "io/image_file.h"
#include "util/error.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <torch/torch.h>

namespace adv {

namespace {

cv::Mat readAny(const std::string& path) {
    return io::readImageFile(path, cv::IMREAD_UNCHANGED);  // 8-bit, 1/3/4 channels, or a FileError
}

void checkSize(const std::string& path, int width, int height) {
    if (width < 1 || height < 1 || width > 16384 || height > 16384)
        throw FileError(path, "cannot be brought to " + std::to_string(width) + "x" + std::to_string(height) +
                                  " (1 to 16384 pixels a side)");
}

} // namespace

ImageSize imageFileSize(const std::string& path) {
    const auto m = readAny(path);
    return {m.cols, m.rows};
}

torch::Tensor readInitImage(const std::string& path, int width, int height) {
    checkSize(path, width, height);
    cv::Mat m = readAny(path), rgb;
    if (m.channels() == 4) cv::cvtColor(m, rgb, cv::COLOR_BGRA2RGB);
    else if (m.channels() == 1) cv::cvtColor(m, rgb, cv::COLOR_GRAY2RGB);
    else cv::cvtColor(m, rgb, cv::COLOR_BGR2RGB);
    if (rgb.cols != width || rgb.rows != height) {
        const bool down = width < rgb.cols && height < rgb.rows;
        cv::Mat r;
        cv::resize(rgb, r, cv::Size(width, height), 0, 0, down ? cv::INTER_AREA : cv::INTER_LANCZOS4);
        rgb = r;
    }
    auto t = torch::from_blob(rgb.data, {height, width, 3}, torch::kUInt8).clone();  // [H, W, 3]
    return t.permute({2, 0, 1}).unsqueeze(0).to(torch::kFloat32).div(255.0).contiguous();  // [1, 3, H, W]
}

torch::Tensor readMask(const std::string& path, int width, int height, bool alpha) {
    checkSize(path, width, height);
    cv::Mat m = readAny(path), g;
    if (alpha) {
        if (m.channels() != 4) throw FileError(path, "has no alpha channel to take the mask from");
        cv::extractChannel(m, g, 3);
    } else if (m.channels() == 1) {
        g = m;
    } else {
        cv::cvtColor(m, g, m.channels() == 4 ? cv::COLOR_BGRA2GRAY : cv::COLOR_BGR2GRAY);
    }
    if (g.cols != width || g.rows != height) {
        cv::Mat r;
        cv::resize(g, r, cv::Size(width, height), 0, 0, cv::INTER_NEAREST);
        g = r;
    }
    g = g.clone();
    auto t = torch::from_blob(g.data, {1, 1, height, width}, torch::kUInt8).clone();
    return t.to(torch::kFloat32).div(255.0);  // [1, 1, H, W]
}

} // namespace adv
