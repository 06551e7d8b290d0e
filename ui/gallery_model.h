// The render history of a project: every image the studio rendered (nothing is overwritten: each render has its
// own numbered file), newest first, with its parameters and whether it is approved in the grid. The project keeps
// it under "history" ([{"file", "record", "time"}]); approvals come from the grid ("variants"). GalleryFilter
// narrows it by concept, condition, LoRA and approval.
#pragma once

#include "studio/variant_record.h"

#include <QAbstractListModel>
#include <QHash>
#include <QImage>
#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QSortFilterProxyModel>

namespace adv::ui {

struct GalleryItem {
    QString file;
    studio::VariantRecord record;
    QString time;  // ISO 8601, when it was rendered
    bool approved = false;
    QString loraName() const;  // file name of the first LoRA without extension ("" for none)
};

class GalleryModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role { FileRole = Qt::UserRole + 1, ConceptRole, ConditionRole, LoraRole, ApprovedRole };
    static constexpr int kThumb = 160;

    explicit GalleryModel(QObject* parent = nullptr);
    // From a project's data: "history" (malformed entries skipped) with approvals from "variants".
    void setProjectData(const QJsonObject& project);
    const QList<GalleryItem>& items() const { return items_; }
    GalleryItem item(int row) const { return items_.value(row); }

    // One history entry for a finished render (what the Variants page appends).
    static QJsonObject historyEntry(const QString& file, const studio::VariantRecord& record);

    // Distinct values for the filters.
    QStringList concepts() const;
    QStringList conditions() const;
    QStringList loras() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

private:
    QList<GalleryItem> items_;
    mutable QHash<QString, QImage> thumbs_;
    mutable QSet<QString> pending_;
};

class GalleryFilter : public QSortFilterProxyModel {
    Q_OBJECT
public:
    enum class Approval { All, Approved, NotApproved };
    using QSortFilterProxyModel::QSortFilterProxyModel;
    // "" = any; for the LoRA, tr("(none)") keeps the renders without one.
    void setConcept(const QString& c);
    void setCondition(const QString& c);
    void setLora(const QString& l);
    void setApproval(Approval a);
    static QString noLora();

protected:
    bool filterAcceptsRow(int row, const QModelIndex& parent) const override;

private:
    QString concept_, condition_, lora_;
    Approval approval_ = Approval::All;
};

} // namespace adv::ui
