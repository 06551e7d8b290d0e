// A brand kit: the logo, colours, fonts and text styles every ad of a brand shares.
// Read from a JSON file (the CLI's --brand kit.json, the studio's Brand kit editor);
// plain structs, no LibTorch, OpenCV or Qt (part of the core interface).
//
//   {"name": "Acme", "logo": "logo.png", "logo_clear_space": 0.25,
//    "colors": {"primary": "#0A3D62", "accent": "#F6B93B", "dark": "#111111", "light": "#FFFFFF"},
//    "fonts": {"display": {"family": "DejaVu Sans", "style": "Bold"}, "body": {"file": "fonts/Brand.ttf"}},
//    "headline": {"font": "display", "color": "light", "size": 0.07, "min_size": 0.03, "max_lines": 2},
//    "cta": {"font": "display", "color": "dark", "fill": "accent", "corner_radius": 0.5, "size": 0.04},
//    "badge": {"font": "display", "color": "light", "fill": "#E55039", "shape": "pill"}}
//
// Colours are "#RRGGBB" or the name of an entry in "colors"; files are relative to the kit's folder.
// Sizes are shares of the placement's shorter side (text: the em size).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace adv::brand {

struct Color {
    uint8_t r = 0, g = 0, b = 0;
    bool operator==(const Color& o) const { return r == o.r && g == o.g && b == o.b; }
    bool operator!=(const Color& o) const { return !(*this == o); }
};

// "#RRGGBB" / "#RGB" -> colour; false when the text is not one.
bool parseHexColor(const std::string& text, Color& out);
std::string hexColor(const Color& c);

// WCAG 2.x relative luminance (sRGB) and contrast ratio (1..21).
double relativeLuminance(const Color& c);
double contrastRatio(const Color& a, const Color& b);
constexpr double kMinTextContrast = 4.5;  // WCAG AA, normal text

// A font by file, or by family and style looked up among the kit's, the system's and the shipped fonts.
struct FontRef {
    std::string file;     // absolute once loaded
    std::string family;   // "DejaVu Sans"
    std::string style;    // "Bold", "Regular", ...
};

struct TextStyle {
    std::string font = "display";  // key into BrandKit::fonts
    Color color{255, 255, 255};
    double size = 0.07;      // em size, share of the shorter side
    double minSize = 0.025;  // shrink-to-fit stops here (then words are broken)
    int maxLines = 2;
    bool uppercase = false;
};

struct ButtonStyle {
    Color fill{246, 185, 59};
    double cornerRadius = 0.5;  // share of the button height (0.5: pill)
    double paddingX = 0.9;      // share of the em size, each side
    double paddingY = 0.45;
};

struct BadgeStyle {
    Color fill{192, 57, 43};  // white text on it: 5.4:1
    std::string shape = "pill";  // "pill" | "circle" | "rect"
};

struct BrandKit {
    std::string name;
    std::string file;                 // where it was read from ("" when built in code)
    std::string logo;                 // PNG (alpha kept) or SVG; absolute once loaded; "" = none
    double logoClearSpace = 0.25;     // free margin around the logo, share of its height
    double logoSize = 0.09;           // logo height, share of the shorter side (fitted down in small slots)
    std::map<std::string, Color> colors;
    std::map<std::string, FontRef> fonts;
    TextStyle headline, cta, badge;
    ButtonStyle button;
    BadgeStyle badgeShape;
    Color scrimDark{0, 0, 0}, scrimLight{255, 255, 255};  // backing shapes when the picture gives too little contrast

    // The kit every export uses when none is given: the shipped font, white headline, amber button.
    static BrandKit defaults();
};

// Throws FileError naming the file and the field.
BrandKit loadBrandKit(const std::string& path);
BrandKit parseBrandKit(const std::string& text, const std::string& origin, const std::string& baseDir);
// Paths are written relative to `baseDir` when they lie inside it.
std::string brandKitToJson(const BrandKit& kit, const std::string& baseDir = {});

// SVG logos: core has no SVG renderer; the executables register one (Qt SVG) at start-up.
// Returns false with `error` set when the file is not a usable SVG; `rgba` gets w*h*4 bytes, straight alpha.
using SvgRasterizer = std::function<bool(const std::string& file, int height, int& w, int& h, std::vector<uint8_t>& rgba,
                                         std::string& error)>;
void setSvgRasterizer(SvgRasterizer r);
const SvgRasterizer& svgRasterizer();

} // namespace adv::brand
