#include "ui/preferences.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>

namespace adv::ui {

Preferences& Preferences::instance() {
    static Preferences p;
    return p;
}

QStringList Preferences::modelFolders() const { return QSettings().value("models/folders").toStringList(); }
void Preferences::setModelFolders(const QStringList& f) {
    QSettings().setValue("models/folders", f);
    Q_EMIT changed();
}
QString Preferences::defaultModel() const { return QSettings().value("models/default").toString(); }
void Preferences::setDefaultModel(const QString& p) {
    QSettings().setValue("models/default", p);
    Q_EMIT changed();
}
QString Preferences::outputFolder() const {
    const QString fallback = QDir(QStandardPaths::writableLocation(QStandardPaths::PicturesLocation)).filePath("AdVariant");
    return QSettings().value("output/folder", fallback).toString();
}
void Preferences::setOutputFolder(const QString& p) {
    QSettings().setValue("output/folder", p);
    Q_EMIT changed();
}
QString Preferences::device() const { return QSettings().value("compute/device", "auto").toString(); }
void Preferences::setDevice(const QString& d) {
    QSettings().setValue("compute/device", d);
    Q_EMIT changed();
}
int Preferences::threads() const { return QSettings().value("compute/threads", 0).toInt(); }
void Preferences::setThreads(int t) {
    QSettings().setValue("compute/threads", t);
    Q_EMIT changed();
}
QString Preferences::language() const { return QSettings().value("ui/language").toString(); }
void Preferences::setLanguage(const QString& l) {
    QSettings().setValue("ui/language", l);
    Q_EMIT changed();
}

QStringList Preferences::recentProjects() const {
    QStringList out;
    for (const QString& p : QSettings().value("projects/recent").toStringList())
        if (QFileInfo::exists(p)) out << p;
    return out;
}
void Preferences::addRecentProject(const QString& path) {
    QStringList list = QSettings().value("projects/recent").toStringList();
    const QString abs = QFileInfo(path).absoluteFilePath();
    list.removeAll(abs);
    list.prepend(abs);
    while (list.size() > kMaxRecent) list.removeLast();
    QSettings().setValue("projects/recent", list);
    Q_EMIT recentProjectsChanged();
}
void Preferences::clearRecentProjects() {
    QSettings().remove("projects/recent");
    Q_EMIT recentProjectsChanged();
}

} // namespace adv::ui
