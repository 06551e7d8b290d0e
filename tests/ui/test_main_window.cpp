// Main window, offscreen: workspaces, menus, undo wiring, project I/O, device
// label, and a screenshot of each workspace at a fixed size.
#include "ui/about_dialog.h"
#include "ui/dataset_models.h"
#include "ui/dataset_page.h"
#include "ui/main_window.h"
#include "ui/products_panel.h"
#include "ui/project.h"
#include "ui/variants_page.h"

#include "dataset/query.h"
#include "dataset/synth.h"

#include <QAction>
#include <QDir>
#include <QLabel>
#include <QMenuBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QSplitter>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

using namespace adv::ui;

class TestMainWindow : public QObject {
    Q_OBJECT
    QTemporaryDir dir;

    static QString screenshotDir() {
        const QString d = qEnvironmentVariable("ADV_SCREENSHOT_DIR", QDir::tempPath());
        QDir().mkpath(d);
        return d;
    }

private Q_SLOTS:
    void initTestCase() {
        QCoreApplication::setOrganizationName("AdVariantTest");
        QCoreApplication::setApplicationName("test_main_window");
    }

    void hasEveryWorkspaceAndMenu() {
        MainWindow w;
        QCOMPARE(w.workspaceIds(), (QStringList{"dataset", "pairs", "training", "variants", "gallery", "export"}));
        QCOMPARE(w.currentWorkspace(), QString("dataset"));
        w.setCurrentWorkspace("variants");
        QCOMPARE(w.currentWorkspace(), QString("variants"));
        QStringList menus;
        for (QAction* a : w.menuBar()->actions()) menus << a->text().remove('&');
        QCOMPARE(menus, (QStringList{"File", "Edit", "View", "Help"}));
        for (const char* name : {"actionNew", "actionOpen", "actionSave", "actionSaveAs", "actionUndo", "actionRedo",
                                 "actionSettings", "actionAbout"})
            QVERIFY2(w.findChild<QAction*>(name), name);
    }

    void remembersSplitters() {
        QList<int> sizes;
        {
            MainWindow w;
            w.resize(1200, 800);
            w.show();
            auto* sp = w.findChild<QSplitter*>("trainingSplitter");
            QVERIFY(sp);
            sp->setSizes({300, 900});
            sizes = sp->sizes();
            QVERIFY(w.close());  // nothing unsaved: closes and stores the state
        }
        MainWindow w2;
        w2.resize(1200, 800);
        w2.show();
        auto* sp = w2.findChild<QSplitter*>("trainingSplitter");
        QVERIFY(sp);
        QCOMPARE(sp->sizes(), sizes);
        for (const char* name : {"datasetSplitter", "exportSplitter"}) QVERIFY2(w2.findChild<QSplitter*>(name), name);
    }

    void statusBarShowsDevice() {
        MainWindow w;
        auto* label = w.findChild<QLabel*>("deviceLabel");
        QVERIFY(label);
        QVERIFY2(label->text().contains("CPU") || label->text().contains("CUDA"), qPrintable(label->text()));
    }

    void undoActionsFollowTheProject() {
        MainWindow w;
        auto* undo = w.findChild<QAction*>("actionUndo");
        QVERIFY(!undo->isEnabled());
        w.project()->setValue("title", "Edited");
        QVERIFY(undo->isEnabled());
        QVERIFY(w.windowTitle().contains("*"));
        undo->trigger();
        QCOMPARE(w.project()->title(), QString("Untitled"));
        QVERIFY(!w.windowTitle().contains("*"));
    }

    void saveAndReopen() {
        MainWindow w;
        w.project()->setValue("title", "Campaign");
        const QString path = dir.filePath("campaign.advproj");
        QString err;
        QVERIFY2(w.saveProjectAs(path, &err), qPrintable(err));
        QVERIFY(w.windowTitle().startsWith("campaign"));
        MainWindow w2;
        QVERIFY2(w2.openProject(path, &err), qPrintable(err));
        QCOMPARE(w2.project()->title(), QString("Campaign"));
        QVERIFY(!w2.openProject(dir.filePath("missing.advproj"), &err));
        QVERIFY(err.contains("missing.advproj"));
        QCOMPARE(w2.project()->title(), QString("Campaign"));
    }

    void aboutListsLicences() {
        AboutDialog d;
        auto* t = d.findChild<QTableWidget*>("licenceTable");
        QVERIFY(t);
        QStringList names;
        for (int i = 0; i < t->rowCount(); ++i) names << t->item(i, 0)->text();
        for (const char* n : {"Qt 6", "QCustomPlot 2.1", "LibTorch (PyTorch)", "OpenCV 4", "spdlog", "nlohmann/json", "jemalloc"})
            QVERIFY2(names.contains(n), n);
    }

    // The Dataset workspace hands its selected garments to the Variants workspace as product rows.
    void datasetGarmentsBecomeProducts() {
        adv::synth::SynthOptions so;
        so.images = 4;
        so.seed = 5;
        so.width = 96;
        so.height = 120;
        const auto data = adv::synth::writeDataset(dir.filePath("data").toStdString(), so);
        MainWindow w;
        auto* fromDataset = w.variantsPage()->products()->findChild<QPushButton*>(QStringLiteral("productsFromDataset"));
        QVERIFY(fromDataset && !fromDataset->isEnabled());
        QSignalSpy loaded(w.datasetPage(), &DatasetPage::loaded);
        w.datasetPage()->open(QString::fromStdString(data.annotationPath), QString::fromStdString(data.imagesDir));
        QVERIFY(loaded.wait(60000));
        QVERIFY(fromDataset->isEnabled());
        auto* use = w.datasetPage()->findChild<QPushButton*>(QStringLiteral("useAsProducts"));
        QVERIFY(use);
        int garment = 0;  // the first of Fashionpedia's main garments (ids 0..11) the sample has
        for (; garment < 12; ++garment) {
            w.datasetPage()->filter()->setCategory(garment);
            if (w.datasetPage()->filter()->rowCount() > 0) break;
        }
        QVERIFY(garment < 12);
        const QString name = QString::fromStdString(adv::coco::readableCategory(
            w.datasetPage()->dataset()->category(garment)->name));
        w.datasetPage()->selectRow(0);
        QCOMPARE(w.datasetPage()->selectedAnnotations().size(), 1);
        QVERIFY(use->isEnabled());
        QSignalSpy added(w.variantsPage()->products(), &ProductsPanel::productsAdded);
        use->click();
        QCOMPARE(w.currentWorkspace(), QStringLiteral("variants"));
        QVERIFY(added.wait(60000));
        QCOMPARE(added[0][0].toStringList(), QStringList{name});
        QVERIFY(QFileInfo::exists(QString::fromStdString(w.variantsPage()->products()->input(name).mask)));
    }

    void screenshotsOfEveryWorkspace() {
        MainWindow w;
        w.resize(1280, 800);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        for (const QString& id : w.workspaceIds()) {
            w.setCurrentWorkspace(id);
            QCoreApplication::processEvents();
            const QImage img = w.grab().toImage();
            QCOMPARE(img.size(), QSize(1280, 800));
            const QString file = QDir(screenshotDir()).filePath("workspace-" + id + ".png");
            QVERIFY2(img.save(file), qPrintable(file));
        }
    }
};

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
