// Meta feed, portrait and Stories/Reels placements (Stories keep the top 14% and bottom 20% free).
#include "interfaces/adplatform_plugin.h"

#include <QObject>

namespace {

class MetaPlugin : public QObject, public adv::plugins::AdPlatformPlugin {
    Q_OBJECT
    Q_PLUGIN_METADATA(IID AdvariantAdPlatform_iid FILE "adv_meta.json")
    Q_INTERFACES(adv::plugins::AdPlatformPlugin)

public:
    std::vector<adv::exportset::Preset> presets() const override {
        using adv::exportset::makePreset;
        std::vector<adv::exportset::Preset> out;
        out.push_back(makePreset("meta", "meta-square", "Feed square 1:1", 1080, 1080, {}, {0.04, 0.04, 0.04, 0.04}, 30ll << 20, {"png", "jpg"}));
        out.push_back(makePreset("meta", "meta-portrait", "Feed portrait 4:5", 1080, 1350, {}, {0.04, 0.04, 0.04, 0.04}, 30ll << 20, {"png", "jpg"}));
        out.push_back(makePreset("meta", "meta-story", "Stories / Reels 9:16", 1080, 1920, {0.14, 0.20, 0.06, 0.06}, {}, 30ll << 20, {"png", "jpg"}));
        return out;
    }
};

} // namespace

#include "adv_meta.moc"
