// The Jobs dock: one list of every workspace's jobs, each with state, progress and cancel.
// A job cancelled from the dock while queued never runs; one cancelled while running stops
// at its next step; a failure shows its one line; the main window lists every workspace.
#include "ui/export_page.h"
#include "ui/jobs_dock.h"
#include "ui/main_window.h"
#include "util/error.h"

#include <QAction>
#include <QProgressBar>
#include <QPushButton>
#include <QToolButton>
#include <QTreeWidget>
#include <QtTest>

#include <atomic>
#include <chrono>
#include <thread>

using namespace adv::ui;

namespace {
void waitFor(const std::atomic<bool>& flag, const JobContext& c) {
    while (!flag && !c.cancelled()) std::this_thread::sleep_for(std::chrono::milliseconds(2));
}
} // namespace

class TestJobsDock : public QObject {
    Q_OBJECT

    static QString state(JobsDock& d, JobRunner* r, quint64 id) {
        QTreeWidgetItem* i = d.itemFor(r, id);
        return i ? i->text(JobsDock::StateColumn) : QStringLiteral("<no row>");
    }

private Q_SLOTS:
    void initTestCase() { QCoreApplication::setOrganizationName("AdVariantTest"); }

    void queuedJobCancelledFromTheDockNeverRuns() {
        JobRunner runner;
        JobsDock dock;
        dock.watch(&runner, [] { return QStringLiteral("Variants"); });
        std::atomic<bool> release{false}, secondRan{false};
        const quint64 a = runner.run(QStringLiteral("beach × shirt, seed 1"), [&](JobContext& c) {
            c.progress(1, 4, QStringLiteral("step 1"));
            waitFor(release, c);
            c.progress(4, 4);
        }, [] {});
        const quint64 b = runner.run(QStringLiteral("beach × shirt, seed 2"), [&](JobContext&) { secondRan = true; }, [] {});
        QCOMPARE(dock.list()->topLevelItemCount(), 2);
        QCOMPARE(dock.list()->topLevelItem(0)->text(JobsDock::TitleColumn), QStringLiteral("beach × shirt, seed 1"));
        QCOMPARE(dock.list()->topLevelItem(0)->text(JobsDock::WorkspaceColumn), QStringLiteral("Variants"));
        QCOMPARE(dock.activeCount(), 2);
        QVERIFY(dock.windowTitle().contains(QLatin1Char('2')));
        QTRY_COMPARE(state(dock, &runner, a), QStringLiteral("Running: step 1"));
        QCOMPARE(state(dock, &runner, b), QStringLiteral("Queued"));
        QCOMPARE(dock.progressFor(&runner, a)->maximum(), 4);
        QCOMPARE(dock.progressFor(&runner, a)->value(), 1);

        QToolButton* cancelB = dock.cancelButtonFor(&runner, b);
        QVERIFY(cancelB && cancelB->isEnabled());
        cancelB->click();
        QCOMPARE(state(dock, &runner, b), QStringLiteral("Cancelled"));
        QVERIFY(!cancelB->isEnabled());
        QCOMPARE(runner.pending(), 1);

        release = true;
        QTRY_COMPARE(state(dock, &runner, a), QStringLiteral("Done"));
        QCOMPARE(dock.progressFor(&runner, a)->value(), dock.progressFor(&runner, a)->maximum());
        QVERIFY(!dock.cancelButtonFor(&runner, a)->isEnabled());
        QTRY_COMPARE(runner.pending(), 0);
        QVERIFY(!secondRan);
        QCOMPARE(dock.activeCount(), 0);
        QCOMPARE(dock.windowTitle(), QStringLiteral("Jobs"));
    }

    void runningJobCancelledFromTheDockStops() {
        JobRunner runner;
        JobsDock dock;
        dock.watch(&runner, [] { return QStringLiteral("Training"); });
        std::atomic<bool> never{false}, sawCancel{false};
        bool doneCalled = false;
        const quint64 id = runner.run(QStringLiteral("train demo"), [&](JobContext& c) {
            waitFor(never, c);
            sawCancel = c.cancelled();
        }, [&] { doneCalled = true; });
        QTRY_VERIFY(state(dock, &runner, id).startsWith(QStringLiteral("Running")));
        dock.cancelButtonFor(&runner, id)->click();
        QTRY_COMPARE(state(dock, &runner, id), QStringLiteral("Cancelled"));
        QVERIFY(sawCancel);
        QVERIFY(!doneCalled);
        QVERIFY(!dock.progressFor(&runner, id)->isEnabled());
    }

    void failureShowsItsLine() {
        JobRunner runner;
        JobsDock dock;
        dock.watch(&runner, [] { return QStringLiteral("Dataset"); });
        const quint64 id = runner.run(QStringLiteral("load broken.json"), [](JobContext&) {
            throw adv::FileError("/data/broken.json", "not JSON at line 3");
        }, [] {});
        QTRY_VERIFY(state(dock, &runner, id).startsWith(QStringLiteral("Failed: ")));
        const QString s = state(dock, &runner, id);
        QVERIFY2(s.contains(QStringLiteral("broken.json")) && s.contains(QStringLiteral("not JSON")), qPrintable(s));
        QCOMPARE(dock.itemFor(&runner, id)->toolTip(JobsDock::StateColumn).isEmpty(), false);
    }

    void cancelAllThenClearFinished() {
        JobRunner runner;
        JobsDock dock;
        dock.watch(&runner, [] { return QStringLiteral("Export"); });
        std::atomic<bool> never{false}, laterRan{false};
        const quint64 first = runner.run(QStringLiteral("export 1"), [&](JobContext& c) { waitFor(never, c); }, [] {});
        runner.run(QStringLiteral("export 2"), [&](JobContext&) { laterRan = true; }, [] {});
        runner.run(QStringLiteral("export 3"), [&](JobContext&) { laterRan = true; }, [] {});
        QTRY_VERIFY(state(dock, &runner, first).startsWith(QStringLiteral("Running")));
        auto* all = dock.findChild<QPushButton*>(QStringLiteral("cancelAllJobs"));
        QVERIFY(all && all->isEnabled());
        all->click();
        QTRY_COMPARE(dock.activeCount(), 0);
        QTRY_COMPARE(runner.pending(), 0);
        QVERIFY(!laterRan);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(dock.list()->topLevelItem(i)->text(JobsDock::StateColumn), QStringLiteral("Cancelled"));
        dock.findChild<QPushButton*>(QStringLiteral("clearFinishedJobs"))->click();
        QCOMPARE(dock.list()->topLevelItemCount(), 0);
    }

    void jobsAskedForBeforeWatchingAreListed() {
        JobRunner runner;
        std::atomic<bool> release{false}, started{false};
        const quint64 a = runner.run(QStringLiteral("load model"), [&](JobContext& c) {
            started = true;
            waitFor(release, c);
        }, [] {});
        const quint64 b = runner.run(QStringLiteral("scan folders"), [](JobContext&) {}, [] {});
        QTRY_VERIFY(started.load());
        QTest::qWait(20);  // the start reaches the GUI thread
        JobsDock dock;
        dock.watch(&runner, [] { return QStringLiteral("Variants"); });
        QCOMPARE(dock.list()->topLevelItemCount(), 2);
        QCOMPARE(state(dock, &runner, a), QStringLiteral("Running"));
        QCOMPARE(state(dock, &runner, b), QStringLiteral("Queued"));
        release = true;
        QTRY_COMPARE(state(dock, &runner, b), QStringLiteral("Done"));
        QCOMPARE(state(dock, &runner, a), QStringLiteral("Done"));
        QVERIFY(!dock.cancelButtonFor(&runner, a)->isEnabled());
        QVERIFY(dock.cancelButtonFor(&runner, a)->icon().isNull());  // a blank cell once nothing can be cancelled
        QVERIFY(!dock.cancelButtonFor(&runner, b)->icon().isNull() || state(dock, &runner, b) != QStringLiteral("Queued"));
    }

    void historyIsBounded() {
        JobRunner runner;
        JobsDock dock;
        dock.watch(&runner, [] { return QStringLiteral("Variants"); });
        for (int i = 0; i < 260; ++i) runner.run(QStringLiteral("cell %1").arg(i), [](JobContext&) {}, [] {});
        QTRY_COMPARE(runner.pending(), 0);
        QTRY_COMPARE(dock.activeCount(), 0);
        QVERIFY2(dock.list()->topLevelItemCount() <= 200, qPrintable(QString::number(dock.list()->topLevelItemCount())));
        // The newest stay.
        QCOMPARE(dock.list()->topLevelItem(dock.list()->topLevelItemCount() - 1)->text(JobsDock::TitleColumn),
                 QStringLiteral("cell 259"));
    }

    void mainWindowListsEveryWorkspace() {
        MainWindow w;
        JobsDock* dock = w.jobsDock();
        QVERIFY(dock);
        QAction* toggle = w.findChild<QAction*>(QStringLiteral("actionJobs"));
        QVERIFY(toggle && toggle->isCheckable());
        // An export job is listed under the Export workspace.
        JobRunner* exportJobs = w.exportPage()->jobs();
        const quint64 id = exportJobs->run(QStringLiteral("export to 3 placements"), [](JobContext&) {}, [] {});
        QVERIFY(dock->itemFor(exportJobs, id));
        QCOMPARE(dock->itemFor(exportJobs, id)->text(JobsDock::WorkspaceColumn), w.exportPage()->title());
        QTRY_COMPARE(state(*dock, exportJobs, id), QStringLiteral("Done"));
    }
};

QTEST_MAIN(TestJobsDock)
#include "test_jobs_dock.moc"
