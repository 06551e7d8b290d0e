// Google Display Network image ads (150 KB per file).
#include "interfaces/adplatform_plugin.h"

#include <QObject>

namespace {

class GoogleDisplayPlugin : public QObject, public adv::plugins::AdPlatformPlugin {
    Q_OBJECT
    Q_PLUGIN_METADATA(IID AdvariantAdPlatform_iid FILE "adv_google_display.json")
    Q_INTERFACES(adv::plugins::AdPlatformPlugin)

public:
    std::vector<adv::exportset::Preset> presets() const override {
        using adv::exportset::makePreset;
        std::vector<adv::exportset::Preset> out;
        const long long kb150 = 150 * 1024;
        const adv::exportset::Insets margin{0.06, 0.06, 0.04, 0.04};
        out.push_back(makePreset("google-display", "gdn-300x250", "Medium rectangle", 300, 250, {}, margin, kb150, {"png", "jpg"}));
        out.push_back(makePreset("google-display", "gdn-336x280", "Large rectangle", 336, 280, {}, margin, kb150, {"png", "jpg"}));
        out.push_back(makePreset("google-display", "gdn-728x90", "Leaderboard", 728, 90, {}, margin, kb150, {"png", "jpg"}));
        out.push_back(makePreset("google-display", "gdn-300x600", "Half page", 300, 600, {}, margin, kb150, {"png", "jpg"}));
        out.push_back(makePreset("google-display", "gdn-160x600", "Wide skyscraper", 160, 600, {}, margin, kb150, {"png", "jpg"}));
        out.push_back(makePreset("google-display", "gdn-320x50", "Mobile leaderboard", 320, 50, {}, margin, kb150, {"png", "jpg"}));
        out.push_back(makePreset("google-display", "gdn-320x100", "Large mobile banner", 320, 100, {}, margin, kb150, {"png", "jpg"}));
        out.push_back(makePreset("google-display", "gdn-970x250", "Billboard", 970, 250, {}, margin, kb150, {"png", "jpg"}));
        out.push_back(makePreset("google-display", "gdn-468x60", "Banner", 468, 60, {}, margin, kb150, {"png", "jpg"}));
        return out;
    }
};

} // namespace

#include "adv_google_display.moc"
