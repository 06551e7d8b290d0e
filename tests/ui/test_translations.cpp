// German and Spanish: the compiled catalogues translate what the windows show. Guards
// against contexts that do not match the classes' full names (lupdate records
// "MainWindow", tr() asks for "adv::ui::MainWindow") — then nothing is translated.
// Settings -> Language switches the open window without a restart, every page, and back.
#include "ui/dataset_page.h"
#include "ui/export_page.h"
#include "ui/gallery_page.h"
#include "ui/main_window.h"
#include "ui/pairs_page.h"
#include "ui/plot.h"
#include "ui/preferences.h"
#include "ui/settings_dialog.h"
#include "ui/training_page.h"
#include "ui/translations.h"
#include "ui/job_runner.h"
#include "ui/variants_page.h"

#include <QAbstractButton>
#include <QComboBox>
#include <QFile>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QSet>
#include <QTabBar>
#include <QTableView>
#include <QTest>
#include <QTimer>
#include <QTranslator>
#include <QTreeView>
#include <QTreeWidget>
#include <QXmlStreamReader>

using namespace adv::ui;

class TestTranslations : public QObject {
    Q_OBJECT

    static QStringList menuTitles(MainWindow& w) {
        QStringList out;
        for (QAction* a : w.menuBar()->actions()) out << a->text();
        return out;
    }

    // What a user reads under `root`, in a fixed order.
    static QStringList texts(QWidget* root) {
        QStringList out;
        QList<QWidget*> widgets = root->findChildren<QWidget*>();
        widgets.prepend(root);
        for (QWidget* w : widgets) {
            if (!w->toolTip().isEmpty()) out << w->toolTip();
            if (auto* l = qobject_cast<QLabel*>(w)) out << l->text();
            if (auto* b = qobject_cast<QAbstractButton*>(w)) out << b->text();
            if (auto* g = qobject_cast<QGroupBox*>(w)) out << g->title();
            if (auto* e = qobject_cast<QLineEdit*>(w)) out << e->placeholderText();
            if (auto* c = qobject_cast<QComboBox*>(w); c && !c->isEditable())
                for (int i = 0; i < c->count(); ++i) out << c->itemText(i);
            if (auto* t = qobject_cast<QTabBar*>(w))
                for (int i = 0; i < t->count(); ++i) out << t->tabText(i);
            if (auto* l = qobject_cast<QListWidget*>(w))
                for (int i = 0; i < l->count(); ++i) out << l->item(i)->text();
            if (auto* t = qobject_cast<QTreeWidget*>(w))
                for (int c = 0; c < t->columnCount(); ++c) out << t->headerItem()->text(c);
            else if (auto* v = qobject_cast<QAbstractItemView*>(w); v && v->model())
                for (int c = 0; c < v->model()->columnCount(); ++c)
                    out << v->model()->headerData(c, Qt::Horizontal).toString();
            if (auto* p = qobject_cast<QCustomPlot*>(w))
                for (QCPAxis* a : p->axisRect()->axes()) out << a->label();
        }
        for (QAction* a : root->findChildren<QAction*>()) out << a->text();
        out.removeAll(QString());
        return out;
    }

    // The window's texts once background work (the model load, the library scan, previews) has settled.
    static QStringList settled(MainWindow& w) {
        QStringList last = texts(&w);
        for (int i = 0; i < 300; ++i) {
            QTest::qWait(200);
            const QStringList now = texts(&w);
            if (now == last && !w.variantsPage()->jobs()->isBusy()) return now;
            last = now;
        }
        return last;
    }

    // The German catalogue's sources (English) and translations, every context.
    static void readCatalogue(const QString& ts, QSet<QString>* sources, QSet<QString>* translations) {
        QFile f(ts);
        QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(ts));
        QXmlStreamReader x(&f);
        QString source;
        while (!x.atEnd()) {
            if (x.readNext() != QXmlStreamReader::StartElement) continue;
            if (x.name() == u"source") source = x.readElementText();
            if (x.name() == u"translation") {
                const QString t = x.readElementText(QXmlStreamReader::SkipChildElements);  // plural forms: skipped
                if (!t.isEmpty() && t != source) {
                    sources->insert(source);
                    translations->insert(t);
                }
            }
        }
        QVERIFY2(!x.hasError(), qPrintable(x.errorString()));
    }

private Q_SLOTS:
    void initTestCase() { QCoreApplication::setOrganizationName("AdVariantTest"); }
    void cleanup() { installTranslations(QStringLiteral("en")); }  // a failed check must not leave German behind

    void switchesTheOpenWindowWithoutRestart() {
        Preferences::instance().setLanguage(QStringLiteral("en"));
        QCOMPARE(installTranslations(QStringLiteral("en"), QStringLiteral(ADV_QM_DIR)), QStringLiteral("en"));
        {
            MainWindow w;
            w.resize(1400, 900);
            w.show();
            QVERIFY(QTest::qWaitForWindowExposed(&w));
            QList<QWidget*> pages{w.datasetPage(), w.pairsPage(), w.trainingPage(),
                                  w.variantsPage(), w.galleryPage(), w.exportPage()};
            const QStringList english = settled(w);
            QList<QStringList> englishPages;
            for (QWidget* p : pages) englishPages << texts(p);
            QVERIFY(menuTitles(w).contains("&File"));

            // As a user does it: Settings, pick Deutsch, OK.
            bool picked = false;
            QTimer::singleShot(0, &w, [&w, &picked] {
                auto* d = w.findChild<SettingsDialog*>();
                auto* language = d ? d->findChild<QComboBox*>(QStringLiteral("language")) : nullptr;
                if (!language) return;
                language->setCurrentIndex(language->findData(QStringLiteral("de")));
                picked = true;
                d->accept();
            });
            w.showSettings();
            QVERIFY(picked);
            QCOMPARE(currentLanguage(), QStringLiteral("de"));
            settled(w);  // QEvent::LanguageChange reaches the window

            const QStringList menus = menuTitles(w);
            QVERIFY2(menus.contains("&Datei") && menus.contains("&Bearbeiten"), qPrintable(menus.join(", ")));
            // Every workspace page changed, not just the menus.
            for (int i = 0; i < pages.size(); ++i) {
                const QStringList now = texts(pages[i]);
                QCOMPARE(now.size(), englishPages[i].size());
                int changed = 0;
                for (int k = 0; k < now.size(); ++k) changed += now[k] != englishPages[i][k];
                QVERIFY2(changed >= 3, qPrintable(QStringLiteral("%1: %2 texts changed").arg(pages[i]->objectName()).arg(changed)));
            }
            // Nothing the German catalogue translates is left in English anywhere in the window.
            QSet<QString> sources, translations;
            readCatalogue(QStringLiteral(ADV_TS_DIR "/advariant_de.ts"), &sources, &translations);
            QVERIFY(sources.size() > 150);
            QStringList leftOver;
            for (const QString& t : texts(&w))
                if (sources.contains(t) && !translations.contains(t)) leftOver << t;
            QVERIFY2(leftOver.isEmpty(), qPrintable(leftOver.join(" | ")));

            // German to Spanish to English: the window reads exactly as it did.
            QCOMPARE(installTranslations(QStringLiteral("es")), QStringLiteral("es"));
            settled(w);
            QVERIFY(menuTitles(w).contains("&Archivo"));
            QCOMPARE(installTranslations(QStringLiteral("en")), QStringLiteral("en"));
            const QStringList back = settled(w);
            QCOMPARE(back.size(), english.size());
            for (int k = 0; k < back.size(); ++k) QCOMPARE(back[k], english[k]);
        }
    }

    void catalogueIsComplete_data() {
        QTest::addColumn<QString>("lang");
        QTest::newRow("de") << "de";
        QTest::newRow("es") << "es";
    }
    void catalogueIsComplete() {
        QFETCH(QString, lang);
        QTranslator t;
        QVERIFY2(t.load(QStringLiteral(ADV_QM_DIR "/advariant_") + lang + ".qm"), qPrintable(lang));
        QVERIFY(!t.isEmpty());
        // Every class that calls tr() is in adv::ui; the catalogue must use that name.
        QVERIFY(!t.translate("adv::ui::MainWindow", "&File").isEmpty());
        QVERIFY(t.translate("MainWindow", "&File").isEmpty());
    }

    void windowsShowTheLanguage_data() {
        QTest::addColumn<QString>("lang");
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("edit");
        QTest::newRow("de") << "de" << "&Datei" << "&Bearbeiten";
        QTest::newRow("es") << "es" << "&Archivo" << "&Editar";
    }
    void windowsShowTheLanguage() {
        QFETCH(QString, lang);
        QFETCH(QString, file);
        QFETCH(QString, edit);
        QTranslator t;
        QVERIFY(t.load(QStringLiteral(ADV_QM_DIR "/advariant_") + lang + ".qm"));
        QCoreApplication::installTranslator(&t);
        {
            MainWindow w;
            const QStringList menus = menuTitles(w);
            QVERIFY2(menus.contains(file) && menus.contains(edit), qPrintable(menus.join(", ")));
            SettingsDialog d(&w);
            bool translatedLabel = false;
            for (QLabel* l : d.findChildren<QLabel*>())
                translatedLabel |= l->text() == t.translate("adv::ui::SettingsDialog", "Language:");
            QVERIFY(translatedLabel);
        }
        QCoreApplication::removeTranslator(&t);
        MainWindow english;
        QVERIFY(menuTitles(english).contains("&File"));
    }
};

QTEST_MAIN(TestTranslations)
#include "test_translations.moc"
