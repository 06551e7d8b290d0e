// Preferences are typed, persisted, and keep a bounded recent-projects list.
#include "ui/preferences.h"

#include <QCoreApplication>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

using adv::ui::Preferences;

class TestPreferences : public QObject {
    Q_OBJECT
    QTemporaryDir dir;

private Q_SLOTS:
    void initTestCase() {
        QCoreApplication::setOrganizationName("AdVariantTest");
        QCoreApplication::setApplicationName("test_preferences");
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, dir.path());
        QSettings().clear();
    }

    void typedValuesPersist() {
        auto& p = Preferences::instance();
        QSignalSpy spy(&p, &Preferences::changed);
        QCOMPARE(p.device(), QString("auto"));
        QCOMPARE(p.threads(), 0);
        p.setDevice("cpu");
        p.setThreads(2);
        p.setModelFolders({"/models/a", "/models/b"});
        p.setLanguage("de");
        QCOMPARE(spy.count(), 4);
        QSettings().sync();
        QCOMPARE(QSettings().value("compute/device").toString(), QString("cpu"));
        QCOMPARE(p.threads(), 2);
        QCOMPARE(p.modelFolders(), (QStringList{"/models/a", "/models/b"}));
        QCOMPARE(p.language(), QString("de"));
    }

    void recentProjectsAreBoundedAndUnique() {
        auto& p = Preferences::instance();
        QStringList made;
        for (int i = 0; i < 12; ++i) {
            const QString f = dir.filePath(QString("p%1.advproj").arg(i));
            QFile file(f);
            QVERIFY(file.open(QIODevice::WriteOnly));
            made << f;
            p.addRecentProject(f);
        }
        p.addRecentProject(made[5]);
        const QStringList r = p.recentProjects();
        QCOMPARE(r.size(), Preferences::kMaxRecent);
        QCOMPARE(r.first(), made[5]);
        QCOMPARE(r.count(made[5]), 1);
        QFile::remove(made[11]);
        QVERIFY(!p.recentProjects().contains(made[11]));  // vanished files are not offered
    }
};

QTEST_GUILESS_MAIN(TestPreferences)
#include "test_preferences.moc"
