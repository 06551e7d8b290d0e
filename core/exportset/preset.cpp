#include "exportset/preset.h"

#include "util/error.h"
#include "util/json_read.h"
#include "util/fs.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

namespace adv::exportset {

using json = nlohmann::json;

bool Preset::allows(const std::string& fmt) const { return std::find(formats.begin(), formats.end(), fmt) != formats.end(); }

void Preset::safeRect(int& x, int& y, int& w, int& h) const {
    const double l = std::max(textSafe.left, subjectArea.left), r = std::max(textSafe.right, subjectArea.right);
    const double t = std::max(textSafe.top, subjectArea.top), b = std::max(textSafe.bottom, subjectArea.bottom);
    x = static_cast<int>(std::ceil(l * width));
    y = static_cast<int>(std::ceil(t * height));
    w = static_cast<int>(std::floor((1 - l - r) * width));
    h = static_cast<int>(std::floor((1 - t - b) * height));
}

namespace {
// Insets are shares of the side: each in [0, 0.95], opposite sides leaving some room.
Insets insets(const json& j, const std::string& origin, const std::string& where) {
    Insets i;
    if (!j.is_object()) return i;
    for (auto [key, field] : {std::pair<const char*, double*>{"top", &i.top}, {"bottom", &i.bottom}, {"left", &i.left},
                              {"right", &i.right}})
        jsonread::readOptional(j, key, *field, origin, where);
    for (double v : {i.top, i.bottom, i.left, i.right})
        if (!(v >= 0 && v <= 0.95)) throw FileError(origin, where + ": safe-zone insets are shares of the side, 0..0.95");
    if (i.top + i.bottom >= 0.95 || i.left + i.right >= 0.95)
        throw FileError(origin, where + ": opposite safe-zone insets leave no room");
    return i;
}

int pixelSide(const json& p, const char* key, const std::string& origin, const std::string& where) {
    const json& v = p.at(key);
    if (!v.is_number_integer() || v.get<int64_t>() < 16 || v.get<int64_t>() > 8192)
        throw FileError(origin, where + ": " + key + " must be a whole number of pixels, 16..8192");
    return static_cast<int>(v.get<int64_t>());
}
json insetsJson(const Insets& i) { return {{"top", i.top}, {"bottom", i.bottom}, {"left", i.left}, {"right", i.right}}; }
} // namespace

std::vector<Preset> parsePresetsJson(const std::string& text, const std::string& origin) {
    json j;
    try {
        j = json::parse(text);
    } catch (const json::exception& e) {
        throw FileError(origin, jsonErrorText(e));
    }
    const json& list = j.is_object() ? j.value("presets", json::array()) : j;
    if (!list.is_array()) throw FileError(origin, "expected {\"presets\": [...]}");
    std::vector<Preset> out;
    for (size_t i = 0; i < list.size(); ++i) {
        const json& p = list[i];
        const std::string where = "preset " + std::to_string(i) +
                                  (p.is_object() && p.contains("id") && p["id"].is_string() ? " ('" + p["id"].get<std::string>().substr(0, 80) + "')" : "");
        try {
            Preset x;
            x.platform = p.at("platform").get<std::string>();
            x.id = p.at("id").get<std::string>();
            x.name = p.value("name", x.id);
            x.width = pixelSide(p, "width", origin, where);
            x.height = pixelSide(p, "height", origin, where);
            x.textSafe = insets(p.value("text_safe", json::object()), origin, where);
            x.subjectArea = insets(p.value("subject_area", json::object()), origin, where);
            jsonread::readOptional(p, "max_bytes", x.maxBytes, origin, where);
            if (x.maxBytes < 0 || x.maxBytes > (int64_t(1) << 32))
                throw FileError(origin, where + ": max_bytes must be 0 (no budget) .. 4294967296");
            if (p.contains("formats")) x.formats = p["formats"].get<std::vector<std::string>>();
            if (x.width < 16 || x.height < 16 || x.width > 8192 || x.height > 8192)
                throw FileError(origin, where + ": size must be 16..8192 pixels per side");
            for (const auto& f : x.formats)
                if (f != "png" && f != "jpg" && f != "webp")
                    throw FileError(origin, where + ": unknown format '" + f.substr(0, 20) + "' (png, jpg, webp)");
            if (x.formats.empty()) throw FileError(origin, where + ": no formats");
            int sx, sy, sw, sh;
            x.safeRect(sx, sy, sw, sh);
            if (sw < 8 || sh < 8) throw FileError(origin, where + ": safe zones leave no room for the product");
            out.push_back(x);
        } catch (const json::exception& e) {
            throw FileError(origin, where + ": " + jsonErrorText(e));
        }
    }
    return out;
}

std::vector<Preset> loadPresetsJson(const std::string& path) { return parsePresetsJson(fs::readFile(path), path); }

std::string presetsToJson(const std::vector<Preset>& presets) {
    json list = json::array();
    for (const auto& p : presets)
        list.push_back({{"platform", p.platform}, {"id", p.id}, {"name", p.name}, {"width", p.width},
                        {"height", p.height}, {"text_safe", insetsJson(p.textSafe)},
                        {"subject_area", insetsJson(p.subjectArea)}, {"max_bytes", p.maxBytes}, {"formats", p.formats}});
    return json{{"presets", list}}.dump(2);
}

} // namespace adv::exportset
