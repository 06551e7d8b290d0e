#include "ui/gallery_model.h"

#include "ui/image_loader.h"

#include <QColor>
#include <QDateTime>
#include <QSize>
#include <QFileInfo>
#include <QJsonDocument>

#include <algorithm>

namespace adv::ui {

QString GalleryItem::loraName() const {
    if (record.loras.empty()) return {};
    return QFileInfo(QString::fromStdString(record.loras.front().file)).completeBaseName();
}

GalleryModel::GalleryModel(QObject* parent) : QAbstractListModel(parent) {}

QJsonObject GalleryModel::historyEntry(const QString& file, const studio::VariantRecord& record) {
    return QJsonObject{{QStringLiteral("file"), file},
                       {QStringLiteral("record"), QJsonDocument::fromJson(QByteArray::fromStdString(record.toJson())).object()},
                       {QStringLiteral("time"), QDateTime::currentDateTime().toString(Qt::ISODate)}};
}

void GalleryModel::setProjectData(const QJsonObject& project) {
    QSet<QString> approved;
    for (const auto& row : project.value(QStringLiteral("variants")).toObject().value(QStringLiteral("cells")).toArray())
        for (const auto& c : row.toArray())
            if (c.toObject().value(QStringLiteral("approved")).toBool())
                approved.insert(c.toObject().value(QStringLiteral("file")).toString());
    QList<GalleryItem> items;
    for (const auto& v : project.value(QStringLiteral("history")).toArray()) {
        const QJsonObject o = v.toObject();
        GalleryItem it;
        it.file = o.value(QStringLiteral("file")).toString();
        if (it.file.isEmpty()) continue;
        try {
            it.record = studio::VariantRecord::fromJson(
                QJsonDocument(o.value(QStringLiteral("record")).toObject()).toJson(QJsonDocument::Compact).toStdString());
        } catch (const std::exception&) {
            continue;  // a damaged entry: the others still show
        }
        it.time = o.value(QStringLiteral("time")).toString();
        it.approved = approved.contains(it.file);
        items.prepend(it);  // newest first
    }
    beginResetModel();
    items_ = items;
    endResetModel();
}

QStringList GalleryModel::concepts() const {
    QStringList out;
    for (const auto& i : items_)
        if (!i.record.concept.empty() && !out.contains(QString::fromStdString(i.record.concept))) out << QString::fromStdString(i.record.concept);
    out.sort();
    return out;
}
QStringList GalleryModel::conditions() const {
    QStringList out;
    for (const auto& i : items_)
        if (!i.record.condition.empty() && !out.contains(QString::fromStdString(i.record.condition))) out << QString::fromStdString(i.record.condition);
    out.sort();
    return out;
}
QStringList GalleryModel::loras() const {
    QStringList out;
    for (const auto& i : items_)
        if (!i.loraName().isEmpty() && !out.contains(i.loraName())) out << i.loraName();
    out.sort();
    return out;
}

int GalleryModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : static_cast<int>(items_.size()); }

QVariant GalleryModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= items_.size()) return {};
    const GalleryItem& it = items_[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        return tr("%1 / %2 · seed %3\n%4%5")
            .arg(QString::fromStdString(it.record.concept), QString::fromStdString(it.record.condition))
            .arg(it.record.seed)
            .arg(it.loraName().isEmpty() ? tr("no LoRA") : it.loraName())
            .arg(it.approved ? QStringLiteral(" ✓") : QString());
    case Qt::SizeHintRole:
        return QSize(kThumb + 24, kThumb + 36);  // fixed cells: the layout does not jump as thumbnails arrive
    case Qt::ToolTipRole:
        return QString::fromStdString(it.record.toA1111()) + QStringLiteral("\n") + it.file;
    case Qt::DecorationRole: {
        auto t = thumbs_.constFind(it.file);
        if (t != thumbs_.constEnd()) return *t;
        if (!pending_.contains(it.file)) {
            pending_.insert(it.file);
            const QString file = it.file;
            auto* self = const_cast<GalleryModel*>(this);
            loadScaledAsync(self, file, kThumb, [self, file](const QImage& img) {
                self->pending_.remove(file);
                // Small renders (the embedded model's 64 px) are shown at thumbnail size.
                const bool small = !img.isNull() && img.width() < kThumb && img.height() < kThumb;
                self->thumbs_.insert(file, small ? img.scaled(kThumb, kThumb, Qt::KeepAspectRatio, Qt::SmoothTransformation) : img);
                for (int r = 0; r < self->items_.size(); ++r)
                    if (self->items_[r].file == file) Q_EMIT self->dataChanged(self->index(r), self->index(r), {Qt::DecorationRole});
            });
        }
        QImage blank(kThumb, kThumb, QImage::Format_RGB32);  // until the thumbnail is decoded
        blank.fill(QColor(230, 230, 230));
        return blank;
    }
    case FileRole: return it.file;
    case ConceptRole: return QString::fromStdString(it.record.concept);
    case ConditionRole: return QString::fromStdString(it.record.condition);
    case LoraRole: return it.loraName();
    case ApprovedRole: return it.approved;
    default: return {};
    }
}

QString GalleryFilter::noLora() { return tr("(none)"); }

void GalleryFilter::setConcept(const QString& c) {
    concept_ = c;
    invalidateFilter();
}
void GalleryFilter::setCondition(const QString& c) {
    condition_ = c;
    invalidateFilter();
}
void GalleryFilter::setLora(const QString& l) {
    lora_ = l;
    invalidateFilter();
}
void GalleryFilter::setApproval(Approval a) {
    approval_ = a;
    invalidateFilter();
}

bool GalleryFilter::filterAcceptsRow(int row, const QModelIndex& parent) const {
    const QModelIndex i = sourceModel()->index(row, 0, parent);
    if (!concept_.isEmpty() && i.data(GalleryModel::ConceptRole).toString() != concept_) return false;
    if (!condition_.isEmpty() && i.data(GalleryModel::ConditionRole).toString() != condition_) return false;
    if (!lora_.isEmpty()) {
        const QString l = i.data(GalleryModel::LoraRole).toString();
        if (lora_ == noLora() ? !l.isEmpty() : l != lora_) return false;
    }
    const bool approved = i.data(GalleryModel::ApprovedRole).toBool();
    if (approval_ == Approval::Approved && !approved) return false;
    if (approval_ == Approval::NotApproved && approved) return false;
    return true;
}

} // namespace adv::ui
