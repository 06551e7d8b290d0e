// Reading pictures from outside: one door for every decoder call.
//
// The header is read first (PNG, JPEG, WebP, BMP, TIFF, PNM are recognised), and a
// picture whose stated size is over the limit is refused before any pixel
// memory is taken; OpenCV's own exceptions and silent empty results become
// one line naming the file.
#pragma once

#include <cstdint>
#include <string>

namespace cv {
class Mat;
}

namespace adv::io {

// At most 16384 pixels a side and 2^28 pixels (1 GiB as RGBA 8-bit).
constexpr int kMaxDecodeSide = 16384;
constexpr int64_t kMaxDecodePixels = int64_t(1) << 28;

struct ImageHeader {
    std::string format;  // "png", "jpeg", "webp", "bmp", "tiff", "pnm"; empty: not recognised
    int width = 0, height = 0;  // 0 when the format's header does not say (TIFF)
};

// The format and stated size from the first bytes of a file (no decoding).
ImageHeader probeImageHeader(const std::string& firstBytes);
ImageHeader probeImageFile(const std::string& path);

// cv::imread with the checks above; `flags` as cv::imread's. Throws FileError.
cv::Mat readImageFile(const std::string& path, int flags);

} // namespace adv::io
