// Training workspace: the run form, start/pause/resume/stop, a live loss /
// smoothed loss / learning-rate chart, validation strip, earlier runs.
#pragma once

#include "ui/workspace_page.h"

#include <QVector>

#include <memory>

class QComboBox;
class QCustomPlot;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QFormLayout;
class QLayout;

namespace adv::train {
struct TrainConfig;
struct TrainControl;
struct StepMetrics;
}

namespace adv::ui {

class ConfigFields;
class JobRunner;

class TrainingPage : public WorkspacePage {
    Q_OBJECT
public:
    explicit TrainingPage(QWidget* parent = nullptr);
    ~TrainingPage() override;
    JobRunner* jobs() const { return runner_; }
    // The project's training: the form of its last run and its runs (listed, the last one's chart shown).
    void setProject(Project* project) override;

    // The run the form describes, every field of the CLI's config (basic form + Advanced); throws adv::Error
    // (one line) for a value the trainer refuses. Validated further by the caller with TrainConfig::validate().
    train::TrainConfig config() const;
    // The CLI's JSON config: saved byte for byte as `advariant-cli train --config` reads and a run folder keeps
    // it; "" or the one-line reason.
    QString saveConfig(const QString& path) const;
    QString loadConfig(const QString& path);
    // Continues an interrupted run from its newest checkpoint, exactly as `train --resume RUN_DIR`.
    QString resumeRun(const QString& runDir);
    // Applies a built-in training preset (train::trainingPresets()) to the form: its recipe, keeping the
    // model, pairs and run folder. "" or the one-line reason.
    QString applyPreset(const QString& id);
    // The run's goal, "lora" or "lcm_distill" (as the Goal list): distillation fills in its recipe.
    void chooseMode(const QString& mode);
    ConfigFields* advancedFields() const { return advanced_; }
    void setConfig(const train::TrainConfig& c);  // fills the form
    void setManifest(const QString& path);
    void setModel(const QString& path);
    void setOutputDir(const QString& path);
    bool isRunning() const { return running_; }
    // Reopens a finished run's metrics.jsonl.
    bool openRun(const QString& runDir, QString* error = nullptr);
    int points() const { return steps_.size(); }
    QCustomPlot* chart() const { return plot_; }

public Q_SLOTS:
    void start();
    void togglePause();
    void stop();
    bool exportCsv(const QString& path);
    bool exportPng(const QString& path);

Q_SIGNALS:
    void runFinished(bool completed, const QString& loraPath, const QString& failure);
    void stepReported(const adv::train::StepMetrics& metrics);

private:
    void keepInProject(const train::TrainConfig& c);
    QFormLayout* buildForm();
    QLayout* buildActions();
    QWidget* buildChart();
    void onStep(const train::StepMetrics& m);
    void onFinished(bool completed, const QString& loraPath, const QString& failure);
    void onValidation(int step, const QStringList& images);
    void addEvent(const QString& kind, const QString& message);
    void refreshRuns();
    void resetChart();
    void setRunning(bool running);
    void startRun(const train::TrainConfig& c, bool resume);

    QLineEdit *model_, *manifest_, *outDir_, *prompts_;
    QSpinBox *rank_, *convRank_, *steps_Box, *batch_, *resolution_, *seed_, *warmup_, *checkpointEvery_, *validateEvery_;
    QDoubleSpinBox *alpha_, *convAlpha_, *lr_;
    QComboBox* schedule_;
    QComboBox* preset_ = nullptr;
    QComboBox* mode_ = nullptr;  // lora | lcm_distill
    ConfigFields* advanced_;
    QPushButton *startButton_, *pauseButton_, *stopButton_;
    QLabel* status_;
    QCustomPlot* plot_;
    QListWidget* validation_;
    QListWidget* runs_;
    QPlainTextEdit* log_;
    QVector<double> steps_, loss_, smooth_, lr_Values;
    double maxLr_ = 0;
    JobRunner* runner_;
    std::shared_ptr<train::TrainControl> control_;
    bool running_ = false;
};

} // namespace adv::ui
