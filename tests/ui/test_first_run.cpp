// The first run, as a new user meets it: a fresh home directory, the studio opened, Variants,
// one click on "Render grid" — no "Load model" first. The embedded model must load by itself,
// the click must render every cell, the shipped demo LoRA must be on (compared with LoRA off),
// and the default first seed must give clean studio backdrops on the base model's cells.
#include "ui/gallery_model.h"
#include "ui/gallery_page.h"
#include "ui/main_window.h"
#include "ui/project.h"
#include "ui/variants_page.h"

#include <QDir>
#include <QImage>
#include <QPushButton>
#include <QStandardPaths>
#include <QtTest>

#include <cmath>

using namespace adv::ui;

namespace {
// Standard deviation of the image's outer ring (2 px), averaged over R, G and B: the backdrop's noise.
double borderNoise(const QImage& src) {
    const QImage img = src.convertToFormat(QImage::Format_RGB888);
    double sum[3] = {0, 0, 0}, sq[3] = {0, 0, 0};
    int n = 0;
    for (int y = 0; y < img.height(); ++y)
        for (int x = 0; x < img.width(); ++x) {
            if (x >= 2 && y >= 2 && x < img.width() - 2 && y < img.height() - 2) continue;
            const QRgb p = img.pixel(x, y);
            const int v[3] = {qRed(p), qGreen(p), qBlue(p)};
            for (int c = 0; c < 3; ++c) sum[c] += v[c], sq[c] += double(v[c]) * v[c];
            ++n;
        }
    double sd = 0;
    for (int c = 0; c < 3; ++c) sd += std::sqrt(std::max(0.0, sq[c] / n - (sum[c] / n) * (sum[c] / n)));
    return sd / 3;
}

double meanAbsDiff(const QImage& a0, const QImage& b0) {
    const QImage a = a0.convertToFormat(QImage::Format_RGB888), b = b0.convertToFormat(QImage::Format_RGB888);
    if (a.size() != b.size()) return 255;
    double d = 0;
    for (int y = 0; y < a.height(); ++y)
        for (int x = 0; x < a.width(); ++x) {
            const QRgb p = a.pixel(x, y), q = b.pixel(x, y);
            d += std::abs(qRed(p) - qRed(q)) + std::abs(qGreen(p) - qGreen(q)) + std::abs(qBlue(p) - qBlue(q));
        }
    return d / (3.0 * a.width() * a.height());
}
} // namespace

class TestFirstRun : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        // A fresh home: CTest points HOME and XDG_* at this folder; nothing may be left from a previous run.
        const QString home = qEnvironmentVariable("HOME");
        QVERIFY2(home.endsWith(QStringLiteral("first-run-home")), qPrintable(home));
        QDir(home).removeRecursively();
        QVERIFY(QDir().mkpath(home));
        QCoreApplication::setOrganizationName(QStringLiteral("AdVariant"));
        QCoreApplication::setApplicationName(QStringLiteral("AdVariant Studio"));
        QVERIFY(QDir(QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation)).isEmpty());
    }

    void firstClickRendersTheGrid() {
        MainWindow w;
        w.resize(1400, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.setCurrentWorkspace(QStringLiteral("variants"));
        auto* page = w.variantsPage();
        auto* render = page->findChild<QPushButton*>(QStringLiteral("renderGrid"));
        QVERIFY(render);
        QVERIFY(render->isEnabled());
        QVERIFY(page->cellSize() >= 192);  // readable cells by default; the zoom slider goes both ways
        page->setCellSize(1000);
        QCOMPARE(page->cellSize(), 384);
        page->setCellSize(192);  // clickable at once: the click queues behind the model load
        QSignalSpy finished(page, &VariantsPage::gridFinished);
        QTest::mouseClick(render, Qt::LeftButton);
        QVERIFY(finished.wait(600000));

        QVERIFY(page->isModelLoaded());
        QVERIFY2(page->statusText().contains(QStringLiteral("24 / 24 rendered")), qPrintable(page->statusText()));
        const auto cells = page->cells();
        const int concepts = page->concepts().size(), conditions = page->conditions().size();
        QCOMPARE(concepts, 4);
        QCOMPARE(conditions, 3);
        QCOMPARE(cells.size(), concepts * conditions * 2);  // the shipped demo LoRA, on and off
        QHash<QString, QImage> byKey;
        int withLora = 0;
        for (const auto& c : cells) {
            QVERIFY2(c.rendered(), qPrintable(c.id + QStringLiteral(" not rendered")));
            QVERIFY2(QFileInfo::exists(c.path), qPrintable(c.path));
            QCOMPARE(c.record.model, std::string("advariant-tiny"));  // the embedded model, loaded by itself
            QCOMPARE(c.seed(), qint64(6));                           // the default first seed
            QImage img(c.path);
            QVERIFY2(!img.isNull(), qPrintable(c.path));
            if (c.withLora) {
                ++withLora;
                QCOMPARE(int(c.record.loras.size()), 1);
                QVERIFY(QString::fromStdString(c.record.loras[0].file).endsWith(QStringLiteral("demo.safetensors")));
                QVERIFY(!c.record.loras[0].sha256.empty());
            } else {
                QVERIFY(c.record.loras.empty());
                // The base model on the default first seed: a clean studio backdrop, not patterned noise.
                // Measured on the 64 px cells: seed 1's patterned backdrops 24-32, clean seeds (2, 3, 6) 12-16.
                const double noise = borderNoise(img);
                QVERIFY2(noise < 20.0, qPrintable(QStringLiteral("%1: backdrop noise %2").arg(c.id).arg(noise)));
            }
            byKey.insert(c.concept() + QLatin1Char('|') + c.condition() + (c.withLora ? QStringLiteral("|lora") : QString()), img);
        }
        QCOMPARE(withLora, concepts * conditions);
        // The LoRA changes the picture (it draws the asked backdrop).
        int changed = 0;
        for (auto it = byKey.cbegin(); it != byKey.cend(); ++it)
            if (!it.key().endsWith(QStringLiteral("|lora")) &&
                meanAbsDiff(it.value(), byKey.value(it.key() + QStringLiteral("|lora"))) > 10.0)
                ++changed;
        QVERIFY2(changed >= concepts * conditions * 3 / 4, qPrintable(QString::number(changed)));
        // Nothing was overwritten: one file per cell.
        QSet<QString> files;
        for (const auto& c : cells) files.insert(c.path);
        QCOMPARE(files.size(), cells.size());
        // The gallery holds every render of the project.
        QCOMPARE(w.galleryPage()->model()->rowCount(), int(cells.size()));
        QDir shots(qEnvironmentVariable("ADV_SCREENSHOT_DIR", QDir::tempPath()));
        shots.mkpath(QStringLiteral("."));
        w.grab().save(shots.filePath(QStringLiteral("first-run-variants.png")));
        w.setCurrentWorkspace(QStringLiteral("gallery"));
        QTest::qWait(500);  // thumbnails decode on the thread pool
        w.grab().save(shots.filePath(QStringLiteral("first-run-gallery.png")));
        w.setCurrentWorkspace(QStringLiteral("variants"));

        // The project keeps the grid: approve two cells, save, close; a new window opening the project
        // shows the same cells, files, parameters and approvals.
        page->setApproved(cells[0].id, true);
        page->setApproved(cells[5].id, true);
        QVERIFY(w.project()->isModified());
        const QString projectFile = QDir(qEnvironmentVariable("HOME")).filePath(QStringLiteral("first.advproj"));
        QString error;
        QVERIFY2(w.saveProjectAs(projectFile, &error), qPrintable(error));
        QVERIFY(!w.project()->isModified());
        const auto before = page->cells();
        w.close();

        MainWindow again;
        QVERIFY2(again.openProject(projectFile, &error), qPrintable(error));
        const auto after = again.variantsPage()->cells();
        QCOMPARE(after.size(), before.size());
        for (int i = 0; i < after.size(); ++i) {
            QCOMPARE(after[i].id, before[i].id);
            QCOMPARE(after[i].path, before[i].path);
            QCOMPARE(after[i].approved, before[i].approved);
            QVERIFY(after[i].record == before[i].record);
        }
        QCOMPARE(again.variantsPage()->approvedCells().size(), 2);
        QVERIFY(!again.project()->isModified());
    }
};

QTEST_MAIN(TestFirstRun)
#include "test_first_run.moc"
