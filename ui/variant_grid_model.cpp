#include "ui/variant_grid_model.h"

#include "pairs/captions.h"

#include <QBrush>
#include <QColor>
#include <QFileInfo>
#include <QIcon>
#include <QJsonArray>
#include <QJsonDocument>

namespace adv::ui {

VariantGridModel::VariantGridModel(QObject* parent) : QAbstractTableModel(parent) {}

QPixmap VariantGridModel::thumbnail(const QImage& img, Qt::TransformationMode mode) const {
    return QPixmap::fromImage(img.scaled(iconSize_, iconSize_, Qt::KeepAspectRatio, mode));
}

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
            // "no LoRA" drops the user's LoRA (the first); an accelerator (Fast mode's LCM-LoRA) stays.
            if (!col.withLora && !e.cell.record.loras.empty()) e.cell.record.loras.erase(e.cell.record.loras.begin());
            e.cell.withLora = col.withLora;
            e.cell.id = QStringLiteral("%1|%2|%3|%4").arg(concept, col.condition).arg(e.cell.seed()).arg(col.withLora ? 1 : 0);
            row << e;
        }
        rows_ << row;
    }
    endResetModel();
}

QJsonObject VariantGridModel::toJson() const {
    QJsonArray cols, rows;
    for (const auto& c : columns_)
        cols.append(QJsonObject{{QStringLiteral("condition"), c.condition}, {QStringLiteral("seed_index"), c.seedIndex},
                                {QStringLiteral("with_lora"), c.withLora}});
    for (const auto& row : rows_) {
        QJsonArray cells;
        for (const auto& e : row) {
            const auto rec = QJsonDocument::fromJson(QByteArray::fromStdString(e.cell.record.toJson())).object();
            // The record names LoRAs by file name (as the PNG carries it); the project keeps where they are.
            QJsonArray loraFiles;
            for (const auto& l : e.cell.record.loras) loraFiles.append(QString::fromStdString(l.file));
            cells.append(QJsonObject{{QStringLiteral("id"), e.cell.id},
                                     {QStringLiteral("file"), e.cell.path},
                                     {QStringLiteral("approved"), e.cell.approved},
                                     {QStringLiteral("lora_files"), loraFiles},
                                     {QStringLiteral("record"), rec}});
        }
        rows.append(cells);
    }
    return QJsonObject{{QStringLiteral("concepts"), QJsonArray::fromStringList(concepts_)},
                       {QStringLiteral("columns"), cols},
                       {QStringLiteral("cells"), rows}};
}

bool VariantGridModel::fromJson(const QJsonObject& o, QString* error) {
    auto fail = [error](const QString& m) {
        if (error) *error = m;
        return false;
    };
    QStringList concepts;
    for (const auto& v : o.value(QStringLiteral("concepts")).toArray()) concepts << v.toString();
    QList<VariantColumn> columns;
    for (const auto& v : o.value(QStringLiteral("columns")).toArray()) {
        const QJsonObject c = v.toObject();
        columns << VariantColumn{c.value(QStringLiteral("condition")).toString(),
                                 c.value(QStringLiteral("seed_index")).toInt(),
                                 c.value(QStringLiteral("with_lora")).toBool(true)};
    }
    const QJsonArray rows = o.value(QStringLiteral("cells")).toArray();
    if (rows.size() != concepts.size()) return fail(tr("variant grid: %1 rows for %2 concepts").arg(rows.size()).arg(concepts.size()));
    QList<QList<Entry>> parsed;
    for (int r = 0; r < rows.size(); ++r) {
        const QJsonArray cells = rows[r].toArray();
        if (cells.size() != columns.size())
            return fail(tr("variant grid: row %1 has %2 cells for %3 columns").arg(r + 1).arg(cells.size()).arg(columns.size()));
        QList<Entry> row;
        for (const auto& v : cells) {
            const QJsonObject c = v.toObject();
            Entry e;
            try {
                e.cell.record = studio::VariantRecord::fromJson(
                    QJsonDocument(c.value(QStringLiteral("record")).toObject()).toJson(QJsonDocument::Compact).toStdString());
            } catch (const std::exception& ex) {
                return fail(tr("variant grid: cell %1: %2").arg(c.value(QStringLiteral("id")).toString(), QString::fromUtf8(ex.what())));
            }
            const QJsonArray loraFiles = c.value(QStringLiteral("lora_files")).toArray();
            for (size_t i = 0; i < e.cell.record.loras.size() && int(i) < loraFiles.size(); ++i)
                e.cell.record.loras[i].file = loraFiles[int(i)].toString().toStdString();
            e.cell.id = c.value(QStringLiteral("id")).toString();
            e.cell.withLora = columns[row.size()].withLora;
            const QString file = c.value(QStringLiteral("file")).toString();
            QImage img;
            // A path from the project file: only a regular file is read (a FIFO would block opening).
            if (!file.isEmpty() && QFileInfo(file).isFile() && img.load(file)) {
                e.cell.path = file;
                e.cell.approved = c.value(QStringLiteral("approved")).toBool();
                e.state = State::Done;
                e.icon = thumbnail(img, Qt::SmoothTransformation);
            } else {
                e.state = file.isEmpty() ? State::Queued : State::Failed;  // never rendered / its file is gone
            }
            row << e;
        }
        parsed << row;
    }
    beginResetModel();
    concepts_ = concepts;
    columns_ = columns;
    rows_ = parsed;
    endResetModel();
    return true;
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
        e->icon = thumbnail(img, Qt::FastTransformation);
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
        e->icon = thumbnail(img, Qt::SmoothTransformation);
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
    // A QIcon, not the pixmap: the view draws it at its icon size (the zoom), scaled down from iconSize_.
    case Qt::DecorationRole: return e.icon.isNull() ? QVariant() : QVariant(QIcon(e.icon));
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
