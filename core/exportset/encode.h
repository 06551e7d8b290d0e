// Meeting a placement's file-size budget: PNG at maximum compression, then
// palette quantisation (libimagequant, dithered), then JPEG only where the
// platform allows it, WebP (lossless, then lossy by quality search) where the preset or the user asks for
// it. A file that still does not fit is reported.
#pragma once

#include "exportset/preset.h"

#include <opencv2/core.hpp>

#include <string>
#include <utility>
#include <vector>

namespace adv::exportset {

struct Encoded {
    std::string bytes;
    std::string format;   // "png" | "jpg" | "webp"
    std::string method;   // "png", "png-palette-128", "jpg-q82", ...
    bool withinBudget = true;
};

// `text` goes into PNG tEXt/iTXt chunks; for JPEG the "advariant" entry is written as a COM segment, for
// WebP as an XMP chunk. `only` ("png", "jpg", "webp") replaces the preset's format list.
Encoded encodeForPreset(const cv::Mat& rgb, const Preset& preset, const std::vector<std::pair<std::string, std::string>>& text,
                        const std::string& only = {});
// WebP (lossless when quality > 100) with an optional XMP chunk carrying `record` (extended format, VP8X).
std::string encodeWebp(const cv::Mat& rgb, int quality, const std::string& record);
// The record from a WebP's XMP chunk ("" if none).
std::string webpRecord(const std::string& bytes);

// Paletted PNG (libimagequant + libpng) with at most `colors` colours.
std::string encodePalettePng(const cv::Mat& rgb, int colors, const std::vector<std::pair<std::string, std::string>>& text);
// JPEG with an optional COM segment.
std::string encodeJpeg(const cv::Mat& rgb, int quality, const std::string& comment);
// Reads the first COM segment of a JPEG ("" if none).
std::string jpegComment(const std::string& bytes);

} // namespace adv::exportset
