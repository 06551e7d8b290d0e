// The Variants grid model and the Export page's list of approved cells:
// QAbstractItemModelTester on both, render states and thumbnails, approval as a
// check box that becomes an undo command, re-rolls dropping approval, the view's
// double-click.
#include "ui/project.h"
#include "ui/variant_grid_model.h"
#include "ui/variants_page.h"
#include "util/fs.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QIcon>
#include <QLineEdit>
#include <QSpinBox>
#include <QImage>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QUndoStack>

#include <sys/stat.h>

using namespace adv::ui;

namespace {
QImage swatch(QColor c) {
    QImage img(64, 64, QImage::Format_RGB32);
    img.fill(c);
    return img;
}
QList<VariantColumn> twoConditionsWithComparison() {
    return {{"beach", 0, true}, {"beach", 0, false}, {"space", 0, true}, {"space", 1, true}};
}
} // namespace

class TestVariantModel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void gridLayoutHeadersAndStates() {
        VariantGridModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        m.setGrid({"dress", "pants", "shirt"}, twoConditionsWithComparison(), 7);
        QCOMPARE(m.rowCount(), 3);
        QCOMPARE(m.columnCount(), 4);
        QCOMPARE(m.headerData(1, Qt::Vertical).toString(), QString("pants"));
        QCOMPARE(m.headerData(0, Qt::Horizontal).toString(), QString("beach #1"));
        QVERIFY(m.headerData(1, Qt::Horizontal).toString().startsWith("beach #1 "));  // the LoRA-off column
        QCOMPARE(m.headerData(3, Qt::Horizontal).toString(), QString("space #2"));
        QSet<QString> ids;
        for (const auto& c : m.cells()) ids.insert(c.id);
        QCOMPARE(ids.size(), 12);
        const QModelIndex i = m.index(2, 3);
        QCOMPARE(i.data(VariantGridModel::ConceptRole).toString(), QString("shirt"));
        QCOMPARE(i.data(VariantGridModel::ConditionRole).toString(), QString("space"));
        QCOMPARE(i.data(VariantGridModel::SeedRole).toLongLong(), 8);
        QCOMPARE(m.index(0, 1).data(VariantGridModel::WithLoraRole).toBool(), false);
        QCOMPARE(i.data().toString(), QString("queued"));
        QVERIFY(!(m.flags(i) & Qt::ItemIsUserCheckable));  // nothing to approve before it is rendered
        QVERIFY(!m.setData(i, Qt::Checked, Qt::CheckStateRole));

        const QString id = i.data(VariantGridModel::CellIdRole).toString();
        QSignalSpy changed(&m, &QAbstractItemModel::dataChanged);
        m.setState(id, VariantGridModel::State::Rendering);
        QCOMPARE(i.data().toString(), QString("rendering"));
        m.setPreview(id, swatch(Qt::gray));
        QVERIFY(!i.data(Qt::DecorationRole).value<QIcon>().isNull());
        // The cell's request carries the caption rule's prompt and the column's seed.
        adv::studio::VariantRecord rec = m.cell(id).record;
        QCOMPARE(rec.prompt, std::string("a shirt in space"));
        QCOMPARE(rec.seed, int64_t(8));
        rec.model = "tiny";
        rec.width = rec.height = 64;
        m.setRendered(id, swatch(Qt::red), rec, "/tmp/shirt_space_s8.png");
        QCOMPARE(changed.size(), 3);
        QCOMPARE(changed.last().at(0).toModelIndex(), i);
        const QPixmap px = i.data(Qt::DecorationRole).value<QIcon>().pixmap(384, 384);
        QCOMPARE(px.size(), QSize(384, 384));  // cached at the largest zoom; the view scales it down
        QCOMPARE(px.toImage().pixelColor(5, 5), QColor(Qt::red));
        QCOMPARE(i.data(Qt::ToolTipRole).toString(), QString::fromStdString(rec.toA1111()));
        QVERIFY(i.data(Qt::ToolTipRole).toString().startsWith("a shirt in space\nSteps: 20, Sampler: DPM++ 2M Karras"));
        QCOMPARE(i.data().toString(), QString());
        QVERIFY(m.flags(i) & Qt::ItemIsUserCheckable);
        m.setState(m.index(0, 0).data(VariantGridModel::CellIdRole).toString(), VariantGridModel::State::Failed);
        QCOMPARE(m.index(0, 0).data().toString(), QString("failed"));
    }

    void approvalGoesThroughTheEditorAndFeedsTheExportList() {
        VariantGridModel m;
        ApprovedVariantsModel approved(&m);
        QAbstractItemModelTester t1(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester t2(&approved, QAbstractItemModelTester::FailureReportingMode::QtTest);
        m.setGrid({"dress", "pants"}, twoConditionsWithComparison(), 1);
        QStringList edits;
        m.setApprovalEditor([&](const QString& id, bool a) { edits << id + (a ? "+" : "-"); });
        const QModelIndex i = m.index(1, 2);
        const QString id = i.data(VariantGridModel::CellIdRole).toString();
        m.setRendered(id, swatch(Qt::blue), m.cell(id).record, "/tmp/pants_space_s1.png");
        QVERIFY(m.setData(i, Qt::Checked, Qt::CheckStateRole));
        QCOMPARE(edits, QStringList{id + "+"});                       // handed to the editor, not applied
        QCOMPARE(i.data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
        QSignalSpy approvals(&m, &VariantGridModel::approvalChanged);
        m.setApproved(id, true);                                       // the editor's answer
        QCOMPARE(approvals.size(), 1);
        QCOMPARE(i.data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
        QCOMPARE(i.data().toString(), QString("approved"));
        QVERIFY(i.data(Qt::BackgroundRole).isValid());
        QCOMPARE(m.approvedCells().size(), 1);
        QCOMPARE(approved.rowCount(), 1);
        QCOMPARE(approved.index(0).data().toString(), QString("pants / space / 1"));
        QCOMPARE(approved.index(0).data(VariantGridModel::PathRole).toString(), QString("/tmp/pants_space_s1.png"));

        // A re-roll is a new picture: back to queued, approval dropped, gone from the export list.
        m.setSeed(id, 1001);
        QCOMPARE(approvals.size(), 2);
        QCOMPARE(i.data(VariantGridModel::SeedRole).toLongLong(), 1001);
        QCOMPARE(i.data().toString(), QString("queued"));
        QCOMPARE(approved.rowCount(), 0);
        QVERIFY(m.cell(id).path.isEmpty());

        m.setGrid({"dress"}, {{"city", 0, true}}, 1);  // a new grid empties the list
        QCOMPARE(approved.rowCount(), 0);
        QCOMPARE(m.columnCount(), 1);
    }

    void pageApprovalsAreUndoableAndTheViewTogglesThem() {
        Project project;
        VariantsPage page;
        page.setProject(&project);
        page.resize(1200, 900);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        auto* m = page.gridModel();
        m->setGrid({"dress", "sweater"}, {{"beach", 0, true}, {"city", 0, true}}, 3);
        const QModelIndex i = m->index(1, 1);
        const QString id = i.data(VariantGridModel::CellIdRole).toString();
        QSignalSpy approvals(&page, &VariantsPage::approvalsChanged);

        page.setApproved(id, true);  // not rendered yet: refused
        QCOMPARE(project.undoStack()->count(), 0);
        m->setRendered(id, swatch(Qt::green), m->cell(id).record, "/tmp/sweater_city_s3.png");

        QVERIFY(m->setData(i, Qt::Checked, Qt::CheckStateRole));  // the check box
        QCOMPARE(project.undoStack()->count(), 1);
        QVERIFY(project.undoStack()->undoText().contains("sweater"));
        QCOMPARE(page.approvedCells().size(), 1);
        project.undoStack()->undo();
        QCOMPARE(page.approvedCells().size(), 0);
        project.undoStack()->redo();
        QCOMPARE(page.approvedCells().size(), 1);
        QCOMPARE(approvals.size(), 3);

        auto* view = page.findChild<QTableView*>("variantGrid");
        QVERIFY(view);
        QCOMPARE(view->model(), m);
        view->scrollTo(i);
        const QPoint centre = view->visualRect(i).center();
        QVERIFY(view->viewport()->rect().contains(centre));
        QCOMPARE(view->indexAt(centre), i);
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, centre);  // the first click of the two
        QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, centre);
        QTRY_COMPARE(page.approvedCells().size(), 0);
        QCOMPARE(project.undoStack()->count(), 2);
        QVERIFY(project.undoStack()->undoText().startsWith("Unapprove"));
    }

    void gridJsonRoundTripKeepsCellsFilesAndApprovals() {
        QTemporaryDir dir;
        VariantGridModel m;
        adv::studio::VariantRecord req;
        req.loras = {{"/models/loras/beach.safetensors", "abcdef012345", 0.8}};
        m.setGrid({"dress", "pants"}, twoConditionsWithComparison(), 5, req);
        const QString file = dir.filePath("dress_beach.png");
        QVERIFY(swatch(Qt::red).save(file));
        const QString id = m.index(0, 0).data(VariantGridModel::CellIdRole).toString();
        m.setRendered(id, swatch(Qt::red), m.cell(id).record, file);
        m.setApproved(id, true);
        const QString gone = m.index(1, 1).data(VariantGridModel::CellIdRole).toString();
        m.setRendered(gone, swatch(Qt::blue), m.cell(gone).record, dir.filePath("deleted.png"));  // never written

        VariantGridModel back;
        QAbstractItemModelTester t(&back, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QString error;
        QVERIFY2(back.fromJson(m.toJson(), &error), qPrintable(error));
        QCOMPARE(back.rowCount(), 2);
        QCOMPARE(back.columnCount(), m.columnCount());
        const auto a = m.cells(), b = back.cells();
        QCOMPARE(b.size(), a.size());
        for (int i = 0; i < a.size(); ++i) {
            QCOMPARE(b[i].id, a[i].id);
            QVERIFY(b[i].record == a[i].record);  // LoRA paths included
        }
        QCOMPARE(back.cell(id).path, file);
        QVERIFY(back.cell(id).approved);
        QVERIFY(!back.index(0, 0).data(Qt::DecorationRole).value<QIcon>().isNull());
        QVERIFY(!back.cell(gone).rendered());  // its file is gone: not shown as rendered
        QCOMPARE(back.approvedCells().size(), 1);

        // A malformed grid is refused with a reason and leaves the model as it was.
        QJsonObject bad = m.toJson();
        bad["concepts"] = QJsonArray{"dress"};
        QVERIFY(!back.fromJson(bad, &error));
        QVERIFY(error.contains("rows"));
        QCOMPARE(back.rowCount(), 2);

        // A cell's file that is not a regular file (a FIFO, a folder: a hostile project) is never opened, so
        // opening the project cannot block; the cell shows as not rendered.
        const QString fifo = dir.filePath(QStringLiteral("cell.png"));
        QVERIFY(mkfifo(QFile::encodeName(fifo).constData(), 0600) == 0);
        QJsonObject hostile = m.toJson();
        QJsonArray rows = hostile["cells"].toArray();
        QJsonArray row0 = rows[0].toArray();
        QJsonObject cell0 = row0[0].toObject();
        cell0["file"] = fifo;
        row0[0] = cell0;
        QJsonObject cell1 = row0[1].toObject();
        cell1["file"] = dir.path();
        row0[1] = cell1;
        rows[0] = row0;
        hostile["cells"] = rows;
        QVERIFY2(back.fromJson(hostile, &error), qPrintable(error));  // returns: a blocking open would hang here
        QVERIFY(!back.cell(id).rendered());
        QVERIFY(!back.cell(back.index(0, 1).data(VariantGridModel::CellIdRole).toString()).rendered());
    }

    // The Variants form saves the spec `advariant-cli grid --spec` renders (byte for byte the CLI's canonical
    // form) and opens one; a broken spec is refused with one line naming the file.
    void gridSpecSaveAndOpen() {
        VariantsPage page;
        QTemporaryDir tmp;
        page.findChild<QLineEdit*>(QStringLiteral("concepts"))->setText(QStringLiteral("dress, navy jeans"));
        page.findChild<QLineEdit*>(QStringLiteral("conditions"))->setText(QStringLiteral("beach, city"));
        page.findChild<QSpinBox*>(QStringLiteral("firstSeed"))->setValue(11);
        const QString path = tmp.filePath(QStringLiteral("spring.json"));
        QCOMPARE(page.saveGridSpec(path), QString());
        const auto g = adv::studio::GridSpec::fromFile(path.toStdString());
        QCOMPARE(g.concepts, (std::vector<std::string>{"dress", "navy jeans"}));
        QCOMPARE(g.conditions, (std::vector<std::string>{"beach", "city"}));
        QCOMPARE(g.firstSeed, int64_t(11));
        QCOMPARE(g.cells().size(), size_t(4));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll().toStdString(), g.toJsonText());
        // Open a spec written elsewhere: the form follows it.
        adv::studio::GridSpec other = g;
        other.concepts = {"shirt"};
        other.conditions = {"space"};
        other.seedsPerCell = 3;
        other.steps = 9;
        other.sampler = "euler_a";
        const QString otherPath = tmp.filePath(QStringLiteral("other.json"));
        adv::fs::writeFileAtomic(otherPath.toStdString(), other.toJsonText());
        QCOMPARE(page.openGridSpec(otherPath), QString());
        QCOMPARE(page.concepts(), QStringList{QStringLiteral("shirt")});
        QCOMPARE(page.gridSpec().toJsonText(), other.toJsonText());
        // A broken one: one line naming the file, the form unchanged.
        const QString bad = tmp.filePath(QStringLiteral("bad.json"));
        adv::fs::writeFileAtomic(bad.toStdString(), "{\"concepts\": [\"x\"], \"conditions\": [\"y\"], \"steps\": -1}");
        const QString err = page.openGridSpec(bad);
        QVERIFY2(err.contains(QStringLiteral("bad.json")) && err.contains(QStringLiteral("steps")) && !err.contains('\n'), qPrintable(err));
        QCOMPARE(page.gridSpec().toJsonText(), other.toJsonText());
    }
};

QTEST_MAIN(TestVariantModel)
#include "test_variant_model.moc"
