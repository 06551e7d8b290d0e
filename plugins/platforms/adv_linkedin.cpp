// LinkedIn single image ad, landscape.
#include "interfaces/adplatform_plugin.h"

#include <QObject>

namespace {

class LinkedInPlugin : public QObject, public adv::plugins::AdPlatformPlugin {
    Q_OBJECT
    Q_PLUGIN_METADATA(IID AdvariantAdPlatform_iid FILE "adv_linkedin.json")
    Q_INTERFACES(adv::plugins::AdPlatformPlugin)

public:
    std::vector<adv::exportset::Preset> presets() const override {
        using adv::exportset::makePreset;
        std::vector<adv::exportset::Preset> out;
        out.push_back(makePreset("linkedin", "linkedin-landscape", "Single image 1.91:1", 1200, 628, {}, {0.05, 0.05, 0.05, 0.05}, 5ll << 20, {"png", "jpg"}));
        return out;
    }
};

} // namespace

#include "adv_linkedin.moc"
