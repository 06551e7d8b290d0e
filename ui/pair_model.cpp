#include "ui/pair_model.h"

#include "pairs/pair_set.h"

#include <QColor>
#include <QImage>

#include <filesystem>

namespace adv::ui {

PairModel::PairModel(QObject* parent) : QAbstractListModel(parent) {}

void PairModel::setPairSet(const pairs::PairSet* set) {
    beginResetModel();
    set_ = set;
    icons_.clear();
    endResetModel();
}

void PairModel::pairChanged(int row, bool imageChanged) {
    if (!set_ || row < 0 || row >= rowCount()) return;
    if (imageChanged) icons_.remove(row);
    const QModelIndex i = index(row);
    Q_EMIT dataChanged(i, i);
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
        auto it = icons_.find(index.row());
        if (it == icons_.end()) {
            QImage img(data(index, ImagePathRole).toString());
            QPixmap pm = img.isNull() ? QPixmap() : QPixmap::fromImage(img.scaled(iconSize_, iconSize_, Qt::KeepAspectRatio,
                                                                               Qt::SmoothTransformation));
            it = icons_.insert(index.row(), pm);
        }
        return it.value();
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

PairGroupProxy::PairGroupProxy(QObject* parent) : QSortFilterProxyModel(parent) {
    setSortRole(PairModel::GroupRole);
    setDynamicSortFilter(true);
    sort(0);
}

} // namespace adv::ui
