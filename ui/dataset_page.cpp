#include "ui/dataset_page.h"

#include "ui/dataset_models.h"
#include "ui/image_convert.h"
#include "ui/plot.h"
#include "ui/preferences.h"
#include "ui/thumbnails.h"
#include "ui/project.h"
#include "ui/job_runner.h"

#include "dataset/coco.h"
#include "dataset/synth.h"
#include "util/fs.h"
#include "pairs/pair_set.h"


#include <QCheckBox>
#include <QComboBox>
#include <QJsonObject>
#include <QDir>
#include <QFileInfo>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPainter>
#include <QProgressBar>
#include <QPushButton>
#include <QSlider>
#include <QSplitter>
#include <QListView>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <map>

namespace adv::ui {

DatasetPage::DatasetPage(QWidget* parent) : WorkspacePage(QStringLiteral("dataset"), tr("Dataset"), QString(), parent) {
    runner_ = new JobRunner(this);
    model_ = new InstanceModel(this);
    filter_ = new InstanceFilter(this);
    filter_->setSourceModel(model_);
    table_ = new QTableView(this);
    table_->setObjectName(QStringLiteral("instanceTable"));
    table_->setModel(filter_);
    table_->setSortingEnabled(true);
    table_->sortByColumn(InstanceModel::Id, Qt::AscendingOrder);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->verticalHeader()->hide();
    connect(table_->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] { showDetail(); });
    QLayout* bar = buildToolbar();
    QWidget* right = buildDetailPane();
    QWidget* tabs = buildBrowser();
    QSplitter* split = twoPanes(tabs, right, 3, 2);
    progress_ = new QProgressBar(this);
    progress_->hide();
    status_ = new QLabel(tr("Open a Fashionpedia or COCO instance file."), this);
    status_->setObjectName(QStringLiteral("datasetStatus"));
    auto* top = new QVBoxLayout(this);
    top->addLayout(bar);
    top->addWidget(split, 1);
    top->addWidget(progress_);
    top->addWidget(status_);
}

QLayout* DatasetPage::buildToolbar() {
    auto* openButton = new QPushButton(tr("Open dataset..."), this);
    connect(openButton, &QPushButton::clicked, this, &DatasetPage::openDialog);
    auto* pairsButton = new QPushButton(tr("Build pairs"), this);
    pairsButton->setObjectName(QStringLiteral("buildPairs"));
    pairsButton->setToolTip(tr("Composite the filtered garments onto the project's background conditions"));
    connect(pairsButton, &QPushButton::clicked, this, &DatasetPage::buildPairs);
    auto* productsButton = new QPushButton(tr("Use as products"), this);
    productsButton->setObjectName(QStringLiteral("useAsProducts"));
    productsButton->setToolTip(tr("Keep the selected garments pixel for pixel in the Variants grid, each on generated backgrounds"));
    productsButton->setEnabled(false);
    connect(table_->selectionModel(), &QItemSelectionModel::selectionChanged, productsButton,
            [this, productsButton] { productsButton->setEnabled(!selectedAnnotations().isEmpty()); });
    connect(productsButton, &QPushButton::clicked, this, [this] {
        if (const auto picked = selectedAnnotations(); !picked.isEmpty()) Q_EMIT useAsProducts(picked);
    });
    category_ = new QComboBox(this);
    category_->addItem(tr("All categories"), -1);
    connect(category_, &QComboBox::currentIndexChanged, this, [this] {
        filter_->setCategory(category_->currentData().toInt());
        status_->setText(tr("%1 of %2 instances").arg(filter_->rowCount()).arg(model_->rowCount()));
    });
    attribute_ = new QComboBox(this);
    attribute_->addItem(tr("Any attribute"), -1);
    connect(attribute_, &QComboBox::currentIndexChanged, this, [this] {
        filter_->setAttribute(attribute_->currentData().toInt());
        status_->setText(tr("%1 of %2 instances").arg(filter_->rowCount()).arg(model_->rowCount()));
    });
    minArea_ = new QDoubleSpinBox(this);
    minArea_->setRange(0, 1e8);
    minArea_->setPrefix(tr("min area "));
    connect(minArea_, &QDoubleSpinBox::valueChanged, filter_, &InstanceFilter::setMinArea);
    search_ = new QLineEdit(this);
    search_->setPlaceholderText(tr("search category, attribute, file"));
    search_->setClearButtonEnabled(true);
    connect(search_, &QLineEdit::textChanged, filter_, &InstanceFilter::setSearch);
    auto* bar = new QHBoxLayout;
    bar->addWidget(openButton);
    bar->addWidget(category_);
    bar->addWidget(attribute_);
    bar->addWidget(minArea_);
    bar->addWidget(search_, 1);
    bar->addWidget(pairsButton);
    bar->addWidget(productsButton);
    return bar;
}

QWidget* DatasetPage::buildDetailPane() {
    detail_ = new QLabel(this);
    detail_->setObjectName(QStringLiteral("maskDetail"));
    detail_->setMinimumSize(320, 240);  // with the statistics below and the Jobs dock: fits 1280 x 800
    detail_->setAlignment(Qt::AlignCenter);
    opacity_ = new QSlider(Qt::Horizontal, this);
    opacity_->setRange(0, 100);
    opacity_->setValue(50);
    outline_ = new QCheckBox(tr("Outline only"), this);
    connect(opacity_, &QSlider::valueChanged, this, [this] { showDetail(); });
    connect(outline_, &QCheckBox::toggled, this, [this] { showDetail(); });
    stats_ = new QCustomPlot(this);
    stats_->setObjectName(QStringLiteral("datasetStats"));
    stats_->setMinimumHeight(160);
    stats_->setInteractions(QCP::iRangeZoom | QCP::iRangeDrag);
    statsKind_ = new QComboBox(this);
    statsKind_->setObjectName(QStringLiteral("statsKind"));
    statsKind_->addItems({tr("Instances per category"), tr("Instances per attribute (top 20)"),
                          tr("Instance size (square root of area, px)")});
    statsKind_->setToolTip(tr("Statistics of the filtered instances"));
    connect(statsKind_, &QComboBox::currentIndexChanged, this, [this] { updateStats(); });
    connect(filter_, &QSortFilterProxyModel::layoutChanged, this, &DatasetPage::scheduleStats);
    connect(filter_, &QSortFilterProxyModel::modelReset, this, &DatasetPage::scheduleStats);
    connect(filter_, &QSortFilterProxyModel::rowsInserted, this, &DatasetPage::scheduleStats);
    connect(filter_, &QSortFilterProxyModel::rowsRemoved, this, &DatasetPage::scheduleStats);
    auto* right = new QWidget(this);
    auto* rl = new QVBoxLayout(right);
    rl->addWidget(detail_, 1);
    auto* ol = new QHBoxLayout;
    ol->addWidget(new QLabel(tr("Mask opacity"), right));
    ol->addWidget(opacity_);
    ol->addWidget(outline_);
    rl->addLayout(ol);
    rl->addWidget(statsKind_);
    rl->addWidget(stats_);
    return right;
}

QWidget* DatasetPage::buildBrowser() {
    thumbs_ = new ThumbnailModel(this);
    auto* grid = new QListView(this);
    grid->setObjectName(QStringLiteral("thumbnailGrid"));
    grid->setModel(thumbs_);
    grid->setViewMode(QListView::IconMode);
    grid->setIconSize(QSize(ThumbnailModel::kSize, ThumbnailModel::kSize));
    grid->setGridSize(QSize(ThumbnailModel::kSize + 24, ThumbnailModel::kSize + 36));
    grid->setResizeMode(QListView::Adjust);
    grid->setUniformItemSizes(true);
    connect(grid, &QListView::doubleClicked, this, [this](const QModelIndex& i) {
        // Show the instances of that image.
        search_->setText(i.data(Qt::DisplayRole).toString().section(QLatin1Char(' '), 0, 0));
        if (auto* t = findChild<QTabWidget*>(QStringLiteral("datasetTabs"))) t->setCurrentIndex(0);
    });
    auto* tabs = new QTabWidget(this);
    tabs->setObjectName(QStringLiteral("datasetTabs"));
    tabs->addTab(table_, tr("Instances"));
    tabs->addTab(grid, tr("Images"));
    return tabs;
}

DatasetPage::~DatasetPage() { runner_->shutdown(); }

std::shared_ptr<coco::Dataset> DatasetPage::dataset() const { return model_->dataset(); }

void DatasetPage::openSampleDataset() {
    recordInProject_ = false;
    const QString dir = QString::fromStdString((fs::userDataDir() / "sample-dataset").string());
    const QString ann = QDir(dir).filePath(QStringLiteral("instances_attributes.json"));
    if (QFileInfo::exists(ann)) {
        open(ann, QDir(dir).filePath(QStringLiteral("images")));
        return;
    }
    status_->setText(tr("Creating the sample dataset in %1...").arg(dir));
    struct Written {
        QString annotations, images;
    };
    JobHandlers h;
    h.failed = [this](const QString& m) { status_->setText(m); };
    runner_->run<Written>(
        tr("Create the sample dataset"),
        [d = dir.toStdString()](JobContext& ctx) {
            synth::SynthOptions o;
            o.images = 120;
            o.seed = 2026;
            const auto r = synth::writeDataset(d, o, ctx.progressFn(), ctx.cancelToken());
            return Written{QString::fromStdString(r.annotationPath), QString::fromStdString(r.imagesDir)};
        },
        [this](Written w) { open(w.annotations, w.images); }, h);
}

void DatasetPage::openDialog() {
    recordInProject_ = true;
    const QString f = QFileDialog::getOpenFileName(this, tr("Annotation file"), QString(), tr("COCO JSON (*.json)"));
    if (f.isEmpty()) return;
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Image folder"), QFileInfo(f).absolutePath());
    open(f, dir);
}

void DatasetPage::open(const QString& annotations, const QString& imagesDir) {
    progress_->show();
    progress_->setRange(0, 0);
    status_->setText(tr("Loading %1...").arg(annotations));
    runner_->cancel(loadJob_);  // a newer load makes the older one stale
    JobHandlers h;
    h.progress = [this](int d, int t, const QString&) {
        progress_->setRange(0, t);
        progress_->setValue(d);
    };
    h.failed = [this](const QString& m) {
        progress_->hide();
        status_->setText(m);
        Q_EMIT loadFailed(m);
    };
    loadJob_ = runner_->run<std::shared_ptr<coco::Dataset>>(
        tr("Load %1").arg(annotations),
        [a = annotations.toStdString(), i = imagesDir.toStdString()](JobContext& ctx) {
            auto ds = std::make_shared<coco::Dataset>(coco::loadCoco(a, ctx.progressFn(), ctx.cancelToken()));
            if (!i.empty()) ds->checkImages(i);
            return ds;
        },
        [this, imagesDir](std::shared_ptr<coco::Dataset> ds) { onLoaded(ds, imagesDir); }, h);
}

void DatasetPage::onLoaded(std::shared_ptr<coco::Dataset> ds, const QString& imagesDir) {
    progress_->hide();
    imagesDir_ = imagesDir;
    model_->setDataset(ds);
    category_->blockSignals(true);
    while (category_->count() > 1) category_->removeItem(1);
    for (const auto& c : ds->categories) category_->addItem(QString::fromStdString(c.name), c.id);
    category_->blockSignals(false);
    attribute_->blockSignals(true);
    while (attribute_->count() > 1) attribute_->removeItem(1);
    for (const auto& a : ds->attributes) attribute_->addItem(QString::fromStdString(a.name), a.id);
    attribute_->blockSignals(false);
    thumbs_->setDataset(ds, imagesDir);
    size_t missing = 0;
    for (const auto& im : ds->images) missing += im.missing;
    status_->setText(tr("%1: %2 images, %3 instances, %4 issues, %5 missing image files")
                         .arg(QString::fromStdString(ds->path))
                         .arg(ds->images.size())
                         .arg(ds->annotations.size())
                         .arg(ds->issues.size())
                         .arg(missing));
    if (project_ && recordInProject_) {
        QJsonObject o;
        o[QStringLiteral("annotations")] = QString::fromStdString(ds->path);
        o[QStringLiteral("images")] = imagesDir;
        project_->setValue(QStringLiteral("dataset"), o, tr("Open dataset"));
    }
    recordInProject_ = true;
    updateStats();
    if (filter_->rowCount() > 0) selectRow(0);
    Q_EMIT loaded(static_cast<int>(ds->annotations.size()));
}

void DatasetPage::selectRow(int r) { table_->selectRow(r); }

void DatasetPage::scheduleStats() {
    // Filter changes arrive as several signals: redraw once, after them.
    if (statsPending_) return;
    statsPending_ = true;
    QTimer::singleShot(0, this, [this] {
        statsPending_ = false;
        updateStats();
    });
}

void DatasetPage::setStatsKind(int kind) { statsKind_->setCurrentIndex(kind); }
int DatasetPage::statsKind() const { return statsKind_->currentIndex(); }

QList<QPair<QString, double>> DatasetPage::statsBars() const {
    QList<QPair<QString, double>> out;
    if (stats_->plottableCount() == 0) return out;
    auto* bars = qobject_cast<QCPBars*>(stats_->plottable(0));
    auto* ticker = dynamic_cast<QCPAxisTickerText*>(stats_->xAxis->ticker().data());
    if (!bars) return out;
    for (auto it = bars->data()->constBegin(); it != bars->data()->constEnd(); ++it)
        out << qMakePair(ticker ? ticker->ticks().value(it->key) : QString::number(it->key), it->value);
    return out;
}

void DatasetPage::updateStats() {
    auto ds = dataset();
    stats_->clearPlottables();
    if (!ds) {
        stats_->replot();
        return;
    }
    // Statistics of what the filter shows.
    std::vector<const coco::Annotation*> shown;
    shown.reserve(static_cast<size_t>(filter_->rowCount()));
    for (int r = 0; r < filter_->rowCount(); ++r) {
        const int src = filter_->mapToSource(filter_->index(r, 0)).row();
        if (src >= 0 && src < static_cast<int>(ds->annotations.size())) shown.push_back(&ds->annotations[static_cast<size_t>(src)]);
    }
    QVector<double> x, y;
    QVector<QString> labels;
    QString yLabel = tr("instances");
    const int kind = statsKind_->currentIndex();
    if (kind == 0 || kind == 1) {
        std::map<int, int> per;
        for (const auto* a : shown) {
            if (kind == 0) ++per[a->categoryId];
            else
                for (int id : ds->attributeIds(*a)) ++per[id];
        }
        std::vector<std::pair<int, int>> sorted(per.begin(), per.end());
        if (kind == 1) {
            std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
            if (sorted.size() > 20) sorted.resize(20);
        }
        int i = 1;
        for (const auto& [id, n] : sorted) {
            x << i++;
            y << n;
            const std::string name = kind == 0 ? (ds->category(id) ? ds->category(id)->name : std::to_string(id))
                                               : (ds->attribute(id) ? ds->attribute(id)->name : std::to_string(id));
            labels << QString::fromStdString(name).section(QLatin1Char(','), 0, 0);
        }
    } else {
        // Histogram of sqrt(area) in 16 bins up to the largest instance.
        double top = 1;
        for (const auto* a : shown) top = std::max(top, std::sqrt(std::max(0.0, a->area)));
        const int bins = 16;
        const double w = std::ceil(top / bins);
        std::vector<int> h(bins, 0);
        for (const auto* a : shown) ++h[static_cast<size_t>(std::min(bins - 1, static_cast<int>(std::sqrt(std::max(0.0, a->area)) / w)))];
        for (int b = 0; b < bins; ++b) {
            x << b + 1;
            y << h[static_cast<size_t>(b)];
            labels << QStringLiteral("%1–%2").arg(b * w).arg((b + 1) * w);
        }
    }
    auto* bars = new QCPBars(stats_->xAxis, stats_->yAxis);
    bars->setData(x, y);
    bars->setBrush(kind == 2 ? QColor(60, 160, 120, 180) : QColor(80, 110, 220, 180));
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    ticker->addTicks(x, labels);
    stats_->xAxis->setTicker(ticker);
    stats_->xAxis->setTickLabelRotation(60);
    stats_->yAxis->setLabel(yLabel);
    stats_->rescaleAxes();
    stats_->xAxis->setRange(0.4, std::max<double>(1, x.size()) + 0.6);
    stats_->yAxis->setRangeLower(0);
    stats_->replot();
}


QList<size_t> DatasetPage::selectedAnnotations() const {
    QList<size_t> out;
    for (const QModelIndex& i : table_->selectionModel()->selectedRows())
        out << static_cast<size_t>(filter_->mapToSource(i).row());
    std::sort(out.begin(), out.end());
    return out;
}

void DatasetPage::showDetail() {
    auto ds = dataset();
    const QModelIndex cur = table_->currentIndex();
    if (!ds || !cur.isValid()) return;
    const int row = filter_->mapToSource(cur).row();
    const auto& a = ds->annotations[static_cast<size_t>(row)];
    const auto* img = ds->image(a.imageId);
    QImage base(QString::fromStdString(ds->imagePath(imagesDir_.toStdString(), *img)));
    if (base.isNull()) {
        detail_->setText(tr("Image file missing: %1").arg(QString::fromStdString(img->fileName)));
        return;
    }
    base = base.convertToFormat(QImage::Format_RGB32);
    QPainter p(&base);
    const double alpha = opacity_->value() / 100.0;
    int k = 0;
    for (uint32_t i : ds->annotationsOfImage(a.imageId)) {
        const auto& other = ds->annotations[i];
        coco::Rle rle;
        try {
            rle = ds->rle(other);
        } catch (const std::exception&) {
            continue;  // a malformed mask: the table flags it; draw the others
        }
        const bool selected = &other == &a;
        const QColor col = selected ? QColor(255, 60, 60) : QColor::fromHsv((k++ * 67) % 360, 200, 230);
        if (outline_->isChecked() || !selected) {
            p.setPen(QPen(col, selected ? 2 : 1));
            for (const auto& c : coco::maskContours(rle)) {
                QPolygon poly;
                for (const auto& pt : c) poly << QPoint(pt.x, pt.y);
                p.drawPolygon(poly);
            }
        }
        if (selected && !outline_->isChecked()) p.drawImage(0, 0, maskOverlay(rle, col, alpha));
    }
    p.end();
    detail_->setPixmap(QPixmap::fromImage(base).scaled(detail_->size(), Qt::KeepAspectRatio, Qt::SmoothTransformation));
}

void DatasetPage::buildPairs() {
    auto ds = dataset();
    if (!ds) {
        status_->setText(tr("Open a dataset first."));
        return;
    }
    pairs::PairSetOptions o;
    if (project_) {
        o.categories.clear();
        for (const QString& c : project_->concepts()) o.categories.push_back(c.toStdString());
        for (const QString& c : project_->conditions()) o.conditions.push_back(pairs::makeCondition(c.toStdString()));
    }
    o.perCategory = 20;
    o.resolution = 256;
    const QString out = QDir(Preferences::instance().outputFolder()).filePath(QStringLiteral("pairs"));
    const std::string images = imagesDir_.toStdString();
    status_->setText(tr("Building pairs in %1...").arg(out));
    struct Built {
        QString manifest;
        int pairs = 0;
    };
    JobHandlers h;
    h.progress = [this](int d, int t, const QString&) { status_->setText(tr("Building pairs: %1 / %2").arg(d).arg(t)); };
    h.failed = [this](const QString& m) { status_->setText(m); };
    runner_->run<Built>(
        tr("Build pairs"),
        [ds, o, out = out.toStdString(), images](JobContext& ctx) {
            const auto set = pairs::buildPairs(*ds, images, o, out, ctx.progressFn(), ctx.cancelToken());
            return Built{QString::fromStdString(set.manifestPath()), int(set.pairs.size())};
        },
        [this](Built b) {
            status_->setText(tr("%1 pairs: %2").arg(b.pairs).arg(b.manifest));
            Q_EMIT pairsBuilt(b.manifest, b.pairs);
        },
        h);
}

} // namespace adv::ui
