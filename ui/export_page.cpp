#include "ui/export_page.h"
#include "ui/project.h"

#include "ui/brand_panel.h"
#include "ui/job_runner.h"
#include "ui/image_convert.h"
#include "ui/preferences.h"
#include "ui/variant_grid_model.h"
#include "ui/variants_page.h"

#include "exportset/export_job.h"
#include "registry/preset_registry.h"
#include "util/error.h"

#include <QEvent>
#include <QJsonObject>
#include <QJsonArray>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileInfo>
#include <QGridLayout>
#include <QScrollArea>
#include <QTabWidget>
#include <QTimer>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QSplitter>
#include <QProgressBar>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <optional>

namespace adv::ui {

namespace {
// A product shot's mask is saved beside it: the export keeps that product in the safe zone.
std::string maskBeside(const QString& image) {
    const std::string m = studio::maskFileFor(image.toStdString());
    return QFileInfo(QString::fromStdString(m)).isFile() ? m : std::string();
}
} // namespace

ExportPage::ExportPage(VariantsPage* variants, QWidget* parent)
    : WorkspacePage(QStringLiteral("export"), tr("Export"), QString(), parent), variants_(variants) {
    runner_ = new JobRunner(this);
    approvedModel_ = new ApprovedVariantsModel(variants ? variants->gridModel() : nullptr, this);
    approved_ = new QListView(this);
    approved_->setModel(approvedModel_);
    approved_->setObjectName(QStringLiteral("approvedList"));
    approved_->setViewMode(QListView::IconMode);
    approved_->setIconSize(QSize(112, 112));
    approved_->setResizeMode(QListView::Adjust);
    presets_ = new QTreeWidget(this);
    presets_->setObjectName(QStringLiteral("presetTree"));
    presets_->setHeaderLabels({tr("Placement"), tr("Size"), tr("Budget"), tr("Safe zone")});
    presets_->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    plugins::PresetRegistry reg;
    reg.loadPlugins();
    reg.loadUserFile(plugins::PresetRegistry::defaultUserPresetsFile());
    QMap<QString, QTreeWidgetItem*> platforms;
    for (const auto& p : reg.presets()) {
        const QString plat = QString::fromStdString(p.platform);
        if (!platforms.contains(plat)) {
            auto* top = new QTreeWidgetItem(presets_, {plat});
            top->setFlags(top->flags() | Qt::ItemIsAutoTristate | Qt::ItemIsUserCheckable);
            top->setCheckState(0, Qt::Checked);
            platforms[plat] = top;
        }
        const QString budget = p.maxBytes > 0 ? QStringLiteral("%1 KB").arg(p.maxBytes / 1024) : tr("none");
        const QString safe = QStringLiteral("T%1 B%2 L%3 R%4")
                                 .arg(std::max(p.textSafe.top, p.subjectArea.top) * 100, 0, 'f', 0)
                                 .arg(std::max(p.textSafe.bottom, p.subjectArea.bottom) * 100, 0, 'f', 0)
                                 .arg(std::max(p.textSafe.left, p.subjectArea.left) * 100, 0, 'f', 0)
                                 .arg(std::max(p.textSafe.right, p.subjectArea.right) * 100, 0, 'f', 0);
        auto* it = new QTreeWidgetItem(platforms[plat], {QString::fromStdString(p.name), QStringLiteral("%1x%2").arg(p.width).arg(p.height), budget, safe});
        it->setData(0, Qt::UserRole, QString::fromStdString(p.id));
        it->setFlags(it->flags() | Qt::ItemIsUserCheckable);
        it->setCheckState(0, Qt::Checked);
    }
    presets_->expandAll();
    outDir_ = new QLineEdit(QDir(Preferences::instance().outputFolder()).filePath(QStringLiteral("export")), this);
    extend_ = new QComboBox(this);
    extend_->setObjectName(QStringLiteral("extendCanvas"));
    extend_->addItem(tr("Blur the edges"), QStringLiteral("blur"));
    extend_->addItem(tr("Mirror the edges"), QStringLiteral("mirror"));
    extend_->addItem(tr("Generate (outpainting)"), QStringLiteral("outpaint"));
    extend_->setToolTip(tr("When a placement needs more canvas than the picture has: blur or mirror its edges (instant), "
                           "or let the model paint the new area with each variant's prompt, seed and LoRA, the picture "
                           "itself kept pixel for pixel (seconds per placement on a GPU, longer on a CPU)."));
    connect(extend_, qOverload<int>(&QComboBox::currentIndexChanged), this, &ExportPage::schedulePreview);
    exportButton_ = new QPushButton(tr("Export"), this);
    exportButton_->setObjectName(QStringLiteral("exportButton"));
    connect(exportButton_, &QPushButton::clicked, this, &ExportPage::exportNow);
    cancelButton_ = new QPushButton(tr("Cancel"), this);
    cancelButton_->setObjectName(QStringLiteral("cancelExport"));
    cancelButton_->setEnabled(false);
    connect(cancelButton_, &QPushButton::clicked, this, &ExportPage::cancel);
    progress_ = new QProgressBar(this);
    progress_->hide();
    status_ = new QLabel(this);
    status_->setObjectName(QStringLiteral("exportStatus"));
    auto* left = new QWidget(this);
    auto* ll = new QVBoxLayout(left);
    ll->addWidget(new QLabel(tr("Approved variants:"), left));
    ll->addWidget(approved_);
    auto* placements = new QWidget(this);
    auto* rl = new QVBoxLayout(placements);
    pluginCount_ = int(reg.plugins().size());
    placementsLabel_ = new QLabel(tr("Placements (from %1 platform plugins):").arg(pluginCount_), placements);
    rl->addWidget(placementsLabel_);
    rl->addWidget(presets_);
    // Brand kit and copy, with a live preview of the first approved image at every selected placement.
    brand_ = new BrandPanel(this);
    previewRunner_ = new JobRunner(this);
    previewTimer_ = new QTimer(this);
    previewTimer_->setSingleShot(true);
    previewTimer_->setInterval(250);
    connect(previewTimer_, &QTimer::timeout, this, &ExportPage::runPreview);
    previewGrid_ = new QWidget(this);
    previewGrid_->setObjectName(QStringLiteral("brandPreview"));
    previewLayout_ = new QGridLayout(previewGrid_);
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(previewGrid_);
    scroll->setWidgetResizable(true);
    previewStatus_ = new QLabel(tr("Approve a variant to see the layouts."), this);
    previewStatus_->setWordWrap(true);
    auto* previewPane = new QWidget(this);
    auto* pl = new QVBoxLayout(previewPane);
    pl->addWidget(scroll, 1);
    pl->addWidget(previewStatus_);
    auto* brandTab = new QSplitter(Qt::Horizontal, this);
    brandTab->addWidget(brand_);
    brandTab->addWidget(previewPane);
    brandTab->setStretchFactor(1, 1);
    auto* tabs = new QTabWidget(this);
    tabs->setObjectName(QStringLiteral("exportTabs"));
    tabs->addTab(placements, tr("Placements"));
    tabs->addTab(brandTab, tr("Brand kit && copy"));
    connect(brand_, &BrandPanel::changed, this, &ExportPage::schedulePreview);
    connect(presets_, &QTreeWidget::itemChanged, this, &ExportPage::schedulePreview);
    QSplitter* split = twoPanes(left, tabs, 1, 3);
    auto* bottom = new QHBoxLayout;
    bottom->addWidget(new QLabel(tr("Output folder:"), this));
    bottom->addWidget(outDir_, 1);
    bottom->addWidget(new QLabel(tr("Added canvas:"), this));
    bottom->addWidget(extend_);
    bottom->addWidget(exportButton_);
    bottom->addWidget(cancelButton_);
    auto* top = new QVBoxLayout(this);
    top->addWidget(split, 1);
    top->addLayout(bottom);
    top->addWidget(progress_);
    top->addWidget(status_);
    connect(approvedModel_, &QAbstractItemModel::modelReset, this, &ExportPage::refreshApproved);
    refreshApproved();
}

void ExportPage::refreshApproved() {
    status_->setText(tr("%1 approved variants").arg(approvedModel_->rowCount()));
    schedulePreview();
}

void ExportPage::changeEvent(QEvent* event) {
    WorkspacePage::changeEvent(event);
    if (event->type() != QEvent::LanguageChange) return;
    placementsLabel_->setText(tr("Placements (from %1 platform plugins):").arg(pluginCount_));
    if (exportJob_ == 0) refreshApproved();  // an export's progress line stays until it ends
}

void ExportPage::schedulePreview() { previewTimer_->start(); }

void ExportPage::runPreview() {
    const auto cells = approvedModel_->cells();
    if (cells.empty()) {
        previewStatus_->setText(tr("Approve a variant to see the layouts."));
        return;
    }
    plugins::PresetRegistry reg;
    reg.loadPlugins();
    reg.loadUserFile(plugins::PresetRegistry::defaultUserPresetsFile());
    exportset::ExportOptions o;
    o.presets = reg.select(selectedPresets());
    if (o.presets.size() > 12) o.presets.resize(12);
    // The live preview never generates: outpainted canvas is previewed as blurred edges.
    if (extendMode() == QLatin1String("mirror")) o.reframe.fill = exportset::Fill::Mirror;
    o.brand = brand_->brandEnabled();
    o.kit = brand_->kit();
    const auto rows = brand_->copyRows();
    const int sel = std::min(brand_->selectedCopyRow(), int(rows.size()) - 1);
    std::optional<exportset::CopyRow> row;
    if (o.brand && sel >= 0) row = rows[size_t(sel)];
    const exportset::Variant v{cells.front().path.toStdString(), maskBeside(cells.front().path), cells.front().record};
    previewRunner_->cancelAll();  // a newer edit makes the running preview stale
    previewStatus_->setText(tr("Rendering the preview..."));
    previewRunner_->run<std::vector<exportset::PlacementPreview>>(
        tr("Brand preview"),
        [v, o, row](JobContext& ctx) {
            return exportset::previewPlacements(v, o.presets, o, row ? &*row : nullptr, ctx.cancelToken());
        },
        [this, o](std::vector<exportset::PlacementPreview> shots) {
            while (QLayoutItem* it = previewLayout_->takeAt(0)) {
                delete it->widget();
                delete it;
            }
            QStringList notes;
            int i = 0;
            for (size_t k = 0; k < shots.size(); ++k) {
                const auto& s = shots[k];
                if (!s.error.empty()) {
                    notes << QString::fromStdString(s.error);
                    continue;
                }
                studio::RgbImage img{s.width, s.height, s.rgb};
                auto* l = new QLabel(previewGrid_);
                l->setPixmap(QPixmap::fromImage(toQImage(img).scaled(220, 220, Qt::KeepAspectRatio, Qt::SmoothTransformation)));
                l->setToolTip(QStringLiteral("%1 %2x%3").arg(QString::fromStdString(o.presets[k].name)).arg(s.width).arg(s.height));
                auto* cap = new QLabel(QString::fromStdString(o.presets[k].id), previewGrid_);
                previewLayout_->addWidget(l, (i / 3) * 2, i % 3, Qt::AlignBottom | Qt::AlignHCenter);
                previewLayout_->addWidget(cap, (i / 3) * 2 + 1, i % 3, Qt::AlignTop | Qt::AlignHCenter);
                ++i;
                for (const auto& w : s.warnings) notes << QString::fromStdString(o.presets[k].id + ": " + w);
            }
            notes.removeDuplicates();
            previewShown_ = i;
            previewStatus_->setText(notes.isEmpty() ? tr("%1 placements.").arg(i) : notes.mid(0, 6).join(QLatin1Char('\n')));
            Q_EMIT previewReady(i);
        });
}

int ExportPage::approvedCount() const { return approvedModel_->rowCount(); }

int ExportPage::presetCount() const {
    int n = 0;
    for (int i = 0; i < presets_->topLevelItemCount(); ++i) n += presets_->topLevelItem(i)->childCount();
    return n;
}

void ExportPage::setSelectedPresets(const QStringList& ids) {
    for (int i = 0; i < presets_->topLevelItemCount(); ++i) {
        auto* top = presets_->topLevelItem(i);
        for (int j = 0; j < top->childCount(); ++j)
            top->child(j)->setCheckState(0, ids.contains(top->child(j)->data(0, Qt::UserRole).toString()) ? Qt::Checked
                                                                                                           : Qt::Unchecked);
    }
}

QString ExportPage::outputFolder() const { return outDir_->text().trimmed(); }

void ExportPage::setProject(Project* p) {
    WorkspacePage::setProject(p);
    if (!p) return;
    const QJsonObject e = p->value(QStringLiteral("export")).toObject();
    if (e.isEmpty()) return;
    outDir_->setText(e.value(QStringLiteral("output")).toString(outDir_->text()));
    QStringList ids;
    for (const QJsonValue& v : e.value(QStringLiteral("presets")).toArray()) ids << v.toString();
    if (!ids.isEmpty()) setSelectedPresets(ids);
    if (auto* b = brand_->findChild<QCheckBox*>(QStringLiteral("brandEnabled")))
        b->setChecked(e.value(QStringLiteral("brand")).toBool(b->isChecked()));
    const QString manifest = e.value(QStringLiteral("manifest")).toString();
    setExtendMode(e.value(QStringLiteral("extend")).toString(extendMode()));
    if (!manifest.isEmpty() && exportJob_ == 0)
        status_->setText(tr("Last export: %1 files. Manifest: %2").arg(e.value(QStringLiteral("files")).toInt()).arg(manifest));
}

QString ExportPage::extendMode() const { return extend_->currentData().toString(); }

void ExportPage::setExtendMode(const QString& mode) {
    const int i = extend_->findData(mode);
    if (i >= 0) extend_->setCurrentIndex(i);
}

QStringList ExportPage::selectedPresets() const {
    QStringList ids;
    for (int i = 0; i < presets_->topLevelItemCount(); ++i) {
        auto* top = presets_->topLevelItem(i);
        for (int j = 0; j < top->childCount(); ++j)
            if (top->child(j)->checkState(0) == Qt::Checked) ids << top->child(j)->data(0, Qt::UserRole).toString();
    }
    return ids;
}

void ExportPage::exportNow() {
    plugins::PresetRegistry reg;
    reg.loadPlugins();
    reg.loadUserFile(plugins::PresetRegistry::defaultUserPresetsFile());
    exportset::ExportOptions o;
    o.presets = reg.select(selectedPresets());
    o.outDir = outDir_->text().trimmed().toStdString();
    o.brand = brand_->brandEnabled();
    o.kit = brand_->kit();
    if (o.brand) o.copy = brand_->copyRows();
    const QString extend = extendMode();
    if (extend == QLatin1String("mirror")) o.reframe.fill = exportset::Fill::Mirror;
    if (extend == QLatin1String("outpaint")) o.reframe.fill = exportset::Fill::Outpaint;
    // The grid's own records: no PNG is read again to find out what made it.
    std::vector<exportset::Variant> variants;
    for (const auto& c : approvedModel_->cells()) variants.push_back({c.path.toStdString(), maskBeside(c.path), c.record});
    if (variants.empty() || o.presets.empty()) {
        status_->setText(tr("Approve variants and choose placements first."));
        return;
    }
    exportButton_->setEnabled(false);
    cancelButton_->setEnabled(true);
    progress_->setRange(0, int(variants.size() * o.presets.size() * std::max<size_t>(1, o.copy.size())));
    progress_->setValue(0);
    progress_->show();
    status_->setText(tr("Exporting %1 variants to %2 placements...").arg(variants.size()).arg(o.presets.size()));
    JobHandlers h;
    h.progress = [this](int d, int t, const QString& file) {
        progress_->setRange(0, t);
        progress_->setValue(d);
        status_->setText(tr("Exported %1 / %2: %3").arg(d).arg(t).arg(file));
    };
    h.failed = [this](const QString& m) {
        endExport();
        status_->setText(m);
    };
    h.cancelled = [this] {
        endExport();
        status_->setText(tr("Export cancelled; the files written so far are complete."));
    };
    // Outpainting needs the grid's model: such an export queues behind the renders on the Variants queue
    // (after the model loads), everything else on this page's own.
    const bool outpaint = o.reframe.fill == exportset::Fill::Outpaint && variants_;
    std::function<studio::Renderer*()> renderer;
    exportRunner_ = runner_;
    if (outpaint) {
        variants_->ensureModel();
        renderer = variants_->rendererInJobs();
        exportRunner_ = variants_->jobs();
    }
    exportJob_ = exportRunner_->run<exportset::ExportReport>(
        tr("Export %1 variants to %2 placements").arg(variants.size()).arg(o.presets.size()),
        [variants, o, renderer](JobContext& ctx) mutable {
            if (renderer) {
                studio::Renderer* r = renderer();
                if (!r) throw Error("outpainting needs the Variants model, which did not load");
                o.outpaint = exportset::rendererOutpainter(*r);
            }
            return exportset::exportVariants(variants, o, ctx.progressFn(), ctx.cancelToken());
        },
        [this](exportset::ExportReport rep) {
            endExport();
            const QString m = QString::fromStdString(rep.manifestCsv);
            status_->setText(tr("%1 files written, %2 over budget (not exported). Manifest: %3")
                                 .arg(rep.files.size())
                                 .arg(rep.overBudget.size())
                                 .arg(m));
            if (project_) {
                QJsonArray ids;
                for (const QString& id : selectedPresets()) ids.append(id);
                project_->recordState(QStringLiteral("export"),
                                      QJsonObject{{QStringLiteral("output"), outputFolder()},
                                                  {QStringLiteral("presets"), ids},
                                                  {QStringLiteral("brand"), brand_->brandEnabled()},
                                                  {QStringLiteral("extend"), extendMode()},
                                                  {QStringLiteral("manifest"), m},
                                                  {QStringLiteral("files"), int(rep.files.size())}});
            }
            Q_EMIT exported(int(rep.files.size()), m);
        },
        h);
}

void ExportPage::cancel() {
    if (exportRunner_ && exportJob_) exportRunner_->cancel(exportJob_);
}

void ExportPage::endExport() {
    exportJob_ = 0;
    exportButton_->setEnabled(true);
    cancelButton_->setEnabled(false);
    progress_->hide();
}

ExportPage::~ExportPage() {
    previewRunner_->shutdown();
    runner_->shutdown();
}

} // namespace adv::ui
