// Ad placements: size, safe zones, file-size budget and allowed formats.
// Built-in sets arrive as plugins (plugins/); users add their own in JSON.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace adv::exportset {

// Fractions of the canvas kept free at each edge.
struct Insets {
    double top = 0, bottom = 0, left = 0, right = 0;
};

struct Preset {
    std::string platform;          // "meta"
    std::string id;                // "meta-story"
    std::string name;              // "Stories / Reels 9:16"
    int width = 0, height = 0;
    Insets textSafe;               // kept free of text (the product stays out too)
    Insets subjectArea;            // the subject must lie inside the canvas minus these insets
    int64_t maxBytes = 0;          // 0 = no limit
    std::vector<std::string> formats{"png", "jpg"};  // allowed, preferred first

    bool allows(const std::string& fmt) const;
    // The rectangle (x, y, w, h in pixels) the product must stay inside.
    void safeRect(int& x, int& y, int& w, int& h) const;
};

// Builds a preset (used by the built-in platform plugins and tests).
inline Preset makePreset(std::string platform, std::string id, std::string name, int width, int height, Insets textSafe = {},
                         Insets subjectArea = {}, int64_t maxBytes = 0, std::vector<std::string> formats = {"png", "jpg"}) {
    Preset p;
    p.platform = std::move(platform);
    p.id = std::move(id);
    p.name = std::move(name);
    p.width = width;
    p.height = height;
    p.textSafe = textSafe;
    p.subjectArea = subjectArea;
    p.maxBytes = maxBytes;
    p.formats = std::move(formats);
    return p;
}

// Reads a presets JSON file: {"presets": [{"platform", "id", "name", "width", "height",
// "text_safe": {"top",...}, "subject_area": {...}, "max_bytes", "formats": [...]}]}.
// Throws FileError naming the file and the preset for bad entries.
std::vector<Preset> loadPresetsJson(const std::string& path);
std::vector<Preset> parsePresetsJson(const std::string& text, const std::string& origin);
std::string presetsToJson(const std::vector<Preset>& presets);

} // namespace adv::exportset
