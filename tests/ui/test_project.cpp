// Project: atomic save/load round trip, undo of edits, clear errors on bad files.
#include "ui/project.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

using adv::ui::Project;

class TestProject : public QObject {
    Q_OBJECT
    QTemporaryDir dir;

private Q_SLOTS:
    void defaults() {
        Project p;
        QCOMPARE(p.concepts(), (QStringList{"dress", "pants", "shirt", "sweater"}));
        QCOMPARE(p.conditions(), (QStringList{"beach", "space", "city"}));
        QVERIFY(!p.isModified());
    }

    void editsAreUndoable() {
        Project p;
        QSignalSpy changed(&p, &Project::changed);
        p.setValue("title", "Summer campaign");
        QCOMPARE(p.title(), QString("Summer campaign"));
        QVERIFY(p.isModified());
        p.setValue("conditions", QJsonArray{"beach", "forest"});
        QCOMPARE(p.conditions(), (QStringList{"beach", "forest"}));
        p.undoStack()->undo();
        QCOMPARE(p.conditions(), (QStringList{"beach", "space", "city"}));
        p.undoStack()->undo();
        QCOMPARE(p.title(), QString("Untitled"));
        QVERIFY(!p.isModified());
        p.undoStack()->redo();
        QCOMPARE(p.title(), QString("Summer campaign"));
        QCOMPARE(changed.count(), 5);
    }

    void saveLoadRoundTrip() {
        Project p;
        p.setValue("title", "Round trip");
        p.setValue("concepts", QJsonArray{"dress", "coat"});
        const QString path = dir.filePath("rt.advproj");
        QString err;
        QVERIFY2(p.save(path, &err), qPrintable(err));
        QVERIFY(!p.isModified());
        Project q;
        QVERIFY2(q.load(path, &err), qPrintable(err));
        QCOMPARE(q.title(), QString("Round trip"));
        QCOMPARE(q.concepts(), (QStringList{"dress", "coat"}));
        QCOMPARE(q.conditions(), (QStringList{"beach", "space", "city"}));
        QCOMPARE(q.path(), path);
    }

    void corruptFileIsAClearError() {
        const QString path = dir.filePath("corrupt.advproj");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"format\": \"advariant-project\", \"title\": ");
        f.close();
        Project p;
        p.setValue("title", "keep me");
        QString err;
        QVERIFY(!p.load(path, &err));
        QVERIFY2(err.contains(path) && err.contains("JSON"), qPrintable(err));
        QCOMPARE(p.title(), QString("keep me"));  // nothing lost
    }

    void foreignJsonIsRefused() {
        const QString path = dir.filePath("other.advproj");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"hello\": 1}");
        f.close();
        Project p;
        QString err;
        QVERIFY(!p.load(path, &err));
        QVERIFY2(err.contains("not an AdVariant project"), qPrintable(err));
    }

    void newerFormatIsRefused() {
        const QString path = dir.filePath("newer.advproj");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"format\": \"advariant-project\", \"version\": 99}");
        f.close();
        Project p;
        QString err;
        QVERIFY(!p.load(path, &err));
        QVERIFY2(err.contains("newer"), qPrintable(err));
    }

    void failedSaveKeepsOldFile() {
        const QString path = dir.filePath("keep.advproj");
        Project p;
        p.setValue("title", "v1");
        QString err;
        QVERIFY(p.save(path, &err));
        Project q;
        QVERIFY(!q.save(dir.filePath("no/such/folder/x.advproj"), &err));
        QVERIFY2(err.contains("no/such/folder"), qPrintable(err));
        Project r;
        QVERIFY(r.load(path, &err));
        QCOMPARE(r.title(), QString("v1"));
    }
};

QTEST_GUILESS_MAIN(TestProject)
#include "test_project.moc"
