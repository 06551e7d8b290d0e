// The render history (GalleryModel, GalleryFilter, GalleryPage): entries from the project's "history", newest
// first, approvals from the grid, damaged entries skipped; filters by concept, condition, LoRA ("(none)" too) and
// approval; the page follows the project and "Use these parameters" reaches the Variants workspace.
#include "ui/gallery_model.h"
#include "ui/gallery_page.h"
#include "ui/main_window.h"
#include "ui/project.h"
#include "ui/variants_page.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QtTest>

using namespace adv;
using namespace adv::ui;

namespace {
studio::VariantRecord rec(const char* concept, const char* condition, int64_t seed, const char* lora) {
    studio::VariantRecord r;
    r.concept = concept;
    r.condition = condition;
    r.prompt = std::string("a ") + concept + " on the " + condition;
    r.seed = seed;
    r.steps = 7;
    if (*lora) r.loras.push_back({std::string("/models/") + lora + ".safetensors", "0123456789ab", 0.8});
    return r;
}

QJsonObject projectData() {
    QJsonArray history{GalleryModel::historyEntry("/r/dress_beach_s6.png", rec("dress", "beach", 6, "demo")),
                       GalleryModel::historyEntry("/r/shirt_city_s6.png", rec("shirt", "city", 6, "")),
                       QJsonObject{{"file", "/r/broken.png"}, {"record", QJsonObject{{"seed", "not a number"}}}},
                       GalleryModel::historyEntry("/r/dress_city_s7.png", rec("dress", "city", 7, "demo")),
                       GalleryModel::historyEntry("/r/dress_beach_s6-2.png", rec("dress", "beach", 6, "demo"))};
    QJsonObject grid{{"cells", QJsonArray{QJsonArray{QJsonObject{{"file", "/r/dress_city_s7.png"}, {"approved", true}},
                                                     QJsonObject{{"file", "/r/shirt_city_s6.png"}, {"approved", false}}}}}};
    return QJsonObject{{"history", history}, {"variants", grid}};
}
} // namespace

class TestGalleryModel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void historyNewestFirstWithApprovals() {
        GalleryModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        m.setProjectData(projectData());
        QCOMPARE(m.rowCount(), 4);  // the damaged entry is skipped
        QCOMPARE(m.item(0).file, QStringLiteral("/r/dress_beach_s6-2.png"));  // re-rendered: its own file, newest
        QCOMPARE(m.item(3).file, QStringLiteral("/r/dress_beach_s6.png"));
        QVERIFY(m.item(1).approved);
        QVERIFY(!m.item(2).approved);
        QCOMPARE(m.concepts(), (QStringList{"dress", "shirt"}));
        QCOMPARE(m.conditions(), (QStringList{"beach", "city"}));
        QCOMPARE(m.loras(), QStringList{"demo"});
        QVERIFY(m.data(m.index(1), Qt::DisplayRole).toString().contains(QStringLiteral("seed 7")));
        QVERIFY(m.data(m.index(0), Qt::ToolTipRole).toString().contains(QStringLiteral("Steps: 7")));
    }

    void filtersNarrowTheHistory() {
        GalleryModel m;
        m.setProjectData(projectData());
        GalleryFilter f;
        f.setSourceModel(&m);
        QCOMPARE(f.rowCount(), 4);
        f.setConcept("dress");
        QCOMPARE(f.rowCount(), 3);
        f.setCondition("city");
        QCOMPARE(f.rowCount(), 1);
        f.setCondition("");
        f.setApproval(GalleryFilter::Approval::NotApproved);
        QCOMPARE(f.rowCount(), 2);
        f.setApproval(GalleryFilter::Approval::Approved);
        QCOMPARE(f.rowCount(), 1);
        f.setApproval(GalleryFilter::Approval::All);
        f.setConcept("");
        f.setLora(GalleryFilter::noLora());
        QCOMPARE(f.rowCount(), 1);
        QCOMPARE(f.index(0, 0).data(GalleryModel::FileRole).toString(), QStringLiteral("/r/shirt_city_s6.png"));
        f.setLora("demo");
        QCOMPARE(f.rowCount(), 3);
    }

    void pageFollowsTheProjectAndSendsParameters() {
        Project p;
        GalleryPage page;
        page.setProject(&p);
        QCOMPARE(page.shown(), 0);
        const QJsonObject d = projectData();
        p.recordState("variants", d.value("variants"));
        p.recordState("history", d.value("history"));
        QCOMPARE(page.shown(), 4);
        page.setFilters("dress", "", "", 0);
        QCOMPARE(page.shown(), 3);
        page.setFilters("", "", GalleryFilter::noLora(), 0);
        QCOMPARE(page.shown(), 1);

        MainWindow w;
        w.project()->recordState("history", d.value("history"));
        QCOMPARE(w.galleryPage()->shown(), 4);
        Q_EMIT w.galleryPage()->useParameters(w.galleryPage()->model()->item(1).record);  // dress / city, seed 7
        QCOMPARE(w.currentWorkspace(), QStringLiteral("variants"));
        QCOMPARE(w.variantsPage()->gridSpec().firstSeed, int64_t(7));
        QCOMPARE(w.variantsPage()->gridSpec().concepts, std::vector<std::string>{"dress"});
        QCOMPARE(w.variantsPage()->request().steps, 7);
    }
};

QTEST_MAIN(TestGalleryModel)
#include "test_gallery_model.moc"
