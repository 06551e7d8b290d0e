#include "exportset/encode.h"

#include "io/png.h"
#include "util/error.h"

#include <libimagequant.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <png.h>

#include <functional>
#include <memory>

namespace adv::exportset {

namespace {
void pngWrite(png_structp p, png_bytep data, png_size_t len) {
    static_cast<std::string*>(png_get_io_ptr(p))->append(reinterpret_cast<const char*>(data), len);
}
void pngFlush(png_structp) {}
bool ascii(const std::string& s) {
    for (unsigned char c : s)
        if (c >= 0x80) return false;
    return true;
}
// Deleters as types (a function pointer type would drop libimagequant's attributes: -Wignored-attributes).
struct LiqAttrFree {
    void operator()(liq_attr* p) const { liq_attr_destroy(p); }
};
struct LiqImageFree {
    void operator()(liq_image* p) const { liq_image_destroy(p); }
};
struct LiqResultFree {
    void operator()(liq_result* p) const { liq_result_destroy(p); }
};

} // namespace

std::string encodePalettePng(const cv::Mat& rgb, int colors, const std::vector<std::pair<std::string, std::string>>& text) {
    cv::Mat rgba;
    cv::cvtColor(rgb, rgba, cv::COLOR_RGB2RGBA);
    if (!rgba.isContinuous()) rgba = rgba.clone();
    std::unique_ptr<liq_attr, LiqAttrFree> attr(liq_attr_create());
    liq_set_max_colors(attr.get(), colors);
    liq_set_speed(attr.get(), 4);
    std::unique_ptr<liq_image, LiqImageFree> img(liq_image_create_rgba(attr.get(), rgba.data, rgba.cols, rgba.rows, 0));
    liq_result* raw = nullptr;
    if (!img || liq_image_quantize(img.get(), attr.get(), &raw) != LIQ_OK) throw Error("palette quantisation failed");
    std::unique_ptr<liq_result, LiqResultFree> res(raw);
    liq_set_dithering_level(res.get(), 1.0f);
    std::vector<unsigned char> indices(static_cast<size_t>(rgba.cols) * rgba.rows);
    liq_write_remapped_image(res.get(), img.get(), indices.data(), indices.size());
    const liq_palette* pal = liq_get_palette(res.get());

    std::string out;
    png_structp p = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
    png_infop info = png_create_info_struct(p);
    if (setjmp(png_jmpbuf(p))) {
        png_destroy_write_struct(&p, &info);
        throw Error("PNG encoding failed");
    }
    png_set_write_fn(p, &out, pngWrite, pngFlush);
    png_set_compression_level(p, 9);
    png_set_IHDR(p, info, rgba.cols, rgba.rows, 8, PNG_COLOR_TYPE_PALETTE, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
                 PNG_FILTER_TYPE_DEFAULT);
    std::vector<png_color> palette(pal->count);
    for (unsigned i = 0; i < pal->count; ++i) palette[i] = {pal->entries[i].r, pal->entries[i].g, pal->entries[i].b};
    png_set_PLTE(p, info, palette.data(), static_cast<int>(palette.size()));
    std::vector<png_text> texts(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        texts[i] = png_text{};
        texts[i].compression = ascii(text[i].second) ? PNG_TEXT_COMPRESSION_NONE : PNG_ITXT_COMPRESSION_NONE;
        texts[i].key = const_cast<char*>(text[i].first.c_str());
        texts[i].text = const_cast<char*>(text[i].second.c_str());
        texts[i].text_length = text[i].second.size();
        if (texts[i].compression == PNG_ITXT_COMPRESSION_NONE) {
            texts[i].itxt_length = text[i].second.size();
            texts[i].text_length = 0;
            texts[i].lang = nullptr;
            texts[i].lang_key = nullptr;
        }
    }
    if (!texts.empty()) png_set_text(p, info, texts.data(), static_cast<int>(texts.size()));
    png_write_info(p, info);
    for (int y = 0; y < rgba.rows; ++y) png_write_row(p, indices.data() + static_cast<size_t>(y) * rgba.cols);
    png_write_end(p, info);
    png_destroy_write_struct(&p, &info);
    return out;
}

std::string encodeJpeg(const cv::Mat& rgb, int quality, const std::string& comment) {
    cv::Mat bgr;
    cv::cvtColor(rgb, bgr, cv::COLOR_RGB2BGR);
    std::vector<uchar> buf;
    if (!cv::imencode(".jpg", bgr, buf, {cv::IMWRITE_JPEG_QUALITY, quality, cv::IMWRITE_JPEG_OPTIMIZE, 1}))
        throw Error("JPEG encoding failed");
    std::string out(buf.begin(), buf.end());
    if (!comment.empty()) {
        const std::string c = comment.substr(0, 65000);
        std::string seg = "\xFF\xFE";
        const size_t len = c.size() + 2;
        seg.push_back(static_cast<char>(len >> 8));
        seg.push_back(static_cast<char>(len & 0xff));
        seg += c;
        out.insert(2, seg);  // right after SOI
    }
    return out;
}

std::string jpegComment(const std::string& b) {
    size_t i = 2;
    while (i + 4 <= b.size() && static_cast<unsigned char>(b[i]) == 0xFF) {
        const unsigned char marker = static_cast<unsigned char>(b[i + 1]);
        const size_t len = (static_cast<unsigned char>(b[i + 2]) << 8) | static_cast<unsigned char>(b[i + 3]);
        if (marker == 0xFE) return b.substr(i + 4, len - 2);
        if (marker == 0xDA) break;
        i += 2 + len;
    }
    return "";
}

namespace {
void le32(std::string& s, uint32_t v) {
    for (int i = 0; i < 4; ++i) s.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}
void le24(std::string& s, uint32_t v) {
    for (int i = 0; i < 3; ++i) s.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}
uint32_t rd32(const std::string& s, size_t i) {
    return static_cast<uint32_t>(static_cast<unsigned char>(s[i])) | static_cast<uint32_t>(static_cast<unsigned char>(s[i + 1])) << 8 |
           static_cast<uint32_t>(static_cast<unsigned char>(s[i + 2])) << 16 | static_cast<uint32_t>(static_cast<unsigned char>(s[i + 3])) << 24;
}
std::string xmlEscape(const std::string& t) {
    std::string o;
    for (char c : t) {
        if (c == '<') o += "&lt;";
        else if (c == '>') o += "&gt;";
        else if (c == '&') o += "&amp;";
        else if (c == '"') o += "&quot;";
        else o += c;
    }
    return o;
}
std::string xmlUnescape(const std::string& t) {
    std::string o;
    for (size_t i = 0; i < t.size(); ++i) {
        if (t[i] != '&') {
            o += t[i];
            continue;
        }
        static const std::pair<const char*, char> ents[] = {{"&lt;", '<'}, {"&gt;", '>'}, {"&amp;", '&'}, {"&quot;", '"'}};
        bool hit = false;
        for (const auto& [e, ch] : ents)
            if (t.compare(i, std::char_traits<char>::length(e), e) == 0) {
                o += ch;
                i += std::char_traits<char>::length(e) - 1;
                hit = true;
                break;
            }
        if (!hit) o += '&';
    }
    return o;
}
constexpr const char* kXmpOpen = "<advariant:record>";
constexpr const char* kXmpClose = "</advariant:record>";
} // namespace

std::string encodeWebp(const cv::Mat& rgb, int quality, const std::string& record) {
    cv::Mat bgr;
    cv::cvtColor(rgb, bgr, cv::COLOR_RGB2BGR);
    std::vector<uchar> buf;
    if (!cv::imencode(".webp", bgr, buf, {cv::IMWRITE_WEBP_QUALITY, quality})) throw Error("WebP encoding failed");
    std::string simple(buf.begin(), buf.end());
    if (record.empty() || simple.size() < 20 || simple.compare(12, 4, "VP8X") == 0) return simple;
    // Simple format -> extended: VP8X header, the image chunk, an XMP chunk.
    const std::string image = simple.substr(12);
    std::string xmp = std::string("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
                                  "<rdf:Description xmlns:advariant=\"https://advariant.studio/ns/1.0/\">") +
                      kXmpOpen + xmlEscape(record) + kXmpClose + "</rdf:Description></rdf:RDF></x:xmpmeta>";
    std::string body = "WEBP";
    body += "VP8X";
    le32(body, 10);
    body.push_back(static_cast<char>(0x04));  // XMP present
    body.append(3, '\0');
    le24(body, static_cast<uint32_t>(rgb.cols - 1));
    le24(body, static_cast<uint32_t>(rgb.rows - 1));
    body += image;
    body += "XMP ";
    le32(body, static_cast<uint32_t>(xmp.size()));
    body += xmp;
    if (xmp.size() % 2) body.push_back('\0');
    std::string out = "RIFF";
    le32(out, static_cast<uint32_t>(body.size()));
    return out + body;
}

std::string webpRecord(const std::string& b) {
    if (b.size() < 12 || b.compare(0, 4, "RIFF") != 0 || b.compare(8, 4, "WEBP") != 0) return "";
    size_t i = 12;
    while (i + 8 <= b.size()) {
        const uint32_t len = rd32(b, i + 4);
        if (len > b.size() - i - 8) break;
        if (b.compare(i, 4, "XMP ") == 0) {
            const std::string x = b.substr(i + 8, len);
            const size_t a = x.find(kXmpOpen), e = x.find(kXmpClose);
            if (a == std::string::npos || e == std::string::npos || e < a) return "";
            const size_t start = a + std::char_traits<char>::length(kXmpOpen);
            return xmlUnescape(x.substr(start, e - start));
        }
        i += 8 + len + (len % 2);
    }
    return "";
}

Encoded encodeForPreset(const cv::Mat& rgb, const Preset& presetIn, const std::vector<std::pair<std::string, std::string>>& text,
                        const std::string& only) {
    Preset preset = presetIn;
    if (!only.empty()) preset.formats = {only};
    const int64_t budget = preset.maxBytes;
    auto fits = [&](const std::string& s) { return budget <= 0 || static_cast<int64_t>(s.size()) <= budget; };
    Encoded best;
    auto consider = [&](std::string bytes, const std::string& fmt, const std::string& method) {
        if (best.bytes.empty() || bytes.size() < best.bytes.size()) best = Encoded{std::move(bytes), fmt, method, false};
    };
    if (preset.allows("png")) {
        png::Image img{rgb.cols, rgb.rows, 3, std::vector<uint8_t>(rgb.data, rgb.data + rgb.total() * 3)};
        if (!rgb.isContinuous()) {
            cv::Mat c = rgb.clone();
            img.pixels.assign(c.data, c.data + c.total() * 3);
        }
        std::string full = png::encode(img, text, 9);
        if (fits(full)) return Encoded{std::move(full), "png", "png", true};
        consider(std::move(full), "png", "png");
        for (int colors : {256, 128, 64}) {
            std::string pal = encodePalettePng(rgb, colors, text);
            const std::string method = "png-palette-" + std::to_string(colors);
            if (fits(pal)) return Encoded{std::move(pal), "png", method, true};
            consider(std::move(pal), "png", method);
        }
    }
    std::string record;
    for (const auto& [k, v] : text)
        if (k == "advariant") record = v;
    // The highest quality in [lo, hi] that fits the budget (binary search); misses are kept as fallbacks.
    auto searchQuality = [&](int lo, int hi, const std::string& fmt, const std::function<std::string(int)>& encode) {
        std::string found;
        int foundQ = 0;
        while (lo <= hi) {
            const int q = (lo + hi) / 2;
            std::string bytes = encode(q);
            if (fits(bytes)) {
                found = std::move(bytes);
                foundQ = q;
                lo = q + 1;
            } else {
                consider(std::move(bytes), fmt, fmt + "-q" + std::to_string(q));
                hi = q - 1;
            }
        }
        return found.empty() ? Encoded{} : Encoded{std::move(found), fmt, fmt + "-q" + std::to_string(foundQ), true};
    };
    if (preset.allows("jpg")) {
        Encoded j = searchQuality(40, 95, "jpg", [&](int q) { return encodeJpeg(rgb, q, record); });
        if (j.withinBudget && !j.bytes.empty()) return j;
    }
    if (preset.allows("webp")) {
        std::string lossless = encodeWebp(rgb, 101, record);
        if (fits(lossless)) return Encoded{std::move(lossless), "webp", "webp-lossless", true};
        consider(std::move(lossless), "webp", "webp-lossless");
        Encoded w = searchQuality(30, 95, "webp", [&](int q) { return encodeWebp(rgb, q, record); });
        if (w.withinBudget && !w.bytes.empty()) return w;
    }
    return best;  // withinBudget = false: the caller reports it
}

} // namespace adv::exportset
