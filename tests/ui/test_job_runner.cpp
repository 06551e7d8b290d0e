// ui/job_runner: order, cancel of queued and running jobs, failures, throttled progress, stale results.
#include "ui/job_runner.h"
#include "util/error.h"

#include <QSignalSpy>
#include <QtTest>

#include <atomic>
#include <chrono>
#include <thread>

using namespace adv::ui;

namespace {
void waitFor(const std::atomic<bool>& flag) {
    while (!flag.load()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}
} // namespace

class TestJobRunner : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void runsInOrderAndDeliversOnTheGuiThread() {
        JobRunner r;
        QStringList got;
        QSignalSpy idle(&r, &JobRunner::idle);
        for (int i = 0; i < 5; ++i)
            r.run<int>(QStringLiteral("job %1").arg(i), [i](JobContext&) { return i * 10; },
                       [&got](int v) {
                           QVERIFY(QThread::currentThread() == qApp->thread());
                           got << QString::number(v);
                       });
        QTRY_COMPARE(got, (QStringList{"0", "10", "20", "30", "40"}));
        QTRY_VERIFY(idle.count() >= 1);
        QCOMPARE(r.pending(), 0);
    }

    void cancellingAQueuedJobDropsIt() {
        JobRunner r;
        std::atomic<bool> started{false}, release{false};
        std::atomic<int> secondRan{0};
        bool firstDone = false, secondDone = false, secondCancelled = false;
        r.run(QStringLiteral("blocker"), [&](JobContext&) { started = true; waitFor(release); }, [&] { firstDone = true; });
        const quint64 second = r.run(
            QStringLiteral("queued"), [&](JobContext&) { ++secondRan; }, [&] { secondDone = true; },
            JobHandlers{{}, {}, [&] { secondCancelled = true; }});
        waitFor(started);
        QCOMPARE(r.pending(), 2);
        r.cancel(second);
        QVERIFY(secondCancelled);  // at once, not when the blocker ends
        QCOMPARE(r.pending(), 1);
        release = true;
        QTRY_VERIFY(firstDone);
        QTest::qWait(50);
        QCOMPARE(secondRan.load(), 0);
        QVERIFY(!secondDone);
    }

    void cancellingARunningJobStopsItAndDropsItsResults() {
        JobRunner r;
        std::atomic<bool> started{false}, sawCancel{false};
        bool done = false, cancelled = false;
        int posted = 0;
        const quint64 id = r.run(
            QStringLiteral("long"),
            [&](JobContext& c) {
                started = true;
                while (!c.cancelled()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
                sawCancel = true;
                c.post([&posted] { ++posted; });  // late: must be dropped
                adv::throwIfCancelled(c.cancelToken());
            },
            [&] { done = true; }, JobHandlers{{}, {}, [&] { cancelled = true; }});
        waitFor(started);
        QCOMPARE(r.runningId(), id);
        r.cancel(id);
        QTRY_VERIFY(cancelled);
        QVERIFY(sawCancel);
        QTest::qWait(50);
        QVERIFY(!done);
        QCOMPARE(posted, 0);
    }

    void aFailureIsOneLine() {
        JobRunner r;
        QString message;
        bool done = false;
        QSignalSpy finished(&r, &JobRunner::jobFinished);
        r.run(QStringLiteral("bad"), [](JobContext&) { throw adv::FileError("/x/y.json", "not JSON"); }, [&] { done = true; },
              JobHandlers{{}, [&](const QString& m) { message = m; }, {}});
        QTRY_VERIFY(!message.isEmpty());
        QVERIFY2(message.contains(QStringLiteral("/x/y.json")) && !message.contains(QLatin1Char('\n')), qPrintable(message));
        QVERIFY(!done);
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(finished.first().at(2).toBool(), false);
    }

    void progressIsThrottledButTheLastStepArrives() {
        JobRunner r;
        int calls = 0, lastDone = -1;
        bool done = false;
        r.run(
            QStringLiteral("steps"),
            [](JobContext& c) {
                for (int i = 1; i <= 2000; ++i) c.progress(i, 2000);
            },
            [&] { done = true; }, JobHandlers{[&](int d, int, const QString&) { ++calls, lastDone = d; }, {}, {}});
        QTRY_VERIFY(done);
        QCOMPARE(lastDone, 2000);
        QVERIFY2(calls < 100, qPrintable(QString::number(calls)));
    }

    void nothingIsDeliveredAfterShutdown() {
        bool done = false;
        std::atomic<bool> started{false};
        {
            JobRunner r;
            r.run(QStringLiteral("long"),
                  [&](JobContext& c) {
                      started = true;
                      while (!c.cancelled()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
                  },
                  [&] { done = true; });
            waitFor(started);
            r.shutdown();
            QCOMPARE(r.run(QStringLiteral("after"), [](JobContext&) {}, [] {}), quint64(0));
        }
        QTest::qWait(50);
        QVERIFY(!done);
    }
};

QTEST_MAIN(TestJobRunner)
#include "test_job_runner.moc"
