// The concept x (condition, seed, LoRA on/off) grid of the Variants workspace as a
// table model: one row per concept, one column per condition / seed / LoRA
// setting. Each cell carries its render state, live preview or final thumbnail,
// generation parameters and approval (a check box: Qt::CheckStateRole).
// Approvals do not change the grid directly: they go to an approval callback
// (the Variants page turns them into undo commands) and come back through
// setApproved(). ApprovedVariantsModel lists the approved, rendered cells for
// the Export workspace.
#pragma once

#include "studio/variant_record.h"

#include <QAbstractListModel>
#include <QAbstractTableModel>
#include <QImage>
#include <QJsonObject>
#include <QPixmap>
#include <QPointer>

#include <functional>

namespace adv::ui {

// One cell: its place in the grid and its variant record (the request until it is rendered,
// then what made the image at `path`).
struct VariantCell {
    QString id, path;
    bool withLora = true;
    bool approved = false;
    studio::VariantRecord record;

    QString concept() const { return QString::fromStdString(record.concept); }
    QString condition() const { return QString::fromStdString(record.condition); }
    qint64 seed() const { return record.seed; }
    bool rendered() const { return !path.isEmpty(); }
    // A1111 "parameters" text of the rendered image (empty before).
    QString parameters() const { return rendered() ? QString::fromStdString(record.toA1111()) : QString(); }
};

struct VariantColumn {
    QString condition;
    int seedIndex = 0;  // 0-based: the column's seed is the first seed + seedIndex
    bool withLora = true;
};

class VariantGridModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum class State { Queued, Rendering, Done, Failed, Cancelled };
    enum Roles { CellIdRole = Qt::UserRole + 1, StateRole, SeedRole, ConceptRole, ConditionRole, WithLoraRole, PathRole, ParametersRole };
    using ApprovalEditor = std::function<void(const QString& cellId, bool approved)>;

    explicit VariantGridModel(QObject* parent = nullptr);

    // A new grid: every cell queued, nothing approved; `request` is every cell's record before the
    // concept, condition and seed are filled in (prompt from the caption rule, sampler, steps, CFG, ...).
    void setGrid(const QStringList& concepts, const QList<VariantColumn>& columns, qint64 firstSeed,
                 const studio::VariantRecord& request = {});
    void setApprovalEditor(ApprovalEditor e) { editor_ = std::move(e); }
    // The grid as the project keeps it: concepts, columns, every cell with its record, file and approval.
    // fromJson() restores it (thumbnails read from the files; cells whose file is gone come back unrendered);
    // false and *error on a malformed object, the grid unchanged.
    QJsonObject toJson() const;
    bool fromJson(const QJsonObject& o, QString* error = nullptr);
    void setIconSize(int px) { iconSize_ = px; }

    QModelIndex indexOf(const QString& cellId) const;
    bool contains(const QString& cellId) const { return indexOf(cellId).isValid(); }
    VariantCell cell(const QString& cellId) const;
    QList<VariantCell> cells() const;          // row by row
    QList<VariantCell> approvedCells() const;  // approved and rendered, row by row

    void setState(const QString& cellId, State s);
    void setPreview(const QString& cellId, const QImage& img);
    void setRendered(const QString& cellId, const QImage& img, const studio::VariantRecord& record, const QString& path);
    void setRequest(const QString& cellId, const studio::VariantRecord& request);  // before a (re-)render
    void setApproved(const QString& cellId, bool approved);
    void setSeed(const QString& cellId, qint64 seed);  // a re-roll: back to queued, not approved

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void approvalChanged(const QString& cellId, bool approved);

private:
    struct Entry {
        VariantCell cell;
        State state = State::Queued;
        QPixmap icon;
    };
    Entry* entry(const QString& cellId);
    QPixmap thumbnail(const QImage& img, Qt::TransformationMode mode) const;  // at iconSize_
    void touch(const QString& cellId);

    QStringList concepts_;
    QList<VariantColumn> columns_;
    QList<QList<Entry>> rows_;  // [row][column]
    ApprovalEditor editor_;
    int iconSize_ = 384;  // cached thumbnails: the largest zoom; the view scales them down
};

// The approved, rendered cells of a grid, one row each (icon, "concept / condition / seed").
class ApprovedVariantsModel : public QAbstractListModel {
    Q_OBJECT
public:
    explicit ApprovedVariantsModel(VariantGridModel* grid, QObject* parent = nullptr);
    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QList<VariantCell> cells() const { return cells_; }

private:
    void refresh();
    QPointer<VariantGridModel> grid_;
    QList<VariantCell> cells_;
};

} // namespace adv::ui
