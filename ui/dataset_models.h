// Model/View for the Dataset workspace: a table of instances and a filter
// proxy (category, attribute, minimum area, text search).
#pragma once

#include <QAbstractTableModel>
#include <QSet>
#include <QSortFilterProxyModel>

#include <memory>

namespace adv::coco {
class Dataset;
}

namespace adv::ui {

class InstanceModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Id, Image, Category, Attributes, Area, Size, ColumnCount };
    enum Role { CategoryIdRole = Qt::UserRole + 1, AreaRole, AttributeIdsRole, ImageIdRole, AnnotationIndexRole, CrowdRole };
    explicit InstanceModel(QObject* parent = nullptr) : QAbstractTableModel(parent) {}
    void setDataset(std::shared_ptr<coco::Dataset> ds);
    std::shared_ptr<coco::Dataset> dataset() const { return ds_; }
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

private:
    std::shared_ptr<coco::Dataset> ds_;
};

class InstanceFilter : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit InstanceFilter(QObject* parent = nullptr);
    void setCategory(int categoryId);   // -1 = all
    void setAttribute(int attributeId); // -1 = any
    void setMinArea(double area);
    void setSearch(const QString& text);
    void setHiddenCategories(const QSet<int>& categoryIds);  // e.g. garment parts, when picking products

protected:
    bool filterAcceptsRow(int row, const QModelIndex& parent) const override;

private:
    int category_ = -1, attribute_ = -1;
    double minArea_ = 0;
    QString search_;
    QSet<int> hidden_;
};

} // namespace adv::ui
