#include "ui/products_panel.h"

#include "ui/image_convert.h"
#include "ui/instance_picker.h"
#include "ui/job_runner.h"
#include "ui/mask_editor.h"

#include "studio/dataset_product.h"
#include "util/fs.h"

#include <QCheckBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QImageReader>
#include <QJsonArray>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSaveFile>
#include <QSpinBox>

namespace adv::ui {

namespace {
// "red_dress-01.jpg" -> "red dress 01": the name reads in a caption.
QString nameFromFile(const QString& path) {
    QString n = QFileInfo(path).completeBaseName();
    n.replace(QLatin1Char('_'), QLatin1Char(' ')).replace(QLatin1Char('-'), QLatin1Char(' '));
    n = n.simplified();
    return n.isEmpty() ? QStringLiteral("product") : n;
}

QImage maskImage(const studio::MaskImage& m) {
    QImage img(m.width, m.height, QImage::Format_Grayscale8);
    for (int y = 0; y < m.height; ++y)
        std::copy_n(m.pixels.data() + size_t(y) * m.width, m.width, img.scanLine(y));
    return img;
}

struct StartingMask {
    QImage photo, mask;
};

struct DatasetCrops {
    std::vector<studio::DatasetProduct> written;
    QStringList failures;  // one line each
};
} // namespace

ProductsPanel::ProductsPanel(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("productsPanel"));
    runner_ = new JobRunner(this);
    list_ = new QListWidget(this);
    list_->setObjectName(QStringLiteral("productList"));
    list_->setFlow(QListView::LeftToRight);
    list_->setViewMode(QListView::IconMode);
    list_->setIconSize(QSize(32, 32));
    list_->setFixedHeight(56);
    list_->setToolTip(tr("Product photos: each is a row of the grid; its product is kept, the background generated"));
    auto* add = new QPushButton(tr("Add photos..."), this);
    add->setObjectName(QStringLiteral("addProducts"));
    connect(add, &QPushButton::clicked, this, &ProductsPanel::addPhotos);
    fromDataset_ = new QPushButton(tr("From dataset..."), this);
    fromDataset_->setObjectName(QStringLiteral("productsFromDataset"));
    connect(fromDataset_, &QPushButton::clicked, this, &ProductsPanel::pickFromDataset);
    auto* mask = new QPushButton(tr("Mask..."), this);
    mask->setObjectName(QStringLiteral("editProductMask"));
    mask->setToolTip(tr("Show and correct what is kept as the product"));
    connect(mask, &QPushButton::clicked, this, [this] {
        if (const QString n = selectedName(); !n.isEmpty()) editMask(n);
    });
    connect(list_, &QListWidget::itemDoubleClicked, this, [this] {
        if (const QString n = selectedName(); !n.isEmpty()) editMask(n);
    });
    auto* remove = new QPushButton(tr("Remove"), this);
    connect(remove, &QPushButton::clicked, this, [this] {
        if (const QString n = selectedName(); !n.isEmpty()) removeProduct(n);
    });
    strength_ = new QDoubleSpinBox(this);
    strength_->setObjectName(QStringLiteral("productStrength"));
    strength_->setRange(0.3, 1.0);
    strength_->setSingleStep(0.05);
    strength_->setValue(1.0);
    strength_->setToolTip(tr("How much of the background is generated anew: 1 paints it from noise, lower keeps more "
                             "of the photo's own backdrop"));
    connect(strength_, qOverload<double>(&QDoubleSpinBox::valueChanged), this, &ProductsPanel::changed);
    keepLayout_ = new QCheckBox(tr("Keep layout"), this);
    keepLayout_->setObjectName(QStringLiteral("keepLayout"));
    keepLayout_->setToolTip(tr("Leave the product where it is in the photo (else it stands centred, like a catalogue shot)"));
    connect(keepLayout_, &QCheckBox::toggled, this, &ProductsPanel::changed);
    feather_ = new QSpinBox(this);
    feather_->setObjectName(QStringLiteral("productFeather"));
    feather_->setRange(-1, 64);
    feather_->setSuffix(QStringLiteral(" px"));
    feather_->setSpecialValueText(tr("auto"));  // shown at -1
    feather_->setValue(-1);
    feather_->setToolTip(tr("How softly the product's edge meets the new background, inside its mask (0: a hard "
                            "edge). The product's inner pixels stay the photo's exactly."));
    connect(feather_, qOverload<int>(&QSpinBox::valueChanged), this, &ProductsPanel::changed);
    auto* l = new QHBoxLayout(this);
    l->setContentsMargins(0, 0, 0, 0);
    l->addWidget(list_, 1);
    auto* side = new QVBoxLayout;
    auto* r1 = new QHBoxLayout;
    r1->addWidget(add);
    r1->addWidget(fromDataset_);
    setDataset(nullptr, QString());  // disabled, with a tooltip saying why
    r1->addWidget(mask);
    r1->addWidget(remove);
    auto* r2 = new QHBoxLayout;
    r2->addWidget(new QLabel(tr("Strength"), this));
    r2->addWidget(strength_);
    r2->addWidget(new QLabel(tr("Feather"), this));
    r2->addWidget(feather_);
    r2->addWidget(keepLayout_);
    side->addLayout(r1);
    side->addLayout(r2);
    l->addLayout(side);
}

ProductsPanel::~ProductsPanel() { runner_->shutdown(); }

QString ProductsPanel::addProduct(const QString& photo, const QString& mask, const QString& name) {
    QImageReader reader(photo);  // the header only: a large photo is decoded off the GUI thread, when rendered
    if (!reader.canRead() || !reader.size().isValid()) {
        Q_EMIT message(tr("%1: not a readable picture").arg(photo));
        return QString();
    }
    Product p{name.simplified().isEmpty() ? nameFromFile(photo) : name.simplified(), QFileInfo(photo).absoluteFilePath(), mask};
    if (p.mask.isEmpty()) {  // NAME.mask.png beside the photo, as the CLI and the export pair them
        const QString beside = QString::fromStdString(studio::maskFileFor(p.photo.toStdString()));
        if (QFileInfo(beside).isFile()) p.mask = beside;
    }
    const QString base = p.name;
    for (int i = 2; isProduct(p.name); ++i) p.name = QStringLiteral("%1 %2").arg(base).arg(i);
    products_ << p;
    refreshList();
    Q_EMIT changed();
    return p.name;
}

void ProductsPanel::removeProduct(const QString& name) {
    for (int i = 0; i < products_.size(); ++i)
        if (products_[i].name == name) {
            products_.removeAt(i);
            refreshList();
            Q_EMIT changed();
            return;
        }
}

void ProductsPanel::clear() {
    if (products_.isEmpty()) return;
    products_.clear();
    refreshList();
    Q_EMIT changed();
}

QStringList ProductsPanel::names() const {
    QStringList n;
    for (const auto& p : products_) n << p.name;
    return n;
}

bool ProductsPanel::isProduct(const QString& name) const { return names().contains(name); }

studio::ProductInput ProductsPanel::input(const QString& name) const {
    for (const auto& p : products_)
        if (p.name == name) return {p.photo.toStdString(), p.mask.toStdString(), keepLayout(), double(featherPx())};
    return {};
}

double ProductsPanel::strength() const { return strength_->value(); }
void ProductsPanel::setStrength(double s) { strength_->setValue(s); }
bool ProductsPanel::keepLayout() const { return keepLayout_->isChecked(); }
void ProductsPanel::setKeepLayout(bool on) { keepLayout_->setChecked(on); }
int ProductsPanel::featherPx() const { return feather_->value(); }
void ProductsPanel::setFeatherPx(int px) { feather_->setValue(px); }

void ProductsPanel::refreshList() {
    list_->clear();
    for (const auto& p : products_) {
        QImageReader reader(p.photo);  // JPEG decodes straight to the thumbnail's size
        if (const QSize s = reader.size(); s.isValid()) reader.setScaledSize(s.scaled(64, 64, Qt::KeepAspectRatio));
        auto* it = new QListWidgetItem(QIcon(QPixmap::fromImage(reader.read())), p.name, list_);
        it->setToolTip(p.photo + (p.mask.isEmpty() ? QString() : QStringLiteral("\n") + tr("mask: %1").arg(p.mask)));
        it->setData(Qt::UserRole, p.name);
    }
}

QString ProductsPanel::selectedName() const {
    const auto* it = list_->currentItem();
    if (!it && list_->count() == 1) it = list_->item(0);
    return it ? it->data(Qt::UserRole).toString() : QString();
}

void ProductsPanel::addPhotos() {
    const QStringList files = QFileDialog::getOpenFileNames(this, tr("Product photos"), QString(),
                                                            tr("Pictures (*.png *.jpg *.jpeg *.webp)"));
    for (const QString& f : files) addProduct(f);
}

void ProductsPanel::setDataset(std::shared_ptr<coco::Dataset> ds, const QString& imagesDir) {
    dataset_ = std::move(ds);
    imagesDir_ = imagesDir;
    fromDataset_->setEnabled(dataset_ != nullptr);
    fromDataset_->setToolTip(dataset_ ? tr("Use garments of the open dataset as products: each is cut out with its mask")
                                      : tr("Open a dataset in the Dataset workspace first"));
}

void ProductsPanel::pickFromDataset() {
    if (!dataset_) {
        Q_EMIT message(tr("Open a dataset in the Dataset workspace first."));
        return;
    }
    auto* picker = new InstancePicker(dataset_, imagesDir_, this);
    picker->setAttribute(Qt::WA_DeleteOnClose);
    connect(picker, &QDialog::accepted, this, [this, picker] { addFromDataset(picker->selectedAnnotations()); });
    picker->open();
    Q_EMIT datasetPickerOpened(picker);
}

void ProductsPanel::addFromDataset(const QList<size_t>& annotations) {
    if (!dataset_ || annotations.isEmpty()) return;
    const QString dir = productFolder_.isEmpty() ? QString::fromStdString((fs::userDataDir() / "products").string())
                                                 : productFolder_;
    Q_EMIT message(tr("Cutting out the garments..."));
    JobHandlers h;
    h.failed = [this](const QString& m) { Q_EMIT message(m); };
    runner_->run<DatasetCrops>(
        tr("Products from the dataset"),
        [ds = dataset_, images = imagesDir_.toStdString(), out = QDir::cleanPath(dir).toStdString(), annotations](JobContext& c) {
            DatasetCrops crops;
            int done = 0;
            for (size_t index : annotations) {
                if (c.cancelled()) break;
                try {
                    crops.written.push_back(studio::writeDatasetProduct(*ds, index, images, out));
                } catch (const std::exception& e) {
                    crops.failures << QString::fromStdString(e.what());
                }
                c.progress(++done, int(annotations.size()));
            }
            return crops;
        },
        [this, annotations = int(annotations.size())](DatasetCrops crops) {
            QStringList added;
            for (const auto& p : crops.written) {
                const QString n = addProduct(QString::fromStdString(p.photo), QString::fromStdString(p.mask),
                                             QString::fromStdString(p.name));
                if (!n.isEmpty()) added << n;
            }
            // One line: what was added, and the first problem (the rest are alike, usually).
            QString line = added.isEmpty() ? QString() : tr("Added %1.").arg(added.join(QStringLiteral(", ")));
            if (!crops.failures.isEmpty())
                line = (line.isEmpty() ? QString() : line + QLatin1Char(' ')) +
                       tr("Not used (%1 of %2): %3").arg(crops.failures.size()).arg(annotations).arg(crops.failures.first());
            Q_EMIT message(line);
            Q_EMIT productsAdded(added);
        },
        h);
}

void ProductsPanel::editMask(const QString& name) {
    if (!isProduct(name)) return;
    const studio::ProductInput in = input(name);
    Q_EMIT message(tr("Finding the product in %1...").arg(name));
    JobHandlers h;
    h.failed = [this](const QString& m) { Q_EMIT message(m); };
    runner_->run<StartingMask>(
        tr("Product mask of %1").arg(name),
        [in](JobContext&) {
            const studio::ProductPreview p = studio::loadProduct(in);
            return StartingMask{toQImage(p.photo), maskImage(p.mask)};
        },
        [this, name](StartingMask m) {
            Q_EMIT message(QString());
            auto* editor = new MaskEditor(name, m.photo, m.mask, this);
            editor->setAttribute(Qt::WA_DeleteOnClose);
            connect(editor, &QDialog::accepted, this, [this, editor, name] {
                if (const QString err = saveMask(name, editor->mask()); !err.isEmpty()) Q_EMIT message(err);
            });
            editor->open();
            Q_EMIT maskEditorOpened(editor);
        },
        h);
}

QString ProductsPanel::saveMask(const QString& name, const QImage& mask) {
    for (auto& p : products_) {
        if (p.name != name) continue;
        const QString dir = maskFolder_.isEmpty() ? QFileInfo(p.photo).absolutePath() : maskFolder_;
        if (!QDir().mkpath(dir)) return tr("%1: cannot create the folder").arg(dir);
        const QString file = QDir(dir).filePath(QString(name).replace(QLatin1Char(' '), QLatin1Char('_')) + QStringLiteral(".mask.png"));
        QSaveFile out(file);  // atomic: a failed write keeps the previous mask
        if (!out.open(QIODevice::WriteOnly) || !mask.convertToFormat(QImage::Format_Grayscale8).save(&out, "PNG") || !out.commit())
            return tr("%1: the mask could not be written (%2)").arg(file, out.errorString());
        p.mask = file;
        refreshList();
        Q_EMIT changed();
        return QString();
    }
    return tr("no product named %1").arg(name);
}

QJsonObject ProductsPanel::toJson() const {
    QJsonArray list;
    for (const auto& p : products_)
        list.append(QJsonObject{{QStringLiteral("name"), p.name}, {QStringLiteral("photo"), p.photo}, {QStringLiteral("mask"), p.mask}});
    return QJsonObject{{QStringLiteral("products"), list},
                       {QStringLiteral("strength"), strength()},
                       {QStringLiteral("keep_layout"), keepLayout()},
                       {QStringLiteral("feather_px"), featherPx()}};
}

void ProductsPanel::fromJson(const QJsonObject& o) {
    const QSignalBlocker block(this);
    products_.clear();
    for (const QJsonValue& v : o.value(QStringLiteral("products")).toArray()) {
        const QJsonObject p = v.toObject();
        const QString name = p.value(QStringLiteral("name")).toString(), photo = p.value(QStringLiteral("photo")).toString();
        if (name.isEmpty() || photo.isEmpty() || isProduct(name)) continue;  // a hand-edited file: skip what makes no sense
        products_ << Product{name, photo, p.value(QStringLiteral("mask")).toString()};
    }
    setStrength(o.value(QStringLiteral("strength")).toDouble(1.0));
    setKeepLayout(o.value(QStringLiteral("keep_layout")).toBool(false));
    setFeatherPx(o.value(QStringLiteral("feather_px")).toInt(-1));  // clamped to the spin box's range
    refreshList();
}

} // namespace adv::ui
