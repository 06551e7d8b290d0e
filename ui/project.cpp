#include "ui/project.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QDateTime>
#include <QDir>
#include <QSaveFile>
#include <QStandardPaths>
#include <QTimer>
#include <QUndoCommand>
#include <QUndoStack>

namespace adv::ui {

namespace {

class SetValueCommand : public QUndoCommand {
public:
    SetValueCommand(Project* p, QString key, QJsonValue before, QJsonValue after, const QString& text)
        : QUndoCommand(text), p_(p), key_(std::move(key)), before_(std::move(before)), after_(std::move(after)) {}
    void undo() override { p_->applyValue(key_, before_); }
    void redo() override { p_->applyValue(key_, after_); }
    int id() const override { return 1; }
    bool mergeWith(const QUndoCommand* other) override {
        auto* o = static_cast<const SetValueCommand*>(other);
        if (o->key_ != key_) return false;
        after_ = o->after_;
        return true;
    }

private:
    Project* p_;
    QString key_;
    QJsonValue before_, after_;
};

QStringList toStringList(const QJsonValue& v) {
    QStringList out;
    for (const auto& x : v.toArray()) out << x.toString();
    return out;
}

} // namespace

Project::Project(QObject* parent)
    : QObject(parent), data_(defaults()), autosave_(new QTimer(this)), undo_(new QUndoStack(this)) {
    connect(undo_, &QUndoStack::cleanChanged, this, [this](bool) { Q_EMIT modifiedChanged(isModified()); });
    autosave_->setSingleShot(true);
    autosave_->setInterval(1500);
    connect(autosave_, &QTimer::timeout, this, [this] {
        if (!isModified()) {
            discardRecovery();  // undone back to the saved state
            return;
        }
        QString err;
        if (!writeRecovery(&err)) qWarning("%s", qPrintable(err));
    });
    connect(this, &Project::changed, this, &Project::scheduleAutosave);
    connect(undo_, &QUndoStack::indexChanged, this, &Project::scheduleAutosave);
}

void Project::scheduleAutosave() { autosave_->start(); }
void Project::setAutosaveDelay(int ms) { autosave_->setInterval(std::max(0, ms)); }

QString Project::recoveryPathFor(const QString& projectPath) {
    if (!projectPath.isEmpty()) return QFileInfo(projectPath).absoluteFilePath() + QStringLiteral(".recovery");
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/recovery");
    return dir + QStringLiteral("/untitled.advproj.recovery");
}

bool Project::writeRecovery(QString* error) {
    const QString file = recoveryPath();
    QDir().mkpath(QFileInfo(file).absolutePath());
    QSaveFile f(file);
    QJsonObject out = data_;
    out["version"] = kFormatVersion;
    out["recovery"] = QJsonObject{{QStringLiteral("project"), path_},
                                  {QStringLiteral("written"), QDateTime::currentDateTime().toString(Qt::ISODate)}};
    const QByteArray bytes = QJsonDocument(out).toJson(QJsonDocument::Compact);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit()) {
        if (error) *error = tr("%1: autosave failed (%2)").arg(file, f.errorString());
        return false;
    }
    return true;
}

void Project::discardRecovery() {
    autosave_->stop();
    QFile::remove(recoveryPath());
}

QString Project::recoveredProjectPath(const QString& recoveryFile, QString* writtenAt) {
    QFile f(recoveryFile);
    if (!f.open(QIODevice::ReadOnly)) return QString();
    const QJsonObject r = QJsonDocument::fromJson(f.readAll()).object().value(QStringLiteral("recovery")).toObject();
    if (writtenAt) *writtenAt = r.value(QStringLiteral("written")).toString();
    return r.value(QStringLiteral("project")).toString();
}

bool Project::restoreRecovery(const QString& recoveryFile, QString* error) {
    const QString original = recoveredProjectPath(recoveryFile);
    if (!load(recoveryFile, error)) return false;
    data_.remove(QStringLiteral("recovery"));
    path_ = original;
    dirty_ = true;  // the restored changes are not in the project file yet
    Q_EMIT pathChanged(path_);
    Q_EMIT modifiedChanged(true);
    Q_EMIT changed(QString());
    return true;
}

QJsonObject Project::defaults() {
    QJsonObject o;
    o["format"] = "advariant-project";
    o["version"] = kFormatVersion;
    o["title"] = QStringLiteral("Untitled");
    o["concepts"] = QJsonArray{"dress", "pants", "shirt", "sweater"};
    o["conditions"] = QJsonArray{"beach", "space", "city"};
    o["model"] = QString();
    return o;
}

QString Project::displayName() const {
    return path_.isEmpty() ? tr("Untitled") : QFileInfo(path_).completeBaseName();
}

bool Project::isModified() const { return dirty_ || !undo_->isClean(); }

void Project::recordState(const QString& key, const QJsonValue& v) {
    if (data_.value(key) == v) return;
    const bool was = isModified();
    applyValue(key, v);
    dirty_ = true;
    if (!was) Q_EMIT modifiedChanged(true);
}

QStringList Project::conditions() const { return toStringList(value("conditions")); }
QStringList Project::concepts() const { return toStringList(value("concepts")); }

void Project::applyValue(const QString& key, const QJsonValue& v) {
    if (v.isUndefined()) data_.remove(key);
    else data_[key] = v;
    Q_EMIT changed(key);
}

void Project::setValue(const QString& key, const QJsonValue& v, const QString& undoText) {
    if (data_.value(key) == v) return;
    undo_->push(new SetValueCommand(this, key, data_.value(key), v,
                                    undoText.isEmpty() ? tr("Change %1").arg(key) : undoText));
}

bool Project::load(const QString& path, QString* error) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        if (error) *error = tr("%1: cannot open (%2)").arg(path, f.errorString());
        return false;
    }
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &pe);
    if (pe.error != QJsonParseError::NoError) {
        if (error) *error = tr("%1: not a valid project file (JSON error at byte %2: %3)").arg(path).arg(pe.offset).arg(pe.errorString());
        return false;
    }
    if (!doc.isObject() || doc.object().value("format").toString() != QLatin1String("advariant-project")) {
        if (error) *error = tr("%1: not an AdVariant project (missing \"format\": \"advariant-project\")").arg(path);
        return false;
    }
    const int version = doc.object().value("version").toInt();
    if (version > kFormatVersion) {
        if (error) *error = tr("%1: written by a newer AdVariant Studio (project format %2, this version reads up to %3)")
                               .arg(path).arg(version).arg(kFormatVersion);
        return false;
    }
    QJsonObject merged = defaults();
    const QJsonObject loaded = doc.object();
    for (auto it = loaded.begin(); it != loaded.end(); ++it) merged[it.key()] = it.value();
    data_ = merged;
    path_ = QFileInfo(path).absoluteFilePath();
    dirty_ = false;
    undo_->clear();
    Q_EMIT pathChanged(path_);
    Q_EMIT changed(QString());
    autosave_->stop();  // loading is not a change (and must not touch a recovery file not yet offered)
    return true;
}

bool Project::save(const QString& path, QString* error) {
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly)) {
        if (error) *error = tr("%1: cannot write (%2)").arg(path, f.errorString());
        return false;
    }
    QJsonObject out = data_;
    out["version"] = kFormatVersion;
    const QByteArray bytes = QJsonDocument(out).toJson(QJsonDocument::Indented);
    if (f.write(bytes) != bytes.size() || !f.commit()) {
        if (error) *error = tr("%1: saving failed (%2); the previous file is unchanged").arg(path, f.errorString());
        return false;
    }
    discardRecovery();  // the untitled one, or the one beside the file saved before
    path_ = QFileInfo(path).absoluteFilePath();
    discardRecovery();
    const bool was = isModified();
    dirty_ = false;
    undo_->setClean();
    if (was && !isModified()) Q_EMIT modifiedChanged(false);
    Q_EMIT pathChanged(path_);
    return true;
}

} // namespace adv::ui
