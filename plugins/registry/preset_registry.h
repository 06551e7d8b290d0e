// Loads ad-platform plugins (QPluginLoader) and the user's presets.json into
// one list of placements. Used by the CLI and the Export workspace.
#pragma once

#include "exportset/preset.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace adv::plugins {

struct PluginInfo {
    QString file, id, name, version, description;
    int presets = 0;
};

class PresetRegistry {
public:
    // ADVARIANT_PLUGIN_DIR, the build tree's plugin folder, <exe>/../<libdir>/advariant/plugins.
    static QStringList defaultPluginDirs();
    // $XDG_CONFIG_HOME/advariant/presets.json; %LOCALAPPDATA%\advariant\presets.json on Windows (may not exist).
    static QString defaultUserPresetsFile();

    void loadPlugins(const QStringList& dirs = defaultPluginDirs());
    // User presets override built-in ones with the same id.
    void loadUserFile(const QString& path);

    const std::vector<exportset::Preset>& presets() const { return presets_; }
    const QList<PluginInfo>& plugins() const { return plugins_; }
    const QStringList& errors() const { return errors_; }
    QStringList platforms() const;
    // Platform ids ("meta") or preset ids ("gdn-300x250"); "all" = everything. Unknown names are errors.
    std::vector<exportset::Preset> select(const QStringList& names, QString* error = nullptr) const;

private:
    void add(const exportset::Preset& p);
    std::vector<exportset::Preset> presets_;
    QList<PluginInfo> plugins_;
    QStringList errors_;
};

} // namespace adv::plugins
