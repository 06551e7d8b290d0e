#include "ui/variants_page.h"

#include "ui/preferences.h"
#include "ui/project.h"

#include "pairs/backgrounds.h"
#include "sched/samplers.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDialog>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QPointer>
#include <QTableView>
#include <QUndoCommand>
#include <QUndoStack>
#include <QThread>
#include <QVBoxLayout>

namespace adv::ui {

namespace {
QStringList splitList(const QString& s) {
    QStringList out;
    for (const QString& p : s.split(QLatin1Char(','), Qt::SkipEmptyParts)) out << p.trimmed();
    out.removeAll(QString());
    return out;
}
// The same captions the pair sets are trained with.
QString promptFor(const QString& concept, const QString& condition) {
    const std::string tmpl = pairs::defaultTemplate(condition.toStdString());
    return QString::fromStdString(pairs::applyTemplate(tmpl, concept.toStdString()));
}
} // namespace

VariantsPage::VariantsPage(QWidget* parent)
    : WorkspacePage(QStringLiteral("variants"), tr("Variants"), QString(), parent) {
    registerMetaTypes();
    model_ = new QLineEdit(Preferences::instance().defaultModel(), this);
    model_->setPlaceholderText(tr("embedded model (or a model folder / .safetensors)"));
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
    seeds_->setValue(1);
    baseSeed_ = new QSpinBox(this);
    baseSeed_->setRange(0, 2147483647);
    baseSeed_->setValue(1);
    steps_ = new QSpinBox(this);
    steps_->setRange(1, 150);
    steps_->setValue(20);
    cfg_ = new QDoubleSpinBox(this);
    cfg_->setRange(1, 30);
    cfg_->setValue(7.5);
    sampler_ = new QComboBox(this);
    for (const auto& n : samplerNames()) sampler_->addItem(QString::fromStdString(n));
    sampler_->setCurrentText(QStringLiteral("dpmpp_2m_karras"));
    lora_ = new QLineEdit(this);
    lora_->setPlaceholderText(tr("LoRA .safetensors (optional)"));
    loraScale_ = new QDoubleSpinBox(this);
    loraScale_->setRange(-2, 2);
    loraScale_->setSingleStep(0.1);
    loraScale_->setValue(1.0);
    compare_ = new QCheckBox(tr("Compare with LoRA off"), this);
    renderButton_ = new QPushButton(tr("Render grid"), this);
    renderButton_->setObjectName(QStringLiteral("renderGrid"));
    cancelButton_ = new QPushButton(tr("Cancel"), this);
    connect(renderButton_, &QPushButton::clicked, this, &VariantsPage::renderGrid);
    connect(cancelButton_, &QPushButton::clicked, this, &VariantsPage::cancel);
    progress_ = new QProgressBar(this);
    status_ = new QLabel(tr("No model loaded"), this);
    status_->setObjectName(QStringLiteral("variantsStatus"));

    auto* form = new QFormLayout;
    auto* modelRow = new QHBoxLayout;
    modelRow->addWidget(model_, 1);
    modelRow->addWidget(loadButton);
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
    form->addRow(row);
    auto* loraRow = new QHBoxLayout;
    loraRow->addWidget(lora_, 1);
    loraRow->addWidget(loraScale_);
    loraRow->addWidget(compare_);
    form->addRow(tr("LoRA:"), loraRow);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(renderButton_);
    buttons->addWidget(cancelButton_);
    buttons->addWidget(progress_, 1);
    buttons->addWidget(status_);

    grid_ = new VariantGridModel(this);
    grid_->setApprovalEditor([this](const QString& id, bool approved) { setApproved(id, approved); });
    connect(grid_, &VariantGridModel::approvalChanged, this, &VariantsPage::approvalsChanged);
    view_ = new QTableView(this);
    view_->setModel(grid_);
    view_->setObjectName(QStringLiteral("variantGrid"));
    view_->setIconSize(QSize(128, 128));
    view_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view_->setContextMenuPolicy(Qt::CustomContextMenu);
    view_->horizontalHeader()->setDefaultSectionSize(140);
    view_->verticalHeader()->setDefaultSectionSize(140);
    connect(view_, &QTableView::customContextMenuRequested, this, &VariantsPage::showContextMenu);
    connect(view_, &QTableView::doubleClicked, this, [this](const QModelIndex& i) {
        const VariantCell c = grid_->cell(i.data(VariantGridModel::CellIdRole).toString());
        if (!c.path.isEmpty()) setApproved(c.id, !c.approved);
    });
    auto* approve = new QAction(tr("Approve / unapprove selected"), this);
    approve->setShortcut(Qt::Key_Space);
    approve->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(approve, &QAction::triggered, this, [this] {
        for (const auto& i : view_->selectionModel()->selectedIndexes()) {
            const VariantCell c = grid_->cell(i.data(VariantGridModel::CellIdRole).toString());
            if (!c.path.isEmpty()) setApproved(c.id, !c.approved);
        }
    });
    view_->addAction(approve);
    auto* top = new QVBoxLayout(this);
    top->addLayout(form);
    top->addLayout(buttons);
    top->addWidget(view_, 1);

    thread_ = new QThread(this);
    worker_ = new RenderWorker;
    worker_->moveToThread(thread_);
    connect(thread_, &QThread::finished, worker_, &QObject::deleteLater);
    connect(worker_, &RenderWorker::modelLoaded, this, [this](const QString& name, int res) {
        status_->setText(tr("Model %1 (%2 px)").arg(name).arg(res));
        renderButton_->setEnabled(true);
    });
    connect(worker_, &RenderWorker::modelFailed, this, [this](const QString& m) {
        status_->setText(tr("Model failed"));
        QMessageBox::warning(this, tr("Load model"), m);
    });
    connect(worker_, &RenderWorker::preview, this,
            [this](const QString& id, int, int, const QImage& img) { grid_->setPreview(id, img); });
    connect(worker_, &RenderWorker::rendered, this, &VariantsPage::onRendered);
    connect(worker_, &RenderWorker::failed, this, [this](const QString& id, const QString& msg) {
        grid_->setState(id, VariantGridModel::State::Failed);
        status_->setText(msg);
        busy_ = false;
        next();
    });
    thread_->start();
    cancelButton_->setEnabled(false);
}

VariantsPage::~VariantsPage() {
    queue_.clear();
    worker_->cancel();
    thread_->quit();
    thread_->wait();
}

void VariantsPage::setProject(Project* p) {
    WorkspacePage::setProject(p);
    if (!p) return;
    concepts_->setText(p->concepts().join(QStringLiteral(", ")));
    conditions_->setText(p->conditions().join(QStringLiteral(", ")));
    if (!p->modelPath().isEmpty()) model_->setText(p->modelPath());
}

void VariantsPage::setModelPath(const QString& path) { model_->setText(path); }
void VariantsPage::setLora(const QString& path, double scale) {
    lora_->setText(path);
    loraScale_->setValue(scale);
}
QStringList VariantsPage::concepts() const { return splitList(concepts_->text()); }
QStringList VariantsPage::conditions() const { return splitList(conditions_->text()); }

void VariantsPage::loadModel() {
    status_->setText(tr("Loading model..."));
    renderButton_->setEnabled(false);
    QMetaObject::invokeMethod(worker_, "loadModel", Qt::QueuedConnection, Q_ARG(QString, model_->text().trimmed()),
                              Q_ARG(QString, Preferences::instance().device()));
}

void VariantsPage::rebuildGrid() {
    const bool cmp = compare_->isChecked() && !lora_->text().trimmed().isEmpty();
    QList<VariantColumn> columns;
    for (const QString& d : conditions())
        for (int s = 0; s < seeds_->value(); ++s)
            for (int l = 0; l < (cmp ? 2 : 1); ++l) columns << VariantColumn{d, s, l == 0};
    grid_->setGrid(concepts(), columns, baseSeed_->value());
}

RenderRequest VariantsPage::requestFor(const VariantCell& c) const {
    RenderRequest r;
    r.cellId = c.id;
    r.job.prompt = promptFor(c.concept, c.condition).toStdString();
    r.job.negativePrompt = negative_->text().toStdString();
    r.job.sampler = sampler_->currentText().toStdString();
    r.job.steps = steps_->value();
    r.job.cfg = cfg_->value();
    r.job.seed = c.seed;
    r.job.concept = c.concept.toStdString();
    r.job.condition = c.condition.toStdString();
    if (c.withLora && !lora_->text().trimmed().isEmpty()) r.job.loras.push_back({lora_->text().trimmed().toStdString(), loraScale_->value()});
    const QDir out(QDir(Preferences::instance().outputFolder()).filePath(QStringLiteral("variants")));
    QDir().mkpath(out.path());
    r.savePath = out.filePath(QStringLiteral("%1_%2_s%3%4.png").arg(c.concept, c.condition).arg(c.seed).arg(c.withLora ? QString() : QStringLiteral("_nolora")));
    return r;
}

void VariantsPage::renderGrid() {
    rebuildGrid();
    queue_.clear();
    for (const auto& c : grid_->cells()) queue_ << c;
    done_ = 0;
    total_ = queue_.size();
    progress_->setRange(0, total_);
    progress_->setValue(0);
    cancelButton_->setEnabled(true);
    next();
}

void VariantsPage::enqueue(const VariantCell& c) {
    queue_ << c;
    ++total_;
    progress_->setRange(0, total_);
    cancelButton_->setEnabled(true);
    next();
}

void VariantsPage::next() {
    if (busy_) return;
    if (queue_.isEmpty()) {
        cancelButton_->setEnabled(false);
        Q_EMIT gridFinished();
        return;
    }
    busy_ = true;
    const VariantCell c = queue_.takeFirst();
    grid_->setState(c.id, VariantGridModel::State::Rendering);
    QMetaObject::invokeMethod(worker_, "render", Qt::QueuedConnection, Q_ARG(adv::ui::RenderRequest, requestFor(c)));
}

void VariantsPage::cancel() {
    queue_.clear();
    worker_->cancel();
    status_->setText(tr("Cancelled"));
}

void VariantsPage::onRendered(const QString& id, const QImage& img, const QString& params, const QString& path, double seconds) {
    busy_ = false;
    grid_->setRendered(id, img, params, path);
    progress_->setValue(++done_);
    status_->setText(tr("%1 / %2 rendered (%3 s per image)").arg(done_).arg(total_).arg(seconds, 0, 'f', 2));
    Q_EMIT cellRendered(id);
    next();
}

namespace {
// Approving a cell is an edit of the project's selection for export: undoable.
class ApproveCommand : public QUndoCommand {
public:
    ApproveCommand(VariantGridModel* grid, const VariantCell& c, bool approved)
        : grid_(grid), id_(c.id), approved_(approved) {
        setText((approved ? VariantsPage::tr("Approve %1 / %2 / %3") : VariantsPage::tr("Unapprove %1 / %2 / %3"))
                    .arg(c.concept, c.condition).arg(c.seed));
    }
    void redo() override {
        if (grid_) grid_->setApproved(id_, approved_);
    }
    void undo() override {
        if (grid_) grid_->setApproved(id_, !approved_);
    }

private:
    QPointer<VariantGridModel> grid_;
    QString id_;
    bool approved_;
};
} // namespace

void VariantsPage::setApproved(const QString& id, bool approved) {
    const VariantCell c = grid_->cell(id);
    if (c.id.isEmpty() || c.approved == approved || (approved && c.path.isEmpty())) return;  // render first
    if (project_) project_->undoStack()->push(new ApproveCommand(grid_, c, approved));
    else grid_->setApproved(id, approved);
}

void VariantsPage::reroll(const QString& id) {
    const VariantCell c = grid_->cell(id);
    if (c.id.isEmpty()) return;
    grid_->setSeed(id, c.seed + 1000);  // a new seed, same concept and condition
    enqueue(grid_->cell(id));
}

void VariantsPage::showContextMenu(const QPoint& pos) {
    const QModelIndex i = view_->indexAt(pos);
    if (!i.isValid()) return;
    const QString id = i.data(VariantGridModel::CellIdRole).toString();
    const VariantCell c = grid_->cell(id);
    QMenu m(this);
    m.addAction(c.approved ? tr("Unapprove") : tr("Approve"), this, [this, id, c] { setApproved(id, !c.approved); })
        ->setEnabled(!c.path.isEmpty());
    m.addAction(tr("Re-roll"), this, [this, id] { reroll(id); });
    m.addAction(tr("Copy seed"), this, [c] { QApplication::clipboard()->setText(QString::number(c.seed)); });
    m.addAction(tr("Open full size"), this, [this, c] {
        if (c.path.isEmpty()) return;
        QDialog d(this);
        d.setWindowTitle(QStringLiteral("%1 — %2 — seed %3").arg(c.concept, c.condition).arg(c.seed));
        auto* l = new QVBoxLayout(&d);
        auto* img = new QLabel(&d);
        img->setPixmap(QPixmap(c.path));
        auto* params = new QLabel(c.parameters, &d);
        params->setTextInteractionFlags(Qt::TextSelectableByMouse);
        params->setWordWrap(true);
        l->addWidget(img);
        l->addWidget(params);
        d.exec();
    });
    m.addAction(tr("Show parameters"), this, [this, c] { QMessageBox::information(this, tr("Generation parameters"), c.parameters); });
    m.exec(view_->viewport()->mapToGlobal(pos));
}

} // namespace adv::ui
