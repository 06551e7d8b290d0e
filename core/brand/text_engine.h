// Text for ads: HarfBuzz shaping and FreeType rasterising, Qt-free so exports run
// headless. Fonts are found by file or by family/style among the kit's folder, the
// shipped fonts (resources/fonts) and the system's font folders.
//
// Why not Qt's text engine: the export lives in core/, which must run on a server
// or cluster node without Qt; HarfBuzz is what Qt itself shapes with, so the
// results match what the studio's editor shows.
#pragma once

#include "brand/brand_kit.h"

#include <opencv2/core.hpp>

#include <memory>
#include <string>
#include <vector>

namespace adv::brand {

class Font;  // one face of a font file (FreeType face + HarfBuzz font)

struct Glyph {
    unsigned id = 0;
    double x = 0, y = 0;  // pen position in pixels from the line's origin (baseline)
};

struct ShapedLine {
    std::string text;
    std::vector<Glyph> glyphs;
    double width = 0;  // advance width in pixels
};

// A paragraph laid out at one pixel size: lines top to bottom.
struct TextBlock {
    std::shared_ptr<Font> font;
    double px = 0;          // em size in pixels
    double ascent = 0, descent = 0, lineHeight = 0;
    std::vector<ShapedLine> lines;
    double width = 0, height = 0;  // the block's box
    bool fits = true;               // within the box and line limit at >= the minimum size
    bool brokeWords = false;        // a word longer than a line was split (with a hyphen)
    bool truncated = false;         // lines beyond the limit were dropped (ellipsis)
};

class Font {
public:
    ~Font();
    Font(const Font&) = delete;
    Font& operator=(const Font&) = delete;
    // Throws FileError when the file is not a font FreeType reads.
    static std::shared_ptr<Font> open(const std::string& file, int faceIndex = 0);

    const std::string& file() const { return file_; }
    std::string family() const;
    std::string style() const;
    // Shapes one line of UTF-8 text at `px` pixels per em.
    ShapedLine shape(const std::string& utf8, double px) const;
    double ascent(double px) const;
    double descent(double px) const;  // positive
    double lineGap(double px) const;
    // Glyph coverage (CV_8U) drawn at baseline origin (x, y) into `cov` (max-combined).
    void rasterize(const ShapedLine& line, double px, double x, double y, cv::Mat& cov) const;

private:
    Font() = default;
    struct Impl;
    std::unique_ptr<Impl> d;
    std::string file_;
};

// Resolves a kit's font references; keeps the faces it opened.
class FontLibrary {
public:
    FontLibrary();
    ~FontLibrary();
    // The kit's font by key (TextStyle::font); a family that is not installed falls back to the
    // shipped DejaVu Sans (Bold when the style asks for it) and adds a warning.
    std::shared_ptr<Font> font(const BrandKit& kit, const std::string& key);
    std::shared_ptr<Font> find(const FontRef& ref);
    const std::vector<std::string>& warnings() const { return warnings_; }
    // Folders searched for families, in order.
    static std::vector<std::string> searchDirs();

private:
    struct Entry {
        std::string file, family, style;
        int index = 0;
    };
    void index();
    // The installed fonts, scanned once per process (FreeType opens every face; thousands on a desktop).
    static std::vector<Entry> scanInstalled();
    std::vector<Entry> entries_;
    bool indexed_ = false;
    std::vector<std::pair<std::string, std::shared_ptr<Font>>> open_;
    std::vector<std::string> warnings_;
};

// Upper-casing for headlines ("ß" -> "SS").
std::string toUpperUtf8(const std::string& s);

// Lays `text` out in a box of maxWidth x maxHeight: the largest size from maxPx down to minPx
// at which the words fit in maxLines lines; below that, long words are split with a hyphen,
// and as a last resort lines are dropped with an ellipsis.
TextBlock fitText(const std::shared_ptr<Font>& font, const std::string& text, double maxWidth, double maxHeight,
                  double maxPx, double minPx, int maxLines);

// Coverage of the block (CV_8U, ceil(width) x ceil(height)); align 0 = left, 1 = centre, 2 = right.
cv::Mat renderBlock(const TextBlock& b, int align = 0);

} // namespace adv::brand
