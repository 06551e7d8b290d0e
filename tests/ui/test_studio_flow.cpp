// The whole studio, clicked through offscreen on real (small) data: open the
// sample dataset, build pairs, accept one (undoable), train a LoRA on the
// reference pipeline, render a variant grid with it, approve cells, export
// ad sizes. The GUI thread must never stall for more than 100 ms while the
// training and the rendering run. Screenshots of every workspace are saved.
#include "ui/dataset_models.h"
#include "ui/dataset_page.h"
#include "ui/brand_panel.h"
#include "ui/export_page.h"
#include "ui/main_window.h"
#include "ui/pairs_page.h"
#include "ui/preferences.h"
#include "ui/project.h"
#include "ui/thumbnails.h"
#include "ui/training_page.h"
#include "ui/variants_page.h"

#include "dataset/synth.h"
#include "train/train_config.h"
#include "train/trainer.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QTabWidget>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSettings>
#include <QTemporaryDir>
#include <QTimer>
#include <QUndoStack>
#include <QtTest>

#include <cmath>

using namespace adv::ui;

namespace {
// Records the longest gap between ticks of a 5 ms timer: how long the GUI thread was blocked.
class LatencyProbe : public QObject {
public:
    LatencyProbe() {
        timer_.setInterval(5);
        QObject::connect(&timer_, &QTimer::timeout, [this] {
            const qint64 now = clock_.elapsed();
            if (last_ >= 0) worst_ = std::max(worst_, now - last_);
            last_ = now;
        });
        clock_.start();
        timer_.start();
    }
    qint64 worst() const { return worst_; }

private:
    QTimer timer_;
    QElapsedTimer clock_;
    qint64 last_ = -1, worst_ = 0;
};

void shot(MainWindow& w, const QString& id, const QString& name = QString()) {
    w.setCurrentWorkspace(id);
    QCoreApplication::processEvents();
    const QString dir = qEnvironmentVariable("ADV_SCREENSHOT_DIR", QDir::tempPath());
    QDir().mkpath(dir);
    QVERIFY(w.grab().save(QDir(dir).filePath("studio-" + (name.isEmpty() ? id : name) + ".png")));
}
} // namespace

class TestStudioFlow : public QObject {
    Q_OBJECT
    QTemporaryDir tmp;

private Q_SLOTS:
    void initTestCase() {
        QCoreApplication::setOrganizationName("AdVariantTest");
        QCoreApplication::setApplicationName("test_studio_flow");
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, tmp.filePath("settings"));
        Preferences::instance().setOutputFolder(tmp.filePath("out"));
        Preferences::instance().setDevice("cpu");
    }

    void clickThrough() {
        adv::synth::SynthOptions so;
        so.images = 40;
        so.seed = 21;
        so.width = 192;
        so.height = 240;
        const auto data = adv::synth::writeDataset(tmp.filePath("data").toStdString(), so);

        MainWindow w;
        w.resize(1400, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));

        // Dataset
        QSignalSpy loaded(w.datasetPage(), &DatasetPage::loaded);
        w.datasetPage()->open(QString::fromStdString(data.annotationPath), QString::fromStdString(data.imagesDir));
        QVERIFY(loaded.wait(600000));
        auto* model = w.datasetPage()->model();
        QAbstractItemModelTester t1(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester t2(w.datasetPage()->filter(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model->rowCount(), data.annotations);
        w.datasetPage()->filter()->setCategory(10);
        const int dresses = w.datasetPage()->filter()->rowCount();
        QVERIFY(dresses > 0 && dresses < model->rowCount());
        // Statistics follow the filter: one category bar, then a size histogram of the same instances.
        QTRY_COMPARE(w.datasetPage()->statsBars().size(), 1);
        QCOMPARE(w.datasetPage()->statsBars().first().first, QString("dress"));
        QCOMPARE(w.datasetPage()->statsBars().first().second, double(dresses));
        w.datasetPage()->setStatsKind(2);
        double histogram = 0;
        for (const auto& b : w.datasetPage()->statsBars()) histogram += b.second;
        QCOMPARE(histogram, double(dresses));
        w.datasetPage()->setStatsKind(1);
        QVERIFY(!w.datasetPage()->statsBars().isEmpty());
        w.datasetPage()->setStatsKind(0);
        w.datasetPage()->filter()->setCategory(-1);
        w.datasetPage()->filter()->setSearch("sleeve");
        QVERIFY(w.datasetPage()->filter()->rowCount() > 0);
        w.datasetPage()->filter()->setSearch("");
        w.datasetPage()->selectRow(0);
        QCOMPARE(w.project()->datasetAnnotations(), QString::fromStdString(data.annotationPath));
        shot(w, "dataset");

        // Pairs (built from the dataset with the project's concepts and conditions)
        QSignalSpy built(w.datasetPage(), &DatasetPage::pairsBuilt);
        w.datasetPage()->buildPairs();
        QVERIFY(built.wait(600000));
        QCOMPARE(w.currentWorkspace(), QString("pairs"));
        auto* pairs = w.pairsPage();
        QVERIFY(pairs->pairCount() >= 12);
        pairs->setState(0, "rejected");
        QCOMPARE(pairs->state(0), QString("rejected"));
        w.project()->undoStack()->undo();
        QCOMPARE(pairs->state(0), QString("pending"));
        w.project()->undoStack()->redo();
        pairs->setState(1, "accepted");
        pairs->setCaption(2, "a bright dress on the beach");
        QCOMPARE(pairs->caption(2), QString("a bright dress on the beach"));
        // Swapping a background re-composites the pair with a new seed; undo restores the pixels.
        const quint64 seedBefore = pairs->seed(3);
        pairs->swapBackground(3);
        QVERIFY(pairs->seed(3) != seedBefore);
        w.project()->undoStack()->undo();
        QCOMPARE(pairs->seed(3), seedBefore);
        // Thumbnails load off the GUI thread.
        auto* thumbs = w.datasetPage()->thumbnails();
        QAbstractItemModelTester t3(thumbs, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(thumbs->rowCount(), 40);
        thumbs->index(0).data(Qt::DecorationRole);
        QTRY_VERIFY_WITH_TIMEOUT(thumbs->cached() > 0, 120000);
        shot(w, "pairs");

        // Training, on the embedded model (empty model field, native 64 px), with the GUI thread watched.
        auto* training = w.trainingPage();
        training->setModel(QString());
        training->setManifest(pairs->manifest());
        training->setOutputDir(tmp.filePath("out/runs/flow"));
        auto c = training->config();
        QCOMPARE(c.manifest, pairs->manifest().toStdString());
        // Small and quick: the form's defaults are for real runs.
        QCOMPARE(c.resolution, 0);  // the model's native size
        c.steps = 12;
        c.checkpointEvery = 4;
        c.validateEvery = 6;
        c.learningRate = 1e-3;
        c.convRank = 2;  // LoCon through the whole run: create, train, checkpoint, save
        c.convAlpha = 1;
        training->setConfig(c);
        QCOMPARE(training->config().toJsonText(), c.toJsonText());
        QSignalSpy finished(training, &TrainingPage::runFinished);
        {
            LatencyProbe probe;
            training->start();
            QVERIFY(finished.wait(600000));
            QVERIFY2(probe.worst() < 100, qPrintable(QString("GUI stalled %1 ms while training").arg(probe.worst())));
        }
        QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(2).toString()));
        QVERIFY(training->points() >= 12);
        {
            // validate_every 6 of 12 steps: two rounds of validation images reached the strip during the run,
            // one per prompt and seed, each with a readable picture.
            auto* strip = training->findChild<QListWidget*>(QStringLiteral("validationStrip"));
            QVERIFY(strip);
            const int perRound = int(c.validationPrompts.size() * c.validationSeeds.size());
            QVERIFY(perRound > 0);
            QCOMPARE(strip->count(), 2 * perRound);
            QVERIFY(strip->item(0)->text().contains(QLatin1String("6")));
            QVERIFY(!strip->item(0)->icon().pixmap(64, 64).isNull());
        }
        shot(w, "training");

        // Stopped part-way and resumed in the GUI: the run continues like advariant-cli train --resume and ends
        // where the uninterrupted run above ended, every step once, the same losses.
        {
            auto r = c;
            r.outDir = tmp.filePath("out/runs/flow-resumed").toStdString();
            r.debugStepDelayMs = 150;  // time to press Stop between step 5 and the end
            training->setConfig(r);
            QSignalSpy stopped(training, &TrainingPage::runFinished);
            training->start();
            QTRY_VERIFY_WITH_TIMEOUT(training->points() >= 5, 600000);
            training->stop();
            QVERIFY(stopped.wait(600000));
            QVERIFY2(!stopped.first().at(0).toBool(), "the run finished before Stop took effect");
            QVERIFY(stopped.first().at(2).toString().isEmpty());  // stopped, not failed
            const auto part = adv::train::readMetrics(r.outDir);
            QVERIFY(part.size() >= 5 && part.size() < 12);

            QSignalSpy resumed(training, &TrainingPage::runFinished);
            QCOMPARE(training->resumeRun(QString::fromStdString(r.outDir)), QString());
            QVERIFY(resumed.wait(600000));
            QVERIFY2(resumed.first().at(0).toBool(), qPrintable(resumed.first().at(2).toString()));
            QVERIFY(QFileInfo::exists(QString::fromStdString(r.outDir + "/lora.safetensors")));
            const auto straight = adv::train::readMetrics(c.outDir);
            const auto again = adv::train::readMetrics(r.outDir);
            QCOMPARE(again.size(), straight.size());
            for (size_t i = 0; i < again.size(); ++i) {
                QCOMPARE(again[i].step, int(i) + 1);
                QVERIFY2(std::abs(again[i].loss - straight[i].loss) < 1e-5,
                         qPrintable(QString("step %1: %2 resumed, %3 straight").arg(i + 1).arg(again[i].loss).arg(straight[i].loss)));
            }
        }

        // Variants with the trained LoRA, compared with LoRA off.
        auto* variants = w.variantsPage();
        variants->setModelPath(QString());  // the embedded model
        variants->loadModel();
        QSignalSpy grid(variants, &VariantsPage::gridFinished);
        QTest::qWait(50);
        {
            LatencyProbe probe;
            QTRY_VERIFY_WITH_TIMEOUT(variants->findChild<QPushButton*>("renderGrid")->isEnabled(), 120000);
            variants->findChild<QLineEdit*>("concepts")->setText("dress, pants");
            variants->findChild<QLineEdit*>("conditions")->setText("beach, space");
            variants->setCompareWithoutLora(false);  // the trained LoRA only (the first-run test covers on/off)
            variants->renderGrid();
            QVERIFY(grid.wait(600000));
            QVERIFY2(probe.worst() < 100, qPrintable(QString("GUI stalled %1 ms while rendering").arg(probe.worst())));
        }
        const auto cells = variants->cells();
        QCOMPARE(cells.size(), 4);
        for (const auto& cell : cells) QVERIFY2(QFile::exists(cell.path), qPrintable(cell.path));
        variants->setApproved(cells[0].id, true);
        variants->setApproved(cells[3].id, true);
        QCOMPARE(variants->approvedCells().size(), 2);
        shot(w, "variants");

        // Export
        auto* exp = w.exportPage();
        QCOMPARE(exp->approvedCount(), 2);
        QVERIFY(exp->presetCount() >= 18);
        QSignalSpy exported(exp, &ExportPage::exported);
        exp->exportNow();
        QVERIFY(exported.wait(600000));
        QCOMPARE(exported.first().at(0).toInt(), 2 * exp->presetCount());
        QVERIFY(QFile::exists(exported.first().at(1).toString()));
        shot(w, "export");

        // Brand layer: the default kit and two copy rows; the live preview shows the layouts, the export
        // writes every approved image x every copy row x every placement.
        BrandPanel* brand = exp->brandPanel();
        brand->findChild<QCheckBox*>("brandEnabled")->setChecked(true);
        brand->setCopyRows({{"de", "Sommerschlussverkauf: Größe zählt", "Jetzt kaufen", "-30 %", "de-DE", {}},
                            {"es", "¡Diseño de año nuevo!", "Comprar ahora", "", "es-ES", {}}});
        exp->findChild<QTabWidget*>("exportTabs")->setCurrentIndex(1);
        QTRY_VERIFY_WITH_TIMEOUT(exp->previewCount() > 0, 120000);
        QSignalSpy branded(exp, &ExportPage::exported);
        exp->exportNow();
        QVERIFY(branded.wait(600000));
        QCOMPARE(branded.first().at(0).toInt(), 2 * 2 * exp->presetCount());
        QFile manifest(branded.first().at(1).toString());
        QVERIFY(manifest.open(QIODevice::ReadOnly));
        const QString csv = QString::fromUtf8(manifest.readAll());
        QVERIFY(csv.contains(QStringLiteral("A-de")) && csv.contains(QString::fromUtf8("¡Diseño de año nuevo!")));
        shot(w, "export", "export-brand");

        // The project keeps the whole job: saved and reopened in a new window, the grid with its approvals, the
        // pair set with its curation, the training runs (the last one's form and chart) and the export set are back.
        const QString projectFile = tmp.filePath("flow.advproj");
        QString err;
        QVERIFY2(w.saveProjectAs(projectFile, &err), qPrintable(err));
        {
            MainWindow again;
            QVERIFY2(again.openProject(projectFile, &err), qPrintable(err));
            QCOMPARE(again.pairsPage()->manifest(), pairs->manifest());
            QCOMPARE(again.pairsPage()->pairCount(), pairs->pairCount());
            QCOMPARE(again.pairsPage()->state(1), QString("accepted"));
            QCOMPARE(again.pairsPage()->caption(2), QString("a bright dress on the beach"));
            QCOMPARE(again.trainingPage()->config().toJsonText(), training->config().toJsonText());
            QCOMPARE(again.trainingPage()->points(), 12);  // the resumed run's chart, every step
            QCOMPARE(again.exportPage()->approvedCount(), 2);
            QCOMPARE(again.exportPage()->selectedPresets(), exp->selectedPresets());
            QCOMPARE(again.exportPage()->outputFolder(), exp->outputFolder());
            QVERIFY(!again.project()->isModified());
        }
    }

};

QTEST_MAIN(TestStudioFlow)
#include "test_studio_flow.moc"
