// The one way ui/ runs long work off the GUI thread (rendering, training, dataset
// loading and synthesis, pair building, export).
//
// A JobRunner owns one worker thread and runs its jobs in order. Every job gets an id
// (its generation), a core CancelToken and a JobContext for throttled progress and
// queued deliveries. Results reach the GUI thread through the runner (a QObject living
// there) and only while the job is current: a job cancelled while queued never starts, a
// job cancelled while running has its token cancelled and its late results dropped, and
// nothing is delivered after the runner is gone. Jobs must not touch widgets.
#pragma once

#include "util/cancel.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QString>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

namespace adv::ui {

class JobRunner;

// What a job sees on the worker thread.
class JobContext {
public:
    const CancelToken& token() const { return token_; }
    const CancelToken* cancelToken() const { return &token_; }
    bool cancelled() const { return token_.cancelled(); }
    quint64 id() const { return id_; }
    // Progress for the job's progress handler: at most one update per 50 ms, the last step always.
    void progress(int done, int total, const QString& message = QString());
    // Runs `fn` on the GUI thread, in order, unless the job was cancelled meanwhile.
    void post(std::function<void()> fn);
    // Like post(), but at most once per 50 ms: for previews, where only the newest matters.
    void postThrottled(std::function<void()> fn);
    // A core ProgressFn that forwards to progress() (and stops the job when it was cancelled).
    ProgressFn progressFn();

private:
    friend class JobRunner;
    using ProgressHandler = std::function<void(int done, int total, const QString& message)>;
    JobContext(JobRunner* runner, quint64 id, CancelToken token, ProgressHandler progress,
               std::shared_ptr<std::atomic<bool>> dropped)
        : runner_(runner), id_(id), token_(std::move(token)), progressHandler_(std::move(progress)),
          dropped_(std::move(dropped)) {}
    JobRunner* runner_;
    quint64 id_;
    CancelToken token_;
    ProgressHandler progressHandler_;             // the job's own: no lookup, no lock per update
    std::shared_ptr<std::atomic<bool>> dropped_;  // set when the job is cancelled: deliveries are dropped
    QElapsedTimer lastProgress_, lastPost_;
};

struct JobHandlers {
    std::function<void(int done, int total, const QString& message)> progress;
    std::function<void(const QString& message)> failed;  // the job threw: one line
    std::function<void()> cancelled;                      // cancelled before or while running
};

class JobRunner : public QObject {
    Q_OBJECT
public:
    enum class Outcome { Done, Failed, Cancelled };
    Q_ENUM(Outcome)

    explicit JobRunner(QObject* parent = nullptr);
    ~JobRunner() override;  // cancels every job and waits for the running one

    // Queues `work`; `done` gets its result on the GUI thread. Returns the job's id.
    template <typename R>
    quint64 run(const QString& title, std::function<R(JobContext&)> work, std::function<void(R)> done,
                JobHandlers handlers = {}) {
        auto result = std::make_shared<R>();
        return enqueue(
            title, [work = std::move(work), result](JobContext& c) { *result = work(c); },
            [done = std::move(done), result] {
                if (done) done(std::move(*result));
            },
            std::move(handlers));
    }
    quint64 run(const QString& title, std::function<void(JobContext&)> work, std::function<void()> done,
                JobHandlers handlers = {}) {
        return enqueue(title, std::move(work), std::move(done), std::move(handlers));
    }

    void cancel(quint64 id);  // queued: dropped; running: token cancelled; either way its results are dropped
    void cancelAll();
    void shutdown();          // cancelAll() and join the worker; no job runs or delivers afterwards
    int pending() const;      // queued + running
    bool isBusy() const { return pending() > 0; }
    quint64 runningId() const;
    // The running job (first, when there is one) and the queued ones, in order: for a view that starts
    // watching after jobs were asked for.
    struct JobInfo {
        quint64 id = 0;
        QString title;
        bool running = false;
    };
    QList<JobInfo> activeJobs() const;

Q_SIGNALS:
    // For whoever shows the queue (the Jobs dock); all on the GUI thread, in this order per job:
    // queued, started (not when cancelled while queued), progress..., ended.
    void jobQueued(quint64 id, const QString& title);
    void jobStarted(quint64 id, const QString& title);
    void jobProgress(quint64 id, int done, int total, const QString& message);
    void jobFinished(quint64 id, const QString& title, bool ok);
    void jobEnded(quint64 id, JobRunner::Outcome outcome, const QString& message);  // message: the failure
    void idle();

private:
    friend class JobContext;
    struct Job {
        quint64 id = 0;
        QString title;
        std::function<void(JobContext&)> work;
        std::function<void()> done;
        JobHandlers handlers;
        CancelToken token;
        std::shared_ptr<std::atomic<bool>> dropped = std::make_shared<std::atomic<bool>>(false);
    };
    quint64 enqueue(const QString& title, std::function<void(JobContext&)> work, std::function<void()> done,
                    JobHandlers handlers);
    void loop();
    void deliver(const std::shared_ptr<std::atomic<bool>>& dropped, std::function<void()> fn);
    void toGui(std::function<void()> fn);
    Q_INVOKABLE void drainDeliveries();
    void finish(const std::shared_ptr<Job>& job, std::function<void()> outcome, bool ok, const QString& failure);

    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<std::shared_ptr<Job>> queue_;
    std::shared_ptr<Job> running_;
    quint64 nextId_ = 1;
    bool stopping_ = false;
    std::mutex deliveryMutex_;
    std::deque<std::function<void()>> deliveries_;  // for the GUI thread, in order
    std::thread thread_;
};

} // namespace adv::ui
