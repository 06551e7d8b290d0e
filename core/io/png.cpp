#include "io/png.h"

#include "io/image_file.h"
#include "util/error.h"
#include "util/fs.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <zlib.h>

namespace adv::png {

namespace {

uint32_t be32(const unsigned char* p) { return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | p[3]; }

void putBe32(std::string& out, uint32_t v) {
    for (int i = 3; i >= 0; --i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

std::string chunk(const std::string& type, const std::string& data) {
    std::string out;
    putBe32(out, static_cast<uint32_t>(data.size()));
    std::string body = type + data;
    out += body;
    putBe32(out, static_cast<uint32_t>(crc32(0, reinterpret_cast<const Bytef*>(body.data()), static_cast<uInt>(body.size()))));
    return out;
}

bool isLatin1Ascii(const std::string& s) {
    for (unsigned char c : s)
        if (c >= 0x80) return false;
    return true;
}

const char kSig[8] = {'\x89', 'P', 'N', 'G', '\r', '\n', '\x1a', '\n'};

} // namespace

std::string encode(const Image& img, const std::vector<std::pair<std::string, std::string>>& text, int compression) {
    if (img.width <= 0 || img.height <= 0 || (img.channels != 1 && img.channels != 3 && img.channels != 4) ||
        img.pixels.size() != static_cast<size_t>(img.width) * img.height * img.channels)
        throw Error("png::encode: inconsistent image buffer");
    cv::Mat rgb(img.height, img.width, CV_8UC(img.channels), const_cast<uint8_t*>(img.pixels.data()));
    cv::Mat bgr;  // grey stays grey (a mask file)
    if (img.channels == 1) bgr = rgb;
    else cv::cvtColor(rgb, bgr, img.channels == 3 ? cv::COLOR_RGB2BGR : cv::COLOR_RGBA2BGRA);
    std::vector<uchar> buf;
    if (!cv::imencode(".png", bgr, buf, {cv::IMWRITE_PNG_COMPRESSION, compression}))
        throw Error("PNG encoding failed");
    std::string png(buf.begin(), buf.end());
    // Insert text chunks right after IHDR (8-byte signature + 25-byte IHDR chunk).
    std::string extra;
    for (const auto& [k, v] : text) {
        if (isLatin1Ascii(v)) extra += chunk("tEXt", k + std::string(1, '\0') + v);
        else extra += chunk("iTXt", k + std::string(1, '\0') + std::string(1, '\0') + std::string(1, '\0') +
                                        std::string(1, '\0') + std::string(1, '\0') + v);
    }
    png.insert(33, extra);
    return png;
}

void write(const std::string& path, const Image& img, const std::vector<std::pair<std::string, std::string>>& text,
           int compression) {
    fs::writeFileAtomic(path, encode(img, text, compression));
}

std::map<std::string, std::string> readTextFromBytes(const std::string& bytes, const std::string& origin) {
    if (bytes.size() < 8 || bytes.compare(0, 8, std::string(kSig, 8)) != 0) throw FileError(origin, "not a PNG file");
    std::map<std::string, std::string> out;
    size_t pos = 8;
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
    while (pos + 12 <= bytes.size()) {
        const uint32_t len = be32(p + pos);
        if (pos + 12 + len > bytes.size()) throw FileError(origin, "truncated PNG chunk");
        const std::string type = bytes.substr(pos + 4, 4);
        const std::string data = bytes.substr(pos + 8, len);
        if (type == "tEXt") {
            auto z = data.find('\0');
            if (z != std::string::npos) out[data.substr(0, z)] = data.substr(z + 1);
        } else if (type == "iTXt") {
            auto z = data.find('\0');
            if (z != std::string::npos && z + 3 <= data.size()) {
                const bool compressed = data[z + 1] != 0;
                size_t q = z + 3;
                q = data.find('\0', q);  // language tag
                if (q != std::string::npos) q = data.find('\0', q + 1);  // translated keyword
                if (q != std::string::npos && !compressed) out[data.substr(0, z)] = data.substr(q + 1);
            }
        } else if (type == "IEND") {
            break;
        }
        pos += 12 + len;
    }
    return out;
}

std::map<std::string, std::string> readText(const std::string& path) { return readTextFromBytes(fs::readFile(path), path); }

Image read(const std::string& path) {
    const cv::Mat m = io::readImageFile(path, cv::IMREAD_UNCHANGED);  // 8-bit, 1/3/4 channels
    Image img;
    img.width = m.cols;
    img.height = m.rows;
    cv::Mat rgb;
    if (m.channels() == 4) {
        cv::cvtColor(m, rgb, cv::COLOR_BGRA2RGBA);
        img.channels = 4;
    } else if (m.channels() == 1) {
        cv::cvtColor(m, rgb, cv::COLOR_GRAY2RGB);
    } else {
        cv::cvtColor(m, rgb, cv::COLOR_BGR2RGB);
    }
    img.pixels.assign(rgb.data, rgb.data + rgb.total() * rgb.elemSize());
    return img;
}

} // namespace adv::png
