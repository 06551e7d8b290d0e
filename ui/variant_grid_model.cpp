#include "ui/variant_grid_model.h"

#include "pairs/captions.h"

#include <QBrush>
#include <QColor>
#include <QIcon>

namespace adv::ui {

VariantGridModel::VariantGridModel(QObject* parent) : QAbstractTableModel(parent) {}

void VariantGridModel::setGrid(const QStringList& concepts, const QList<VariantColumn>& columns, qint64 firstSeed,
                               const studio::VariantRecord& request) {
    beginResetModel();
    concepts_ = concepts;
    columns_ = columns;
    rows_.clear();
    for (const QString& concept : concepts) {
        QList<Entry> row;
        for (const auto& col : columns) {
            Entry e;
            e.cell.record = request;
            e.cell.record.concept = concept.toStdString();
            e.cell.record.condition = col.condition.toStdString();
            e.cell.record.prompt = pairs::caption(e.cell.record.concept, e.cell.record.condition);
            e.cell.record.seed = firstSeed + col.seedIndex;
            if (!col.withLora) e.cell.record.loras.clear();
            e.cell.withLora = col.withLora;
            e.cell.id = QStringLiteral("%1|%2|%3|%4").arg(concept, col.condition).arg(e.cell.seed()).arg(col.withLora ? 1 : 0);
            row << e;
        }
        rows_ << row;
    }
    endResetModel();
}

QModelIndex VariantGridModel::indexOf(const QString& cellId) const {
    for (int r = 0; r < rows_.size(); ++r)
        for (int c = 0; c < rows_[r].size(); ++c)
            if (rows_[r][c].cell.id == cellId) return index(r, c);
    return {};
}

VariantGridModel::Entry* VariantGridModel::entry(const QString& cellId) {
    const QModelIndex i = indexOf(cellId);
    return i.isValid() ? &rows_[i.row()][i.column()] : nullptr;
}

void VariantGridModel::touch(const QString& cellId) {
    const QModelIndex i = indexOf(cellId);
    if (i.isValid()) Q_EMIT dataChanged(i, i);
}

VariantCell VariantGridModel::cell(const QString& cellId) const {
    const QModelIndex i = indexOf(cellId);
    return i.isValid() ? rows_[i.row()][i.column()].cell : VariantCell{};
}

QList<VariantCell> VariantGridModel::cells() const {
    QList<VariantCell> out;
    for (const auto& row : rows_)
        for (const auto& e : row) out << e.cell;
    return out;
}

QList<VariantCell> VariantGridModel::approvedCells() const {
    QList<VariantCell> out;
    for (const auto& row : rows_)
        for (const auto& e : row)
            if (e.cell.approved && !e.cell.path.isEmpty()) out << e.cell;
    return out;
}

void VariantGridModel::setState(const QString& cellId, State s) {
    if (auto* e = entry(cellId)) {
        e->state = s;
        touch(cellId);
    }
}

void VariantGridModel::setPreview(const QString& cellId, const QImage& img) {
    if (auto* e = entry(cellId)) {
        e->icon = QPixmap::fromImage(img.scaled(iconSize_, iconSize_, Qt::KeepAspectRatio, Qt::FastTransformation));
        touch(cellId);
    }
}

void VariantGridModel::setRequest(const QString& cellId, const studio::VariantRecord& request) {
    if (auto* e = entry(cellId)) {
        if (!e->cell.rendered()) e->cell.record = request;
    }
}

void VariantGridModel::setRendered(const QString& cellId, const QImage& img, const studio::VariantRecord& record,
                                   const QString& path) {
    if (auto* e = entry(cellId)) {
        e->state = State::Done;
        e->cell.record = record;
        e->cell.path = path;
        e->icon = QPixmap::fromImage(img.scaled(iconSize_, iconSize_, Qt::KeepAspectRatio, Qt::SmoothTransformation));
        touch(cellId);
    }
}

void VariantGridModel::setApproved(const QString& cellId, bool approved) {
    auto* e = entry(cellId);
    if (!e || e->cell.approved == approved) return;
    e->cell.approved = approved;
    touch(cellId);
    Q_EMIT approvalChanged(cellId, approved);
}

void VariantGridModel::setSeed(const QString& cellId, qint64 seed) {
    if (auto* e = entry(cellId)) {
        const bool wasApproved = e->cell.approved;
        e->cell.record.seed = seed;
        e->cell.approved = false;
        e->cell.path.clear();
        e->state = State::Queued;
        touch(cellId);
        if (wasApproved) Q_EMIT approvalChanged(cellId, false);
    }
}

int VariantGridModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : rows_.size(); }
int VariantGridModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : columns_.size(); }

QVariant VariantGridModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || !checkIndex(index, CheckIndexOption::ParentIsInvalid)) return {};
    const Entry& e = rows_[index.row()][index.column()];
    switch (role) {
    case Qt::DisplayRole:
        switch (e.state) {
        case State::Queued: return tr("queued");
        case State::Rendering: return tr("rendering");
        case State::Failed: return tr("failed");
        case State::Cancelled: return tr("cancelled");
        case State::Done: return e.cell.approved ? tr("approved") : QString();
        }
        return {};
    case Qt::DecorationRole: return e.icon.isNull() ? QVariant() : QVariant(e.icon);
    case Qt::ToolTipRole: return e.cell.rendered() ? QVariant(e.cell.parameters()) : QVariant();
    case Qt::CheckStateRole: return e.cell.approved ? Qt::Checked : Qt::Unchecked;
    case Qt::BackgroundRole: return e.cell.approved ? QVariant(QBrush(QColor(200, 240, 200))) : QVariant();
    case CellIdRole: return e.cell.id;
    case StateRole: return static_cast<int>(e.state);
    case SeedRole: return e.cell.seed();
    case ConceptRole: return e.cell.concept();
    case ConditionRole: return e.cell.condition();
    case WithLoraRole: return e.cell.withLora;
    case PathRole: return e.cell.path;
    case ParametersRole: return e.cell.parameters();
    default: return {};
    }
}

bool VariantGridModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    if (role != Qt::CheckStateRole || !index.isValid() || !checkIndex(index, CheckIndexOption::ParentIsInvalid))
        return false;
    const Entry& e = rows_[index.row()][index.column()];
    if (e.state != State::Done) return false;  // nothing to approve yet
    const bool approved = value.toInt() == Qt::Checked;
    if (approved == e.cell.approved) return true;
    if (editor_) editor_(e.cell.id, approved);  // comes back through setApproved()
    else setApproved(e.cell.id, approved);
    return true;
}

Qt::ItemFlags VariantGridModel::flags(const QModelIndex& index) const {
    if (!index.isValid() || !checkIndex(index, CheckIndexOption::ParentIsInvalid)) return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemNeverHasChildren;
    if (rows_[index.row()][index.column()].state == State::Done) f |= Qt::ItemIsUserCheckable;
    return f;
}

QVariant VariantGridModel::headerData(int section, Qt::Orientation o, int role) const {
    if (role != Qt::DisplayRole) return QAbstractTableModel::headerData(section, o, role);
    if (o == Qt::Vertical) return section >= 0 && section < concepts_.size() ? QVariant(concepts_[section]) : QVariant();
    if (section < 0 || section >= columns_.size()) return {};
    const auto& c = columns_[section];
    return QStringLiteral("%1 #%2%3").arg(c.condition).arg(c.seedIndex + 1).arg(c.withLora ? QString() : tr(" (no LoRA)"));
}

// ---- ApprovedVariantsModel ----------------------------------------------------

ApprovedVariantsModel::ApprovedVariantsModel(VariantGridModel* grid, QObject* parent)
    : QAbstractListModel(parent), grid_(grid) {
    connect(grid, &QAbstractItemModel::modelReset, this, &ApprovedVariantsModel::refresh);
    connect(grid, &QAbstractItemModel::dataChanged, this, &ApprovedVariantsModel::refresh);
    refresh();
}

void ApprovedVariantsModel::refresh() {
    const QList<VariantCell> now = grid_ ? grid_->approvedCells() : QList<VariantCell>{};
    auto key = [](const QList<VariantCell>& l) {
        QStringList k;
        for (const auto& c : l) k << c.id + QLatin1Char('|') + c.path;
        return k;
    };
    if (key(now) == key(cells_)) return;
    beginResetModel();
    cells_ = now;
    endResetModel();
}

int ApprovedVariantsModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : cells_.size(); }

QVariant ApprovedVariantsModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || !checkIndex(index, CheckIndexOption::ParentIsInvalid)) return {};
    const VariantCell& c = cells_[index.row()];
    switch (role) {
    case Qt::DisplayRole: return QStringLiteral("%1 / %2 / %3").arg(c.concept(), c.condition()).arg(c.seed());
    case Qt::DecorationRole: return QIcon(c.path);
    case Qt::ToolTipRole: return c.parameters();
    case VariantGridModel::CellIdRole: return c.id;
    case VariantGridModel::PathRole: return c.path;
    default: return {};
    }
}

} // namespace adv::ui
