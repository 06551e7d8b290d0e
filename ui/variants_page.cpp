#include "ui/variants_page.h"

#include "ui/preferences.h"
#include "ui/project.h"

#include "pairs/backgrounds.h"
#include "sched/samplers.h"

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
#include <QTableWidget>
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

    grid_ = new QTableWidget(this);
    grid_->setObjectName(QStringLiteral("variantGrid"));
    grid_->setIconSize(QSize(128, 128));
    grid_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    grid_->setContextMenuPolicy(Qt::CustomContextMenu);
    grid_->horizontalHeader()->setDefaultSectionSize(140);
    grid_->verticalHeader()->setDefaultSectionSize(140);
    connect(grid_, &QTableWidget::customContextMenuRequested, this, &VariantsPage::showContextMenu);
    connect(grid_, &QTableWidget::itemDoubleClicked, this, [this](QTableWidgetItem* it) {
        const QString id = it->data(Qt::UserRole).toString();
        if (cells_.contains(id)) setApproved(id, !cells_[id].approved);
    });
    auto* top = new QVBoxLayout(this);
    top->addLayout(form);
    top->addLayout(buttons);
    top->addWidget(grid_, 1);

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
    connect(worker_, &RenderWorker::preview, this, [this](const QString& id, int, int, const QImage& img) {
        if (auto* it = itemFor(id)) it->setIcon(QIcon(QPixmap::fromImage(img.scaled(128, 128))));
    });
    connect(worker_, &RenderWorker::rendered, this, &VariantsPage::onRendered);
    connect(worker_, &RenderWorker::failed, this, [this](const QString& id, const QString& msg) {
        if (auto* it = itemFor(id)) it->setText(tr("failed"));
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

QList<VariantCell> VariantsPage::approvedCells() const {
    QList<VariantCell> out;
    for (const auto& c : cells_)
        if (c.approved && !c.path.isEmpty()) out << c;
    return out;
}

void VariantsPage::loadModel() {
    status_->setText(tr("Loading model..."));
    renderButton_->setEnabled(false);
    QMetaObject::invokeMethod(worker_, "loadModel", Qt::QueuedConnection, Q_ARG(QString, model_->text().trimmed()),
                              Q_ARG(QString, Preferences::instance().device()));
}

QTableWidgetItem* VariantsPage::itemFor(const QString& id) const {
    if (!positions_.contains(id)) return nullptr;
    const QPoint p = positions_[id];
    return grid_->item(p.x(), p.y());
}

void VariantsPage::rebuildTable() {
    const QStringList cs = concepts(), ds = conditions();
    const bool cmp = compare_->isChecked() && !lora_->text().trimmed().isEmpty();
    QStringList headers;
    cells_.clear();
    positions_.clear();
    for (const QString& d : ds)
        for (int s = 0; s < seeds_->value(); ++s)
            for (int l = 0; l < (cmp ? 2 : 1); ++l)
                headers << QStringLiteral("%1 #%2%3").arg(d).arg(s + 1).arg(l == 1 ? tr(" (no LoRA)") : QString());
    grid_->clear();
    grid_->setRowCount(cs.size());
    grid_->setColumnCount(headers.size());
    grid_->setHorizontalHeaderLabels(headers);
    grid_->setVerticalHeaderLabels(cs);
    for (int r = 0; r < cs.size(); ++r) {
        int col = 0;
        for (const QString& d : ds)
            for (int s = 0; s < seeds_->value(); ++s)
                for (int l = 0; l < (cmp ? 2 : 1); ++l) {
                    VariantCell c;
                    c.concept = cs[r];
                    c.condition = d;
                    c.seed = baseSeed_->value() + s;
                    c.withLora = l == 0;
                    c.id = QStringLiteral("%1|%2|%3|%4").arg(c.concept, c.condition).arg(c.seed).arg(c.withLora ? 1 : 0);
                    cells_[c.id] = c;
                    positions_[c.id] = QPoint(r, col);
                    auto* it = new QTableWidgetItem(tr("queued"));
                    it->setData(Qt::UserRole, c.id);
                    grid_->setItem(r, col++, it);
                }
    }
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
    rebuildTable();
    queue_.clear();
    for (const auto& c : cells_) queue_ << c;
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
    if (auto* it = itemFor(c.id)) it->setText(tr("rendering"));
    QMetaObject::invokeMethod(worker_, "render", Qt::QueuedConnection, Q_ARG(adv::ui::RenderRequest, requestFor(c)));
}

void VariantsPage::cancel() {
    queue_.clear();
    worker_->cancel();
    status_->setText(tr("Cancelled"));
}

void VariantsPage::onRendered(const QString& id, const QImage& img, const QString& params, const QString& path, double seconds) {
    busy_ = false;
    if (cells_.contains(id)) {
        auto& c = cells_[id];
        c.path = path;
        c.parameters = params;
        if (auto* it = itemFor(id)) {
            it->setIcon(QIcon(QPixmap::fromImage(img.scaled(128, 128, Qt::KeepAspectRatio, Qt::SmoothTransformation))));
            it->setText(c.approved ? tr("approved") : QString());
            it->setToolTip(params);
        }
    }
    progress_->setValue(++done_);
    status_->setText(tr("%1 / %2 rendered (%3 s per image)").arg(done_).arg(total_).arg(seconds, 0, 'f', 2));
    Q_EMIT cellRendered(id);
    next();
}

void VariantsPage::setApproved(const QString& id, bool approved) {
    if (!cells_.contains(id)) return;
    cells_[id].approved = approved;
    if (auto* it = itemFor(id)) {
        it->setText(approved ? tr("approved") : QString());
        it->setBackground(approved ? QColor(200, 240, 200) : QColor(Qt::transparent));
    }
    Q_EMIT approvalsChanged();
}

void VariantsPage::reroll(const QString& id) {
    if (!cells_.contains(id)) return;
    VariantCell c = cells_[id];
    c.seed += 1000;  // a new seed, same concept and condition
    cells_[id].seed = c.seed;
    cells_[id].approved = false;
    enqueue(c);
}

void VariantsPage::showContextMenu(const QPoint& pos) {
    auto* it = grid_->itemAt(pos);
    if (!it) return;
    const QString id = it->data(Qt::UserRole).toString();
    if (!cells_.contains(id)) return;
    const VariantCell c = cells_[id];
    QMenu m(this);
    m.addAction(c.approved ? tr("Unapprove") : tr("Approve"), this, [this, id, c] { setApproved(id, !c.approved); });
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
    m.exec(grid_->viewport()->mapToGlobal(pos));
}

} // namespace adv::ui
