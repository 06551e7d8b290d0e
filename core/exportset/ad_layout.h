// Brand layouts: where the logo, headline, call to action and badge go on a placement, and drawing them.
//
// planLayout splits the preset's safe rectangle (text-safe zone ∩ subject area) into the product's zone and
// slots for the brand elements, by the placement's shape: portrait and square (logo and badge on top, copy
// at the bottom), landscape (product left, copy column right), strips such as 728×90 and 320×50 (product,
// logo, headline, button in a row). The reframer then puts the product inside its zone, so no element can
// cover it; composeAd draws the elements, fitting text and keeping the WCAG contrast rule (a scrim or the
// kit's other text colour where the picture gives too little), and clips every brand pixel to the safe
// rectangle outside the product's mask.
#pragma once

#include "brand/brand_kit.h"
#include "exportset/copy_sheet.h"
#include "exportset/preset.h"

#include <opencv2/core.hpp>

#include <string>
#include <vector>

namespace adv::brand {
class FontLibrary;
}

namespace adv::exportset {

enum class LayoutKind { Portrait, Landscape, Strip };

struct AdLayout {
    LayoutKind kind = LayoutKind::Portrait;
    cv::Rect safe;          // the preset's safe rectangle: every brand pixel lies inside it
    cv::Rect productZone;   // the reframer's target for the product
    cv::Rect logo;          // the logo itself (its clear space around it is kept free); empty: none
    cv::Rect headline, cta, badge;  // slots; text is fitted inside them
    int align = 1;          // text alignment: 0 left, 1 centre
    double headlinePx = 0, ctaPx = 0, badgePx = 0;  // the largest em sizes to try
    double minPx = 9;       // legibility floor
    int headlineLines = 2;
    std::vector<std::string> notes;  // e.g. "badge left out: no room in a 320x50 strip"
};

// `logoAspect` = logo width / height (0: no logo).
AdLayout planLayout(const Preset& p, const brand::BrandKit& kit, const CopyRow& copy, double logoAspect);

// A preset whose safe rectangle is the layout's product zone (what reframe() is given).
Preset productPreset(const Preset& p, const AdLayout& l);

struct PlacedElement {
    std::string kind;        // "logo", "headline", "cta", "badge"
    std::string text;        // as drawn (after fitting: "…" when cut)
    cv::Rect box;            // the drawn element's bounds (button/badge shape, or text block)
    cv::Rect textBox;        // the glyphs' block
    brand::Color color;      // text colour
    double px = 0;           // em size drawn
    double contrast = 0;     // worst WCAG ratio between the text colour and the pixels behind the text
    std::string backing;     // "", "scrim", "button", "badge"
    bool truncated = false, brokeWords = false;
};

struct Composed {
    cv::Mat rgb;       // the ad
    cv::Mat ink;       // CV_8U: how much of each pixel the brand layer covers (0 = the picture untouched)
    cv::Mat textInk;   // CV_8U: glyph coverage alone (what the contrast rule is about)
    std::vector<PlacedElement> elements;
    std::vector<std::string> warnings;
};

// Draws the kit's elements and the copy on `rgb` (the reframed picture, preset size). `productMask`
// (CV_8U, same size, non-zero = product) may be empty; `logoRgba` (CV_8UC4) may be empty.
Composed composeAd(const cv::Mat& rgb, const AdLayout& l, const brand::BrandKit& kit, const CopyRow& copy,
                   brand::FontLibrary& fonts, const cv::Mat& logoRgba, const cv::Mat& productMask);

// The kit's logo as RGBA (PNG with alpha, JPEG, ...; SVG through the registered rasteriser). Throws FileError.
cv::Mat loadLogo(const std::string& path, int heightHint = 512);

} // namespace adv::exportset
