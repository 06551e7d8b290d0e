#include "io/image_file.h"

#include "util/error.h"
#include "util/fs.h"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <cctype>
#include <vector>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace adv::io {

namespace {

uint32_t be16(const unsigned char* p) { return (uint32_t(p[0]) << 8) | p[1]; }
uint32_t be32(const unsigned char* p) { return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | p[3]; }
uint32_t le16(const unsigned char* p) { return uint32_t(p[0]) | (uint32_t(p[1]) << 8); }
uint32_t le24(const unsigned char* p) { return le16(p) | (uint32_t(p[2]) << 16); }
uint32_t le32(const unsigned char* p) { return le24(p) | (uint32_t(p[3]) << 24); }

int clampInt(int64_t v) { return v > INT32_MAX ? INT32_MAX : v < 0 ? INT32_MAX : static_cast<int>(v); }

ImageHeader jpeg(const unsigned char* b, size_t n) {
    ImageHeader h{"jpeg", 0, 0};
    // Walk the markers up to the first start-of-frame (SOF0..SOF15 but DHT, JPG, DAC).
    size_t i = 2;
    while (i + 4 <= n) {
        if (b[i] != 0xFF) return h;
        const unsigned char m = b[i + 1];
        if (m == 0xFF) {
            ++i;
            continue;
        }
        if (m == 0xD8 || (m >= 0xD0 && m <= 0xD7) || m == 0x01) {
            i += 2;
            continue;
        }
        const uint32_t len = be16(b + i + 2);
        if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
            if (i + 9 <= n) {
                h.height = static_cast<int>(be16(b + i + 5));
                h.width = static_cast<int>(be16(b + i + 7));
            }
            return h;
        }
        if (len < 2) return h;
        i += 2 + len;
    }
    return h;
}

// PNG: the chunk chain runs to IEND inside the file. JPEG: an end-of-image marker near the end.
// WebP: the RIFF size fits the file.
void checkComplete(const std::string& bytes, const std::string& format, const std::string& path) {
    const auto* b = reinterpret_cast<const unsigned char*>(bytes.data());
    const size_t n = bytes.size();
    if (format == "png") {
        size_t p = 8;
        while (true) {
            if (p + 12 > n) throw FileError(path, "truncated PNG (it ends inside chunk data at byte " + std::to_string(n) + ")");
            const uint64_t len = be32(b + p);
            if (p + 12 + len > n) throw FileError(path, "truncated PNG (a chunk runs past the end of the file)");
            if (std::memcmp(b + p + 4, "IEND", 4) == 0) return;
            p += 12 + len;
        }
    }
    if (format == "jpeg") {
        const size_t from = n > 4096 ? n - 4096 : 0;
        for (size_t i = n >= 2 ? n - 2 : 0; i + 1 < n && i >= from; --i) {
            if (b[i] == 0xFF && b[i + 1] == 0xD9) return;
            if (i == 0) break;
        }
        throw FileError(path, "truncated JPEG (no end-of-image marker)");
    }
    if (format == "webp" && n >= 8) {
        const uint64_t riff = le32(b + 4);
        if (riff + 8 > n) throw FileError(path, "truncated WebP (the file is shorter than its header says)");
    }
}

} // namespace

ImageHeader probeImageHeader(const std::string& bytes) {
    const auto* b = reinterpret_cast<const unsigned char*>(bytes.data());
    const size_t n = bytes.size();
    ImageHeader h;
    if (n >= 24 && std::memcmp(b, "\x89PNG\r\n\x1a\n", 8) == 0) {
        h.format = "png";
        if (std::memcmp(b + 12, "IHDR", 4) == 0) {
            h.width = clampInt(be32(b + 16));
            h.height = clampInt(be32(b + 20));
        }
    } else if (n >= 4 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF) {
        h = jpeg(b, n);
    } else if (n >= 30 && std::memcmp(b, "RIFF", 4) == 0 && std::memcmp(b + 8, "WEBP", 4) == 0) {
        h.format = "webp";
        if (std::memcmp(b + 12, "VP8 ", 4) == 0 && n >= 30) {
            h.width = static_cast<int>(le16(b + 26) & 0x3FFF);
            h.height = static_cast<int>(le16(b + 28) & 0x3FFF);
        } else if (std::memcmp(b + 12, "VP8L", 4) == 0 && n >= 25) {
            const uint32_t v = le32(b + 21);
            h.width = static_cast<int>((v & 0x3FFF) + 1);
            h.height = static_cast<int>(((v >> 14) & 0x3FFF) + 1);
        } else if (std::memcmp(b + 12, "VP8X", 4) == 0 && n >= 30) {
            h.width = static_cast<int>(le24(b + 24) + 1);
            h.height = static_cast<int>(le24(b + 27) + 1);
        }
    } else if (n >= 26 && b[0] == 'B' && b[1] == 'M') {
        h.format = "bmp";
        const int32_t w = static_cast<int32_t>(le32(b + 18)), ht = static_cast<int32_t>(le32(b + 22));
        h.width = clampInt(w < 0 ? -int64_t(w) : w);
        h.height = clampInt(ht < 0 ? -int64_t(ht) : ht);
    } else if (n >= 4 && (std::memcmp(b, "II*\0", 4) == 0 || std::memcmp(b, "MM\0*", 4) == 0)) {
        h.format = "tiff";
    } else if (n >= 2 && b[0] == 'P' && b[1] >= '1' && b[1] <= '7') {
        h.format = "pnm";
        // "P6\n# comment\n<w> <h>\n"
        size_t i = 2;
        int vals[2] = {0, 0};
        for (int k = 0; k < 2 && i < n; ++k) {
            while (i < n && (std::isspace(b[i]) || b[i] == '#')) {
                if (b[i] == '#')
                    while (i < n && b[i] != '\n') ++i;
                else
                    ++i;
            }
            int64_t v = 0;
            while (i < n && b[i] >= '0' && b[i] <= '9' && v < INT32_MAX) v = v * 10 + (b[i++] - '0');
            vals[k] = clampInt(v);
        }
        h.width = vals[0];
        h.height = vals[1];
    }
    return h;
}

ImageHeader probeImageFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw FileError(path, "cannot open the image (missing or unreadable)");
    std::string head(65536, '\0');  // JPEG's frame header may follow large EXIF blocks
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<size_t>(in.gcount()));
    if (head.empty()) throw FileError(path, "the image file is empty");
    return probeImageHeader(head);
}

cv::Mat readImageFile(const std::string& path, int flags) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) throw FileError(path, "image missing (no such file)");
    // Read once: the header checks and the decoder work on the same bytes.
    const std::string bytes = fs::readFile(path);
    if (bytes.empty()) throw FileError(path, "the image file is empty");
    const ImageHeader h = probeImageHeader(bytes);
    if (h.format.empty()) throw FileError(path, "not a picture this program reads (PNG, JPEG, WebP, BMP, TIFF)");
    if (h.width > kMaxDecodeSide || h.height > kMaxDecodeSide ||
        static_cast<int64_t>(h.width) * h.height > kMaxDecodePixels)
        throw FileError(path, "the " + h.format + " header states " + std::to_string(h.width) + "x" +
                                  std::to_string(h.height) + " pixels; at most " + std::to_string(kMaxDecodeSide) +
                                  " a side and " + std::to_string(kMaxDecodePixels) + " pixels are read");
    // Truncation is found here, before the decoder libraries print their own warnings to stderr
    // ("libpng error: Read Error", "Premature end of JPEG file") and hand back half a picture.
    checkComplete(bytes, h.format, path);
    cv::Mat m;
    try {
        m = cv::imdecode(cv::Mat(1, static_cast<int>(bytes.size()), CV_8U, const_cast<char*>(bytes.data())), flags);
    } catch (const cv::Exception& e) {
        throw FileError(path, "cannot decode the " + h.format + " image (" + e.err + ")");
    }
    if (m.empty()) throw FileError(path, "cannot decode the " + h.format + " image (truncated or corrupt)");
    // Callers get 8-bit grey, BGR or BGRA: 16-bit and float pictures are scaled, grey + alpha is
    // spread to BGRA (a 2-channel Mat would trip every colour conversion after this door).
    if (m.depth() == CV_16U) m.convertTo(m, CV_8U, 1.0 / 257.0);
    else if (m.depth() == CV_32F || m.depth() == CV_64F) m.convertTo(m, CV_8U, 255.0);
    else if (m.depth() != CV_8U) m.convertTo(m, CV_8U);
    if (m.channels() == 2) {
        std::vector<cv::Mat> ga;
        cv::split(m, ga);
        cv::merge(std::vector<cv::Mat>{ga[0], ga[0], ga[0], ga[1]}, m);
    } else if (m.channels() != 1 && m.channels() != 3 && m.channels() != 4) {
        throw FileError(path, "has " + std::to_string(m.channels()) + " colour channels (1 to 4 are read)");
    }
    return m;
}

} // namespace adv::io
