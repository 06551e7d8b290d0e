// PNG files with text metadata (A1111 "parameters" chunk, JSON provenance).
// Encoding by OpenCV; text chunks inserted by hand (tEXt, or iTXt for UTF-8).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace adv::png {

struct Image {
    int width = 0, height = 0, channels = 3;  // RGB(A), 8 bit
    std::vector<uint8_t> pixels;              // row-major, interleaved
};

// Encodes to PNG bytes with the given text chunks (key -> value).
std::string encode(const Image& img, const std::vector<std::pair<std::string, std::string>>& text = {},
                   int compression = 6);
// Writes atomically.
void write(const std::string& path, const Image& img, const std::vector<std::pair<std::string, std::string>>& text = {},
           int compression = 6);
// Reads the tEXt / iTXt chunks of a PNG file (FileError when not a PNG).
std::map<std::string, std::string> readText(const std::string& path);
std::map<std::string, std::string> readTextFromBytes(const std::string& bytes, const std::string& origin);
// Decodes pixels as RGB(A).
Image read(const std::string& path);

} // namespace adv::png
