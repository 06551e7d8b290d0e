// Performance Max image assets: keep the subject in the centre 80%; 5 MB per file.
#include "interfaces/adplatform_plugin.h"

#include <QObject>

namespace {

class GooglePMaxPlugin : public QObject, public adv::plugins::AdPlatformPlugin {
    Q_OBJECT
    Q_PLUGIN_METADATA(IID AdvariantAdPlatform_iid FILE "adv_google_pmax.json")
    Q_INTERFACES(adv::plugins::AdPlatformPlugin)

public:
    std::vector<adv::exportset::Preset> presets() const override {
        using adv::exportset::makePreset;
        std::vector<adv::exportset::Preset> out;
        const adv::exportset::Insets centre80{0.10, 0.10, 0.10, 0.10};
        out.push_back(makePreset("google-pmax", "pmax-landscape", "Landscape 1.91:1", 1200, 628, {}, centre80, 5ll << 20, {"png", "jpg"}));
        out.push_back(makePreset("google-pmax", "pmax-square", "Square 1:1", 1200, 1200, {}, centre80, 5ll << 20, {"png", "jpg"}));
        out.push_back(makePreset("google-pmax", "pmax-portrait", "Portrait 4:5", 960, 1200, {}, centre80, 5ll << 20, {"png", "jpg"}));
        return out;
    }
};

} // namespace

#include "adv_google_pmax.moc"
