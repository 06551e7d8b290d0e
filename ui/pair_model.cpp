#include "ui/pair_model.h"

#include "ui/image_loader.h"

#include "pairs/pair_set.h"

#include <QColor>
#include <QImage>
#include <QLineEdit>

#include <filesystem>

namespace adv::ui {

PairModel::PairModel(QObject* parent) : QAbstractListModel(parent) {}

void PairModel::setPairSet(const pairs::PairSet* set) {
    beginResetModel();
    set_ = set;
    ++generation_;
    icons_.clear();
    pending_.clear();
    rowGeneration_.clear();
    endResetModel();
}

void PairModel::pairChanged(int row, bool imageChanged) {
    if (!set_ || row < 0 || row >= rowCount()) return;
    if (imageChanged) {
        icons_.remove(row);
        pending_.remove(row);
        ++rowGeneration_[row];  // a decode of the old image still in flight is dropped
    }
    const QModelIndex i = index(row);
    Q_EMIT dataChanged(i, i);
}

void PairModel::request(int row) const {
    const int gen = generation_ * 65536 + rowGeneration_.value(row);
    if (pending_.value(row, -1) == gen) return;
    pending_.insert(row, gen);
    auto* self = const_cast<PairModel*>(this);
    loadScaledAsync(self, data(index(row), ImagePathRole).toString(), iconSize_, [self, row, gen](const QImage& img) {
        if (self->pending_.value(row, -1) != gen) return;  // the set or the row changed meanwhile
        self->pending_.remove(row);
        self->icons_.insert(row, img.isNull() ? QPixmap() : QPixmap::fromImage(img));
        const QModelIndex i = self->index(row);
        Q_EMIT self->dataChanged(i, i, {Qt::DecorationRole});
        Q_EMIT self->thumbnailReady(row);
    });
}

int PairModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() || !set_ ? 0 : static_cast<int>(set_->pairs.size());
}

QVariant PairModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) || !set_) return {};
    const auto& p = set_->pairs[static_cast<size_t>(index.row())];
    const QString caption = QString::fromStdString(p.caption);
    const QString state = QString::fromStdString(p.state);
    switch (role) {
    case Qt::DisplayRole:
        return caption + QStringLiteral("\n[") + state + QLatin1Char(']');
    case Qt::EditRole:
        return caption;
    case Qt::ToolTipRole:
        return tr("%1 × %2, seed %3\n%4").arg(QString::fromStdString(p.category), QString::fromStdString(p.condition))
            .arg(p.seed).arg(caption);
    case Qt::DecorationRole: {
        auto it = icons_.constFind(index.row());
        if (it != icons_.constEnd()) return it.value();
        request(index.row());
        if (placeholder_.isNull()) {
            QPixmap p(iconSize_, iconSize_);
            p.fill(QColor(225, 225, 228));
            const_cast<PairModel*>(this)->placeholder_ = p;
        }
        return placeholder_;
    }
    case Qt::BackgroundRole:
        if (p.state == "accepted") return QColor(200, 240, 200);
        if (p.state == "rejected") return QColor(245, 200, 200);
        return {};
    case StateRole:
        return state;
    case CategoryRole:
        return QString::fromStdString(p.category);
    case ConditionRole:
        return QString::fromStdString(p.condition);
    case SeedRole:
        return QVariant::fromValue<quint64>(p.seed);
    case GroupRole:
        return QStringLiteral("%1\x1f%2\x1f%3").arg(QString::fromStdString(p.category), QString::fromStdString(p.condition))
            .arg(index.row(), 8, 10, QLatin1Char('0'));
    case ImagePathRole:
        return QString::fromStdString((std::filesystem::path(set_->dir) / p.image).string());
    default:
        return {};
    }
}

bool PairModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    if (role != Qt::EditRole || !set_ || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    const QString c = value.toString().trimmed();
    if (c.isEmpty()) return false;  // a pair keeps a caption
    if (c == data(index, Qt::EditRole).toString()) return true;
    if (!editor_) return false;
    editor_(index.row(), c);  // the change comes back through pairChanged()
    return true;
}

Qt::ItemFlags PairModel::flags(const QModelIndex& index) const {
    if (!index.isValid()) return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsEditable | Qt::ItemNeverHasChildren;
}

void PairCaptionDelegate::setEditorData(QWidget* editor, const QModelIndex& index) const {
    if (auto* line = qobject_cast<QLineEdit*>(editor); line && line->isModified()) return;
    QStyledItemDelegate::setEditorData(editor, index);
}

PairGroupProxy::PairGroupProxy(QObject* parent) : QSortFilterProxyModel(parent) {
    setSortRole(PairModel::GroupRole);
    setDynamicSortFilter(true);
    sort(0);
}

} // namespace adv::ui
