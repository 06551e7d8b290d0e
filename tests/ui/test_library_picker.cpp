// LibraryPicker (ui/library_picker.h): entries listed with their labels, the embedded model as "", "(none)" for
// no LoRA, typed paths kept, unusable entries greyed, the choice kept across a rescan; and the Variants page's
// pickers filled from the model folders in Settings (a LoRA placed there is offered and used by the grid).
#include "ui/library_picker.h"
#include "ui/preferences.h"
#include "ui/variants_page.h"

#include "studio/renderer.h"
#include "util/fs.h"

#include <QCheckBox>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QtTest>

using namespace adv;
using namespace adv::ui;
using studio::LibraryEntry;

namespace {
LibraryEntry entry(const std::string& name, const std::string& path, LibraryEntry::Kind kind, bool embedded = false) {
    LibraryEntry e;
    e.name = name;
    e.path = path;
    e.kind = kind;
    e.variant = kind == LibraryEntry::Kind::Lora ? "LoRA" : "SD 1.x";
    e.embedded = embedded;
    e.bytes = 1 << 20;
    e.shortHash = "0123456789";
    return e;
}
} // namespace

class TestLibraryPicker : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void modelsByPathEmbeddedAsEmpty() {
        LibraryPicker p(LibraryPicker::Role::Model);
        auto sd2 = entry("v2", "/m/v2.safetensors", LibraryEntry::Kind::Checkpoint);
        sd2.supported = false;
        sd2.variant = "SD 2.x";
        p.setEntries({entry("tiny", "/res/tiny", LibraryEntry::Kind::Diffusers, true),
                      entry("real", "/m/real", LibraryEntry::Kind::Diffusers), sd2});
        QCOMPARE(p.count(), 3);
        QCOMPARE(p.path(), QString());  // nothing chosen yet: the embedded model
        QVERIFY(p.currentText().contains(QStringLiteral("tiny (embedded)")));
        p.setPath(QStringLiteral("/m/real"));
        QCOMPARE(p.currentIndex(), 1);
        QCOMPARE(p.path(), QStringLiteral("/m/real"));
        QVERIFY(p.currentText().contains(QStringLiteral("[0123456789]")));
        QCOMPARE(p.currentEntry()->name, std::string("real"));
        auto* m = qobject_cast<QStandardItemModel*>(p.model());
        QVERIFY(!m->item(2)->isEnabled());  // SD 2.x: listed, not selectable
        // A typed path stays a path, and survives a rescan that does not list it.
        p.setEditText(QStringLiteral("/elsewhere/model.safetensors"));
        QCOMPARE(p.path(), QStringLiteral("/elsewhere/model.safetensors"));
        QVERIFY(p.currentEntry() == nullptr);
        p.setEntries({entry("tiny", "/res/tiny", LibraryEntry::Kind::Diffusers, true)});
        QCOMPARE(p.path(), QStringLiteral("/elsewhere/model.safetensors"));
        p.setPath(QString());
        QCOMPARE(p.currentIndex(), 0);
    }

    void lorasHaveNone() {
        LibraryPicker p(LibraryPicker::Role::Lora);
        auto lcm = entry("lcm-lora", "/l/lcm.safetensors", LibraryEntry::Kind::Lora);
        lcm.lcm = true;
        lcm.rank = 64;
        p.setEntries({entry("demo", "/res/demo.safetensors", LibraryEntry::Kind::Lora, true), lcm});
        QCOMPARE(p.count(), 3);
        QCOMPARE(p.itemText(0), QObject::tr("(none)"));
        QCOMPARE(p.path(), QString());
        p.setPath(QStringLiteral("/res/demo.safetensors"));  // an embedded LoRA keeps its file path
        QCOMPARE(p.currentIndex(), 1);
        QVERIFY(p.itemText(2).contains(QStringLiteral("rank 64")) && p.itemText(2).contains(QStringLiteral("LCM")));
        p.setCurrentIndex(2);
        QCOMPARE(p.path(), QStringLiteral("/l/lcm.safetensors"));
        p.setEntries({lcm});  // rescanned: still chosen
        QCOMPARE(p.path(), QStringLiteral("/l/lcm.safetensors"));
    }

    void variantsPageListsTheModelFolders() {
        QTemporaryDir dir;
        const QString lora = dir.filePath(QStringLiteral("beach-style.safetensors"));
        QVERIFY(QFile::copy(QString::fromStdString(fs::embeddedDemoLora()), lora));
        const QStringList before = Preferences::instance().modelFolders();
        Preferences::instance().setModelFolders({dir.path()});
        {
            VariantsPage page;
            auto* picker = page.findChild<LibraryPicker*>(QStringLiteral("lora"));
            QVERIFY(picker);
            QTRY_VERIFY_WITH_TIMEOUT(picker->findText(QStringLiteral("beach-style"), Qt::MatchStartsWith) >= 0, 120000);
            QVERIFY(picker->findText(QStringLiteral("demo (embedded)"), Qt::MatchStartsWith) >= 0);
            auto* models = page.findChild<LibraryPicker*>(QStringLiteral("model"));
            QVERIFY(models->findText(QStringLiteral("advariant-tiny (embedded)"), Qt::MatchStartsWith) >= 0);
            picker->setCurrentIndex(picker->findText(QStringLiteral("beach-style"), Qt::MatchStartsWith));
            const auto r = page.request();
            QCOMPARE(int(r.loras.size()), 1);
            QCOMPARE(QString::fromStdString(r.loras[0].file), lora);
            QCOMPARE(page.gridSpec().model, std::string());  // the embedded model

            // Fast mode: 4 LCM steps at CFG 1, the library's LCM-LoRA stacked after the user's LoRA; off restores.
            auto* fast = page.findChild<QCheckBox*>(QStringLiteral("fastMode"));
            QVERIFY(fast);
            const int stepsBefore = page.request().steps;
            fast->setChecked(true);
            // The shipped LCM-LoRA (distilled from the embedded model) accelerates the embedded model.
            QVERIFY2(page.statusText().contains(QStringLiteral("with lcm")), qPrintable(page.statusText()));
            QCOMPARE(page.request().sampler, std::string("lcm"));
            QCOMPARE(page.request().steps, 4);
            QCOMPARE(page.request().cfg, 1.0);
            QCOMPARE(int(page.request().loras.size()), 2);
            QVERIFY(QString::fromStdString(page.request().loras[1].file).endsWith(QStringLiteral("loras/lcm.safetensors")));
            fast->setChecked(false);
            const QString lcm = dir.filePath(QStringLiteral("lcm-lora-tiny.safetensors"));
            QVERIFY(QFile::copy(QString::fromStdString(fs::embeddedDemoLora()), lcm));
            QSignalSpy refreshed(&page, &VariantsPage::libraryRefreshed);
            page.refreshLibrary();
            QTRY_VERIFY_WITH_TIMEOUT(refreshed.count() > 0, 120000);
            fast->setChecked(true);  // the user's own LCM-LoRA comes before the shipped one
            QVERIFY2(page.statusText().contains(QStringLiteral("lcm-lora-tiny")), qPrintable(page.statusText()));
            const auto q = page.request();
            QCOMPARE(int(q.loras.size()), 2);
            QCOMPARE(QString::fromStdString(q.loras[0].file), lora);
            QCOMPARE(QString::fromStdString(q.loras[1].file), lcm);
            QCOMPARE(q.loras[1].scale, 1.0);
            fast->setChecked(false);
            QCOMPARE(page.request().steps, stepsBefore);
            QCOMPARE(int(page.request().loras.size()), 1);
        }
        Preferences::instance().setModelFolders(before);
    }

    // "Use these parameters" and "From PNG...": the form takes a variant's settings; model and LoRA are found in
    // the library by hash; a variant made without a LoRA clears it; what is not in the library is named.
    void usesTheParametersOfAVariant() {
        VariantsPage page;
        auto* loras = page.findChild<LibraryPicker*>(QStringLiteral("lora"));
        auto* models = page.findChild<LibraryPicker*>(QStringLiteral("model"));
        QSignalSpy refreshed(&page, &VariantsPage::libraryRefreshed);
        QTRY_VERIFY_WITH_TIMEOUT(refreshed.count() > 0, 120000);
        loras->setPath(QString());  // start from no LoRA, to see it recalled
        studio::VariantRecord r;
        r.concept = "shirt";
        r.condition = "city";
        r.seed = 42;
        r.sampler = "ddim";
        r.steps = 12;
        r.cfg = 4.5;
        r.negativePrompt = "blurry";
        r.model = "advariant-tiny";
        r.modelHash = models->itemText(0).section('[', 1).section(']', 0, 0).toStdString();
        QCOMPARE(r.modelHash.size(), size_t(10));
        const QString demo = QString::fromStdString(fs::embeddedDemoLora());
        const int demoRow = loras->findText(QStringLiteral("demo (embedded)"), Qt::MatchStartsWith);
        QVERIFY(demoRow > 0);
        r.loras.push_back({"demo.safetensors", loras->itemText(demoRow).section('[', 1).section(']', 0, 0).toStdString(), 0.6});
        models->setEditText(QStringLiteral("/some/other/model"));
        QCOMPARE(page.applyRecord(r), QString());
        auto q = page.request();
        QCOMPARE(q.sampler, std::string("ddim"));
        QCOMPARE(q.steps, 12);
        QCOMPARE(q.cfg, 4.5);
        QCOMPARE(q.negativePrompt, std::string("blurry"));
        QCOMPARE(int(q.loras.size()), 1);
        QCOMPARE(QString::fromStdString(q.loras[0].file), demo);
        QCOMPARE(q.loras[0].scale, 0.6);
        auto g = page.gridSpec();
        QCOMPARE(g.model, std::string());  // back on the embedded model, found by its hash
        QCOMPARE(g.concepts, std::vector<std::string>{"shirt"});
        QCOMPARE(g.conditions, std::vector<std::string>{"city"});
        QCOMPARE(g.firstSeed, int64_t(42));
        QCOMPARE(g.seedsPerCell, 1);

        // Through a PNG's parameters, with no LoRA: the LoRA is cleared.
        studio::VariantRecord plain = r;
        plain.loras.clear();
        plain.steps = 9;
        studio::RenderOutput out;
        out.image.width = out.image.height = 8;
        out.image.rgb.assign(8 * 8 * 3, 128);
        out.record = plain;
        QTemporaryDir dir;
        const QString png = dir.filePath(QStringLiteral("variant.png"));
        studio::savePng(png.toStdString(), out);
        QCOMPARE(page.applyPngParameters(png), QString());
        QVERIFY(page.request().loras.empty());
        QCOMPARE(page.request().steps, 9);

        // What the library does not have is named, the rest is recalled.
        studio::VariantRecord unknown = r;
        unknown.loras = {{"mystery.safetensors", "ffffffffffff", 0.8}};
        const QString missing = page.applyRecord(unknown);
        QVERIFY2(missing.contains(QStringLiteral("mystery.safetensors")), qPrintable(missing));
        QVERIFY(!page.applyPngParameters(dir.filePath(QStringLiteral("absent.png"))).isEmpty());
    }
};

QTEST_MAIN(TestLibraryPicker)
#include "test_library_picker.moc"
