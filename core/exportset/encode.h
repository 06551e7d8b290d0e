// Meeting a placement's file-size budget: PNG at maximum compression, then
// palette quantisation (libimagequant, dithered), then JPEG only where the
// platform allows it. A file that still does not fit is reported.
#pragma once

#include "exportset/preset.h"

#include <opencv2/core.hpp>

#include <string>
#include <utility>
#include <vector>

namespace adv::exportset {

struct Encoded {
    std::string bytes;
    std::string format;   // "png" | "jpg"
    std::string method;   // "png", "png-palette-128", "jpg-q82", ...
    bool withinBudget = true;
};

// `text` goes into PNG tEXt/iTXt chunks; for JPEG the "advariant" entry is written as a COM segment.
Encoded encodeForPreset(const cv::Mat& rgb, const Preset& preset, const std::vector<std::pair<std::string, std::string>>& text);

// Paletted PNG (libimagequant + libpng) with at most `colors` colours.
std::string encodePalettePng(const cv::Mat& rgb, int colors, const std::vector<std::pair<std::string, std::string>>& text);
// JPEG with an optional COM segment.
std::string encodeJpeg(const cv::Mat& rgb, int quality, const std::string& comment);
// Reads the first COM segment of a JPEG ("" if none).
std::string jpegComment(const std::string& bytes);

} // namespace adv::exportset
