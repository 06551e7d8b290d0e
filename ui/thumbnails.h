// Image thumbnails for the Dataset workspace: a list model whose decorations
// are decoded and scaled on a thread pool and kept in a QCache.
#pragma once

#include <QAbstractListModel>
#include <QCache>
#include <QImage>
#include <QSet>

#include <memory>

namespace adv::coco {
class Dataset;
}

namespace adv::ui {

class ThumbnailModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role { ImageIdRole = Qt::UserRole + 1 };
    explicit ThumbnailModel(QObject* parent = nullptr);
    ~ThumbnailModel() override;
    void setDataset(std::shared_ptr<coco::Dataset> ds, const QString& imagesDir);
    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    static constexpr int kSize = 112;
    int cached() const { return cache_.count(); }

Q_SIGNALS:
    void thumbnailReady(int row);

private:
    void request(int row) const;
    std::shared_ptr<coco::Dataset> ds_;
    QString dir_;
    mutable QCache<int, QImage> cache_{2000};
    mutable QSet<int> pending_;
    QImage placeholder_;
    int generation_ = 0;
};

} // namespace adv::ui
