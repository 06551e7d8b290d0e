// TikTok in-feed 9:16 (interface overlays at the top, bottom and right).
#include "interfaces/adplatform_plugin.h"

#include <QObject>

namespace {

class TikTokPlugin : public QObject, public adv::plugins::AdPlatformPlugin {
    Q_OBJECT
    Q_PLUGIN_METADATA(IID AdvariantAdPlatform_iid FILE "adv_tiktok.json")
    Q_INTERFACES(adv::plugins::AdPlatformPlugin)

public:
    std::vector<adv::exportset::Preset> presets() const override {
        using adv::exportset::makePreset;
        std::vector<adv::exportset::Preset> out;
        out.push_back(makePreset("tiktok", "tiktok-infeed", "In-feed 9:16", 1080, 1920, {0.13, 0.22, 0.06, 0.16}, {}, 30ll << 20, {"png", "jpg"}));
        return out;
    }
};

} // namespace

#include "adv_tiktok.moc"
