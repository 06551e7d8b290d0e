// The built-in ad-platform plugins load through QPluginLoader and provide the
// placements the platforms specify; a user presets.json adds and overrides.
#include "registry/preset_registry.h"

#include <QCoreApplication>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using adv::plugins::PresetRegistry;

class TestPresetRegistry : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void builtInPlugins() {
        PresetRegistry r;
        r.loadPlugins();
        QVERIFY2(r.errors().isEmpty(), qPrintable(r.errors().join("; ")));
        QCOMPARE(r.plugins().size(), 6);
        QStringList platforms = r.platforms();
        platforms.sort();
        QCOMPARE(platforms, (QStringList{"google-display", "google-pmax", "linkedin", "meta", "pinterest", "tiktok"}));
        auto find = [&](const char* id) -> const adv::exportset::Preset* {
            for (const auto& p : r.presets())
                if (p.id == id) return &p;
            return nullptr;
        };
        const auto* story = find("meta-story");
        QVERIFY(story);
        QCOMPARE(story->width, 1080);
        QCOMPARE(story->height, 1920);
        QCOMPARE(story->textSafe.top, 0.14);
        QCOMPARE(story->textSafe.bottom, 0.20);
        int n = 0;
        for (const auto& p : r.presets())
            if (p.platform == "google-display") {
                QCOMPARE(p.maxBytes, int64_t(150 * 1024));
                ++n;
            }
        QCOMPARE(n, 9);
        const auto* pmax = find("pmax-portrait");
        QVERIFY(pmax && pmax->width == 960 && pmax->height == 1200 && pmax->subjectArea.left == 0.10 && pmax->maxBytes == (5 << 20));
        QVERIFY(find("pinterest-pin") && find("pinterest-pin")->height == 1500);
        QVERIFY(find("linkedin-landscape") && find("tiktok-infeed"));
        QString err;
        QCOMPARE(r.select({"meta", "gdn-300x250"}, &err).size(), size_t(4));
        QVERIFY(r.select({"myspace"}, &err).empty());
        QVERIFY(err.contains("myspace"));
    }

    void userFileAddsAndOverrides() {
        QTemporaryDir dir;
        const QString path = dir.filePath("presets.json");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"presets":[{"platform":"meta","id":"meta-square","width":1080,"height":1080,"max_bytes":1000},
                               {"platform":"shop","id":"shop-hero","width":1600,"height":600}]})");
        f.close();
        PresetRegistry r;
        r.loadPlugins();
        const size_t before = r.presets().size();
        r.loadUserFile(path);
        QCOMPARE(r.presets().size(), before + 1);
        for (const auto& p : r.presets())
            if (p.id == "meta-square") QCOMPARE(p.maxBytes, int64_t(1000));
        QFile bad(dir.filePath("bad.json"));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("{oops");
        bad.close();
        r.loadUserFile(dir.filePath("bad.json"));
        QVERIFY(!r.errors().isEmpty());
        QVERIFY(r.errors().last().contains("bad.json"));
    }
};

QTEST_GUILESS_MAIN(TestPresetRegistry)
#include "test_preset_registry.moc"
