// Pinterest standard pin 2:3.
#include "interfaces/adplatform_plugin.h"

#include <QObject>

namespace {

class PinterestPlugin : public QObject, public adv::plugins::AdPlatformPlugin {
    Q_OBJECT
    Q_PLUGIN_METADATA(IID AdvariantAdPlatform_iid FILE "adv_pinterest.json")
    Q_INTERFACES(adv::plugins::AdPlatformPlugin)

public:
    std::vector<adv::exportset::Preset> presets() const override {
        using adv::exportset::makePreset;
        std::vector<adv::exportset::Preset> out;
        out.push_back(makePreset("pinterest", "pinterest-pin", "Standard pin 2:3", 1000, 1500, {0.05, 0.12, 0.05, 0.05}, {}, 20ll << 20, {"png", "jpg"}));
        return out;
    }
};

} // namespace

#include "adv_pinterest.moc"
