// A project: the .advproj JSON document the workspaces extend, with one
// QUndoStack. Saved atomically (QSaveFile); a corrupt file is a clear error.
// Autosave: every change (an edit, an undo, a finished render, an approval) writes a recovery file beside the
// project ("name.advproj.recovery"; for an untitled project in the user data folder) shortly after, atomically;
// a save or a deliberate discard removes it. After a crash the next start offers to restore it.
#pragma once

#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QStringList>

class QTimer;
class QUndoStack;

namespace adv::ui {

class Project : public QObject {
    Q_OBJECT
public:
    static constexpr int kFormatVersion = 1;

    explicit Project(QObject* parent = nullptr);

    // Returns false and sets *error ("<path>: <problem>") on failure.
    bool load(const QString& path, QString* error);
    bool save(const QString& path, QString* error);

    // The recovery file of a project saved at `projectPath` ("" = untitled).
    static QString recoveryPathFor(const QString& projectPath);
    QString recoveryPath() const { return recoveryPathFor(path_); }
    // Milliseconds between a change and its autosave (default 1500; 0 = at the next event loop turn).
    void setAutosaveDelay(int ms);
    // Writes the recovery file now (false and *error when it cannot be written); removes it.
    bool writeRecovery(QString* error = nullptr);
    void discardRecovery();
    // Takes over a recovery file's contents: the project at its own path, modified (not saved yet).
    bool restoreRecovery(const QString& recoveryFile, QString* error);
    // The project file a recovery file belongs to ("" for an untitled project) and when it was written.
    static QString recoveredProjectPath(const QString& recoveryFile, QString* writtenAt = nullptr);

    QString path() const { return path_; }
    QString displayName() const;
    bool isModified() const;
    QUndoStack* undoStack() const { return undo_; }

    // Project-wide settings (undoable through setValue()).
    QString title() const { return value("title").toString(); }
    QStringList conditions() const;   // background conditions
    QStringList concepts() const;     // garment concepts
    QString modelPath() const { return value("model").toString(); }
    QString datasetAnnotations() const { return value("dataset").toObject().value("annotations").toString(); }

    QJsonValue value(const QString& key) const { return data_.value(key); }
    // Sets a top-level key through an undo command (merged for quick edits of one key).
    void setValue(const QString& key, const QJsonValue& value, const QString& undoText = {});
    // Direct access for undo commands.
    void applyValue(const QString& key, const QJsonValue& value);
    // A change that is not an undoable edit (a finished render, a training run): the project is
    // modified until the next save.
    void recordState(const QString& key, const QJsonValue& value);
    QJsonObject toJson() const { return data_; }

Q_SIGNALS:
    void changed(const QString& key);
    void pathChanged(const QString& path);
    void modifiedChanged(bool modified);

private:
    static QJsonObject defaults();
    void scheduleAutosave();
    QJsonObject data_;
    QTimer* autosave_;
    QString path_;
    QUndoStack* undo_;
    bool dirty_ = false;  // changed outside the undo stack since the last save
};

} // namespace adv::ui
