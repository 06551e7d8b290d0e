// Typed preferences kept with QSettings (model folders, output folder, device,
// threads, language, recent projects).
#pragma once

#include <QObject>
#include <QStringList>

namespace adv::ui {

class Preferences : public QObject {
    Q_OBJECT
public:
    static Preferences& instance();

    QStringList modelFolders() const;
    void setModelFolders(const QStringList& folders);
    QString defaultModel() const;  // a model folder/file chosen as default ("" = embedded)
    void setDefaultModel(const QString& path);
    QString outputFolder() const;
    void setOutputFolder(const QString& path);
    QString device() const;  // auto | cpu | cuda
    void setDevice(const QString& device);
    int threads() const;     // 0 = automatic
    void setThreads(int threads);
    QString language() const;  // "" = system, "en", "de", "es"
    void setLanguage(const QString& language);

    QStringList recentProjects() const;
    void addRecentProject(const QString& path);
    void clearRecentProjects();
    static constexpr int kMaxRecent = 10;

Q_SIGNALS:
    void changed();
    void recentProjectsChanged();

private:
    Preferences() = default;
};

} // namespace adv::ui
