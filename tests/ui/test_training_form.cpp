// The Training page is the trainer: every field of the CLI's training config is reachable (basic form +
// Advanced, generated from the config's JSON); a config set in the form comes back field for field; the config
// saved from the GUI is byte for byte what the CLI reads and writes; bad files and values are one line; Resume
// refuses a folder without checkpoints with one line.
#include "ui/config_fields.h"
#include "ui/training_page.h"

#include "train/train_config.h"
#include "train/train_presets.h"
#include "util/fs.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QComboBox>
#include <QFileInfo>
#include <QLineEdit>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace adv;
using namespace adv::ui;

namespace {
train::TrainConfig unusual() {
    train::TrainConfig c;
    c.model = "/models/sd15";
    c.tokenizer = "/models/tok";
    c.manifest = "/pairs/manifest.jsonl";
    c.outDir = "/runs/spring";
    c.cacheDir = "/cache/spring";
    c.resolution = 512;
    c.centerCrop = false;
    c.randomFlip = true;
    c.rank = 16;
    c.alpha = 8;
    c.dropout = 0.1;
    c.targets = {"to_q", "to_v"};
    c.trainTextEncoder = true;
    c.convRank = 4;
    c.convAlpha = 2;
    c.learningRate = 3e-4;
    c.lrSchedule = "cosine";
    c.warmupSteps = 50;
    c.steps = 2000;
    c.batch = 4;
    c.gradAccum = 2;
    c.maxGradNorm = 0.5;
    c.weightDecay = 0.02;
    c.eps = 1e-7;
    c.snrGamma = 5;
    c.noiseOffset = 0.05;
    c.multiresNoiseIterations = 6;
    c.multiresNoiseDiscount = 0.3;
    c.debiasedEstimation = true;
    c.subjectLossWeight = 0.5;
    c.timestepBias = "range";
    c.timestepBiasBegin = 100;
    c.timestepBiasEnd = 800;
    c.seed = 7;
    c.checkpointEvery = 250;
    c.keepCheckpoints = 7;
    c.validateEvery = 100;
    c.validationPrompts = {"a dress on the beach", "a shirt in the city"};
    c.validationSeeds = {1, 2, 3};
    c.validationSteps = 12;
    c.validationCfg = 5.5;
    c.nanPatience = 2;
    c.distTimeoutSeconds = 120;
    return c;
}
} // namespace

class TestTrainingForm : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void everyFieldIsReachable() {
        TrainingPage page;
        const QJsonObject all = QJsonDocument::fromJson(QByteArray::fromStdString(train::TrainConfig().toJsonText())).object();
        const QSet<QString> basic{"model", "manifest", "out_dir", "rank", "alpha", "conv_rank", "conv_alpha", "learning_rate",
                                  "lr_schedule", "warmup_steps", "steps", "batch", "resolution", "seed", "checkpoint_every",
                                  "validate_every", "validation_prompts", "device", "mode"};
        const QStringList advanced = page.advancedFields()->keys();
        for (const QString& k : all.keys()) {
            if (k.startsWith(QLatin1String("debug_"))) continue;  // test hooks, not settings
            QVERIFY2(basic.contains(k) || advanced.contains(k), qPrintable(k + " cannot be set in the GUI"));
        }
        for (const char* k : {"snr_gamma", "noise_offset", "multires_noise_iterations", "timestep_bias", "debiased_estimation_loss",
                              "grad_accum", "train_text_encoder", "targets", "subject_loss_weight", "validation_seeds"})
            QVERIFY2(page.advancedFields()->editor(k), k);
    }

    void configComesBackFieldForField() {
        TrainingPage page;
        auto c = unusual();
        c.device = page.config().device;  // the form takes the device from Settings
        page.setConfig(c);
        try {
            QCOMPARE(page.config().toJsonText(), c.toJsonText());
        } catch (const std::exception& e) {
            QFAIL(e.what());
        }
    }

    void savedConfigIsTheClisConfig() {
        TrainingPage page;
        auto c = unusual();
        c.device = page.config().device;
        page.setConfig(c);
        QTemporaryDir dir;
        const QString file = dir.filePath("spring.json");
        QCOMPARE(page.saveConfig(file), QString());
        const std::string bytes = fs::readFile(file.toStdString());
        QCOMPARE(bytes, c.toJsonText());                                            // what a run folder keeps
        QCOMPARE(train::TrainConfig::fromFile(file.toStdString()).toJsonText(), bytes);  // what train --config reads
        TrainingPage other;
        QCOMPARE(other.loadConfig(file), QString());
        QCOMPARE(other.config().toJsonText(), bytes);
    }

    // Every built-in preset picked in the GUI and saved is byte for byte what `advariant-cli train --config
    // run.json --preset ID --print-config` gives: one recipe, two front ends (and the demo's is the demo's).
    void presetsAreTheClisPresets() {
        const QString cli = QCoreApplication::applicationDirPath() + QStringLiteral("/advariant-cli");
        QVERIFY2(QFileInfo::exists(cli), qPrintable(cli));
        QTemporaryDir dir;
        const QString start = dir.filePath("start.json");
        TrainingPage page;
        auto c = unusual();
        c.device = page.config().device;
        page.setConfig(c);
        QCOMPARE(page.saveConfig(start), QString());
        auto* combo = page.findChild<QComboBox*>(QStringLiteral("trainingPreset"));
        QVERIFY(combo);
        QCOMPARE(combo->count(), int(train::trainingPresets().size()) + 1);
        for (const auto& p : train::trainingPresets()) {
            const QString id = QString::fromStdString(p.id);
            TrainingPage gui;
            QCOMPARE(gui.loadConfig(start), QString());
            QCOMPARE(gui.applyPreset(id), QString());
            QCOMPARE(combo->findData(id) > 0, true);
            const QString saved = dir.filePath(id + ".json");
            QCOMPARE(gui.saveConfig(saved), QString());
            QProcess proc;
            proc.start(cli, {"train", "--config", start, "--preset", id, "--print-config"});
            QVERIFY(proc.waitForFinished(120000));
            QVERIFY2(proc.exitCode() == 0, proc.readAllStandardError().constData());
            QCOMPARE(proc.readAllStandardOutput().toStdString(), fs::readFile(saved.toStdString()));
            // The preset sets the recipe, never where the run reads and writes.
            const auto g = gui.config();
            QCOMPARE(g.model, c.model);
            QCOMPARE(g.manifest, c.manifest);
            QCOMPARE(g.outDir, c.outDir);
        }
        TrainingPage demo;
        QCOMPARE(demo.applyPreset("demo"), QString());
        const auto d = demo.config();
        QCOMPARE(d.convRank, 8);
        QVERIFY(d.trainTextEncoder);
        QCOMPARE(d.multiresNoiseIterations, 6);  // the backdrop noise recipe
        QVERIFY(!demo.applyPreset("no-such-recipe").isEmpty());
    }

    // The Goal list: distillation fills in its recipe (the embedded model's, or SD 1.5's for a model of the
    // user's), the run's config says lcm_distill, and a saved distillation config comes back as one.
    void goalDistillsAnLcmLora() {
        TrainingPage page;
        auto* goal = page.findChild<QComboBox*>(QStringLiteral("trainingMode"));
        QVERIFY(goal);
        QCOMPARE(goal->currentData().toString(), QStringLiteral("lora"));
        page.setManifest(QStringLiteral("pairs/manifest.jsonl"));
        page.chooseMode(QStringLiteral("lcm_distill"));
        auto c = page.config();
        QCOMPARE(c.mode, std::string("lcm_distill"));
        QCOMPARE(c.lcmWMin, 3.0);  // the embedded model's guidance range
        QVERIFY2(c.validate().empty(), c.validate().empty() ? "" : c.validate().front().c_str());
        page.setModel(QStringLiteral("/models/sd15-finetune"));
        page.chooseMode(QStringLiteral("lcm_distill"));
        QCOMPARE(page.config().rank, 64);
        QCOMPARE(page.config().lcmWMax, 15.0);
        TrainingPage other;
        other.setConfig(page.config());
        QCOMPARE(other.findChild<QComboBox*>(QStringLiteral("trainingMode"))->currentData().toString(), QStringLiteral("lcm_distill"));
        QCOMPARE(other.config().toJsonText(), page.config().toJsonText());
        page.chooseMode(QStringLiteral("lora"));
        QCOMPARE(page.config().mode, std::string("lora"));
        QCOMPARE(page.config().rank, 64);  // the recipe stays
    }

    void badInputIsOneLine() {
        TrainingPage page;
        QTemporaryDir dir;
        const QString broken = dir.filePath("broken.json");
        QFile f(broken);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"steps\": 10, \"rank\": ");
        f.close();
        const QString err = page.loadConfig(broken);
        QVERIFY2(err.contains("broken.json") && !err.contains('\n'), qPrintable(err));
        auto* bias = qobject_cast<QLineEdit*>(page.advancedFields()->editor("timestep_bias"));
        QVERIFY(bias);
        bias->setText("sideways");
        const auto problems = page.config().validate();
        QVERIFY(!problems.empty());
        const QString resume = page.resumeRun(dir.path());
        QVERIFY2(!resume.isEmpty() && !resume.contains('\n'), qPrintable(resume));
    }
};

QTEST_MAIN(TestTrainingForm)
#include "test_training_form.moc"
