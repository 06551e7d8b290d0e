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
        using adv::exportset::Preset;
        std::vector<Preset> out;
        auto add = [&](const char* id, const char* name, int w, int h, adv::exportset::Insets text,
                       adv::exportset::Insets subject, long long maxBytes, std::vector<std::string> formats) {
            Preset p;
            p.platform = "linkedin";
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
        add("linkedin-landscape", "Single image 1.91:1", 1200, 628, {}, {0.05, 0.05, 0.05, 0.05}, 5ll << 20, {"png", "jpg"});
        return out;
    }
};

} // namespace

#include "adv_linkedin.moc"
