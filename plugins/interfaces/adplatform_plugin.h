// The interface of an ad-platform plugin: the placements (presets) it offers.
// A plugin declares it with Q_PLUGIN_METADATA(IID AdvariantAdPlatform_iid FILE "x.json");
// the JSON holds {"id", "name", "platform", "version", "description"}.
#pragma once

#include "exportset/preset.h"

#include <QtPlugin>

#include <vector>

namespace adv::plugins {

class AdPlatformPlugin {
public:
    virtual ~AdPlatformPlugin() = default;
    virtual std::vector<exportset::Preset> presets() const = 0;
};

// A preset of `platform`, for the concise lists in the built-in plugins.
inline exportset::Preset preset(const char* platform, const char* id, const char* name, int width, int height,
                                exportset::Insets textSafe, exportset::Insets subjectArea, long long maxBytes,
                                std::vector<std::string> formats = {"png", "jpg"}) {
    exportset::Preset p;
    p.platform = platform;
    p.id = id;
    p.name = name;
    p.width = width;
    p.height = height;
    p.textSafe = textSafe;
    p.subjectArea = subjectArea;
    p.maxBytes = maxBytes;
    p.formats = std::move(formats);
    return p;
}

} // namespace adv::plugins

#define AdvariantAdPlatform_iid "io.advariant.AdPlatformPlugin/1.0"
Q_DECLARE_INTERFACE(adv::plugins::AdPlatformPlugin, AdvariantAdPlatform_iid)
