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

} // namespace adv::plugins

#define AdvariantAdPlatform_iid "io.advariant.AdPlatformPlugin/1.0"
Q_DECLARE_INTERFACE(adv::plugins::AdPlatformPlugin, AdvariantAdPlatform_iid)
