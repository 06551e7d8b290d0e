#include "ui/library_picker.h"

#include <QDir>
#include <QFileInfo>
#include <QLineEdit>
#include <QStandardItemModel>

namespace adv::ui {

namespace {
constexpr int kEntryRole = Qt::UserRole + 1;  // index into entries_, -1 for "(none)"

QString tooltipOf(const studio::LibraryEntry& e) {
    QStringList lines{QDir::toNativeSeparators(QString::fromStdString(e.path))};
    if (!e.targets.empty()) {
        QStringList t;
        for (const auto& x : e.targets) t << QString::fromStdString(x);
        lines << QObject::tr("Targets: %1").arg(t.join(QStringLiteral(", ")));
    }
    if (!e.baseModel.empty()) lines << QObject::tr("Base model: %1").arg(QString::fromStdString(e.baseModel));
    for (const char* k : {"ss_training_comment", "ss_steps", "ss_num_epochs", "ss_resolution", "ss_network_alpha"}) {
        auto it = e.metadata.find(k);
        if (it != e.metadata.end()) lines << QStringLiteral("%1: %2").arg(QString::fromLatin1(k), QString::fromStdString(it->second));
    }
    if (!e.problem.empty()) lines << QString::fromStdString(e.problem);
    return lines.join(QLatin1Char('\n'));
}

bool samePath(const QString& a, const QString& b) {
    if (a == b) return true;
    if (a.isEmpty() || b.isEmpty()) return false;
    return QFileInfo(a).canonicalFilePath() == QFileInfo(b).canonicalFilePath() && !QFileInfo(a).canonicalFilePath().isEmpty();
}
} // namespace

LibraryPicker::LibraryPicker(Role role, QWidget* parent) : QComboBox(parent), role_(role) {
    setEditable(true);
    setInsertPolicy(QComboBox::NoInsert);
    setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    setMinimumContentsLength(24);
    lineEdit()->setPlaceholderText(role == Role::Model ? tr("embedded model (or a model folder / .safetensors)")
                                                       : tr("no LoRA (or a LoRA .safetensors)"));
}

void LibraryPicker::setEntries(const std::vector<studio::LibraryEntry>& entries) {
    const QString keep = path();
    entries_ = entries;
    const QSignalBlocker block(this);
    clear();
    if (role_ == Role::Lora) {
        addItem(tr("(none)"), QString());
        setItemData(0, -1, kEntryRole);
    }
    auto* m = qobject_cast<QStandardItemModel*>(model());
    for (size_t i = 0; i < entries_.size(); ++i) {
        const auto& e = entries_[i];
        // The embedded model is "" everywhere else (projects, grid specs, records name it by that).
        const QString p = e.embedded && e.kind != studio::LibraryEntry::Kind::Lora ? QString() : QString::fromStdString(e.path);
        addItem(QString::fromStdString(e.label()), p);
        const int row = count() - 1;
        setItemData(row, static_cast<int>(i), kEntryRole);
        setItemData(row, tooltipOf(e), Qt::ToolTipRole);
        if ((!e.supported || !e.problem.empty()) && m) m->item(row)->setEnabled(false);
    }
    setPath(keep);
}

QString LibraryPicker::path() const {
    const QString text = currentText().trimmed();
    const int i = findText(text, Qt::MatchExactly);
    if (i >= 0) return itemData(i).toString();
    return text;
}

void LibraryPicker::setPath(const QString& p) {
    for (int i = 0; i < count(); ++i)
        if (samePath(itemData(i).toString(), p) && (!p.isEmpty() || role_ == Role::Model || itemData(i, kEntryRole).toInt() < 0)) {
            setCurrentIndex(i);
            return;
        }
    setCurrentIndex(-1);
    setEditText(p);
}

const studio::LibraryEntry* LibraryPicker::findByHashOrName(const QString& hash, const QString& name) const {
    const std::string h = hash.toLower().toStdString(), n = name.toStdString();
    auto usable = [](const studio::LibraryEntry& e) { return e.supported && e.problem.empty(); };
    if (h.size() >= 8)
        for (const auto& e : entries_)
            if (usable(e) && !e.shortHash.empty() && (e.shortHash.rfind(h, 0) == 0 || h.rfind(e.shortHash, 0) == 0)) return &e;
    for (const auto& e : entries_) {
        const std::string file = QFileInfo(QString::fromStdString(e.path)).fileName().toStdString();
        if (usable(e) && !n.empty() && (e.name == n || file == n)) return &e;
    }
    return nullptr;
}

bool LibraryPicker::selectByHashOrName(const QString& hash, const QString& name) {
    const auto* e = findByHashOrName(hash, name);
    if (!e) return false;
    const int k = static_cast<int>(e - entries_.data());
    for (int i = 0; i < count(); ++i)
        if (itemData(i, kEntryRole).toInt() == k) {
            setCurrentIndex(i);
            return true;
        }
    return false;
}

const studio::LibraryEntry* LibraryPicker::currentEntry() const {
    const int i = findText(currentText().trimmed(), Qt::MatchExactly);
    if (i < 0) return nullptr;
    const int k = itemData(i, kEntryRole).toInt();
    return k >= 0 && k < static_cast<int>(entries_.size()) ? &entries_[static_cast<size_t>(k)] : nullptr;
}

} // namespace adv::ui
