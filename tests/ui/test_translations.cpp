// German and Spanish: the compiled catalogues translate what the windows show. Guards
// against contexts that do not match the classes' full names (lupdate records
// "MainWindow", tr() asks for "adv::ui::MainWindow") — then nothing is translated.
#include "ui/main_window.h"
#include "ui/settings_dialog.h"

#include <QLabel>
#include <QMenuBar>
#include <QTest>
#include <QTranslator>

using namespace adv::ui;

class TestTranslations : public QObject {
    Q_OBJECT

    static QStringList menuTitles(MainWindow& w) {
        QStringList out;
        for (QAction* a : w.menuBar()->actions()) out << a->text();
        return out;
    }

private Q_SLOTS:
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
