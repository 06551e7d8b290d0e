#include "brand/text_engine.h"

#include "text/unicode.h"
#include "util/error.h"
#include "util/fs.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_OUTLINE_H
#include <hb.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <unordered_map>

namespace adv::brand {

namespace sfs = std::filesystem;

struct Font::Impl {
    FT_Library lib = nullptr;
    FT_Face face = nullptr;
    hb_blob_t* blob = nullptr;
    hb_face_t* hbFace = nullptr;
    hb_font_t* hbFont = nullptr;
    double upem = 1000;
    mutable std::mutex mu;  // FreeType faces carry a current size
    ~Impl() {
        if (hbFont) hb_font_destroy(hbFont);
        if (hbFace) hb_face_destroy(hbFace);
        if (blob) hb_blob_destroy(blob);
        if (face) FT_Done_Face(face);
        if (lib) FT_Done_FreeType(lib);
    }
};

Font::~Font() = default;

std::shared_ptr<Font> Font::open(const std::string& file, int faceIndex) {
    std::shared_ptr<Font> f(new Font());
    f->d = std::make_unique<Impl>();
    f->file_ = file;
    Impl& d = *f->d;
    if (FT_Init_FreeType(&d.lib)) throw Error("FreeType could not start");
    const FT_Error err = FT_New_Face(d.lib, file.c_str(), faceIndex, &d.face);
    std::error_code ec;
    if (err) throw FileError(file, sfs::exists(file, ec) ? "not a font FreeType can read (TrueType, OpenType, WOFF)" : "font file missing");
    if (!FT_IS_SCALABLE(d.face)) throw FileError(file, "a bitmap-only font; ads need a scalable (TrueType/OpenType) font");
    d.upem = d.face->units_per_EM > 0 ? d.face->units_per_EM : 1000;
    d.blob = hb_blob_create_from_file(file.c_str());
    d.hbFace = hb_face_create(d.blob, static_cast<unsigned>(faceIndex));
    d.hbFont = hb_font_create(d.hbFace);
    const int scale = static_cast<int>(d.upem);
    hb_font_set_scale(d.hbFont, scale, scale);
    return f;
}

std::string Font::family() const { return d->face->family_name ? d->face->family_name : ""; }
std::string Font::style() const { return d->face->style_name ? d->face->style_name : ""; }
double Font::ascent(double px) const { return d->face->ascender * px / d->upem; }
double Font::descent(double px) const { return -d->face->descender * px / d->upem; }
double Font::lineGap(double px) const {
    return std::max(0.0, (d->face->height - d->face->ascender + d->face->descender) * px / d->upem);
}

ShapedLine Font::shape(const std::string& utf8, double px) const {
    ShapedLine line;
    line.text = utf8;
    hb_buffer_t* buf = hb_buffer_create();
    hb_buffer_add_utf8(buf, utf8.data(), static_cast<int>(utf8.size()), 0, static_cast<int>(utf8.size()));
    hb_buffer_guess_segment_properties(buf);
    {
        std::lock_guard<std::mutex> lock(d->mu);
        hb_shape(d->hbFont, buf, nullptr, 0);
    }
    unsigned n = 0;
    const hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buf, &n);
    const hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buf, &n);
    const double s = px / d->upem;
    double pen = 0;
    line.glyphs.reserve(n);
    for (unsigned i = 0; i < n; ++i) {
        line.glyphs.push_back(Glyph{info[i].codepoint, pen + pos[i].x_offset * s, pos[i].y_offset * s});
        pen += pos[i].x_advance * s;
    }
    line.width = pen;
    hb_buffer_destroy(buf);
    return line;
}

void Font::rasterize(const ShapedLine& line, double px, double ox, double oy, cv::Mat& cov) const {
    std::lock_guard<std::mutex> lock(d->mu);
    FT_Set_Char_Size(d->face, 0, static_cast<FT_F26Dot6>(std::lround(px * 64)), 72, 72);
    for (const Glyph& g : line.glyphs) {
        if (FT_Load_Glyph(d->face, g.id, FT_LOAD_NO_HINTING | FT_LOAD_NO_BITMAP)) continue;
        FT_GlyphSlot slot = d->face->glyph;
        const double gx = ox + g.x, gy = oy - g.y;
        const double ix = std::floor(gx), iy = std::floor(gy);
        if (slot->format == FT_GLYPH_FORMAT_OUTLINE)
            FT_Outline_Translate(&slot->outline, static_cast<FT_Pos>(std::lround((gx - ix) * 64)),
                                 -static_cast<FT_Pos>(std::lround((gy - iy) * 64)));
        if (FT_Render_Glyph(slot, FT_RENDER_MODE_NORMAL)) continue;
        const FT_Bitmap& bm = slot->bitmap;
        const int x0 = static_cast<int>(ix) + slot->bitmap_left, y0 = static_cast<int>(iy) - slot->bitmap_top;
        for (unsigned r = 0; r < bm.rows; ++r) {
            const int y = y0 + static_cast<int>(r);
            if (y < 0 || y >= cov.rows) continue;
            const unsigned char* src = bm.buffer + static_cast<long>(r) * bm.pitch;
            uchar* dst = cov.ptr<uchar>(y);
            for (unsigned c = 0; c < bm.width; ++c) {
                const int x = x0 + static_cast<int>(c);
                if (x >= 0 && x < cov.cols) dst[x] = std::max(dst[x], src[c]);
            }
        }
    }
}

// --- finding fonts -----------------------------------------------------------------------------

namespace {
std::string lowerAscii(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}
// "Regular", "Book", "Roman", "Normal" and "" name the same face.
std::string normStyle(const std::string& s) {
    const std::string l = lowerAscii(s);
    if (l.empty() || l == "regular" || l == "book" || l == "roman" || l == "normal") return "regular";
    return l;
}
bool isFontFile(const sfs::path& p) {
    const std::string e = lowerAscii(p.extension().string());
    return e == ".ttf" || e == ".otf" || e == ".ttc" || e == ".otc";
}
} // namespace

FontLibrary::FontLibrary() = default;
FontLibrary::~FontLibrary() = default;

std::vector<std::string> FontLibrary::searchDirs() {
    std::vector<std::string> dirs;
    const sfs::path res = fs::resourceDir();
    if (!res.empty()) dirs.push_back((res / "fonts").string());
    auto env = [](const char* n) -> std::string {
        const char* v = std::getenv(n);
        return v ? v : "";
    };
#ifdef _WIN32
    if (!env("WINDIR").empty()) dirs.push_back(env("WINDIR") + "\\Fonts");
    if (!env("LOCALAPPDATA").empty()) dirs.push_back(env("LOCALAPPDATA") + "\\Microsoft\\Windows\\Fonts");
#else
    if (!env("HOME").empty()) {
        dirs.push_back(env("HOME") + "/.local/share/fonts");
        dirs.push_back(env("HOME") + "/.fonts");
    }
    dirs.push_back("/usr/local/share/fonts");
    dirs.push_back("/usr/share/fonts");
    dirs.push_back("/Library/Fonts");
#endif
    return dirs;
}

void FontLibrary::index() {
    if (indexed_) return;
    indexed_ = true;
    static const std::vector<Entry> installed = scanInstalled();  // thread-safe once
    entries_ = installed;
}

std::vector<FontLibrary::Entry> FontLibrary::scanInstalled() {
    std::vector<Entry> entries;
    FT_Library lib = nullptr;
    if (FT_Init_FreeType(&lib)) return entries;
    size_t seen = 0;
    for (const std::string& dir : searchDirs()) {
        std::error_code ec;
        if (!sfs::is_directory(dir, ec)) continue;
        for (auto it = sfs::recursive_directory_iterator(dir, sfs::directory_options::skip_permission_denied, ec);
             !ec && it != sfs::recursive_directory_iterator() && seen < 20000; it.increment(ec)) {
            if (!it->is_regular_file(ec) || !isFontFile(it->path())) continue;
            ++seen;
            const std::string file = it->path().string();
            FT_Face face = nullptr;
            if (FT_New_Face(lib, file.c_str(), 0, &face)) continue;
            const long faces = std::min<long>(face->num_faces, 64);
            for (long i = 0; i < faces; ++i) {
                if (i > 0) {
                    FT_Done_Face(face);
                    face = nullptr;
                    if (FT_New_Face(lib, file.c_str(), i, &face)) break;
                }
                if (FT_IS_SCALABLE(face) && face->family_name)
                    entries.push_back({file, face->family_name, face->style_name ? face->style_name : "", static_cast<int>(i)});
            }
            if (face) FT_Done_Face(face);
        }
    }
    FT_Done_FreeType(lib);
    return entries;
}

std::shared_ptr<Font> FontLibrary::find(const FontRef& ref) {
    const std::string key = ref.file + "|" + ref.family + "|" + ref.style;
    for (const auto& [k, f] : open_)
        if (k == key) return f;
    std::shared_ptr<Font> font;
    if (!ref.file.empty()) {
        font = Font::open(ref.file);
    } else {
        index();
        const std::string fam = lowerAscii(ref.family), sty = normStyle(ref.style);
        const Entry* exact = nullptr;
        const Entry* sameFamily = nullptr;
        for (const Entry& e : entries_) {
            if (lowerAscii(e.family) != fam) continue;
            if (normStyle(e.style) == sty) {
                exact = &e;
                break;
            }
            if (!sameFamily) sameFamily = &e;
        }
        const Entry* best = exact ? exact : sameFamily;
        if (!best) {
            // Not installed: the shipped face of the same weight.
            const bool bold = sty.find("bold") != std::string::npos || sty.find("black") != std::string::npos ||
                              sty.find("heavy") != std::string::npos;
            for (const Entry& e : entries_)
                if (e.family == "DejaVu Sans" && normStyle(e.style) == (bold ? "bold" : "regular")) {
                    best = &e;
                    break;
                }
            if (!best)
                throw Error("no font found for '" + ref.family + " " + ref.style +
                            "' and the shipped DejaVu Sans is missing (resources/fonts)");
        }
        if (!exact)
            warnings_.push_back("font '" + ref.family + (ref.style.empty() ? "" : " " + ref.style) + "' is not installed; " +
                                best->family + " " + best->style + " is used");
        font = Font::open(best->file, best->index);
    }
    open_.emplace_back(key, font);
    return font;
}

std::shared_ptr<Font> FontLibrary::font(const BrandKit& kit, const std::string& key) {
    const auto it = kit.fonts.find(key);
    if (it == kit.fonts.end()) return find(FontRef{"", "DejaVu Sans", "Bold"});
    return find(it->second);
}

// --- upper case --------------------------------------------------------------------------------

std::string toUpperUtf8(const std::string& s) {
    static const std::unordered_map<char32_t, char32_t> upper = [] {
        std::unordered_map<char32_t, char32_t> m;
        for (size_t i = 0; i < unicode::tables::kLowerCount; ++i) {
            const auto& e = unicode::tables::kLower[i];
            if (e.lower[0] && !e.lower[1] && e.lower[0] != e.cp && !m.count(e.lower[0])) m[e.lower[0]] = e.cp;
        }
        return m;
    }();
    std::u32string out;
    for (char32_t c : unicode::decodeUtf8(s)) {
        if (c == U'ß') {
            out += U"SS";
        } else if (c < 0x80) {
            out.push_back((c >= 'a' && c <= 'z') ? c - 32 : c);
        } else {
            const auto it = upper.find(c);
            out.push_back(it == upper.end() ? c : it->second);
        }
    }
    return unicode::encodeUtf8(out);
}

// --- fitting -----------------------------------------------------------------------------------

namespace {

struct Wrapped {
    std::vector<std::string> lines;
    bool overflow = false;  // a word wider than a line (not split)
    bool broke = false;
};

std::vector<std::string> splitWords(const std::string& para) {
    std::vector<std::string> w;
    std::string cur;
    for (char c : para) {
        if (c == ' ' || c == '\t' || c == '\r') {
            if (!cur.empty()) w.push_back(cur), cur.clear();
        } else {
            cur += c;
        }
    }
    if (!cur.empty()) w.push_back(cur);
    return w;
}

// Splits a word too wide for a line: the longest prefix (+ hyphen) that fits, preferring an existing hyphen.
std::vector<std::string> breakWord(const Font& f, const std::string& word, double px, double maxWidth) {
    std::vector<std::string> parts;
    std::u32string rest = unicode::decodeUtf8(word);
    while (!rest.empty()) {
        if (f.shape(unicode::encodeUtf8(rest), px).width <= maxWidth) {
            parts.push_back(unicode::encodeUtf8(rest));
            break;
        }
        size_t take = 1;
        for (size_t n = 1; n < rest.size(); ++n) {
            const bool hyphen = rest[n - 1] == U'-';
            const std::string piece = unicode::encodeUtf8(rest.substr(0, n)) + (hyphen ? "" : "-");
            if (f.shape(piece, px).width > maxWidth) break;
            take = n;
        }
        // No one- or two-letter stubs on either side of the break ("Sommerschlussverkau-" / "f:").
        const size_t letters = rest.size();
        if (letters - take < 3 && letters >= 6) take = letters - 3;
        // An existing hyphen within the piece is the nicer break.
        for (size_t n = take; n > take / 2 && n > 1; --n)
            if (rest[n - 1] == U'-') {
                take = n;
                break;
            }
        std::string piece = unicode::encodeUtf8(rest.substr(0, take));
        if (rest[take - 1] != U'-') piece += "-";
        parts.push_back(piece);
        rest = rest.substr(take);
    }
    return parts;
}

Wrapped wrap(const Font& f, const std::string& text, double px, double maxWidth, bool allowBreak) {
    Wrapped w;
    size_t start = 0;
    while (start <= text.size()) {
        size_t nl = text.find('\n', start);
        if (nl == std::string::npos) nl = text.size();
        const std::string para = text.substr(start, nl - start);
        start = nl + 1;
        std::string cur;
        for (const std::string& word : splitWords(para)) {
            const std::string cand = cur.empty() ? word : cur + " " + word;
            if (f.shape(cand, px).width <= maxWidth) {
                cur = cand;
                continue;
            }
            if (!cur.empty()) w.lines.push_back(cur);
            cur = word;
            if (f.shape(word, px).width > maxWidth) {
                if (!allowBreak) {
                    w.overflow = true;
                    continue;
                }
                auto parts = breakWord(f, word, px, maxWidth);
                w.broke = true;
                for (size_t i = 0; i + 1 < parts.size(); ++i) w.lines.push_back(parts[i]);
                cur = parts.back();
            }
        }
        if (!cur.empty()) w.lines.push_back(cur);
        if (nl == text.size()) break;
    }
    return w;
}

TextBlock makeBlock(const std::shared_ptr<Font>& font, const std::vector<std::string>& lines, double px) {
    TextBlock b;
    b.font = font;
    b.px = px;
    b.ascent = font->ascent(px);
    b.descent = font->descent(px);
    b.lineHeight = (b.ascent + b.descent) * 1.08;
    for (const auto& l : lines) {
        b.lines.push_back(font->shape(l, px));
        b.width = std::max(b.width, b.lines.back().width);
    }
    const size_t n = std::max<size_t>(1, b.lines.size());
    b.height = b.ascent + b.descent + static_cast<double>(n - 1) * b.lineHeight;
    return b;
}

} // namespace

TextBlock fitText(const std::shared_ptr<Font>& font, const std::string& text, double maxWidth, double maxHeight, double maxPx,
                  double minPx, int maxLines) {
    if (!font) throw Error("fitText: no font");
    minPx = std::max(4.0, std::min(minPx, maxPx));
    maxLines = std::max(1, maxLines);
    auto ok = [&](const TextBlock& b) {
        return static_cast<int>(b.lines.size()) <= maxLines && b.height <= maxHeight + 0.5 && b.width <= maxWidth + 0.5;
    };
    // Largest size at which whole words fit.
    for (double px = maxPx;; px = std::max(minPx, px * 0.94)) {
        const Wrapped w = wrap(*font, text, px, maxWidth, false);
        if (!w.overflow) {
            TextBlock b = makeBlock(font, w.lines, px);
            if (ok(b)) return b;
        }
        if (px <= minPx) break;
    }
    // Split words that are longer than a line.
    Wrapped w = wrap(*font, text, minPx, maxWidth, true);
    TextBlock b = makeBlock(font, w.lines, minPx);
    b.brokeWords = w.broke;
    if (ok(b)) return b;
    // Too much text: keep the lines that fit, the last one ending in an ellipsis.
    int keep = maxLines;
    while (keep > 1 && b.ascent + b.descent + (keep - 1) * b.lineHeight > maxHeight + 0.5) --keep;
    std::vector<std::string> lines(w.lines.begin(), w.lines.begin() + std::min<size_t>(keep, w.lines.size()));
    std::u32string last = unicode::decodeUtf8(lines.back());
    while (!last.empty() && font->shape(unicode::encodeUtf8(last) + "…", minPx).width > maxWidth) last.pop_back();
    while (!last.empty() && last.back() == U' ') last.pop_back();
    lines.back() = unicode::encodeUtf8(last) + "…";
    b = makeBlock(font, lines, minPx);
    b.brokeWords = w.broke;
    b.truncated = true;
    b.fits = ok(b);
    return b;
}

cv::Mat renderBlock(const TextBlock& b, int align) {
    cv::Mat cov(std::max(1, static_cast<int>(std::ceil(b.height))), std::max(1, static_cast<int>(std::ceil(b.width))), CV_8U,
                cv::Scalar(0));
    for (size_t i = 0; i < b.lines.size(); ++i) {
        const auto& l = b.lines[i];
        const double x = align == 0 ? 0 : (b.width - l.width) * (align == 1 ? 0.5 : 1.0);
        b.font->rasterize(l, b.px, x, b.ascent + static_cast<double>(i) * b.lineHeight, cov);
    }
    return cov;
}

} // namespace adv::brand
