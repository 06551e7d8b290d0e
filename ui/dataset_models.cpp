#include "ui/dataset_models.h"

#include <QFont>

#include "dataset/coco.h"

namespace adv::ui {

void InstanceModel::setDataset(std::shared_ptr<coco::Dataset> ds) {
    beginResetModel();
    ds_ = std::move(ds);
    endResetModel();
}

int InstanceModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() || !ds_ ? 0 : static_cast<int>(ds_->annotations.size());
}
int InstanceModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant InstanceModel::headerData(int s, Qt::Orientation o, int role) const {
    if (o != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (s) {
    case Id: return tr("ID");
    case Image: return tr("Image");
    case Category: return tr("Category");
    case Attributes: return tr("Attributes");
    case Area: return tr("Area");
    case Size: return tr("Box");
    default: return {};
    }
}

QVariant InstanceModel::data(const QModelIndex& index, int role) const {
    if (!ds_ || !index.isValid() || index.row() >= rowCount()) return {};
    const auto& a = ds_->annotations[static_cast<size_t>(index.row())];
    switch (role) {
    case CategoryIdRole: return a.categoryId;
    case AreaRole: return a.area;
    case ImageIdRole: return static_cast<qlonglong>(a.imageId);
    case AnnotationIndexRole: return index.row();
    case CrowdRole: return a.iscrowd;
    case Qt::ToolTipRole:
        if (a.iscrowd)
            return tr("Crowd region (iscrowd): a group of objects under one mask; pair building skips it unless asked.");
        break;
    case Qt::FontRole:
        if (a.iscrowd) {
            QFont f;
            f.setItalic(true);
            return f;
        }
        break;
    case AttributeIdsRole: {
        QVariantList l;
        for (int id : ds_->attributeIds(a)) l << id;
        return l;
    }
    case Qt::DisplayRole:
        switch (index.column()) {
        case Id: return static_cast<qlonglong>(a.id);
        case Image: {
            const auto* img = ds_->image(a.imageId);
            return img ? QString::fromStdString(img->fileName) : QString();
        }
        case Category: {
            const QString name = QString::fromStdString(ds_->category(a.categoryId)->name);
            return a.iscrowd ? tr("%1 (crowd)").arg(name) : name;
        }
        case Attributes: {
            QStringList names;
            for (int id : ds_->attributeIds(a)) {
                const auto* at = ds_->attribute(id);
                names << (at ? QString::fromStdString(at->name) : QString::number(id));
            }
            return names.join(QStringLiteral(", "));
        }
        case Area: return a.area;
        case Size: return a.hasBbox ? QStringLiteral("%1x%2").arg(a.bbox[2], 0, 'f', 0).arg(a.bbox[3], 0, 'f', 0) : QString();
        }
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == Area || index.column() == Id) return int(Qt::AlignRight | Qt::AlignVCenter);
        break;
    }
    return {};
}

InstanceFilter::InstanceFilter(QObject* parent) : QSortFilterProxyModel(parent) {
    setSortRole(Qt::DisplayRole);
    setFilterCaseSensitivity(Qt::CaseInsensitive);
}

void InstanceFilter::setCategory(int c) {
    category_ = c;
    invalidateFilter();
}
void InstanceFilter::setAttribute(int a) {
    attribute_ = a;
    invalidateFilter();
}
void InstanceFilter::setMinArea(double a) {
    minArea_ = a;
    invalidateFilter();
}
void InstanceFilter::setSearch(const QString& t) {
    search_ = t.trimmed();
    invalidateFilter();
}

void InstanceFilter::setHiddenCategories(const QSet<int>& ids) {
    hidden_ = ids;
    invalidateFilter();
}

bool InstanceFilter::filterAcceptsRow(int row, const QModelIndex& parent) const {
    const QModelIndex i = sourceModel()->index(row, 0, parent);
    if (!hidden_.isEmpty() && hidden_.contains(i.data(InstanceModel::CategoryIdRole).toInt())) return false;
    if (category_ >= 0 && i.data(InstanceModel::CategoryIdRole).toInt() != category_) return false;
    if (i.data(InstanceModel::AreaRole).toDouble() < minArea_) return false;
    if (attribute_ >= 0 && !i.data(InstanceModel::AttributeIdsRole).toList().contains(attribute_)) return false;
    if (!search_.isEmpty()) {
        bool hit = false;
        for (int c : {InstanceModel::Category, InstanceModel::Attributes, InstanceModel::Image})
            hit |= sourceModel()->index(row, c, parent).data().toString().contains(search_, Qt::CaseInsensitive);
        if (!hit) return false;
    }
    return true;
}

} // namespace adv::ui
