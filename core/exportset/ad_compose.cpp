// Drawing a layout: logo, headline, button and badge, with the contrast rule and the product kept clear.
#include "exportset/ad_layout.h"

#include "brand/text_engine.h"
#include "io/image_file.h"
#include "util/error.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <array>
#include <cmath>

namespace adv::exportset {

using brand::Color;

namespace {

int iround(double v) { return static_cast<int>(std::lround(v)); }

const std::array<double, 256>& linearLut() {
    static const std::array<double, 256> lut = [] {
        std::array<double, 256> t{};
        for (int i = 0; i < 256; ++i) {
            const double s = i / 255.0;
            t[i] = s <= 0.04045 ? s / 12.92 : std::pow((s + 0.055) / 1.055, 2.4);
        }
        return t;
    }();
    return lut;
}

// The canvas being drawn on: the picture, the brand layer's coverage, and where brand pixels may go.
struct Canvas {
    cv::Mat rgb, ink, allowed;
    long clipped = 0;
    cv::Mat textInk;  // glyph coverage only

    // Blends `color` with per-pixel coverage `cov` (CV_8U) at top-left `at`, times `opacity`.
    void paint(const cv::Mat& cov, cv::Point at, const Color& color, double opacity = 1.0, bool text = false) {
        const cv::Rect r = cv::Rect(at, cov.size()) & cv::Rect(0, 0, rgb.cols, rgb.rows);
        for (int y = r.y; y < r.y + r.height; ++y) {
            const uchar* c = cov.ptr<uchar>(y - at.y);
            const uchar* ok = allowed.ptr<uchar>(y);
            uchar* px = rgb.ptr<uchar>(y);
            uchar* in = ink.ptr<uchar>(y);
            for (int x = r.x; x < r.x + r.width; ++x) {
                const int cv = c[x - at.x];
                if (!cv) continue;
                if (!ok[x]) {
                    ++clipped;
                    continue;
                }
                const double a = cv / 255.0 * opacity;
                uchar* p = px + 3 * x;
                p[0] = static_cast<uchar>(std::lround(p[0] * (1 - a) + color.r * a));
                p[1] = static_cast<uchar>(std::lround(p[1] * (1 - a) + color.g * a));
                p[2] = static_cast<uchar>(std::lround(p[2] * (1 - a) + color.b * a));
                in[x] = std::max<uchar>(in[x], static_cast<uchar>(std::lround(a * 255)));
                if (text) textInk.at<uchar>(y, x) = std::max<uchar>(textInk.at<uchar>(y, x), static_cast<uchar>(cv));
            }
        }
    }

    // An RGBA picture (straight alpha) at top-left `at`.
    void paintRgba(const cv::Mat& rgba, cv::Point at) {
        const cv::Rect r = cv::Rect(at, rgba.size()) & cv::Rect(0, 0, rgb.cols, rgb.rows);
        for (int y = r.y; y < r.y + r.height; ++y) {
            const cv::Vec4b* s = rgba.ptr<cv::Vec4b>(y - at.y);
            for (int x = r.x; x < r.x + r.width; ++x) {
                const cv::Vec4b p = s[x - at.x];
                if (!p[3]) continue;
                if (!allowed.at<uchar>(y, x)) {
                    ++clipped;
                    continue;
                }
                const double a = p[3] / 255.0;
                cv::Vec3b& q = rgb.at<cv::Vec3b>(y, x);
                for (int k = 0; k < 3; ++k) q[k] = static_cast<uchar>(std::lround(q[k] * (1 - a) + p[k] * a));
                ink.at<uchar>(y, x) = std::max(ink.at<uchar>(y, x), p[3]);
            }
        }
    }

    // Worst WCAG contrast between `text` and the pixels of `r` (1 when the rectangle is empty).
    double worstContrast(const Color& text, cv::Rect r) const {
        r &= cv::Rect(0, 0, rgb.cols, rgb.rows);
        if (r.area() == 0) return 21;
        const auto& lut = linearLut();
        const double lt = brand::relativeLuminance(text);
        double worst = 21;
        for (int y = r.y; y < r.y + r.height; ++y) {
            const uchar* p = rgb.ptr<uchar>(y);
            for (int x = r.x; x < r.x + r.width; ++x) {
                const uchar* q = p + 3 * x;
                const double lb = 0.2126 * lut[q[0]] + 0.7152 * lut[q[1]] + 0.0722 * lut[q[2]];
                worst = std::min(worst, (std::max(lt, lb) + 0.05) / (std::min(lt, lb) + 0.05));
            }
        }
        return worst;
    }
};

// Anti-aliased rounded rectangle coverage (radius in pixels).
cv::Mat roundedRect(cv::Size s, double radius) {
    cv::Mat m(s, CV_8U);
    radius = std::clamp(radius, 0.0, std::min(s.width, s.height) / 2.0);
    const double cx0 = radius, cx1 = s.width - radius, cy0 = radius, cy1 = s.height - radius;
    for (int y = 0; y < s.height; ++y)
        for (int x = 0; x < s.width; ++x) {
            const double px = x + 0.5, py = y + 0.5;
            const double dx = std::max({cx0 - px, 0.0, px - cx1}), dy = std::max({cy0 - py, 0.0, py - cy1});
            const double d = std::hypot(dx, dy) - radius;  // < 0 inside the corner arc
            const double edge = std::min({px, s.width - px, py, s.height - py});  // distance to the box's sides
            const double a = std::clamp(std::min(0.5 - d, edge + 0.0), 0.0, 1.0);
            m.at<uchar>(y, x) = static_cast<uchar>(std::lround(a * 255));
        }
    return m;
}

Color betterOf(const Color& a, const Color& b, const Color& against) {
    return brand::contrastRatio(a, against) >= brand::contrastRatio(b, against) ? a : b;
}

Color kitColor(const brand::BrandKit& k, const char* name, Color def) {
    const auto it = k.colors.find(name);
    return it == k.colors.end() ? def : it->second;
}

struct Ctx {
    Canvas& cv;
    const brand::BrandKit& kit;
    brand::FontLibrary& fonts;
    double m;  // the placement's shorter side
    std::vector<std::string>& warnings;
};

brand::TextBlock fit(Ctx& c, const brand::TextStyle& st, const std::string& text, double maxW, double maxH, double maxPx,
                     double floorPx, int lines) {
    const std::string t = st.uppercase ? brand::toUpperUtf8(text) : text;
    const double minPx = std::max(floorPx, std::min(st.minSize * c.m, 0.6 * maxPx));
    return brand::fitText(c.fonts.font(c.kit, st.font), t, std::max(4.0, maxW), std::max(4.0, maxH), maxPx, minPx, lines);
}

void note(Ctx& c, const brand::TextBlock& b, const std::string& what) {
    if (b.truncated) c.warnings.push_back(what + ": too long for its slot even at the smallest size; cut with an ellipsis");
    else if (b.brokeWords) c.warnings.push_back(what + ": a word longer than the line was split");
}

std::string joined(const brand::TextBlock& b) {
    std::string s;
    for (const auto& l : b.lines) s += (s.empty() ? "" : "\n") + l.text;
    return s;
}

// Headline straight on the picture: the kit's colour, else a scrim behind it, else the kit's other text colour.
PlacedElement drawHeadline(Ctx& c, const AdLayout& l, const std::string& text) {
    const brand::TextStyle& st = c.kit.headline;
    const cv::Rect slot = l.headline;
    const double pad = std::max(2.0, 0.12 * l.headlinePx);
    brand::TextBlock b = fit(c, st, text, slot.width - 2 * pad, slot.height - 2 * pad, l.headlinePx, l.minPx, l.headlineLines);
    const cv::Mat cov = brand::renderBlock(b, l.align);
    int x = slot.x + iround(pad), y;
    if (l.align == 1) x = slot.x + (slot.width - cov.cols) / 2;
    if (l.kind == LayoutKind::Strip) y = slot.y + (slot.height - cov.rows) / 2;
    else y = slot.y + slot.height - iround(pad) - cov.rows;  // next to the button below
    PlacedElement e{"headline", joined(b), {}, cv::Rect(x, y, cov.cols, cov.rows), st.color, b.px, 0, "", b.truncated, b.brokeWords};
    note(c, b, "headline");
    // Contrast is judged on the pixels around the glyphs (a little margin: anti-aliased edges sit on them).
    const int m = std::max(1, iround(0.1 * b.px));
    const cv::Rect behind = cv::Rect(x - m, y - m, cov.cols + 2 * m, cov.rows + 2 * m) & l.safe;
    Color color = st.color;
    cv::Rect scrimBox;
    double worst = c.cv.worstContrast(color, behind);
    if (worst < brand::kMinTextContrast) {
        const Color dark = kitColor(c.kit, "dark", {17, 17, 17}), light = kitColor(c.kit, "light", {255, 255, 255});
        // The backing shape: the brand's primary colour where it carries the text, else the kit's dark or light scrim.
        Color scrim = betterOf(c.kit.scrimDark, c.kit.scrimLight, color);
        const auto primary = c.kit.colors.find("primary");
        if (primary != c.kit.colors.end() && brand::contrastRatio(primary->second, color) >= 7.0) scrim = primary->second;
        const int sp = iround(0.3 * b.px);
        // The backing stays in the headline's slot (never in the logo's clear space or on the button).
        const cv::Rect sr = cv::Rect(x - sp, y - sp, cov.cols + 2 * sp, cov.rows + 2 * sp) & l.safe & slot;
        scrimBox = sr;
        // Rounded corners only as far as the room around the text allows (a corner must not uncover it).
        const int room = std::min({x - sr.x, y - sr.y, sr.x + sr.width - (x + cov.cols), sr.y + sr.height - (y + cov.rows)}) - m;
        const cv::Mat shape = roundedRect(sr.size(), std::clamp(room * 3.0, 0.0, 0.25 * b.px));
        const Canvas before = {c.cv.rgb.clone(), c.cv.ink.clone(), c.cv.allowed, c.cv.clipped, c.cv.textInk};
        double opacity = 0;
        for (double a = 0.35; a <= 1.0001 && worst < brand::kMinTextContrast; a += 0.05) {
            c.cv.rgb = before.rgb.clone();
            c.cv.ink = before.ink.clone();
            c.cv.paint(shape, sr.tl(), scrim, a);
            worst = c.cv.worstContrast(color, behind);
            opacity = a;
        }
        if (worst >= brand::kMinTextContrast && opacity <= 0.75) {
            e.backing = "scrim";
        } else {
            // A heavy scrim: the kit's other text colour may do without one.
            Canvas plain = {before.rgb.clone(), before.ink.clone(), before.allowed, before.clipped, before.textInk};
            Color best = color;
            double bestWorst = 0;
            for (const Color cand : {dark, light}) {
                const double w = plain.worstContrast(cand, behind);
                if (w > bestWorst) bestWorst = w, best = cand;
            }
            if (bestWorst >= brand::kMinTextContrast) {
                c.cv.rgb = plain.rgb, c.cv.ink = plain.ink;
                c.warnings.push_back("headline: the kit's colour " + brand::hexColor(color) +
                                     " is not legible on this picture; " + brand::hexColor(best) + " used");
                color = best, worst = bestWorst;
            } else {
                // Last resort: an opaque square backing over everything behind the text, in the colour that
                // carries it best (black or white always reach 4.5:1 against one of them).
                c.cv.rgb = before.rgb.clone();
                c.cv.ink = before.ink.clone();
                const Color bw = betterOf(Color{0, 0, 0}, Color{255, 255, 255}, color);
                const Color solid = betterOf(scrim, bw, color);
                if (brand::contrastRatio(solid, color) < brand::kMinTextContrast) color = betterOf(Color{0, 0, 0}, Color{255, 255, 255}, solid);
                const cv::Rect box = (sr | behind) & l.safe;
                c.cv.paint(cv::Mat(box.size(), CV_8U, cv::Scalar(255)), box.tl(), solid);
                scrimBox = box;
                worst = c.cv.worstContrast(color, behind);
                e.backing = "scrim";
            }
        }
    }
    c.cv.paint(cov, cv::Point(x, y), color, 1.0, true);
    e.color = color;
    e.contrast = worst;
    e.box = e.backing == "scrim" ? (e.textBox | scrimBox) : e.textBox;
    return e;
}

// A filled shape (button, badge) with text on it; the text colour keeps 4.5:1 against the fill.
PlacedElement drawLabel(Ctx& c, const AdLayout& l, const std::string& kind, const std::string& text, const brand::TextStyle& st,
                        const Color& fill, const std::string& shape, const cv::Rect& slot, double maxPx) {
    const auto& btn = c.kit.button;
    const double padXf = 2 * btn.paddingX, padYf = 2 * btn.paddingY;
    // The padding scales with the text, so the room for the text depends on the size tried.
    const double top = std::min(maxPx, slot.height / (1.15 + padYf));
    brand::TextBlock b;
    for (double px = top;; px = std::max(l.minPx, px * 0.94)) {
        b = fit(c, st, text, slot.width - padXf * px, slot.height - padYf * px, px, px, st.maxLines);
        if (!b.truncated && !b.brokeWords) break;
        if (px <= l.minPx) break;
    }
    note(c, b, kind);
    const cv::Mat cov = brand::renderBlock(b, 1);
    int w = std::min(slot.width, iround(cov.cols + padXf * b.px));
    int h = std::min(slot.height, iround(cov.rows + padYf * b.px));
    if (shape == "circle") w = h = std::min(std::max(w, h), std::min(slot.width, slot.height));
    int x = slot.x;
    if (l.kind == LayoutKind::Portrait && kind == "cta") x = slot.x + (slot.width - w) / 2;
    if (l.kind == LayoutKind::Portrait && kind == "badge") x = slot.x + slot.width - w;
    if (l.kind == LayoutKind::Strip) x = slot.x + slot.width - w;
    const int y = slot.y + (slot.height - h) / 2;
    const double radius = shape == "rect" ? 0.0 : shape == "circle" ? h / 2.0 : (kind == "cta" ? btn.cornerRadius * h : h / 2.0);
    c.cv.paint(roundedRect(cv::Size(w, h), radius), cv::Point(x, y), fill);
    Color color = st.color;
    if (brand::contrastRatio(color, fill) < brand::kMinTextContrast) {
        const Color alt = betterOf(kitColor(c.kit, "dark", {17, 17, 17}), kitColor(c.kit, "light", {255, 255, 255}), fill);
        const Color best = betterOf(alt, betterOf(Color{0, 0, 0}, Color{255, 255, 255}, fill), fill);
        c.warnings.push_back(kind + ": text " + brand::hexColor(color) + " on " + brand::hexColor(fill) + " is below 4.5:1; " +
                             brand::hexColor(best) + " used");
        color = best;
    }
    const cv::Point at(x + (w - cov.cols) / 2, y + (h - cov.rows) / 2);
    const int m = std::max(1, iround(0.1 * b.px));
    const double worst = c.cv.worstContrast(color, cv::Rect(at.x - m, at.y - m, cov.cols + 2 * m, cov.rows + 2 * m) & cv::Rect(x, y, w, h));
    c.cv.paint(cov, at, color, 1.0, true);
    return PlacedElement{kind, joined(b), cv::Rect(x, y, w, h), cv::Rect(at, cov.size()), color, b.px, worst, kind == "cta" ? "button" : "badge",
                         b.truncated, b.brokeWords};
}

} // namespace

cv::Mat loadLogo(const std::string& path, int heightHint) {
    cv::Mat img;
    std::string ext = path.size() > 4 ? path.substr(path.size() - 4) : "";
    for (auto& ch : ext) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (ext == ".svg") {
        int w = 0, h = 0;
        std::vector<uint8_t> rgba;
        std::string err;
        const auto& r = brand::svgRasterizer();
        if (!r) throw FileError(path, "SVG logos need the studio's SVG renderer (Qt SVG); use a PNG with transparency");
        if (!r(path, heightHint, w, h, rgba, err)) throw FileError(path, err.empty() ? "not a readable SVG" : err);
        return cv::Mat(h, w, CV_8UC4, rgba.data()).clone();
    }
    img = io::readImageFile(path, cv::IMREAD_UNCHANGED);
    cv::Mat rgba;
    if (img.channels() == 4) cv::cvtColor(img, rgba, cv::COLOR_BGRA2RGBA);
    else if (img.channels() == 3) cv::cvtColor(img, rgba, cv::COLOR_BGR2RGBA);
    else cv::cvtColor(img, rgba, cv::COLOR_GRAY2RGBA);
    return rgba;
}

Composed composeAd(const cv::Mat& rgb, const AdLayout& l, const brand::BrandKit& kit, const CopyRow& copy, brand::FontLibrary& fonts,
                   const cv::Mat& logoRgba, const cv::Mat& productMask) {
    Composed out;
    Canvas cv{rgb.clone(), cv::Mat(rgb.size(), CV_8U, cv::Scalar(0)), cv::Mat(rgb.size(), CV_8U, cv::Scalar(0)), 0,
              cv::Mat(rgb.size(), CV_8U, cv::Scalar(0))};
    cv.allowed(l.safe & cv::Rect(0, 0, rgb.cols, rgb.rows)).setTo(255);
    if (!productMask.empty()) {
        cv::Mat pm = productMask > 0, grown;
        cv::dilate(pm, grown, cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(5, 5)));
        cv.allowed.setTo(0, grown);
    }
    out.warnings = l.notes;
    Ctx c{cv, kit, fonts, static_cast<double>(std::min(rgb.cols, rgb.rows)), out.warnings};
    if (!logoRgba.empty() && l.logo.area() > 0) {
        cv::Mat sized;
        cv::resize(logoRgba, sized, l.logo.size(), 0, 0, cv::INTER_AREA);
        cv.paintRgba(sized, l.logo.tl());
        out.elements.push_back(PlacedElement{"logo", "", l.logo, {}, {}, 0, 0, "", false, false});
    }
    if (!copy.headline.empty() && l.headline.area() > 0) out.elements.push_back(drawHeadline(c, l, copy.headline));
    if (!copy.cta.empty() && l.cta.area() > 0)
        out.elements.push_back(drawLabel(c, l, "cta", copy.cta, kit.cta, kit.button.fill, "button", l.cta, l.ctaPx));
    if (!copy.badge.empty() && l.badge.area() > 0)
        out.elements.push_back(drawLabel(c, l, "badge", copy.badge, kit.badge, kit.badgeShape.fill, kit.badgeShape.shape, l.badge, l.badgePx));
    if (cv.clipped > 0)
        out.warnings.push_back(std::to_string(cv.clipped) + " brand pixels fell on the product or outside the safe zone and were left out");
    out.rgb = cv.rgb;
    out.ink = cv.ink;
    out.textInk = cv.textInk;
    return out;
}

} // namespace adv::exportset
