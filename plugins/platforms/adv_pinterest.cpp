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
        using adv::exportset::Preset;
        std::vector<Preset> out;
        auto add = [&](const char* id, const char* name, int w, int h, adv::exportset::Insets text,
                       adv::exportset::Insets subject, long long maxBytes, std::vector<std::string> formats) {
            Preset p;
            p.platform = "pinterest";
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
        add("pinterest-pin", "Standard pin 2:3", 1000, 1500, {0.05, 0.12, 0.05, 0.05}, {}, 20ll << 20, {"png", "jpg"});
        return out;
    }
};

} // namespace

#include "adv_pinterest.moc"
