#include "dataset/garments.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace adv::synth {

const std::vector<GarmentKind>& garmentKinds() {
    static const std::vector<GarmentKind> k = {
        {0, "shirt, blouse", "upperbody", Slot::Upper},   {1, "top, t-shirt, sweatshirt", "upperbody", Slot::Upper},
        {2, "sweater", "upperbody", Slot::Upper},         {3, "cardigan", "upperbody", Slot::Upper},
        {4, "jacket", "upperbody", Slot::Upper},          {5, "vest", "upperbody", Slot::Upper},
        {6, "pants", "lowerbody", Slot::Lower},           {7, "shorts", "lowerbody", Slot::Lower},
        {8, "skirt", "lowerbody", Slot::Lower},           {9, "coat", "wholebody", Slot::Full},
        {10, "dress", "wholebody", Slot::Full},           {11, "jumpsuit", "wholebody", Slot::Full}};
    return k;
}

const GarmentKind* garmentKind(int id) {
    for (const auto& g : garmentKinds())
        if (g.categoryId == id) return &g;
    return nullptr;
}

double garmentAspect(int id) {
    const auto* k = garmentKind(id);
    if (k && k->slot == Slot::Lower) return id == 7 ? 0.9 : id == 8 ? 0.75 : 0.6;
    if (k && k->slot == Slot::Full) return 0.6;
    return 0.9;
}

const std::vector<NamedColor>& palette() {
    static const std::vector<NamedColor> p = {
        {"red", {200, 30, 40}},    {"blue", {40, 70, 200}},     {"green", {40, 150, 60}},  {"yellow", {235, 200, 40}},
        {"black", {30, 30, 34}},   {"white", {238, 238, 232}},  {"pink", {235, 120, 170}}, {"purple", {120, 50, 160}},
        {"orange", {240, 130, 30}}, {"brown", {120, 75, 40}},   {"gray", {128, 128, 132}}, {"navy", {25, 35, 90}}};
    return p;
}

std::string patternName(Pattern p) {
    switch (p) {
    case Pattern::Plain: return "plain";
    case Pattern::Stripe: return "striped";
    case Pattern::Dot: return "dotted";
    case Pattern::Check: return "checked";
    }
    return "plain";
}

const std::vector<AttributeRef>& usedAttributes() {
    static const std::vector<AttributeRef> a = {
        {317, "plain (pattern)", "textile pattern"}, {328, "stripe", "textile pattern"},
        {323, "dot", "textile pattern"},             {322, "check", "textile pattern"},
        {156, "sleeveless", "length"},               {157, "short (length)", "length"},
        {160, "wrist-length", "length"},             {149, "mini (length)", "length"},
        {151, "knee (length)", "length"},            {154, "maxi (length)", "length"},
        {129, "a-line", "silhouette"},               {128, "straight", "silhouette"}};
    return a;
}

GarmentSpec randomSpec(int categoryId, std::mt19937_64& rng) {
    std::uniform_real_distribution<double> u(0, 1);
    GarmentSpec s;
    s.categoryId = categoryId;
    s.color = static_cast<int>(rng() % palette().size());
    const double pr = u(rng);
    s.pattern = pr < 0.55 ? Pattern::Plain : pr < 0.75 ? Pattern::Stripe : pr < 0.9 ? Pattern::Dot : Pattern::Check;
    const double sr = u(rng);
    s.sleeve = categoryId == 5 ? 0.0 : (categoryId == 1 ? (sr < 0.7 ? 0.35 : 1.0) : (sr < 0.15 ? 0.35 : 1.0));
    if (categoryId == 10) s.sleeve = sr < 0.5 ? 0.0 : (sr < 0.75 ? 0.35 : 1.0);
    s.flare = 0.45 + 0.45 * u(rng);
    s.length = 0.85 + 0.15 * u(rng);
    return s;
}

std::vector<int> specAttributes(const GarmentSpec& s) {
    std::vector<int> a;
    a.push_back(s.pattern == Pattern::Plain ? 317 : s.pattern == Pattern::Stripe ? 328 : s.pattern == Pattern::Dot ? 323 : 322);
    const auto* k = garmentKind(s.categoryId);
    if (k && (k->slot == Slot::Upper || s.categoryId == 10 || s.categoryId == 9))
        a.push_back(s.sleeve <= 0.01 ? 156 : s.sleeve < 0.6 ? 157 : 160);
    if (s.categoryId == 8 || s.categoryId == 10) {
        a.push_back(s.length < 0.9 ? 149 : s.length < 0.97 ? 151 : 154);
        a.push_back(s.flare > 0.7 ? 129 : 128);
    }
    return a;
}

std::string caption(const GarmentSpec& s, bool withPattern) {
    const auto* k = garmentKind(s.categoryId);
    std::string name = k ? k->name.substr(0, k->name.find(',')) : "garment";
    std::string c = "a " + palette()[s.color].name + " ";
    if (withPattern && s.pattern != Pattern::Plain) c += patternName(s.pattern) + " ";
    return c + name;
}

namespace {

using Poly = std::vector<cv::Point2f>;

Poly upperOutline(const GarmentSpec& s, bool vNeck) {
    const double sl = s.sleeve;
    Poly p = {{0.38f, 0.0f}, {0.5f, vNeck ? 0.22f : 0.08f}, {0.62f, 0.0f}, {0.78f, 0.05f}};
    if (sl > 0.01) {
        const float len = static_cast<float>(0.55 * sl);
        p.push_back({0.96f, 0.05f + len * 0.9f});
        p.push_back({0.84f, 0.09f + len * 0.9f});
    }
    p.push_back({0.76f, 0.30f});
    p.push_back({0.76f, static_cast<float>(s.length)});
    p.push_back({0.24f, static_cast<float>(s.length)});
    p.push_back({0.24f, 0.30f});
    if (sl > 0.01) {
        const float len = static_cast<float>(0.55 * sl);
        p.push_back({0.16f, 0.09f + len * 0.9f});
        p.push_back({0.04f, 0.05f + len * 0.9f});
    }
    p.push_back({0.22f, 0.05f});
    return p;
}

Poly sleeveOf(const GarmentSpec& s, bool right) {
    const float len = static_cast<float>(0.55 * s.sleeve);
    Poly p = {{0.78f, 0.05f}, {0.96f, 0.05f + len * 0.9f}, {0.84f, 0.09f + len * 0.9f}, {0.76f, 0.30f}};
    if (!right)
        for (auto& q : p) q.x = 1.0f - q.x;
    return p;
}

Poly outlineFor(const GarmentSpec& s) {
    const float L = static_cast<float>(s.length), f = static_cast<float>(s.flare);
    switch (s.categoryId) {
    case 5: return upperOutline(s, true);
    case 6:  // the legs part from 28 % of the height, a gap of 18 % of the width at the hem
        return {{0.22f, 0.0f}, {0.78f, 0.0f}, {0.82f, L}, {0.59f, L}, {0.5f, 0.28f}, {0.41f, L}, {0.18f, L}};
    case 7:
        return {{0.2f, 0.0f}, {0.8f, 0.0f}, {0.86f, L}, {0.54f, L}, {0.5f, 0.5f}, {0.46f, L}, {0.14f, L}};
    case 8: return {{0.3f, 0.0f}, {0.7f, 0.0f}, {0.5f + f / 2, L}, {0.5f - f / 2, L}};
    case 10: {
        Poly p = {{0.40f, 0.0f}, {0.5f, 0.07f}, {0.60f, 0.0f}, {0.66f, 0.04f}};
        if (s.sleeve > 0.01) {
            const float len = static_cast<float>(0.4 * s.sleeve);
            p.push_back({0.84f, 0.04f + len});
            p.push_back({0.76f, 0.08f + len});
        }
        p.insert(p.end(), {{0.62f, 0.36f}, {0.5f + f / 2, L}, {0.5f - f / 2, L}, {0.38f, 0.36f}});
        if (s.sleeve > 0.01) {
            const float len = static_cast<float>(0.4 * s.sleeve);
            p.push_back({0.24f, 0.08f + len});
            p.push_back({0.16f, 0.04f + len});
        }
        p.push_back({0.34f, 0.04f});
        return p;
    }
    case 11:
        return {{0.36f, 0.0f}, {0.5f, 0.08f}, {0.64f, 0.0f}, {0.74f, 0.05f}, {0.72f, 0.45f}, {0.76f, L},
                {0.56f, L},    {0.5f, 0.55f}, {0.44f, L},   {0.24f, L},    {0.28f, 0.45f}, {0.26f, 0.05f}};
    default: return upperOutline(s, false);  // shirt, top, sweater, cardigan, jacket, coat
    }
}

Poly toBox(const Poly& p, const cv::Rect2f& box) {
    Poly out;
    for (const auto& q : p) out.push_back({box.x + q.x * box.width, box.y + q.y * box.height});
    return out;
}

std::vector<cv::Point> toInt(const Poly& p) {
    std::vector<cv::Point> out;
    for (const auto& q : p) out.push_back({static_cast<int>(std::lround(q.x)), static_cast<int>(std::lround(q.y))});
    return out;
}

cv::Scalar shade(const cv::Vec3b& c, double f) {
    return cv::Scalar(std::clamp(c[0] * f, 0.0, 255.0), std::clamp(c[1] * f, 0.0, 255.0), std::clamp(c[2] * f, 0.0, 255.0));
}

} // namespace

DrawnGarment drawGarment(cv::Mat& rgb, const GarmentSpec& s, const cv::Rect2f& box, std::mt19937_64& rng) {
    DrawnGarment g;
    const Poly outline = toBox(outlineFor(s), box);
    g.outline.push_back(outline);
    if (s.sleeve > 0.01 && s.categoryId != 10 && s.categoryId != 5 && s.categoryId < 6)
        for (bool right : {false, true}) g.sleeves.push_back(toBox(sleeveOf(s, right), box));
    g.mask = cv::Mat::zeros(rgb.size(), CV_8U);
    cv::fillPoly(g.mask, std::vector<std::vector<cv::Point>>{toInt(outline)}, cv::Scalar(1), cv::LINE_8);

    const cv::Vec3b base = palette()[s.color].rgb;
    cv::Mat layer(rgb.size(), CV_8UC3, shade(base, 1.0));
    // Soft vertical shading: lighter at the top.
    for (int y = 0; y < layer.rows; ++y) {
        const double t = (y - box.y) / std::max(1.0f, box.height);
        layer.row(y).setTo(shade(base, 1.08 - 0.18 * std::clamp(t, 0.0, 1.0)));
    }
    const cv::Scalar accent = (base[0] + base[1] + base[2]) > 380 ? cv::Scalar(40, 40, 60) : cv::Scalar(245, 245, 240);
    const int step = std::max(4, static_cast<int>(box.width / 10));
    std::uniform_int_distribution<int> jitter(0, step);
    const int off = jitter(rng);
    switch (s.pattern) {
    case Pattern::Stripe:
        for (int y = static_cast<int>(box.y) + off; y < box.y + box.height; y += step)
            cv::rectangle(layer, cv::Rect(static_cast<int>(box.x), y, static_cast<int>(box.width), std::max(2, step / 3)), accent, cv::FILLED);
        break;
    case Pattern::Dot:
        for (int y = static_cast<int>(box.y) + off; y < box.y + box.height; y += step)
            for (int x = static_cast<int>(box.x) + ((y / step) % 2) * step / 2; x < box.x + box.width; x += step)
                cv::circle(layer, {x, y}, std::max(1, step / 5), accent, cv::FILLED, cv::LINE_AA);
        break;
    case Pattern::Check:
        for (int y = static_cast<int>(box.y) + off; y < box.y + box.height; y += step)
            cv::line(layer, {static_cast<int>(box.x), y}, {static_cast<int>(box.x + box.width), y}, accent, std::max(1, step / 4));
        for (int x = static_cast<int>(box.x) + off; x < box.x + box.width; x += step)
            cv::line(layer, {x, static_cast<int>(box.y)}, {x, static_cast<int>(box.y + box.height)}, accent, std::max(1, step / 4));
        break;
    case Pattern::Plain: break;
    }
    const cv::Scalar dark = shade(base, 0.6);
    const int lw = std::max(1, static_cast<int>(box.width / 60));
    // Category details: openings, lapels, ribbing, waistband, pockets.
    const float cx = box.x + box.width / 2;
    if (s.categoryId == 3 || s.categoryId == 4 || s.categoryId == 9) {
        cv::line(layer, {int(cx), int(box.y + box.height * 0.1)}, {int(cx), int(box.y + box.height * s.length)}, dark, lw);
        for (int i = 1; i <= 4; ++i)
            cv::circle(layer, {int(cx + lw * 2), int(box.y + box.height * (0.15 + 0.17 * i))}, lw + 1, dark, cv::FILLED);
    }
    if (s.categoryId == 4 || s.categoryId == 9) {
        cv::line(layer, {int(box.x + box.width * 0.38), int(box.y)}, {int(cx), int(box.y + box.height * 0.32)}, dark, lw);
        cv::line(layer, {int(box.x + box.width * 0.62), int(box.y)}, {int(cx), int(box.y + box.height * 0.32)}, dark, lw);
    }
    // Shirt and sweater share an outline; what tells them apart must survive 64 px and the
    // autoencoder: the sweater's wide ribbed neck band and hem, the shirt's light pointed collar
    // and dark button placket.
    const int bold = std::max(2, static_cast<int>(box.width / 24));
    if (s.categoryId == 2) {
        const int hem = int(box.y + box.height * s.length);
        cv::rectangle(layer, cv::Rect(int(box.x), hem - int(box.height * 0.1), int(box.width), int(box.height * 0.1)), dark, cv::FILLED);
        const std::vector<cv::Point> neck{{int(box.x + box.width * 0.36), int(box.y)}, {int(cx), int(box.y + box.height * 0.1)},
                                          {int(box.x + box.width * 0.64), int(box.y)}};
        cv::polylines(layer, std::vector<std::vector<cv::Point>>{neck}, false, dark, bold, cv::LINE_AA);
    }
    if (s.categoryId == 0) {
        cv::line(layer, {int(cx), int(box.y + box.height * 0.1)}, {int(cx), int(box.y + box.height * s.length)}, dark, bold);
        const cv::Scalar light = shade(base, 1.6) + cv::Scalar(60, 60, 60);
        for (float side : {-1.0f, 1.0f}) {
            const std::vector<cv::Point> collar{{int(cx + side * box.width * 0.13f), int(box.y)},
                                                {int(cx + side * box.width * 0.02f), int(box.y + box.height * 0.14)},
                                                {int(cx + side * box.width * 0.2f), int(box.y + box.height * 0.1)}};
            cv::fillPoly(layer, std::vector<std::vector<cv::Point>>{collar}, light, cv::LINE_AA);
        }
    }
    if (s.categoryId == 6 || s.categoryId == 7 || s.categoryId == 11) {
        const int wb = s.categoryId == 11 ? int(box.y + box.height * 0.45) : int(box.y);
        cv::rectangle(layer, cv::Rect(int(box.x), wb, int(box.width), std::max(2, int(box.height * 0.05))), dark, cv::FILLED);
    }
    if (s.categoryId == 10 || s.categoryId == 8) {
        const int wy = int(box.y + box.height * (s.categoryId == 10 ? 0.36 : 0.03));
        cv::line(layer, {int(box.x), wy}, {int(box.x + box.width), wy}, dark, lw);
    }
    layer.copyTo(rgb, g.mask);
    cv::polylines(rgb, std::vector<std::vector<cv::Point>>{toInt(outline)}, true, dark, lw, cv::LINE_AA);
    return g;
}

cv::Mat studioBackground(int width, int height, std::mt19937_64& rng) {
    std::uniform_int_distribution<int> tint(-12, 12);
    const cv::Vec3i top(232 + tint(rng) / 2, 230 + tint(rng) / 2, 226 + tint(rng) / 2);
    cv::Mat bg(height, width, CV_8UC3);
    for (int y = 0; y < height; ++y) {
        const double t = static_cast<double>(y) / std::max(1, height - 1);
        const double f = 1.0 - 0.12 * t;
        bg.row(y).setTo(cv::Scalar(top[0] * f, top[1] * f, top[2] * f));
    }
    // Floor shadow ellipse.
    cv::Mat shadow = bg.clone();
    cv::ellipse(shadow, {width / 2, static_cast<int>(height * 0.93)}, {width / 3, height / 22}, 0, 0, 360,
                cv::Scalar(170, 168, 165), cv::FILLED, cv::LINE_AA);
    cv::GaussianBlur(shadow, shadow, cv::Size(0, 0), std::max(1.0, width / 60.0));
    return shadow;
}

} // namespace adv::synth
