#include "ui/variants_page.h"
#include "ui/products_panel.h"

#include "ui/gallery_model.h"
#include "ui/library_picker.h"

#include "ui/image_convert.h"
#include "ui/job_runner.h"
#include "ui/preferences.h"
#include "ui/project.h"

#include "sched/sampler_names.h"
#include "studio/defaults.h"
#include "studio/renderer.h"
#include "util/error.h"
#include "util/fs.h"

#include <algorithm>

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QJsonArray>
#include <QJsonObject>
#include <QSlider>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QVBoxLayout>

#include <optional>

namespace adv::ui {

// The renderer lives here, used only from the runner's jobs (one at a time, in order).
struct VariantsPage::Engine {
    std::unique_ptr<studio::Renderer> renderer;
};

namespace {
QStringList splitList(const QString& s) {
    QStringList out;
    for (const QString& p : s.split(QLatin1Char(','), Qt::SkipEmptyParts)) out << p.trimmed();
    out.removeAll(QString());
    return out;
}

struct ModelInfo {
    QString name;
    int resolution = 0;
};

struct Rendered {
    QImage image;
    studio::VariantRecord record;
    QString path;
    double seconds = 0;
};

QString outputFolder() { return QDir(Preferences::instance().outputFolder()).filePath(QStringLiteral("variants")); }
} // namespace

VariantsPage::VariantsPage(QWidget* parent)
    : WorkspacePage(QStringLiteral("variants"), tr("Variants"), QString(), parent), engine_(std::make_shared<Engine>()) {
    runner_ = new JobRunner(this);
    library_ = new JobRunner(this);
    connect(runner_, &JobRunner::idle, this, &VariantsPage::onJobEnded);
    auto* form = new QFormLayout;
    buildForm(form);
    QLayout* actions = buildActions();
    buildGrid();
    auto* top = new QVBoxLayout(this);
    top->addLayout(form);
    top->addLayout(actions);
    top->addWidget(view_, 1);
    ensureModel();  // the first click on "Render grid" must find a model
    refreshLibrary();
    connect(&Preferences::instance(), &Preferences::changed, this, [this] {
        if (Preferences::instance().modelFolders() != scannedFolders_) refreshLibrary();  // not on every setting
        setProductFolders();  // a new output folder: corrected masks and dataset crops go there from now on
    });
    connect(model_, qOverload<int>(&QComboBox::activated), this, [this] { ensureModel(); });  // picked: load it
}

void VariantsPage::setProductFolders() {
    products_->setMaskFolder(QDir(outputFolder()).filePath(QStringLiteral("masks")));
    products_->setProductFolder(QDir(outputFolder()).filePath(QStringLiteral("products")));
}

void VariantsPage::refreshLibrary() {
    library_->cancelAll();
    scannedFolders_ = Preferences::instance().modelFolders();
    std::vector<std::string> folders;
    for (const QString& f : scannedFolders_) folders.push_back(f.toStdString());
    studio::LibraryScanOptions o;
    o.hashCacheFile = (QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QStringLiteral("/hashes.json")).toStdString();
    library_->run<studio::Library>(
        tr("Scan model folders"),
        [folders, o](JobContext& c) { return studio::scanLibrary(folders, o, c.cancelToken()); },
        [this](studio::Library lib) {
            model_->setEntries(lib.models);
            lora_->setEntries(lib.loras);
            if (!lib.problems.empty()) status_->setText(QString::fromStdString(lib.problems.front()));
            Q_EMIT libraryRefreshed(static_cast<int>(lib.models.size()), static_cast<int>(lib.loras.size()));
        });
}

VariantsPage::~VariantsPage() {
    library_->shutdown();
    runner_->shutdown();
}

void VariantsPage::buildForm(QFormLayout* form) {
    using D = studio::GenerationDefaults;
    model_ = new LibraryPicker(LibraryPicker::Role::Model, this);
    model_->setObjectName(QStringLiteral("model"));
    model_->setPath(Preferences::instance().defaultModel());
    auto* rescan = new QPushButton(tr("Rescan"), this);
    rescan->setObjectName(QStringLiteral("rescanLibrary"));
    rescan->setToolTip(tr("Look for models and LoRAs in the model folders again (Settings)"));
    connect(rescan, &QPushButton::clicked, this, &VariantsPage::refreshLibrary);
    auto* loadButton = new QPushButton(tr("Load model"), this);
    connect(loadButton, &QPushButton::clicked, this, &VariantsPage::loadModel);
    concepts_ = new QLineEdit(QStringLiteral("dress, pants, shirt, sweater"), this);
    concepts_->setObjectName(QStringLiteral("concepts"));
    conditions_ = new QLineEdit(QStringLiteral("beach, space, city"), this);
    conditions_->setObjectName(QStringLiteral("conditions"));
    negative_ = new QLineEdit(this);
    negative_->setPlaceholderText(tr("negative prompt"));
    seeds_ = new QSpinBox(this);
    seeds_->setRange(1, 16);
    seeds_->setValue(D::seedsPerCell);
    baseSeed_ = new QSpinBox(this);
    baseSeed_->setObjectName(QStringLiteral("firstSeed"));
    baseSeed_->setRange(0, 2147483647);
    baseSeed_->setValue(static_cast<int>(D::firstSeed));
    steps_ = new QSpinBox(this);
    steps_->setObjectName(QStringLiteral("steps"));
    steps_->setRange(1, 150);
    steps_->setValue(D::steps);
    cfg_ = new QDoubleSpinBox(this);
    cfg_->setRange(0, 30);
    cfg_->setSingleStep(0.5);
    cfg_->setValue(D::cfg);
    sampler_ = new QComboBox(this);
    for (const auto& n : samplerNames()) sampler_->addItem(QString::fromStdString(n));
    sampler_->setCurrentText(QString::fromLatin1(D::sampler));
    lora_ = new LibraryPicker(LibraryPicker::Role::Lora, this);
    lora_->setObjectName(QStringLiteral("lora"));
    lora_->setPath(QString::fromStdString(fs::embeddedDemoLora()));
    loraScale_ = new QDoubleSpinBox(this);
    loraScale_->setRange(-2, 2);
    loraScale_->setSingleStep(0.1);
    loraScale_->setValue(1.0);
    compare_ = new QCheckBox(tr("Compare with LoRA off"), this);
    compare_->setObjectName(QStringLiteral("compare"));
    compare_->setChecked(!lora_->path().isEmpty());  // the first grid shows what the shipped LoRA does

    fast_ = new QCheckBox(tr("Fast (4 steps)"), this);
    fast_->setObjectName(QStringLiteral("fastMode"));
    fast_->setToolTip(tr("4 LCM steps at CFG 1 (one UNet pass per step), with an LCM-LoRA from the library stacked "
                         "on your LoRA when there is one"));
    connect(fast_, &QCheckBox::toggled, this, &VariantsPage::setFast);
    hires_ = new QDoubleSpinBox(this);
    hires_->setObjectName(QStringLiteral("hiresScale"));
    hires_->setRange(1.0, 4.0);
    hires_->setSingleStep(0.5);
    hires_->setDecimals(2);
    hires_->setPrefix(QStringLiteral("×"));
    hires_->setSpecialValueText(tr("off"));  // shown at the minimum, 1
    hires_->setValue(1.0);
    hires_->setToolTip(tr("Hires fix for text rows: render at the model's size, enlarge by this factor and redraw the "
                          "detail (image-to-image at strength %1), so large ads start from generated pixels. "
                          "Takes about (factor² + 1) times as long.").arg(studio::GenerationDefaults::hiresStrength));

    auto* modelRow = new QHBoxLayout;
    modelRow->addWidget(model_, 1);
    modelRow->addWidget(loadButton);
    modelRow->addWidget(rescan);
    form->addRow(tr("Model:"), modelRow);
    form->addRow(tr("Concepts:"), concepts_);
    form->addRow(tr("Conditions:"), conditions_);
    form->addRow(tr("Negative:"), negative_);
    auto* row = new QHBoxLayout;
    for (auto [label, w] : std::initializer_list<std::pair<QString, QWidget*>>{
             {tr("Seeds/cell"), seeds_}, {tr("First seed"), baseSeed_}, {tr("Steps"), steps_}, {tr("CFG"), cfg_}, {tr("Sampler"), sampler_}}) {
        row->addWidget(new QLabel(label, this));
        row->addWidget(w);
    }
    row->addWidget(fast_);
    row->addWidget(new QLabel(tr("Hires"), this));
    row->addWidget(hires_);
    row->addStretch();
    form->addRow(row);
    auto* loraRow = new QHBoxLayout;
    loraRow->addWidget(lora_, 1);
    loraRow->addWidget(loraScale_);
    loraRow->addWidget(compare_);
    form->addRow(tr("LoRA:"), loraRow);
    products_ = new ProductsPanel(this);
    setProductFolders();
    connect(products_, &ProductsPanel::message, this, [this](const QString& m) {
        if (!m.isEmpty()) status_->setText(m);
    });
    connect(products_, &ProductsPanel::changed, this, [this] {
        if (project_) project_->recordState(QStringLiteral("products"), products_->toJson());
    });
    form->addRow(tr("Products:"), products_);
}

QLayout* VariantsPage::buildActions() {
    renderButton_ = new QPushButton(tr("Render grid"), this);
    renderButton_->setObjectName(QStringLiteral("renderGrid"));
    cancelButton_ = new QPushButton(tr("Cancel"), this);
    cancelButton_->setEnabled(false);
    connect(renderButton_, &QPushButton::clicked, this, &VariantsPage::renderGrid);
    connect(cancelButton_, &QPushButton::clicked, this, &VariantsPage::cancel);
    auto* saveSpec = new QPushButton(tr("Save spec..."), this);
    saveSpec->setObjectName(QStringLiteral("saveGridSpec"));
    saveSpec->setToolTip(tr("Save this grid as a spec file: advariant-cli grid renders it, whole or sharded on a render farm"));
    auto* openSpec = new QPushButton(tr("Open spec..."), this);
    openSpec->setObjectName(QStringLiteral("openGridSpec"));
    auto* fromPng = new QPushButton(tr("From PNG..."), this);
    fromPng->setObjectName(QStringLiteral("parametersFromPng"));
    fromPng->setToolTip(tr("Use the parameters of a rendered PNG (this studio's or AUTOMATIC1111's)"));
    connect(fromPng, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Parameters from PNG"), QString(), tr("PNG images (*.png)"));
        if (path.isEmpty()) return;
        if (const QString err = applyPngParameters(path); !err.isEmpty()) QMessageBox::warning(this, tr("Parameters from PNG"), err);
    });
    connect(saveSpec, &QPushButton::clicked, this, &VariantsPage::saveGridSpecAs);
    connect(openSpec, &QPushButton::clicked, this, &VariantsPage::openGridSpecFile);
    progress_ = new QProgressBar(this);
    status_ = new QLabel(tr("No model loaded"), this);
    status_->setObjectName(QStringLiteral("variantsStatus"));
    zoom_ = new QSlider(Qt::Horizontal, this);
    zoom_->setObjectName(QStringLiteral("zoom"));
    zoom_->setRange(96, 384);
    zoom_->setSingleStep(16);
    zoom_->setPageStep(64);
    zoom_->setFixedWidth(120);
    zoom_->setToolTip(tr("Thumbnail size"));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(renderButton_);
    buttons->addWidget(cancelButton_);
    buttons->addWidget(saveSpec);
    buttons->addWidget(openSpec);
    buttons->addWidget(fromPng);
    buttons->addWidget(progress_, 1);
    buttons->addWidget(status_);
    buttons->addWidget(new QLabel(tr("Zoom"), this));
    buttons->addWidget(zoom_);
    return buttons;
}

void VariantsPage::buildGrid() {
    grid_ = new VariantGridModel(this);
    grid_->setApprovalEditor([this](const QString& id, bool approved) { setApproved(id, approved); });
    connect(grid_, &VariantGridModel::approvalChanged, this, &VariantsPage::approvalsChanged);
    connect(grid_, &VariantGridModel::approvalChanged, this, &VariantsPage::keepInProject);
    view_ = new QTableView(this);
    view_->setModel(grid_);
    view_->setObjectName(QStringLiteral("variantGrid"));
    view_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view_->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(zoom_, &QSlider::valueChanged, this, &VariantsPage::setCellSize);
    zoom_->setValue(192);  // readable at 1400x900: four rows of 64 px renders shown at 3x
    connect(view_, &QTableView::customContextMenuRequested, this, &VariantsPage::showContextMenu);
    connect(view_, &QTableView::doubleClicked, this, [this](const QModelIndex& i) {
        const VariantCell c = grid_->cell(i.data(VariantGridModel::CellIdRole).toString());
        if (c.rendered()) setApproved(c.id, !c.approved);
    });
    auto* approve = new QAction(tr("Approve / unapprove selected"), this);
    approve->setShortcut(Qt::Key_Space);
    approve->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(approve, &QAction::triggered, this, [this] {
        for (const auto& i : view_->selectionModel()->selectedIndexes()) {
            const VariantCell c = grid_->cell(i.data(VariantGridModel::CellIdRole).toString());
            if (c.rendered()) setApproved(c.id, !c.approved);
        }
    });
    view_->addAction(approve);
}

int VariantsPage::cellSize() const { return view_->iconSize().width(); }

void VariantsPage::setCellSize(int px) {
    px = qBound(96, px, 384);
    if (zoom_->value() != px) zoom_->setValue(px);  // comes back here once
    view_->setIconSize(QSize(px, px));
    // Room for the check box beside the picture.
    view_->horizontalHeader()->setDefaultSectionSize(px + 40);
    view_->verticalHeader()->setDefaultSectionSize(px + 12);
    for (int c = 0; c < grid_->columnCount(); ++c) view_->setColumnWidth(c, px + 40);
    for (int r = 0; r < grid_->rowCount(); ++r) view_->setRowHeight(r, px + 12);
}

void VariantsPage::setProject(Project* p) {
    WorkspacePage::setProject(p);
    if (!p) return;
    concepts_->setText(p->concepts().join(QStringLiteral(", ")));
    conditions_->setText(p->conditions().join(QStringLiteral(", ")));
    if (!p->modelPath().isEmpty()) model_->setPath(p->modelPath());
    products_->fromJson(p->value(QStringLiteral("products")).toObject());
    // The project's grid comes back as it was left: every rendered cell, its parameters and approval.
    const QJsonObject saved = p->value(QStringLiteral("variants")).toObject();
    if (!saved.isEmpty()) {
        runner_->cancelAll();
        jobOfCell_.clear();
        QString error;
        if (!grid_->fromJson(saved, &error)) status_->setText(error);
        else status_->setText(tr("%n rendered cell(s) from the project", nullptr, int(grid_->cells().size())));
    }
}

void VariantsPage::keepInProject() {
    if (project_) project_->recordState(QStringLiteral("variants"), grid_->toJson());
}

void VariantsPage::setModelPath(const QString& path) { model_->setPath(path); }
void VariantsPage::setLora(const QString& path, double scale) {
    lora_->setPath(path);
    loraScale_->setValue(scale);
}
void VariantsPage::setCompareWithoutLora(bool on) { compare_->setChecked(on); }
QStringList VariantsPage::concepts() const { return splitList(concepts_->text()); }
QStringList VariantsPage::conditions() const { return splitList(conditions_->text()); }
bool VariantsPage::isRendering() const { return runner_->isBusy(); }
QString VariantsPage::statusText() const { return status_->text(); }

studio::VariantRecord VariantsPage::request() const {
    studio::VariantRecord r;
    r.negativePrompt = negative_->text().toStdString();
    r.sampler = sampler_->currentText().toStdString();
    r.steps = steps_->value();
    r.cfg = cfg_->value();
    const QString lora = lora_->path();
    if (!lora.isEmpty()) r.loras.push_back({lora.toStdString(), std::string(), loraScale_->value()});
    if (fast_->isChecked())
        if (const auto* a = accelerator(); a && QString::fromStdString(a->path) != lora)
            r.loras.push_back({a->path, std::string(), 1.0});  // stacked after the user's own
    if (hires_->value() > 1.0) {
        r.hiresScale = hires_->value();
        r.denoisingStrength = studio::GenerationDefaults::hiresStrength;
    }
    return r;
}

const studio::LibraryEntry* VariantsPage::accelerator() const {
    // The user's own LCM-LoRA first; the shipped one (distilled from the embedded model) only on that model.
    const bool embeddedModel = model_->path().isEmpty();
    const studio::LibraryEntry* shipped = nullptr;
    for (const auto& e : lora_->entries()) {
        if (!e.lcm || !e.supported || !e.problem.empty()) continue;
        if (!e.embedded) return &e;
        if (embeddedModel && !shipped) shipped = &e;
    }
    return shipped;
}

void VariantsPage::setFast(bool on) {
    if (on) {
        beforeFast_ = {sampler_->currentText(), steps_->value(), cfg_->value()};
        sampler_->setCurrentText(QStringLiteral("lcm"));
        steps_->setValue(4);
        cfg_->setValue(1.0);
        const auto* a = accelerator();
        status_->setText(a ? tr("Fast: 4 LCM steps at CFG 1 with %1").arg(QString::fromStdString(a->name))
                           : tr("Fast: 4 LCM steps at CFG 1; no LCM-LoRA in the model folders, so expect rougher pictures"));
    } else if (!beforeFast_.sampler.isEmpty()) {
        sampler_->setCurrentText(beforeFast_.sampler);
        steps_->setValue(beforeFast_.steps);
        cfg_->setValue(beforeFast_.cfg);
    }
}

void VariantsPage::loadModel() {
    requestedModel_.clear();  // load again even if it is the same path (the file may have changed)
    ensureModel();
}

std::function<studio::Renderer*()> VariantsPage::rendererInJobs() const {
    return [engine = engine_] { return engine->renderer.get(); };
}

void VariantsPage::ensureModel() {
    const QString path = model_->path();
    const QString device = Preferences::instance().device();
    const QString key = path + QLatin1Char('\n') + device;
    if (key == requestedModel_) return;
    requestedModel_ = key;
    modelReady_ = false;
    status_->setText(tr("Loading model %1...").arg(path.isEmpty() ? tr("(embedded)") : path));
    auto engine = engine_;
    JobHandlers h;
    h.failed = [this](const QString& m) {
        requestedModel_.clear();
        status_->setText(tr("Model failed: %1").arg(m));
    };
    h.cancelled = [this] { requestedModel_.clear(); };
    runner_->run<ModelInfo>(
        tr("Load model"),
        [engine, p = path.toStdString(), d = device.toStdString()](JobContext&) {
            engine->renderer.reset();  // free the old weights first
            engine->renderer = std::make_unique<studio::Renderer>(p, d);
            return ModelInfo{QString::fromStdString(engine->renderer->modelName()), engine->renderer->nativeResolution()};
        },
        [this](ModelInfo m) {
            modelReady_ = true;
            status_->setText(tr("Model %1 (%2 px)").arg(m.name).arg(m.resolution));
            Q_EMIT modelLoaded(m.name);
        },
        h);
}

void VariantsPage::rebuildGrid() {
    const bool cmp = compare_->isChecked() && !lora_->path().isEmpty();
    QList<VariantColumn> columns;
    for (const QString& d : conditions())
        for (int s = 0; s < seeds_->value(); ++s)
            for (int l = 0; l < (cmp ? 2 : 1); ++l) columns << VariantColumn{d, s, l == 0};
    grid_->setGrid(concepts() + products_->names(), columns, baseSeed_->value(), request());
    keepInProject();
}

void VariantsPage::enqueue(const VariantCell& c) {
    ensureModel();
    grid_->setState(c.id, VariantGridModel::State::Queued);
    ++total_;
    progress_->setRange(0, total_);
    cancelButton_->setEnabled(true);
    const QString cellId = c.id;
    const std::string dir = outputFolder().toStdString();
    const std::string stem = c.record.concept + "_" + c.record.condition + "_s" + std::to_string(c.record.seed) +
                             (c.withLora ? "" : "_nolora");
    auto engine = engine_;
    QPointer<VariantGridModel> grid = grid_;
    JobHandlers h;
    h.failed = [this, cellId](const QString& m) {
        grid_->setState(cellId, VariantGridModel::State::Failed);
        status_->setText(m);
    };
    h.cancelled = [this, cellId] { grid_->setState(cellId, VariantGridModel::State::Cancelled); };
    // A product row keeps its photo's product and generates the background around it.
    const QString concept = QString::fromStdString(c.record.concept);
    std::optional<studio::ProductInput> product;
    studio::VariantRecord request = c.record;
    if (products_->isProduct(concept)) {
        product = products_->input(concept);
        request.denoisingStrength = products_->strength();
    }
    const QString title = (product ? tr("Render product %1 × %2, seed %3") : tr("Render %1 × %2, seed %3"))
                              .arg(concept, QString::fromStdString(c.record.condition))
                              .arg(c.record.seed);
    jobOfCell_[cellId] = runner_->run<Rendered>(
        title + (c.withLora ? QString() : tr(", LoRA off")),
        [engine, request, product, dir, stem, cellId, grid](JobContext& ctx) {
            if (!engine->renderer) throw Error("no model loaded (the model failed to load: see the status line)");
            ctx.post([grid, cellId] {
                if (grid) grid->setState(cellId, VariantGridModel::State::Rendering);
            });
            const auto preview = [&](int step, int total, const studio::RgbImage& p) {
                ctx.progress(step, total);  // the Jobs dock's bar
                ctx.postThrottled([grid, cellId, img = toQImage(p)] {
                    if (grid) grid->setPreview(cellId, img);
                });
            };
            auto out = product ? engine->renderer->renderProduct(request, *product, preview, ctx.cancelToken())
                               : engine->renderer->render(request, preview, ctx.cancelToken());
            fs::stdfs::create_directories(dir);
            const auto path = fs::uniqueFile(dir, stem, "png");  // renders never overwrite each other
            studio::savePng(path.string(), out);
            return Rendered{toQImage(out.image), out.record, QString::fromStdString(path.string()), out.seconds};
        },
        [this, cellId](Rendered r) { onRendered(cellId, r.image, r.record, r.path, r.seconds); }, h);
}

void VariantsPage::renderGrid() {
    rebuildGrid();
    jobOfCell_.clear();
    done_ = total_ = 0;
    progress_->setValue(0);
    gridActive_ = true;
    for (const auto& c : grid_->cells()) enqueue(c);
    if (total_ == 0) onJobEnded();
}

void VariantsPage::cancel() {
    runner_->cancelAll();
    status_->setText(tr("Cancelled"));
}

void VariantsPage::onRendered(const QString& id, const QImage& img, const studio::VariantRecord& record, const QString& path,
                              double seconds) {
    grid_->setRendered(id, img, record, path);
    keepInProject();
    if (project_) {  // the gallery: every render, none overwritten (each has its own numbered file)
        QJsonArray history = project_->value(QStringLiteral("history")).toArray();
        history.append(GalleryModel::historyEntry(path, record));
        project_->recordState(QStringLiteral("history"), history);
    }
    jobOfCell_.remove(id);
    progress_->setValue(++done_);
    status_->setText(tr("%1 / %2 rendered (%3 s per image)").arg(done_).arg(total_).arg(seconds, 0, 'f', 2));
    Q_EMIT cellRendered(id);
}

void VariantsPage::onJobEnded() {
    if (runner_->isBusy()) return;
    cancelButton_->setEnabled(false);
    if (gridActive_) {
        gridActive_ = false;
        Q_EMIT gridFinished();
    }
}

} // namespace adv::ui
