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
        using adv::exportset::Preset;
        std::vector<Preset> out;
        auto add = [&](const char* id, const char* name, int w, int h, adv::exportset::Insets text,
                       adv::exportset::Insets subject, long long maxBytes, std::vector<std::string> formats) {
            Preset p;
            p.platform = "google-pmax";
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
        const adv::exportset::Insets centre80{0.10, 0.10, 0.10, 0.10};
        add("pmax-landscape", "Landscape 1.91:1", 1200, 628, {}, centre80, 5ll << 20, {"png", "jpg"});
        add("pmax-square", "Square 1:1", 1200, 1200, {}, centre80, 5ll << 20, {"png", "jpg"});
        add("pmax-portrait", "Portrait 4:5", 960, 1200, {}, centre80, 5ll << 20, {"png", "jpg"});
        return out;
    }
};

} // namespace

#include "adv_google_pmax.moc"
