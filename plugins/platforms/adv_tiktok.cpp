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
        using adv::exportset::Preset;
        std::vector<Preset> out;
        auto add = [&](const char* id, const char* name, int w, int h, adv::exportset::Insets text,
                       adv::exportset::Insets subject, long long maxBytes, std::vector<std::string> formats) {
            Preset p;
            p.platform = "tiktok";
            p.id = id;
            p.name = name;
            p.width = w;
            p.height = h;
            p.textSafe = text;
            p.subjectArea = subject;
            p.maxBytes = maxBytes;
            p.formats = std::move(formats);
            out.push_back(p);
        };
        add("tiktok-infeed", "In-feed 9:16", 1080, 1920, {0.13, 0.22, 0.06, 0.16}, {}, 30ll << 20, {"png", "jpg"});
        return out;
    }
};

} // namespace

#include "adv_tiktok.moc"
