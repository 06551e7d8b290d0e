#include "brand/brand_kit.h"

#include "util/error.h"
#include "util/fs.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <filesystem>

namespace adv::brand {

namespace sfs = std::filesystem;
using json = nlohmann::json;

bool parseHexColor(const std::string& t, Color& out) {
    if (t.size() != 7 && t.size() != 4) return false;
    if (t[0] != '#') return false;
    auto hex = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    int v[6];
    for (size_t i = 1; i < t.size(); ++i)
        if ((v[i - 1] = hex(t[i])) < 0) return false;
    if (t.size() == 4) {
        out = {static_cast<uint8_t>(v[0] * 17), static_cast<uint8_t>(v[1] * 17), static_cast<uint8_t>(v[2] * 17)};
    } else {
        out = {static_cast<uint8_t>(v[0] * 16 + v[1]), static_cast<uint8_t>(v[2] * 16 + v[3]),
               static_cast<uint8_t>(v[4] * 16 + v[5])};
    }
    return true;
}

std::string hexColor(const Color& c) {
    char b[8];
    std::snprintf(b, sizeof b, "#%02X%02X%02X", c.r, c.g, c.b);
    return b;
}

double relativeLuminance(const Color& c) {
    auto lin = [](uint8_t v) {
        const double s = v / 255.0;
        return s <= 0.04045 ? s / 12.92 : std::pow((s + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
}

double contrastRatio(const Color& a, const Color& b) {
    const double la = relativeLuminance(a), lb = relativeLuminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

namespace {
SvgRasterizer& svgSlot() {
    static SvgRasterizer r;
    return r;
}
} // namespace

void setSvgRasterizer(SvgRasterizer r) { svgSlot() = std::move(r); }
const SvgRasterizer& svgRasterizer() { return svgSlot(); }

BrandKit BrandKit::defaults() {
    BrandKit k;
    k.name = "AdVariant default";
    k.colors = {{"primary", {17, 17, 17}}, {"accent", {246, 185, 59}}, {"dark", {17, 17, 17}}, {"light", {255, 255, 255}}};
    k.fonts["display"] = FontRef{"", "DejaVu Sans", "Bold"};
    k.fonts["body"] = FontRef{"", "DejaVu Sans", "Book"};
    k.headline = TextStyle{"display", {255, 255, 255}, 0.075, 0.03, 2, false};
    k.cta = TextStyle{"display", {17, 17, 17}, 0.042, 0.025, 1, false};
    k.badge = TextStyle{"display", {255, 255, 255}, 0.045, 0.025, 1, false};
    return k;
}

namespace {

struct Reader {
    const std::string& origin;
    const std::map<std::string, Color>& colors;

    [[noreturn]] void fail(const std::string& where, const std::string& what) const { throw FileError(origin, where + ": " + what); }

    Color color(const json& j, const std::string& where) const {
        if (!j.is_string()) fail(where, "a colour is \"#RRGGBB\" or the name of an entry in \"colors\"");
        const std::string s = j.get<std::string>();
        Color c;
        if (parseHexColor(s, c)) return c;
        const auto it = colors.find(s);
        if (it == colors.end()) fail(where, "'" + s.substr(0, 40) + "' is neither \"#RRGGBB\" nor a colour of the kit");
        return it->second;
    }
    double real(const json& obj, const char* key, double def, double lo, double hi, const std::string& where) const {
        if (!obj.contains(key)) return def;
        const json& v = obj[key];
        if (!v.is_number()) fail(where + "." + key, "must be a number");
        const double d = v.get<double>();
        if (!(d >= lo && d <= hi)) {
            char b[96];
            std::snprintf(b, sizeof b, "must be %g..%g", lo, hi);
            fail(where + "." + key, b);
        }
        return d;
    }
    int integer(const json& obj, const char* key, int def, int lo, int hi, const std::string& where) const {
        if (!obj.contains(key)) return def;
        const json& v = obj[key];
        if (!v.is_number_integer() || v.get<int64_t>() < lo || v.get<int64_t>() > hi)
            fail(where + "." + key, "must be a whole number " + std::to_string(lo) + ".." + std::to_string(hi));
        return static_cast<int>(v.get<int64_t>());
    }
    std::string string(const json& obj, const char* key, const std::string& def, const std::string& where) const {
        if (!obj.contains(key)) return def;
        if (!obj[key].is_string()) fail(where + "." + key, "must be text");
        return obj[key].get<std::string>();
    }
};

std::string resolveFile(const std::string& rel, const std::string& baseDir, const std::string& origin, const std::string& where) {
    if (rel.empty()) return rel;
    sfs::path p = sfs::u8path(rel);
    if (p.is_relative() && !baseDir.empty()) p = sfs::u8path(baseDir) / p;
    std::error_code ec;
    if (!sfs::is_regular_file(p, ec)) throw FileError(origin, where + ": '" + p.string() + "' does not exist");
    return p.lexically_normal().string();
}

TextStyle textStyle(const json& j, const TextStyle& def, const Reader& r, const std::string& where,
                    const std::map<std::string, FontRef>& fonts) {
    if (!j.is_object()) r.fail(where, "must be an object");
    TextStyle s = def;
    s.font = r.string(j, "font", def.font, where);
    if (!fonts.count(s.font)) r.fail(where + ".font", "'" + s.font.substr(0, 40) + "' is not one of the kit's fonts");
    if (j.contains("color")) s.color = r.color(j["color"], where + ".color");
    s.size = r.real(j, "size", def.size, 0.005, 0.5, where);
    s.minSize = r.real(j, "min_size", std::min(def.minSize, s.size), 0.005, s.size, where);
    s.maxLines = r.integer(j, "max_lines", def.maxLines, 1, 6, where);
    if (j.contains("uppercase")) {
        if (!j["uppercase"].is_boolean()) r.fail(where + ".uppercase", "must be true or false");
        s.uppercase = j["uppercase"].get<bool>();
    }
    return s;
}

} // namespace

BrandKit parseBrandKit(const std::string& text, const std::string& origin, const std::string& baseDir) {
    json j;
    try {
        j = json::parse(text);
    } catch (const json::exception& e) {
        throw FileError(origin, jsonErrorText(e));
    }
    if (!j.is_object()) throw FileError(origin, "a brand kit is a JSON object ({\"name\", \"logo\", \"colors\", ...})");
    BrandKit k = BrandKit::defaults();
    k.file = origin;
    std::map<std::string, Color> colors = k.colors;
    Reader r{origin, colors};
    try {
        k.name = r.string(j, "name", "", "name");
        if (j.contains("colors")) {
            if (!j["colors"].is_object()) r.fail("colors", "must be an object of name: \"#RRGGBB\"");
            for (const auto& [name, v] : j["colors"].items()) {
                Color c;
                if (!v.is_string() || !parseHexColor(v.get<std::string>(), c))
                    r.fail("colors." + name.substr(0, 40), "must be \"#RRGGBB\"");
                colors[name] = c;
            }
        }
        k.colors = colors;
        if (j.contains("fonts")) {
            if (!j["fonts"].is_object()) r.fail("fonts", "must be an object of name: {\"file\"} or {\"family\", \"style\"}");
            for (const auto& [name, v] : j["fonts"].items()) {
                const std::string where = "fonts." + name.substr(0, 40);
                if (!v.is_object()) r.fail(where, "must be {\"file\": ...} or {\"family\": ..., \"style\": ...}");
                FontRef f;
                f.file = resolveFile(r.string(v, "file", "", where), baseDir, origin, where + ".file");
                f.family = r.string(v, "family", "", where);
                f.style = r.string(v, "style", "", where);
                if (f.file.empty() && f.family.empty()) r.fail(where, "names neither a file nor a family");
                k.fonts[name] = f;
            }
        }
        k.logo = resolveFile(r.string(j, "logo", "", "logo"), baseDir, origin, "logo");
        k.logoClearSpace = r.real(j, "logo_clear_space", k.logoClearSpace, 0, 2, "logo_clear_space");
        k.logoSize = r.real(j, "logo_size", k.logoSize, 0.02, 0.5, "logo_size");
        if (j.contains("headline")) k.headline = textStyle(j["headline"], k.headline, r, "headline", k.fonts);
        if (j.contains("cta")) {
            k.cta = textStyle(j["cta"], k.cta, r, "cta", k.fonts);
            const json& c = j["cta"];
            if (c.contains("fill")) k.button.fill = r.color(c["fill"], "cta.fill");
            k.button.cornerRadius = r.real(c, "corner_radius", k.button.cornerRadius, 0, 0.5, "cta");
            k.button.paddingX = r.real(c, "padding_x", k.button.paddingX, 0, 4, "cta");
            k.button.paddingY = r.real(c, "padding_y", k.button.paddingY, 0, 2, "cta");
        }
        if (j.contains("badge")) {
            k.badge = textStyle(j["badge"], k.badge, r, "badge", k.fonts);
            const json& b = j["badge"];
            if (b.contains("fill")) k.badgeShape.fill = r.color(b["fill"], "badge.fill");
            k.badgeShape.shape = r.string(b, "shape", k.badgeShape.shape, "badge");
            if (k.badgeShape.shape != "pill" && k.badgeShape.shape != "circle" && k.badgeShape.shape != "rect")
                r.fail("badge.shape", "must be \"pill\", \"circle\" or \"rect\"");
        }
        if (j.contains("scrim_dark")) k.scrimDark = r.color(j["scrim_dark"], "scrim_dark");
        if (j.contains("scrim_light")) k.scrimLight = r.color(j["scrim_light"], "scrim_light");
    } catch (const json::exception& e) {
        throw FileError(origin, jsonErrorText(e));
    }
    return k;
}

BrandKit loadBrandKit(const std::string& path) {
    const std::string text = fs::readFile(path);
    return parseBrandKit(text, path, sfs::u8path(path).parent_path().string());
}

std::string brandKitToJson(const BrandKit& k, const std::string& baseDir) {
    auto rel = [&](const std::string& f) {
        if (f.empty() || baseDir.empty()) return f;
        const sfs::path r = sfs::u8path(f).lexically_relative(sfs::u8path(baseDir));
        const std::string s = r.generic_string();
        return (!s.empty() && s.rfind("..", 0) != 0) ? s : f;
    };
    json colors = json::object();
    for (const auto& [n, c] : k.colors) colors[n] = hexColor(c);
    json fonts = json::object();
    for (const auto& [n, f] : k.fonts) {
        json o = json::object();
        if (!f.file.empty()) o["file"] = rel(f.file);
        if (!f.family.empty()) o["family"] = f.family;
        if (!f.style.empty()) o["style"] = f.style;
        fonts[n] = o;
    }
    auto style = [](const TextStyle& s) {
        return json{{"font", s.font}, {"color", hexColor(s.color)}, {"size", s.size}, {"min_size", s.minSize},
                    {"max_lines", s.maxLines}, {"uppercase", s.uppercase}};
    };
    json cta = style(k.cta);
    cta["fill"] = hexColor(k.button.fill);
    cta["corner_radius"] = k.button.cornerRadius;
    cta["padding_x"] = k.button.paddingX;
    cta["padding_y"] = k.button.paddingY;
    json badge = style(k.badge);
    badge["fill"] = hexColor(k.badgeShape.fill);
    badge["shape"] = k.badgeShape.shape;
    json j{{"name", k.name}, {"colors", colors}, {"fonts", fonts}, {"logo_clear_space", k.logoClearSpace},
           {"logo_size", k.logoSize}, {"headline", style(k.headline)}, {"cta", cta}, {"badge", badge},
           {"scrim_dark", hexColor(k.scrimDark)}, {"scrim_light", hexColor(k.scrimLight)}};
    if (!k.logo.empty()) j["logo"] = rel(k.logo);
    return j.dump(2);
}

} // namespace adv::brand
