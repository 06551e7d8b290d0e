#include "exportset/ad_layout.h"

#include <algorithm>
#include <cmath>

namespace adv::exportset {

namespace {

int iround(double v) { return static_cast<int>(std::lround(v)); }

// The logo's box inside a slot of height `h` (clear space included), at most `maxW` wide.
cv::Size logoSize(double aspect, double h, double clear, double maxW) {
    double lh = h / (1 + 2 * clear);
    double lw = lh * aspect;
    const double room = maxW - 2 * clear * lh;
    if (lw > room && room > 0) {
        lw = room;
        lh = lw / aspect;
    }
    return cv::Size(std::max(1, iround(lw)), std::max(1, iround(lh)));
}

// Button height for a CTA of em size px.
double buttonHeight(const brand::BrandKit& k, double px) { return px * (1.15 + 2 * k.button.paddingY); }

void portrait(AdLayout& l, const Preset& p, const brand::BrandKit& k, const CopyRow& copy, double logoAspect) {
    const cv::Rect S = l.safe;
    const double m = std::min(p.width, p.height);
    const double gap = std::max(2.0, 0.02 * m);
    const bool tall = static_cast<double>(p.height) / p.width > 2.5;  // skyscrapers: narrow copy, one more line
    l.headlineLines = k.headline.maxLines + (tall ? 1 : 0);
    l.headlinePx = std::max(k.headline.size * m, 13.0);
    l.ctaPx = std::max(k.cta.size * m, 11.0);
    l.badgePx = std::max(k.badge.size * m, 11.0);
    // Top band: logo left, badge right.
    double top = 0;
    if (logoAspect > 0) {
        const double lh = std::min(k.logoSize * m, 0.11 * S.height);
        const cv::Size ls = logoSize(logoAspect, lh * (1 + 2 * k.logoClearSpace), k.logoClearSpace, S.width * (copy.badge.empty() ? 0.8 : 0.5));
        const double c = k.logoClearSpace * ls.height;
        l.logo = cv::Rect(S.x + iround(c), S.y + iround(c), ls.width, ls.height);
        top = ls.height + 2 * c;
    }
    if (!copy.badge.empty()) {
        const double bh = buttonHeight(k, l.badgePx);
        const int bw = std::min(S.width / 2, iround(S.width * 0.45));
        l.badge = cv::Rect(S.x + S.width - bw, S.y, bw, iround(bh));
        top = std::max(top, bh);
    }
    // Bottom band: headline over the button.
    const double btn = copy.cta.empty() ? 0 : buttonHeight(k, l.ctaPx);
    const double headH = std::min(l.headlineLines * 1.1 * l.headlinePx + 0.2 * l.headlinePx, 0.30 * S.height);
    const double bottom = std::min(headH + (btn > 0 ? gap + btn : 0), 0.42 * S.height);
    const int by = S.y + S.height - iround(bottom);
    l.headline = cv::Rect(S.x, by, S.width, std::max(1, iround(bottom - (btn > 0 ? gap + btn : 0))));
    if (btn > 0) l.cta = cv::Rect(S.x, S.y + S.height - iround(btn), S.width, iround(btn));
    const int zy = S.y + iround(top + (top > 0 ? gap : 0));
    l.productZone = cv::Rect(S.x, zy, S.width, std::max(8, by - iround(gap) - zy));
    l.align = 1;
}

void landscape(AdLayout& l, const Preset& p, const brand::BrandKit& k, const CopyRow& copy, double logoAspect) {
    const cv::Rect S = l.safe;
    const double m = std::min(p.width, p.height);
    const double gap = std::max(2.0, 0.03 * m);
    const int prodW = iround(S.width * 0.54);
    l.productZone = cv::Rect(S.x, S.y, prodW, S.height);
    const cv::Rect col(S.x + prodW + iround(gap), S.y, S.width - prodW - iround(gap), S.height);
    l.headlinePx = std::max(k.headline.size * m * 1.1, 13.0);
    l.ctaPx = std::max(k.cta.size * m * 1.1, 11.0);
    l.badgePx = std::max(k.badge.size * m * 1.1, 11.0);
    l.headlineLines = k.headline.maxLines + 1;  // the column is narrow
    double y = col.y;
    if (logoAspect > 0) {
        const double lh = std::min(k.logoSize * m * 1.2, 0.2 * S.height);
        const cv::Size ls = logoSize(logoAspect, lh * (1 + 2 * k.logoClearSpace), k.logoClearSpace, col.width * 0.7);
        const double c = k.logoClearSpace * ls.height;
        l.logo = cv::Rect(col.x + iround(c), col.y + iround(c), ls.width, ls.height);
        y += ls.height + 2 * c;
    }
    const double btn = copy.cta.empty() ? 0 : buttonHeight(k, l.ctaPx);
    const double badge = copy.badge.empty() ? 0 : buttonHeight(k, l.badgePx);
    const double rest = col.y + col.height - y;
    const double headH = std::max(1.0, rest - (btn > 0 ? btn + gap : 0) - (badge > 0 ? badge + gap : 0));
    l.headline = cv::Rect(col.x, iround(y), col.width, iround(headH));
    y += headH + gap;
    if (badge > 0) {
        l.badge = cv::Rect(col.x, iround(y), col.width / 2, iround(badge));
        y += badge + gap;
    }
    if (btn > 0) l.cta = cv::Rect(col.x, iround(y), col.width, iround(btn));
    l.align = 0;
}

void strip(AdLayout& l, const Preset&, const brand::BrandKit& k, const CopyRow& copy, double logoAspect) {
    const cv::Rect S = l.safe;
    const double h = S.height;
    const double gap = std::max(3.0, 0.12 * h);
    const int prodW = std::min(iround(1.4 * h), iround(0.26 * S.width));
    l.productZone = cv::Rect(S.x, S.y, prodW, S.height);
    double x = S.x + prodW + gap;
    const double right = S.x + S.width;
    l.headlineLines = h >= 70 ? std::min(2, k.headline.maxLines) : 1;
    l.headlinePx = h * (l.headlineLines == 1 ? 0.42 : 0.34);
    l.ctaPx = std::max(0.26 * h, 9.0);
    l.badgePx = l.ctaPx;
    l.minPx = 8;
    if (logoAspect > 0) {
        const cv::Size ls = logoSize(logoAspect, std::min(h, 0.75 * h * (1 + 2 * k.logoClearSpace)), k.logoClearSpace, 0.2 * S.width);
        const double c = k.logoClearSpace * ls.height;
        l.logo = cv::Rect(iround(x + c), S.y + (S.height - ls.height) / 2, ls.width, ls.height);
        x += ls.width + 2 * c + gap * 0.5;
    }
    double ctaW = 0;
    if (!copy.cta.empty()) {
        const double bh = std::min(buttonHeight(k, l.ctaPx), 0.9 * h);
        ctaW = std::min(0.28 * S.width, 0.3 * S.width);
        l.cta = cv::Rect(iround(right - ctaW), S.y + iround((h - bh) / 2), iround(ctaW), iround(bh));
    }
    if (!copy.badge.empty()) {
        const double free = right - (ctaW > 0 ? ctaW + gap : 0) - x;
        if (free > 0.45 * S.width) {
            const double bh = std::min(buttonHeight(k, l.badgePx), 0.9 * h);
            const double bw = std::min(0.16 * S.width, free * 0.3);
            l.badge = cv::Rect(iround(right - (ctaW > 0 ? ctaW + gap : 0) - bw), S.y + iround((h - bh) / 2), iround(bw), iround(bh));
            ctaW += bw + gap;
        } else {
            l.notes.push_back("badge left out: no room in a " + std::to_string(l.safe.width) + " px wide strip");
        }
    }
    const double headRight = right - (ctaW > 0 ? ctaW + gap : 0);
    l.headline = cv::Rect(iround(x), S.y, std::max(1, iround(headRight - x)), S.height);
    l.align = 0;
}

} // namespace

AdLayout planLayout(const Preset& p, const brand::BrandKit& kit, const CopyRow& copy, double logoAspect) {
    AdLayout l;
    int sx, sy, sw, sh;
    p.safeRect(sx, sy, sw, sh);
    l.safe = cv::Rect(sx, sy, sw, sh);
    const double aspect = static_cast<double>(p.width) / p.height;
    if (aspect >= 3.2) {
        l.kind = LayoutKind::Strip;
        strip(l, p, kit, copy, logoAspect);
    } else if (aspect >= 1.5) {
        l.kind = LayoutKind::Landscape;
        landscape(l, p, kit, copy, logoAspect);
    } else {
        l.kind = LayoutKind::Portrait;
        portrait(l, p, kit, copy, logoAspect);
    }
    l.headline &= l.safe;
    l.cta &= l.safe;
    l.badge &= l.safe;
    l.logo &= l.safe;
    l.productZone &= l.safe;
    if (l.productZone.area() == 0) l.productZone = l.safe;
    return l;
}

Preset productPreset(const Preset& p, const AdLayout& l) {
    Preset q = p;
    q.textSafe = {};
    const cv::Rect z = l.productZone;
    // Insets rounded inwards so the reframer's safe rectangle lies inside the zone.
    q.subjectArea.left = std::ceil(z.x * 1000.0 / p.width) / 1000.0;
    q.subjectArea.top = std::ceil(z.y * 1000.0 / p.height) / 1000.0;
    q.subjectArea.right = std::ceil((p.width - z.x - z.width) * 1000.0 / p.width) / 1000.0;
    q.subjectArea.bottom = std::ceil((p.height - z.y - z.height) * 1000.0 / p.height) / 1000.0;
    return q;
}

} // namespace adv::exportset
