#include "ui/training_page.h"
#include "ui/project.h"
#include "util/error.h"
#include "util/fs.h"

#include "ui/config_fields.h"
#include "ui/plot.h"
#include "ui/preferences.h"
#include "ui/job_runner.h"
#include "ui/metatypes.h"

#include "train/train_config.h"
#include "train/train_presets.h"
#include "train/trainer.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScrollArea>
#include <QScrollBar>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTextStream>
#include <QPointer>
#include <QVBoxLayout>

#include <cmath>

namespace adv::ui {

namespace {
QSpinBox* spin(QWidget* p, int lo, int hi, int v) {
    auto* s = new QSpinBox(p);
    s->setRange(lo, hi);
    s->setValue(v);
    return s;
}
// Two fields side by side in one form row.
QWidget* sideBySide(QWidget* p, QWidget* a, QWidget* b) {
    auto* w = new QWidget(p);
    auto* l = new QHBoxLayout(w);
    l->setContentsMargins(0, 0, 0, 0);
    l->addWidget(a);
    l->addWidget(b);
    return w;
}
} // namespace

TrainingPage::TrainingPage(QWidget* parent)
    : WorkspacePage(QStringLiteral("training"), tr("Training"), QString(), parent) {
    runner_ = new JobRunner(this);
    control_ = std::make_shared<train::TrainControl>();
    registerMetaTypes();
    QFormLayout* form = buildForm();
    QLayout* buttons = buildActions();
    status_ = new QLabel(tr("Idle"), this);
    status_->setObjectName(QStringLiteral("trainingStatus"));
    auto* left = new QWidget(this);
    auto* ll = new QVBoxLayout(left);
    auto* formBox = new QGroupBox(tr("Run"), left);
    formBox->setLayout(form);
    ll->addWidget(formBox);
    // Every other field of the trainer's config, generated from its JSON (nothing left out of the GUI).
    advanced_ = new ConfigFields(QString::fromStdString(train::TrainConfig().toJsonText()),
                                 {"model", "manifest", "out_dir", "rank", "alpha", "conv_rank", "conv_alpha", "learning_rate",
                                  "lr_schedule", "warmup_steps", "steps", "batch", "resolution", "seed", "checkpoint_every",
                                  "validate_every", "validation_prompts", "device", "mode"},
                                 left);
    advanced_->setObjectName(QStringLiteral("advancedFields"));
    auto* advScroll = new QScrollArea(left);
    advScroll->setWidget(advanced_);
    advScroll->setWidgetResizable(true);
    advScroll->setMinimumHeight(240);
    auto* advBox = new QGroupBox(tr("Advanced"), left);
    advBox->setCheckable(true);
    advBox->setChecked(false);  // folded: the basic form is enough for most runs
    advScroll->setVisible(false);
    connect(advBox, &QGroupBox::toggled, advScroll, &QWidget::setVisible);
    auto* advLayout = new QVBoxLayout(advBox);
    advLayout->addWidget(advScroll);
    ll->addWidget(advBox);
    ll->addLayout(buttons);
    ll->addWidget(status_);
    runs_ = new QListWidget(left);
    runs_->setObjectName(QStringLiteral("runList"));
    ll->addWidget(new QLabel(tr("Earlier runs (double-click to open):"), left));
    ll->addWidget(runs_, 1);
    connect(runs_, &QListWidget::itemDoubleClicked, this, [this](QListWidgetItem* it) {
        QString err;
        if (!openRun(it->data(Qt::UserRole).toString(), &err)) QMessageBox::warning(this, tr("Open run"), err);
    });
    QWidget* right = buildChart();
    // The form scrolls instead of setting the window's height: the studio fits a 1280 x 800 screen with its Jobs dock.
    auto* leftScroll = new QScrollArea(this);
    leftScroll->setObjectName(QStringLiteral("trainingFormScroll"));
    leftScroll->setWidget(left);
    leftScroll->setWidgetResizable(true);
    leftScroll->setFrameShape(QFrame::NoFrame);
    leftScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    leftScroll->setMinimumWidth(left->sizeHint().width() + leftScroll->verticalScrollBar()->sizeHint().width());
    QSplitter* split = twoPanes(leftScroll, right, 0, 1);
    auto* top = new QVBoxLayout(this);
    top->addWidget(split);
    setRunning(false);
    refreshRuns();
}

QFormLayout* TrainingPage::buildForm() {
    auto* form = new QFormLayout;
    model_ = new QLineEdit(this);
    model_->setPlaceholderText(tr("diffusers folder or SD 1.x .safetensors (empty: embedded model)"));
    manifest_ = new QLineEdit(this);
    manifest_->setPlaceholderText(tr("pairs manifest.jsonl"));
    outDir_ = new QLineEdit(QDir(Preferences::instance().outputFolder()).filePath(QStringLiteral("runs/run-") +
                                 QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"))),
                            this);
    rank_ = spin(this, 1, 128, 4);
    alpha_ = new QDoubleSpinBox(this);
    alpha_->setRange(0.1, 256);
    alpha_->setValue(4);
    convRank_ = spin(this, 0, 128, 0);
    convRank_->setSpecialValueText(tr("off"));
    convRank_->setToolTip(tr("LoCon: also adapt the UNet's ResNet convolutions, which draw texture and "
                             "layout (new backgrounds, styles). 0 adapts the attention only."));
    convAlpha_ = new QDoubleSpinBox(this);
    convAlpha_->setRange(0, 256);
    convAlpha_->setSpecialValueText(tr("= rank"));
    lr_ = new QDoubleSpinBox(this);
    lr_->setDecimals(6);
    lr_->setRange(1e-6, 1.0);
    lr_->setSingleStep(1e-5);
    lr_->setValue(1e-4);
    schedule_ = new QComboBox(this);
    schedule_->addItems({QStringLiteral("constant"), QStringLiteral("constant_with_warmup"), QStringLiteral("linear"), QStringLiteral("cosine")});
    warmup_ = spin(this, 0, 100000, 0);
    steps_Box = spin(this, 1, 1000000, 500);
    batch_ = spin(this, 1, 64, 1);
    resolution_ = spin(this, 0, 2048, 0);
    resolution_->setSingleStep(8);
    resolution_->setSpecialValueText(tr("model's native size"));
    seed_ = spin(this, 0, 2147483647, 42);
    checkpointEvery_ = spin(this, 1, 100000, 100);
    validateEvery_ = spin(this, 0, 100000, 0);
    prompts_ = new QLineEdit(QStringLiteral("a dress on the beach; a shirt in space"), this);
    preset_ = new QComboBox(this);
    preset_->setObjectName(QStringLiteral("trainingPreset"));
    preset_->addItem(tr("(choose a recipe...)"));
    for (const auto& p : train::trainingPresets()) {
        preset_->addItem(QString::fromStdString(p.title), QString::fromStdString(p.id));
        preset_->setItemData(preset_->count() - 1, QString::fromStdString(p.description), Qt::ToolTipRole);
    }
    preset_->setToolTip(tr("Fills in a proven recipe (ranks, targets, learning rate, noise and loss options, steps); "
                           "the model, pairs and run folder stay as they are."));
    connect(preset_, qOverload<int>(&QComboBox::activated), this, [this](int i) {
        const QString id = preset_->itemData(i).toString();
        if (id.isEmpty()) return;
        if (const QString err = applyPreset(id); !err.isEmpty()) QMessageBox::warning(this, tr("Training preset"), err);
    });
    // What the run makes: a LoRA of the pairs, or an LCM-LoRA (the Fast mode's accelerator) distilled from the base.
    mode_ = new QComboBox(this);
    mode_->setObjectName(QStringLiteral("trainingMode"));
    mode_->addItem(tr("Fine-tune a LoRA on the pairs"), QStringLiteral("lora"));
    mode_->addItem(tr("Distil an LCM-LoRA (Fast mode: 4 steps)"), QStringLiteral("lcm_distill"));
    mode_->setItemData(1, tr("Latent consistency distillation: the base model, guided, teaches the LoRA to draw in 2 to 8 "
                             "LCM steps at CFG 1. The pairs only supply pictures and captions; the base model is the teacher."),
                       Qt::ToolTipRole);
    connect(mode_, qOverload<int>(&QComboBox::activated), this, [this](int i) { chooseMode(mode_->itemData(i).toString()); });
    form->addRow(tr("Preset:"), preset_);
    form->addRow(tr("Goal:"), mode_);
    form->addRow(tr("Base model:"), model_);
    form->addRow(tr("Training pairs:"), manifest_);
    form->addRow(tr("Run folder:"), outDir_);
    form->addRow(tr("Rank / alpha:"), sideBySide(this, rank_, alpha_));
    form->addRow(tr("Conv rank / alpha:"), sideBySide(this, convRank_, convAlpha_));
    form->addRow(tr("Learning rate:"), lr_);
    form->addRow(tr("Schedule / warm-up:"), sideBySide(this, schedule_, warmup_));
    form->addRow(tr("Steps:"), steps_Box);
    form->addRow(tr("Batch:"), batch_);
    form->addRow(tr("Resolution:"), resolution_);
    form->addRow(tr("Seed:"), seed_);
    form->addRow(tr("Checkpoint every:"), checkpointEvery_);
    form->addRow(tr("Validate every:"), validateEvery_);
    form->addRow(tr("Validation prompts:"), prompts_);
    return form;
}

QLayout* TrainingPage::buildActions() {
    startButton_ = new QPushButton(tr("Start"), this);
    startButton_->setObjectName(QStringLiteral("startTraining"));
    pauseButton_ = new QPushButton(tr("Pause"), this);
    stopButton_ = new QPushButton(tr("Stop"), this);
    connect(startButton_, &QPushButton::clicked, this, &TrainingPage::start);
    connect(pauseButton_, &QPushButton::clicked, this, &TrainingPage::togglePause);
    connect(stopButton_, &QPushButton::clicked, this, &TrainingPage::stop);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(startButton_);
    buttons->addWidget(pauseButton_);
    buttons->addWidget(stopButton_);
    auto* loadButton = new QPushButton(tr("Load config..."), this);
    auto* saveButton = new QPushButton(tr("Save config..."), this);
    auto* resumeButton = new QPushButton(tr("Resume..."), this);
    resumeButton->setObjectName(QStringLiteral("resumeTraining"));
    resumeButton->setToolTip(tr("Continue an interrupted run from its newest checkpoint (as advariant-cli train --resume)"));
    connect(loadButton, &QPushButton::clicked, this, [this] {
        const QString p = QFileDialog::getOpenFileName(this, tr("Load training config"), QString(), tr("Training config (*.json)"));
        if (p.isEmpty()) return;
        if (const QString err = loadConfig(p); !err.isEmpty()) QMessageBox::warning(this, tr("Load training config"), err);
    });
    connect(saveButton, &QPushButton::clicked, this, [this] {
        const QString p = QFileDialog::getSaveFileName(this, tr("Save training config"), QString(), tr("Training config (*.json)"));
        if (p.isEmpty()) return;
        if (const QString err = saveConfig(p); !err.isEmpty()) QMessageBox::warning(this, tr("Save training config"), err);
    });
    connect(resumeButton, &QPushButton::clicked, this, [this] {
        const QString d = QFileDialog::getExistingDirectory(this, tr("Resume run"), QString());
        if (d.isEmpty()) return;
        if (const QString err = resumeRun(d); !err.isEmpty()) QMessageBox::warning(this, tr("Resume run"), err);
    });
    buttons->addWidget(resumeButton);
    buttons->addWidget(loadButton);
    buttons->addWidget(saveButton);
    auto* exportCsvButton = new QPushButton(tr("Export CSV..."), this);
    auto* exportPngButton = new QPushButton(tr("Export PNG..."), this);
    connect(exportCsvButton, &QPushButton::clicked, this, [this] {
        const QString p = QFileDialog::getSaveFileName(this, tr("Export metrics"), QString(), tr("CSV (*.csv)"));
        if (!p.isEmpty()) exportCsv(p);
    });
    connect(exportPngButton, &QPushButton::clicked, this, [this] {
        const QString p = QFileDialog::getSaveFileName(this, tr("Export chart"), QString(), tr("PNG (*.png)"));
        if (!p.isEmpty()) exportPng(p);
    });
    buttons->addWidget(exportCsvButton);
    buttons->addWidget(exportPngButton);
    return buttons;
}

QWidget* TrainingPage::buildChart() {
    plot_ = new QCustomPlot(this);
    plot_->setObjectName(QStringLiteral("lossChart"));
    plot_->setMinimumHeight(260);
    plot_->addGraph();
    plot_->graph(0)->setName(tr("loss"));
    plot_->graph(0)->setPen(QPen(QColor(120, 160, 220, 140)));
    plot_->addGraph();
    plot_->graph(1)->setName(tr("smoothed loss"));
    plot_->graph(1)->setPen(QPen(QColor(30, 80, 200), 2));
    plot_->addGraph(plot_->xAxis, plot_->yAxis2);
    plot_->graph(2)->setName(tr("learning rate"));
    plot_->graph(2)->setPen(QPen(QColor(220, 120, 30), 1.5, Qt::DashLine));
    plot_->xAxis->setLabel(tr("step"));
    plot_->yAxis->setLabel(tr("loss"));
    plot_->yAxis2->setLabel(tr("learning rate"));
    plot_->yAxis2->setVisible(true);
    plot_->legend->setVisible(true);
    plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    validation_ = new QListWidget(this);
    validation_->setObjectName(QStringLiteral("validationStrip"));
    validation_->setViewMode(QListView::IconMode);
    validation_->setFlow(QListView::LeftToRight);
    validation_->setIconSize(QSize(96, 96));
    validation_->setMaximumHeight(150);
    log_ = new QPlainTextEdit(this);
    log_->setReadOnly(true);
    log_->setMaximumHeight(110);
    auto* right = new QWidget(this);
    auto* rl = new QVBoxLayout(right);
    rl->addWidget(plot_, 1);
    rl->addWidget(new QLabel(tr("Validation images:"), right));
    rl->addWidget(validation_);
    rl->addWidget(log_);
    return right;
}

TrainingPage::~TrainingPage() {
    control_->stop = true;  // a running fine-tune stops at its next step
    runner_->shutdown();
}

train::TrainConfig TrainingPage::config() const {
    train::TrainConfig c;
    c.model = model_->text().trimmed().toStdString();
    c.manifest = manifest_->text().trimmed().toStdString();
    c.outDir = outDir_->text().trimmed().toStdString();
    c.rank = rank_->value();
    c.alpha = alpha_->value();
    c.convRank = convRank_->value();
    c.convAlpha = convAlpha_->value();
    c.learningRate = lr_->value();
    c.lrSchedule = schedule_->currentText().toStdString();
    c.warmupSteps = warmup_->value();
    c.steps = steps_Box->value();
    c.batch = batch_->value();
    c.resolution = resolution_->value();
    c.seed = static_cast<uint64_t>(seed_->value());
    c.checkpointEvery = checkpointEvery_->value();
    c.validateEvery = validateEvery_->value();
    for (const QString& p : prompts_->text().split(QLatin1Char(';'), Qt::SkipEmptyParts)) c.validationPrompts.push_back(p.trimmed().toStdString());
    c.device = Preferences::instance().device().toStdString();
    c.mode = mode_->currentData().toString().toStdString();
    QJsonObject all = QJsonDocument::fromJson(QByteArray::fromStdString(c.toJsonText())).object();
    const QJsonObject more = advanced_->values();
    for (auto it = more.begin(); it != more.end(); ++it) all[it.key()] = it.value();
    for (const QString& k : all.keys())  // the test-only keys keep their defaults (not in the form)
        if (k.startsWith(QLatin1String("debug_"))) all.remove(k);
    return train::TrainConfig::fromJsonText(QJsonDocument(all).toJson(QJsonDocument::Compact).toStdString(), "the training form",
                                            false);
}

QString TrainingPage::saveConfig(const QString& path) const {
    try {
        fs::writeFileAtomic(path.toStdString(), config().toJsonText());
        return {};
    } catch (const std::exception& e) {
        return QString::fromStdString(userMessage(e));
    }
}

QString TrainingPage::loadConfig(const QString& path) {
    try {
        setConfig(train::TrainConfig::fromFile(path.toStdString()));
        return {};
    } catch (const std::exception& e) {
        return QString::fromStdString(userMessage(e));
    }
}

QString TrainingPage::resumeRun(const QString& runDir) {
    if (running_) return tr("a run is already going");
    try {
        auto c = train::runConfig(runDir.toStdString());
        c.outDir = runDir.toStdString();
        if (train::latestCheckpoint(c.outDir).empty()) return tr("%1: no checkpoint to resume from").arg(runDir);
        setConfig(c);
        startRun(c, true);
        return {};
    } catch (const std::exception& e) {
        return QString::fromStdString(userMessage(e));
    }
}

void TrainingPage::setConfig(const train::TrainConfig& c) {
    model_->setText(QString::fromStdString(c.model));
    manifest_->setText(QString::fromStdString(c.manifest));
    outDir_->setText(QString::fromStdString(c.outDir));
    rank_->setValue(c.rank);
    alpha_->setValue(c.alpha);
    convRank_->setValue(c.convRank);
    convAlpha_->setValue(c.convAlpha);
    lr_->setValue(c.learningRate);
    schedule_->setCurrentText(QString::fromStdString(c.lrSchedule));
    warmup_->setValue(c.warmupSteps);
    steps_Box->setValue(c.steps);
    batch_->setValue(c.batch);
    resolution_->setValue(c.resolution);
    seed_->setValue(static_cast<int>(c.seed));
    checkpointEvery_->setValue(c.checkpointEvery);
    validateEvery_->setValue(c.validateEvery);
    QStringList prompts;
    for (const auto& p : c.validationPrompts) prompts << QString::fromStdString(p);
    prompts_->setText(prompts.join(QStringLiteral("; ")));
    advanced_->setValues(QJsonDocument::fromJson(QByteArray::fromStdString(c.toJsonText())).object());
    const int mode = mode_->findData(QString::fromStdString(c.mode));
    mode_->setCurrentIndex(mode >= 0 ? mode : 0);
}

void TrainingPage::chooseMode(const QString& mode) {
    const int i = mode_->findData(mode);
    if (i < 0) return;
    mode_->setCurrentIndex(i);
    // Distillation refuses the image loss's options, so it starts from its recipe: the embedded model's,
    // or SD 1.5's for a model of the user's. Back to fine-tuning, the recipe stays (it suits a LoRA too).
    if (mode == QLatin1String("lcm_distill"))
        applyPreset(model_->text().trimmed().isEmpty() ? QStringLiteral("lcm-distill") : QStringLiteral("sd15-lcm"));
}

QString TrainingPage::applyPreset(const QString& id) {
    try {
        train::TrainConfig c = config();
        train::applyTrainingPreset(id.toStdString(), c);
        setConfig(c);
        const int i = preset_->findData(id);
        if (i >= 0) preset_->setCurrentIndex(i);
        status_->setText(tr("Preset: %1").arg(preset_->currentText()));
        return {};
    } catch (const std::exception& e) {
        return QString::fromStdString(e.what());
    }
}

void TrainingPage::setManifest(const QString& p) { manifest_->setText(p); }
void TrainingPage::setModel(const QString& p) { model_->setText(p); }
void TrainingPage::setOutputDir(const QString& p) { outDir_->setText(p); }

void TrainingPage::setRunning(bool running) {
    startButton_->setEnabled(!running);
    pauseButton_->setEnabled(running);
    stopButton_->setEnabled(running);
}

void TrainingPage::resetChart() {
    steps_.clear(), loss_.clear(), smooth_.clear(), lr_Values.clear();
    for (int i = 0; i < 3; ++i) plot_->graph(i)->data()->clear();
    maxLr_ = 0;
    plot_->clearItems();
    validation_->clear();
}

void TrainingPage::start() {
    train::TrainConfig c;
    try {
        c = config();
    } catch (const std::exception& e) {
        QMessageBox::warning(this, tr("Training"), QString::fromStdString(userMessage(e)));
        return;
    }
    const auto problems = c.validate();
    if (!problems.empty()) {
        QMessageBox::warning(this, tr("Training"), QString::fromStdString(problems.front()));
        return;
    }
    startRun(c, false);
}

void TrainingPage::setProject(Project* p) {
    WorkspacePage::setProject(p);
    if (!p || running_) return;
    const QJsonObject t = p->value(QStringLiteral("training")).toObject();
    if (t.isEmpty()) return;
    try {
        const QByteArray json = QJsonDocument(t.value(QStringLiteral("config")).toObject()).toJson(QJsonDocument::Compact);
        setConfig(train::TrainConfig::fromJsonText(json.toStdString(), p->path().toStdString() + ": training"));
    } catch (const std::exception& e) {
        status_->setText(QString::fromStdString(userMessage(e)));
    }
    refreshRuns();
    const QJsonArray runs = t.value(QStringLiteral("runs")).toArray();
    for (int i = runs.size() - 1; i >= 0; --i) {
        QString error;
        if (openRun(runs[i].toString(), &error)) break;  // the newest run that is still there
    }
}

void TrainingPage::keepInProject(const train::TrainConfig& c) {
    if (!project_) return;
    QJsonObject t = project_->value(QStringLiteral("training")).toObject();
    t[QStringLiteral("config")] = QJsonDocument::fromJson(QByteArray::fromStdString(c.toJsonText())).object();
    QJsonArray runs = t.value(QStringLiteral("runs")).toArray();
    const QString dir = QString::fromStdString(c.outDir);
    if (!runs.contains(dir)) runs.append(dir);
    t[QStringLiteral("runs")] = runs;
    project_->recordState(QStringLiteral("training"), t);
}

void TrainingPage::startRun(const train::TrainConfig& c, bool resume) {
    keepInProject(c);
    resetChart();
    control_ = std::make_shared<train::TrainControl>();
    auto control = control_;
    JobHandlers h;
    h.failed = [this](const QString& m) { onFinished(false, QString(), m); };
    h.cancelled = [this] { onFinished(false, QString(), QString()); };
    QPointer<TrainingPage> self(this);
    runner_->run<train::TrainResult>(
        tr("Train %1").arg(QString::fromStdString(c.outDir)),
        [c, control, self, resume](JobContext& ctx) {
            train::TrainEvents ev;
            ev.onStep = [&ctx, self](const train::StepMetrics& m) {
                ctx.post([self, m] {
                    if (self) self->onStep(m);
                });
            };
            ev.onValidation = [&ctx, self](const std::vector<train::ValidationImage>& imgs) {
                QStringList files;
                for (const auto& i : imgs) files << QString::fromStdString(i.path);
                const int step = imgs.empty() ? 0 : imgs.front().step;
                ctx.post([self, step, files] {
                    if (self) self->onValidation(step, files);
                });
            };
            ev.onEvent = [&ctx, self](const std::string& k, const std::string& m) {
                ctx.post([self, k = QString::fromStdString(k), m = QString::fromStdString(m)] {
                    if (self) self->addEvent(k, m);
                });
            };
            ev.onPrepare = ctx.progressFn();
            return train::runTraining(c, ev, control.get(), resume);
        },
        [this](train::TrainResult r) {
            onFinished(r.completed, QString::fromStdString(r.loraPath), QString::fromStdString(r.failure));
        },
        h);
    running_ = true;
    setRunning(true);
    status_->setText(tr("Preparing data..."));
}

void TrainingPage::onFinished(bool completed, const QString& lora, const QString& failure) {
    running_ = false;
    setRunning(false);
    status_->setText(completed ? tr("Finished: %1").arg(lora) : failure.isEmpty() ? tr("Stopped") : tr("Failed: %1").arg(failure));
    refreshRuns();
    Q_EMIT runFinished(completed, lora, failure);
}

void TrainingPage::togglePause() {
    if (!running_) return;
    auto* c = control_.get();
    c->pause = !c->pause;
    pauseButton_->setText(c->pause ? tr("Resume") : tr("Pause"));
    addEvent(QStringLiteral("pause"), c->pause ? tr("paused") : tr("resumed"));
}

void TrainingPage::stop() {
    if (running_) control_->stop = true;  // graceful: the trainer writes a checkpoint and returns
}

void TrainingPage::onStep(const train::StepMetrics& m) {
    const double loss = std::isfinite(m.loss) ? m.loss : qQNaN();
    const double smooth = std::isfinite(m.smoothLoss) ? m.smoothLoss : qQNaN();
    const QString event = QString::fromStdString(m.event);
    if (event == QLatin1String("rollback")) {
        // The run went back to its last checkpoint: drop the points after it.
        while (!steps_.isEmpty() && steps_.last() > m.step) steps_.removeLast(), loss_.removeLast(), smooth_.removeLast(), lr_Values.removeLast();
        plot_->graph(0)->data()->removeAfter(m.step);
        plot_->graph(1)->data()->removeAfter(m.step);
        plot_->graph(2)->data()->removeAfter(m.step);
    } else {
        steps_ << m.step;
        loss_ << loss;
        smooth_ << smooth;
        lr_Values << m.lr;
        // Appended point by point: the chart never re-copies the whole run.
        plot_->graph(0)->addData(m.step, loss);
        plot_->graph(1)->addData(m.step, smooth);
        plot_->graph(2)->addData(m.step, m.lr);
        maxLr_ = std::max(maxLr_, m.lr);
    }
    if (!event.isEmpty()) {
        auto* line = new QCPItemStraightLine(plot_);
        line->point1->setCoords(m.step, 0);
        line->point2->setCoords(m.step, 1);
        line->setPen(QPen(event == QLatin1String("nan") ? Qt::red : QColor(200, 0, 200), 1, Qt::DotLine));
    }
    plot_->xAxis->setRange(0, std::max(1, m.totalSteps > 0 ? m.totalSteps : m.step));
    plot_->graph(0)->rescaleValueAxis(false, true);
    plot_->graph(1)->rescaleValueAxis(true, true);
    plot_->yAxis2->setRange(0, maxLr_ > 0 ? maxLr_ * 1.15 : 1);
    plot_->replot(QCustomPlot::rpQueuedReplot);
    status_->setText(tr("Step %1 / %2 — %3 it/s — ETA %4 s — loss %5")
                         .arg(m.step)
                         .arg(m.totalSteps)
                         .arg(m.stepSeconds > 0 ? 1.0 / m.stepSeconds : 0.0, 0, 'f', 2)
                         .arg(m.etaSeconds, 0, 'f', 0)
                         .arg(m.smoothLoss, 0, 'f', 4));
    Q_EMIT stepReported(m);
}

void TrainingPage::onValidation(int step, const QStringList& images) {
    for (const QString& f : images) {
        auto* it = new QListWidgetItem(QIcon(f), tr("step %1").arg(step), validation_);
        it->setToolTip(f);
    }
    validation_->scrollToBottom();
}

void TrainingPage::addEvent(const QString& kind, const QString& message) {
    log_->appendPlainText(QStringLiteral("[%1] %2: %3").arg(QTime::currentTime().toString(), kind, message));
}

void TrainingPage::refreshRuns() {
    runs_->clear();
    const QDir root(QDir(Preferences::instance().outputFolder()).filePath(QStringLiteral("runs")));
    for (const QString& d : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Time)) {
        if (!QFile::exists(root.filePath(d + QStringLiteral("/metrics.jsonl")))) continue;
        auto* it = new QListWidgetItem(d, runs_);
        it->setData(Qt::UserRole, root.filePath(d));
    }
    // The project's runs outside the output folder.
    if (!project_) return;
    for (const QJsonValue& v : project_->value(QStringLiteral("training")).toObject().value(QStringLiteral("runs")).toArray()) {
        const QString dir = v.toString();
        if (QFileInfo(dir).absolutePath() == root.absolutePath()) continue;  // listed above
        if (!QFile::exists(dir + QStringLiteral("/metrics.jsonl"))) continue;
        auto* it = new QListWidgetItem(QFileInfo(dir).fileName(), runs_);
        it->setToolTip(dir);
        it->setData(Qt::UserRole, dir);
    }
}

bool TrainingPage::openRun(const QString& runDir, QString* error) {
    std::vector<train::StepMetrics> m;
    try {
        m = train::readMetrics(runDir.toStdString());
    } catch (const std::exception& e) {
        if (error) *error = QString::fromStdString(adv::userMessage(e));
        return false;
    }
    resetChart();
    for (auto s : m) {
        s.totalSteps = m.back().step;
        onStep(s);
    }
    const QDir v(runDir + QStringLiteral("/validation"));
    for (const QString& f : v.entryList({QStringLiteral("*.png")}, QDir::Files, QDir::Name)) {
        auto* it = new QListWidgetItem(QIcon(v.filePath(f)), f.left(12), validation_);
        it->setToolTip(v.filePath(f));
    }
    status_->setText(tr("Run %1: %2 steps").arg(runDir).arg(m.size()));
    return true;
}

bool TrainingPage::exportCsv(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Text)) return false;
    QTextStream out(&f);
    out << "step,loss,smooth_loss,lr\n";
    for (int i = 0; i < steps_.size(); ++i) out << steps_[i] << ',' << loss_[i] << ',' << smooth_[i] << ',' << lr_Values[i] << '\n';
    return true;
}

bool TrainingPage::exportPng(const QString& path) { return plot_->savePng(path, 1200, 600); }

} // namespace adv::ui
