// The Pairs workspace's model: QAbstractItemModelTester on the model and its grouping
// proxy, captions edited in place become undo commands, states colour the cells,
// re-compositing a pair refreshes its thumbnail, rows are grouped by category and condition.
#include "ui/pair_model.h"
#include "ui/pairs_page.h"
#include "ui/project.h"

#include "dataset/coco.h"
#include "dataset/synth.h"
#include "pairs/pair_set.h"

#include <QAbstractItemModelTester>
#include <QLineEdit>
#include <QListView>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <memory>

using namespace adv;
using namespace adv::ui;

// A Pairs page on its own project, with the test's manifest open.
struct Fixture {
    Project project;
    PairsPage page;
    bool opened = false;
    explicit Fixture(const QString& manifest) {
        page.setProject(&project);
        opened = page.openManifest(manifest);
    }
};

class TestPairModel : public QObject {
    Q_OBJECT
    QTemporaryDir tmp;
    std::shared_ptr<coco::Dataset> ds;
    QString images, manifest;

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(tmp.isValid());
        synth::SynthOptions so;
        so.images = 24;
        so.seed = 5;
        const auto data = synth::writeDataset(tmp.filePath("data").toStdString(), so);
        ds = std::make_shared<coco::Dataset>(coco::loadCoco(data.annotationPath));
        images = QString::fromStdString(data.imagesDir);
        pairs::PairSetOptions po;
        po.categories = {"dress", "pants", "shirt"};
        po.perCategory = 2;
        po.resolution = 64;
        const auto set = pairs::buildPairs(*ds, data.imagesDir, po, tmp.filePath("pairs").toStdString());
        QVERIFY(set.pairs.size() >= 12);
        manifest = QString::fromStdString(set.manifestPath());
    }

    void modelAndProxyPassTheTester() {
        PairsPage page;
        Project project;
        page.setProject(&project);
        QAbstractItemModelTester t1(page.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester t2(page.groupedModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(page.openManifest(manifest));
        QCOMPARE(page.model()->rowCount(), page.pairCount());
        QCOMPARE(page.groupedModel()->rowCount(), page.pairCount());
        page.setState(0, "accepted");
        page.setCaption(1, "a dress by the sea");
        project.undoStack()->undo();
        project.undoStack()->undo();
        QVERIFY(page.openManifest(manifest));  // reset while watched
    }

    void captionEditedInPlaceIsUndoable() {
        Fixture f(manifest);
        QVERIFY(f.opened);
        auto& page = f.page;
        auto& project = f.project;
        auto* m = page.model();
        const QModelIndex i = m->index(2);
        const QString before = i.data(Qt::EditRole).toString();
        QVERIFY(m->flags(i) & Qt::ItemIsEditable);
        QSignalSpy changed(m, &QAbstractItemModel::dataChanged);
        QVERIFY(m->setData(i, "a shirt under neon lights"));
        QCOMPARE(page.caption(2), QString("a shirt under neon lights"));
        QCOMPARE(i.data(Qt::EditRole).toString(), QString("a shirt under neon lights"));
        QVERIFY(i.data(Qt::DisplayRole).toString().startsWith("a shirt under neon lights\n["));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(project.undoStack()->count(), 1);
        QVERIFY(!m->setData(i, "   "));  // an empty caption is refused
        QCOMPARE(project.undoStack()->count(), 1);
        project.undoStack()->undo();
        QCOMPARE(i.data(Qt::EditRole).toString(), before);
        // The edit reached the manifest on disk.
        project.undoStack()->redo();
        const auto reloaded = pairs::PairSet::load(QFileInfo(manifest).absolutePath().toStdString());
        QCOMPARE(QString::fromStdString(reloaded.pairs[2].caption), QString("a shirt under neon lights"));
        QVERIFY(reloaded.pairs[2].captionEdited);
    }

    void inlineEditorCommitsThroughTheView() {
        Fixture f(manifest);
        QVERIFY(f.opened);
        auto& page = f.page;
        auto& project = f.project;
        auto* view = page.findChild<QListView*>("pairGrid");
        QVERIFY(view);
        page.resize(900, 700);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        const QModelIndex first = page.groupedModel()->index(0, 0);
        const int row = page.groupedModel()->mapToSource(first).row();
        view->setCurrentIndex(first);
        view->edit(first);
        auto* editor = view->findChild<QLineEdit*>();
        QVERIFY(editor);
        editor->selectAll();
        QTest::keyClicks(editor, "a dress at golden");
        page.model()->pairChanged(row, true);  // the row changes under the open editor (a new thumbnail)
        QTRY_VERIFY(page.model()->hasThumbnail(row));
        QCOMPARE(editor->text(), QString("a dress at golden"));  // what was typed survives
        QTest::keyClicks(editor, " hour");
        QTest::keyClick(editor, Qt::Key_Return);  // the delegate commits from the event loop
        QTRY_COMPARE(page.caption(row), QString("a dress at golden hour"));
        QCOMPARE(project.undoStack()->count(), 1);
    }

    void statesColourAndGroup() {
        Fixture f(manifest);
        QVERIFY(f.opened);
        auto& page = f.page;
        auto* m = page.model();
        QVERIFY(!m->index(0).data(Qt::BackgroundRole).isValid());
        page.setState(0, "accepted");
        page.setState(1, "rejected");
        QCOMPARE(m->index(0).data(PairModel::StateRole).toString(), QString("accepted"));
        QCOMPARE(m->index(0).data(Qt::BackgroundRole).value<QColor>(), QColor(200, 240, 200));
        QCOMPARE(m->index(1).data(Qt::BackgroundRole).value<QColor>(), QColor(245, 200, 200));
        // Thumbnails decode off the GUI thread: a placeholder first, then the picture.
        const QImage placeholder = m->index(0).data(Qt::DecorationRole).value<QPixmap>().toImage();
        QTRY_VERIFY(m->hasThumbnail(0));
        const QImage thumb = m->index(0).data(Qt::DecorationRole).value<QPixmap>().toImage();
        QVERIFY(!thumb.isNull());
        QVERIFY(thumb != placeholder);
        // Grouped: category, then condition; every (category, condition) block is contiguous.
        auto* g = page.groupedModel();
        QStringList keys;
        for (int r = 0; r < g->rowCount(); ++r)
            keys << g->index(r, 0).data(PairModel::CategoryRole).toString() + "/" +
                        g->index(r, 0).data(PairModel::ConditionRole).toString();
        QStringList sorted = keys;
        std::stable_sort(sorted.begin(), sorted.end());
        QCOMPARE(keys, sorted);
        QVERIFY(keys.first() != keys.last());
    }

    void swappedBackgroundRefreshesTheThumbnail() {
        Fixture f(manifest);
        QVERIFY(f.opened);
        auto& page = f.page;
        auto& project = f.project;
        page.setSource(ds, images);
        auto* m = page.model();
        auto thumbnail = [m](int row) {
            m->index(row).data(Qt::DecorationRole);  // asks for it
            if (!QTest::qWaitFor([&] { return m->hasThumbnail(row); }, 60000)) return QImage();
            return m->index(row).data(Qt::DecorationRole).value<QPixmap>().toImage();
        };
        const QImage before = thumbnail(3);
        QVERIFY(!before.isNull());
        QSignalSpy changed(m, &QAbstractItemModel::dataChanged);
        page.swapBackground(3);
        QCOMPARE(changed.count(), 1);
        QVERIFY(!m->hasThumbnail(3));  // the old one is dropped at once
        const QImage after = thumbnail(3);
        QVERIFY(!after.isNull());
        QVERIFY(after != before);  // re-composited on another background
        project.undoStack()->undo();
        QCOMPARE(thumbnail(3), before);
    }
};

QTEST_MAIN(TestPairModel)
#include "test_pair_model.moc"
