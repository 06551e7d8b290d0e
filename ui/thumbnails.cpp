#include "ui/thumbnails.h"

#include "ui/image_loader.h"

#include "dataset/coco.h"

#include <QDir>
#include <QPainter>

namespace adv::ui {

ThumbnailModel::ThumbnailModel(QObject* parent) : QAbstractListModel(parent), placeholder_(kSize, kSize, QImage::Format_RGB32) {
    placeholder_.fill(QColor(225, 225, 228));
}

ThumbnailModel::~ThumbnailModel() { ++generation_; }

void ThumbnailModel::setDataset(std::shared_ptr<coco::Dataset> ds, const QString& imagesDir) {
    beginResetModel();
    ++generation_;
    ds_ = std::move(ds);
    dir_ = imagesDir;
    cache_.clear();
    pending_.clear();
    endResetModel();
}

int ThumbnailModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() || !ds_ ? 0 : static_cast<int>(ds_->images.size());
}

void ThumbnailModel::request(int row) const {
    if (pending_.contains(row)) return;
    pending_.insert(row);
    const QString path = QDir(dir_).filePath(QString::fromStdString(ds_->images[static_cast<size_t>(row)].fileName));
    auto* self = const_cast<ThumbnailModel*>(this);
    const int gen = generation_;
    loadScaledAsync(self, path, kSize, [self, row, gen](const QImage& decoded) {
        if (gen != self->generation_) return;
        QImage img = decoded;
        if (img.isNull()) {
            img = QImage(kSize, kSize, QImage::Format_RGB32);
            img.fill(QColor(250, 220, 220));
            QPainter p(&img);
            p.drawText(img.rect(), Qt::AlignCenter, tr("missing"));
        }
        self->cache_.insert(row, new QImage(img));
        self->pending_.remove(row);
        const QModelIndex i = self->index(row);
        Q_EMIT self->dataChanged(i, i, {Qt::DecorationRole});
        Q_EMIT self->thumbnailReady(row);
    });
}

QVariant ThumbnailModel::data(const QModelIndex& index, int role) const {
    if (!ds_ || !index.isValid()) return {};
    const auto& img = ds_->images[static_cast<size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return QStringLiteral("%1 (%2)").arg(QString::fromStdString(img.fileName)).arg(ds_->annotationsOfImage(img.id).size());
    case Qt::DecorationRole:
        if (auto* c = cache_.object(index.row())) return *c;
        request(index.row());
        return placeholder_;
    case Qt::ToolTipRole:
        return img.missing ? tr("image file missing") : QString::fromStdString(img.fileName);
    case ImageIdRole: return static_cast<qlonglong>(img.id);
    default: return {};
    }
}

} // namespace adv::ui
