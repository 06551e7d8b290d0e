// studio::GridSpec: a variant grid as a job file. Here: the hires fix in a spec — written only when used (a
// spec without it keeps its text and hash), read back, carried into every cell's request, and malformed
// values refused naming the file and the field. Torch-free: built against the core interface like ui/ is.
#include "studio/grid_spec.h"
#include "util/error.h"

#include <QtTest>

using adv::studio::GridSpec;

namespace {
GridSpec sample() {
    GridSpec g;
    g.concepts = {"dress", "shirt"};
    g.conditions = {"beach"};
    g.seedsPerCell = 2;
    g.firstSeed = 6;
    return g;
}
} // namespace

class TestGridSpec : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void withoutHiresTheTextHasNoHiresKeys() {
        const GridSpec g = sample();
        const std::string text = g.toJsonText();
        QVERIFY(text.find("hires") == std::string::npos);
        const GridSpec back = GridSpec::fromJsonText(text, "grid.json");
        QCOMPARE(back.toJsonText(), text);
        QCOMPARE(back.hash(), g.hash());
        for (const auto& c : back.cells()) {
            const auto r = back.request(c);
            QCOMPARE(r.hiresScale, 0.0);
            QCOMPARE(r.denoisingStrength, 0.0);
        }
    }

    void hiresRoundTripsAndReachesEveryCell() {
        GridSpec g = sample();
        g.hiresScale = 2.5;
        g.hiresStrength = 0.35;
        const GridSpec back = GridSpec::fromJsonText(g.toJsonText(), "grid.json");
        QCOMPARE(back.hiresScale, 2.5);
        QCOMPARE(back.hiresStrength, 0.35);
        QVERIFY(back.hash() != sample().hash());
        const auto cells = back.cells();
        QCOMPARE(cells.size(), size_t(4));
        for (const auto& c : cells) {
            const auto r = back.request(c);
            QCOMPARE(r.hiresScale, 2.5);
            QCOMPARE(r.denoisingStrength, 0.35);
        }
        // The strength may be left to the renderer's default.
        g.hiresStrength = 0;
        const GridSpec d = GridSpec::fromJsonText(g.toJsonText(), "grid.json");
        QVERIFY(g.toJsonText().find("hires_strength") == std::string::npos);
        QCOMPARE(d.request(d.cells().front()).denoisingStrength, 0.0);
    }

    void badHiresValuesAreRefused_data() {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::newRow("scale 1") << "hires_scale" << "1";
        QTest::newRow("scale 0.5") << "hires_scale" << "0.5";
        QTest::newRow("scale 9") << "hires_scale" << "9";
        QTest::newRow("scale text") << "hires_scale" << "\"2\"";
        QTest::newRow("strength 0") << "hires_strength" << "0";
        QTest::newRow("strength 1.5") << "hires_strength" << "1.5";
        QTest::newRow("strength -1") << "hires_strength" << "-1";
    }
    void badHiresValuesAreRefused() {
        QFETCH(QString, field);
        QFETCH(QString, value);
        const std::string text = "{\"concepts\": [\"dress\"], \"conditions\": [\"beach\"], \"" + field.toStdString() +
                                 "\": " + value.toStdString() + "}";
        try {
            GridSpec::fromJsonText(text, "spec.json");
            QFAIL("accepted");
        } catch (const adv::Error& e) {
            const std::string m = adv::userMessage(e);
            QVERIFY2(m.find("spec.json") != std::string::npos && m.find(field.toStdString()) != std::string::npos, m.c_str());
        }
    }
};

QTEST_GUILESS_MAIN(TestGridSpec)
#include "test_grid_spec.moc"
