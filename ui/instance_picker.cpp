#include "ui/instance_picker.h"

#include "ui/dataset_models.h"

#include "dataset/coco.h"
#include "dataset/query.h"
#include "studio/dataset_product.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <set>

namespace adv::ui {

InstancePicker::InstancePicker(std::shared_ptr<coco::Dataset> ds, const QString& imagesDir, QWidget* parent)
    : QDialog(parent), ds_(std::move(ds)), imagesDir_(imagesDir) {
    setObjectName(QStringLiteral("instancePicker"));
    setWindowTitle(tr("Products from the dataset"));
    model_ = new InstanceModel(this);
    model_->setDataset(ds_);
    filter_ = new InstanceFilter(this);
    filter_->setSourceModel(model_);
    category_ = new QComboBox(this);
    category_->setObjectName(QStringLiteral("pickerCategory"));
    category_->addItem(tr("All categories"), -1);
    if (ds_)
        for (const auto& c : ds_->categories) category_->addItem(QString::fromStdString(c.name), c.id);
    connect(category_, &QComboBox::currentIndexChanged, this, [this] { filter_->setCategory(category_->currentData().toInt()); });
    wholeItems_ = new QCheckBox(tr("Whole items only"), this);
    wholeItems_->setObjectName(QStringLiteral("pickerWholeItems"));
    wholeItems_->setToolTip(tr("Hide garment parts, closures and decorations (a sleeve, a zip, a bead)"));
    connect(wholeItems_, &QCheckBox::toggled, this, [this](bool on) {
        QSet<int> parts;
        if (on && ds_)
            for (const auto& c : ds_->categories)
                if (c.supercategory == "garment parts" || c.supercategory == "closures" || c.supercategory == "decorations")
                    parts.insert(c.id);
        filter_->setHiddenCategories(parts);
    });
    wholeItems_->setChecked(true);
    search_ = new QLineEdit(this);
    search_->setPlaceholderText(tr("search category, attribute, file"));
    search_->setClearButtonEnabled(true);
    connect(search_, &QLineEdit::textChanged, filter_, &InstanceFilter::setSearch);
    table_ = new QTableView(this);
    table_->setObjectName(QStringLiteral("pickerTable"));
    table_->setModel(filter_);
    table_->setSortingEnabled(true);
    table_->sortByColumn(InstanceModel::Area, Qt::DescendingOrder);  // the big, clear garments first
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->verticalHeader()->hide();
    table_->setColumnHidden(InstanceModel::Attributes, true);
    table_->resizeColumnsToContents();
    preview_ = new QLabel(this);
    preview_->setObjectName(QStringLiteral("pickerPreview"));
    preview_->setMinimumSize(240, 300);
    preview_->setAlignment(Qt::AlignCenter);
    preview_->setText(tr("Choose a garment: it is kept pixel for pixel, the background is generated."));
    preview_->setWordWrap(true);
    buttons_ = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons_->button(QDialogButtonBox::Ok)->setText(tr("Add as products"));
    buttons_->button(QDialogButtonBox::Ok)->setEnabled(false);
    connect(buttons_, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(table_->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        buttons_->button(QDialogButtonBox::Ok)->setEnabled(!selectedAnnotations().isEmpty());
    });
    connect(table_->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &InstancePicker::showPreview);
    connect(table_, &QTableView::doubleClicked, this, [this] {
        if (!selectedAnnotations().isEmpty()) accept();
    });

    auto* bar = new QHBoxLayout;
    bar->addWidget(category_);
    bar->addWidget(wholeItems_);
    bar->addWidget(search_, 1);
    auto* body = new QHBoxLayout;
    body->addWidget(table_, 3);
    body->addWidget(preview_, 2);
    auto* l = new QVBoxLayout(this);
    l->addLayout(bar);
    l->addLayout(body, 1);
    l->addWidget(buttons_);
    resize(820, 520);
}

InstancePicker::~InstancePicker() = default;

QList<size_t> InstancePicker::selectedAnnotations() const {
    QList<size_t> out;
    std::set<size_t> seen;
    for (const QModelIndex& i : table_->selectionModel()->selectedRows()) {
        const auto index = static_cast<size_t>(filter_->mapToSource(i).row());
        if (seen.insert(index).second) out << index;
    }
    std::sort(out.begin(), out.end(), [this](size_t a, size_t b) {  // table order, not click order
        return filter_->mapFromSource(model_->index(int(a), 0)).row() < filter_->mapFromSource(model_->index(int(b), 0)).row();
    });
    return out;
}

void InstancePicker::selectAnnotation(size_t index) {
    if (!ds_ || index >= ds_->annotations.size()) return;
    QModelIndex at = filter_->mapFromSource(model_->index(int(index), 0));
    if (!at.isValid()) {  // filtered out: show everything
        category_->setCurrentIndex(0);
        wholeItems_->setChecked(false);
        search_->clear();
        at = filter_->mapFromSource(model_->index(int(index), 0));
    }
    table_->selectionModel()->setCurrentIndex(at, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    table_->scrollTo(at);
}

void InstancePicker::setWholeItemsOnly(bool on) { wholeItems_->setChecked(on); }

void InstancePicker::setCategory(int categoryId) {
    const int i = category_->findData(categoryId);
    category_->setCurrentIndex(i < 0 ? 0 : i);
}

int InstancePicker::visibleRows() const { return filter_->rowCount(); }

QImage InstancePicker::preview() const { return previewImage_; }

void InstancePicker::showPreview() {
    const QModelIndex cur = table_->currentIndex();
    previewImage_ = QImage();
    if (!ds_ || !cur.isValid()) return;
    const auto& a = ds_->annotations[static_cast<size_t>(filter_->mapToSource(cur).row())];
    const auto* img = ds_->image(a.imageId);
    QImage base(img ? QString::fromStdString(ds_->imagePath(imagesDir_.toStdString(), *img)) : QString());
    if (base.isNull()) {
        preview_->setText(tr("Image file missing: %1").arg(img ? QString::fromStdString(img->fileName) : QString()));
        return;
    }
    coco::Rle rle;
    try {
        rle = ds_->rle(a);
    } catch (const std::exception& e) {
        preview_->setText(tr("This instance's mask is malformed: %1").arg(QString::fromStdString(e.what())));
        return;
    }
    if (rle.w != base.width() || rle.h != base.height()) {
        preview_->setText(tr("%1 is %2x%3, the annotation file says %4x%5")
                              .arg(QString::fromStdString(img->fileName)).arg(base.width()).arg(base.height())
                              .arg(rle.w).arg(rle.h));
        return;
    }
    // As the mask editor shows a product: the garment as it is, everything outside it dimmed.
    base = base.convertToFormat(QImage::Format_RGB32);
    const auto bits = rle.toBitmap();
    for (int y = 0; y < base.height(); ++y) {
        auto* line = reinterpret_cast<QRgb*>(base.scanLine(y));
        const uint8_t* row = bits.data() + size_t(y) * size_t(rle.w);
        for (int x = 0; x < base.width(); ++x)
            if (!row[x]) line[x] = qRgb(qRed(line[x]) / 4 + 40, qGreen(line[x]) / 4 + 40, qBlue(line[x]) / 4 + 40);
    }
    const auto box = rle.bbox();  // x, y, w, h
    const int grow = int(std::lround(studio::kDatasetProductMargin * std::max(box[2], box[3])));  // as written
    const QRect crop = QRect(int(box[0]) - grow, int(box[1]) - grow, int(box[2]) + 2 * grow, int(box[3]) + 2 * grow) & base.rect();
    previewImage_ = crop.isEmpty() ? base : base.copy(crop);
    preview_->setPixmap(QPixmap::fromImage(previewImage_).scaled(preview_->size(), Qt::KeepAspectRatio, Qt::SmoothTransformation));
}

} // namespace adv::ui
