#include "registry/preset_registry.h"

#include "interfaces/adplatform_plugin.h"
#include "platform/platform.h"
#include "util/error.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonObject>
#include <QPluginLoader>
#include <QStandardPaths>

namespace adv::plugins {

QStringList PresetRegistry::defaultPluginDirs() {
    QStringList dirs;
    const QString env = qEnvironmentVariable("ADVARIANT_PLUGIN_DIR");
    if (!env.isEmpty()) dirs << env.split(QDir::listSeparator(), Qt::SkipEmptyParts);  // ':' here, ';' on Windows
    const QString exeDir = QCoreApplication::instance()
                               ? QCoreApplication::applicationDirPath()
                               : QFileInfo(QString::fromStdString(platform::pathToUtf8(platform::executablePath()))).absolutePath();
    dirs << QDir(exeDir).filePath(QStringLiteral("../") + QStringLiteral(ADV_PLUGIN_INSTALL_REL));
    dirs << QDir(exeDir).filePath(QStringLiteral("../lib/advariant/plugins"));
    dirs << QStringLiteral(ADV_PLUGIN_BUILD_DIR);
    QStringList existing;
    for (const QString& d : dirs) {
        const QString c = QDir(d).canonicalPath();
        if (!c.isEmpty() && !existing.contains(c)) existing << c;
    }
    return existing;
}

QString PresetRegistry::defaultUserPresetsFile() {
#ifdef Q_OS_WIN
    const QString base = QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation);  // %LOCALAPPDATA%
#else
    QString base = qEnvironmentVariable("XDG_CONFIG_HOME");
    if (base.isEmpty()) base = QDir::home().filePath(QStringLiteral(".config"));
#endif
    return QDir(base).filePath(QStringLiteral("advariant/presets.json"));
}

void PresetRegistry::add(const exportset::Preset& p) {
    for (auto& q : presets_)
        if (q.id == p.id) {
            q = p;
            return;
        }
    presets_.push_back(p);
}

void PresetRegistry::loadPlugins(const QStringList& dirs) {
    for (const QString& dir : dirs) {
        const QDir d(dir);
        for (const QString& f : d.entryList({QStringLiteral("*.so"), QStringLiteral("*.dll"), QStringLiteral("*.dylib")}, QDir::Files, QDir::Name)) {
            QPluginLoader loader(d.filePath(f));
            const QJsonObject meta = loader.metaData();
            if (meta.value(QStringLiteral("IID")).toString() != QLatin1String(AdvariantAdPlatform_iid)) continue;
            QObject* obj = loader.instance();
            auto* plugin = qobject_cast<AdPlatformPlugin*>(obj);
            if (!plugin) {
                errors_ << QStringLiteral("%1: %2").arg(d.filePath(f), loader.errorString());
                continue;
            }
            const QJsonObject md = meta.value(QStringLiteral("MetaData")).toObject();
            PluginInfo info{d.filePath(f), md.value(QStringLiteral("id")).toString(), md.value(QStringLiteral("name")).toString(),
                            md.value(QStringLiteral("version")).toString(), md.value(QStringLiteral("description")).toString(), 0};
            bool duplicate = false;
            for (const auto& p : plugins_) duplicate |= p.id == info.id;
            if (duplicate) continue;  // the same plugin found in two folders
            for (const auto& p : plugin->presets()) {
                add(p);
                ++info.presets;
            }
            plugins_ << info;
        }
    }
}

void PresetRegistry::loadUserFile(const QString& path) {
    if (!QFileInfo::exists(path)) return;
    try {
        for (const auto& p : exportset::loadPresetsJson(path.toStdString())) add(p);
    } catch (const std::exception& e) {
        errors_ << QString::fromStdString(e.what());
    }
}

QStringList PresetRegistry::platforms() const {
    QStringList out;
    for (const auto& p : presets_)
        if (!out.contains(QString::fromStdString(p.platform))) out << QString::fromStdString(p.platform);
    return out;
}

std::vector<exportset::Preset> PresetRegistry::select(const QStringList& names, QString* error) const {
    std::vector<exportset::Preset> out;
    for (const QString& n : names) {
        bool any = false;
        for (const auto& p : presets_) {
            if (n == QLatin1String("all") || QString::fromStdString(p.platform) == n || QString::fromStdString(p.id) == n) {
                bool dup = false;
                for (const auto& q : out) dup |= q.id == p.id;
                if (!dup) out.push_back(p);
                any = true;
            }
        }
        if (!any) {
            if (error) *error = QStringLiteral("unknown preset or platform '%1' (known: %2)").arg(n, platforms().join(QStringLiteral(", ")));
            return {};
        }
    }
    return out;
}

} // namespace adv::plugins
