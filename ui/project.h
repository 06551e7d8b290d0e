// A project: the .advproj JSON document the workspaces extend, with one
// QUndoStack. Saved atomically (QSaveFile); a corrupt file is a clear error.
#pragma once

#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QStringList>

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
    QJsonObject data_;
    QString path_;
    QUndoStack* undo_;
    bool dirty_ = false;  // changed outside the undo stack since the last save
};

} // namespace adv::ui
