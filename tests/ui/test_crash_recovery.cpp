// Autosave and crash recovery, with a real crash: a child studio process (this binary with --child) opens a
// project, approves a cell and is killed with SIGKILL once the autosave has written the recovery file. The
// next start offers the recovery (from the recent projects, and when the project itself is opened); restored,
// the approval is there and the project shows modified; saving removes the recovery file; declining removes it
// too. An untitled project is recovered from the user data folder. A corrupt recovery file is one message.
#include "ui/main_window.h"
#include "ui/project.h"
#include "ui/variants_page.h"

#include "studio/variant_record.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QUndoStack>
#include <QtTest>

#include <csignal>

using namespace adv::ui;

namespace {

QString home() { return qEnvironmentVariable("HOME"); }
QString projectFile() { return QDir(home()).filePath(QStringLiteral("campaign.advproj")); }

// A project with a rendered 1 x 2 grid (two PNG files), nothing approved.
void writeFixture() {
    QJsonArray cells;
    for (int i = 0; i < 2; ++i) {
        const QString png = QDir(home()).filePath(QStringLiteral("cell%1.png").arg(i));
        QImage img(32, 32, QImage::Format_RGB888);
        img.fill(QColor(40 * i, 120, 200));
        QVERIFY(img.save(png));
        adv::studio::VariantRecord r;
        r.prompt = i == 0 ? "a dress on the beach" : "a dress in the city";
        r.seed = 6;
        r.width = r.height = 32;
        cells.append(QJsonObject{{"id", QStringLiteral("cell-%1").arg(i)},
                                 {"file", png},
                                 {"approved", false},
                                 {"lora_files", QJsonArray{}},
                                 {"record", QJsonDocument::fromJson(QByteArray::fromStdString(r.toJson())).object()}});
    }
    const QJsonObject grid{{"concepts", QJsonArray{"dress"}},
                           {"columns", QJsonArray{QJsonObject{{"condition", "beach"}, {"seed_index", 0}, {"with_lora", false}},
                                                  QJsonObject{{"condition", "city"}, {"seed_index", 0}, {"with_lora", false}}}},
                           {"cells", QJsonArray{cells}}};
    const QJsonObject project{{"format", "advariant-project"}, {"version", 1}, {"title", "Campaign"}, {"variants", grid}};
    QFile f(projectFile());
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QJsonDocument(project).toJson());
}

// The child: open, approve cell-1, wait for the autosave, die without any cleanup.
int runChild(int argc, char** argv) {
    QApplication app(argc, argv);
    MainWindow w;
    QString err;
    if (!w.openProject(projectFile(), &err)) {
        qCritical("%s", qPrintable(err));
        return 3;
    }
    w.project()->setAutosaveDelay(200);
    w.variantsPage()->setApproved(QStringLiteral("cell-1"), true);
    if (w.variantsPage()->approvedCells().size() != 1) return 4;
    const QString rec = w.project()->recoveryPath();
    QElapsedTimer t;
    t.start();
    while (!QFileInfo::exists(rec) && t.elapsed() < 30000) QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    if (!QFileInfo::exists(rec)) return 5;
    std::raise(SIGKILL);
    return 6;
}

int approvedIn(const QString& file) {
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly)) return -1;
    int n = 0;
    const auto rows = QJsonDocument::fromJson(f.readAll()).object().value("variants").toObject().value("cells").toArray();
    for (const auto& row : rows)
        for (const auto& c : row.toArray()) n += c.toObject().value("approved").toBool();
    return n;
}

} // namespace

class TestCrashRecovery : public QObject {
    Q_OBJECT

    void crashChild() {
        QProcess child;
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--child")});
        QVERIFY(child.waitForStarted());
        QVERIFY2(child.waitForFinished(600000), "the child studio did not finish");
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);  // killed, not a clean exit
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY2(home().endsWith(QStringLiteral("crash-home")), qPrintable(home()));
        QDir(home()).removeRecursively();
        QVERIFY(QDir().mkpath(home()));
    }

    void killedStudioIsRestoredAtTheNextStart() {
        writeFixture();
        const QString rec = Project::recoveryPathFor(projectFile());
        crashChild();
        QVERIFY(QFileInfo::exists(rec));
        QCOMPARE(approvedIn(projectFile()), 0);  // the approval never reached the project file
        QCOMPARE(approvedIn(rec), 1);

        MainWindow w;
        QString asked;
        w.setRestorePrompt([&](const QString& project, const QString& when) {
            asked = project + QLatin1Char('@') + when;
            return true;
        });
        QVERIFY(w.offerRecovery());  // found through the recent projects, as a start without arguments does
        QVERIFY2(asked.startsWith(QStringLiteral("campaign.advproj@")), qPrintable(asked));
        QCOMPARE(w.project()->path(), QFileInfo(projectFile()).absoluteFilePath());
        QVERIFY(w.project()->isModified());
        const auto approved = w.variantsPage()->approvedCells();
        QCOMPARE(approved.size(), 1);
        QCOMPARE(approved[0].id, QStringLiteral("cell-1"));
        QString err;
        QVERIFY2(w.saveProjectAs(projectFile(), &err), qPrintable(err));
        QVERIFY(!QFileInfo::exists(rec));  // saved: nothing left to recover
        QCOMPARE(approvedIn(projectFile()), 1);
        QVERIFY(!w.offerRecovery());
    }

    void openingTheProjectOffersItsRecoveryAndDecliningRemovesIt() {
        writeFixture();
        const QString rec = Project::recoveryPathFor(projectFile());
        crashChild();
        QVERIFY(QFileInfo::exists(rec));
        {
            MainWindow w;
            int asks = 0;
            w.setRestorePrompt([&](const QString&, const QString&) {
                ++asks;
                return true;
            });
            QString err;
            QVERIFY2(w.openProject(projectFile(), &err), qPrintable(err));
            QCOMPARE(asks, 1);
            QCOMPARE(w.variantsPage()->approvedCells().size(), 1);
            QVERIFY(w.project()->isModified());
        }
        // The window above went away without saving (as a crash would): the recovery is still there.
        QVERIFY(QFileInfo::exists(rec));
        MainWindow w;
        w.setRestorePrompt([](const QString&, const QString&) { return false; });
        QString err;
        QVERIFY2(w.openProject(projectFile(), &err), qPrintable(err));
        QCOMPARE(w.variantsPage()->approvedCells().size(), 0);
        QVERIFY(!w.project()->isModified());
        QVERIFY(!QFileInfo::exists(rec));  // declined: gone
    }

    void untitledProjectAutosavesToTheDataFolder() {
        const QString rec = Project::recoveryPathFor(QString());
        QVERIFY(rec.startsWith(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)));
        {
            Project p;
            p.setAutosaveDelay(0);
            p.setValue(QStringLiteral("title"), QStringLiteral("Spring sale"));
            QTRY_VERIFY(QFileInfo::exists(rec));
            p.undoStack()->undo();  // back to the saved (empty) state: nothing to recover
            QTRY_VERIFY(!QFileInfo::exists(rec));
            p.undoStack()->redo();
            QTRY_VERIFY(QFileInfo::exists(rec));
        }
        MainWindow w;
        w.setRestorePrompt([](const QString& project, const QString&) { return project == QObject::tr("Untitled"); });
        QVERIFY(w.offerRecovery());
        QCOMPARE(w.project()->title(), QStringLiteral("Spring sale"));
        QVERIFY(w.project()->path().isEmpty());
        QVERIFY(w.project()->isModified());
        QFile::remove(rec);
    }

    void corruptRecoveryIsOneLine() {
        const QString rec = Project::recoveryPathFor(QString());
        QDir().mkpath(QFileInfo(rec).absolutePath());
        QFile f(rec);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"format\": \"advariant-project\", \"vers");
        f.close();
        Project p;
        QString err;
        QVERIFY(!p.restoreRecovery(rec, &err));
        QVERIFY2(err.startsWith(rec) && !err.contains(QLatin1Char('\n')), qPrintable(err));
        QFile::remove(rec);
    }
};

int main(int argc, char** argv) {
    if (argc > 1 && qstrcmp(argv[1], "--child") == 0) return runChild(argc, argv);
    QApplication app(argc, argv);
    TestCrashRecovery t;
    return QTest::qExec(&t, argc, argv);
}

#include "test_crash_recovery.moc"
