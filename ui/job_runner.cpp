#include "ui/job_runner.h"
#include "util/error.h"

#include <QMetaObject>

// Built with ThreadSanitizer (tests/tsan): Qt is not instrumented, so the posted-event object that Qt allocates
// in the worker and frees in the GUI thread (synchronised inside Qt's event queue) is hidden from TSan; every
// piece of our data crosses through deliveryMutex_, which TSan sees.
#if defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define ADV_TSAN 1
#endif
#endif
#if defined(__SANITIZE_THREAD__) && !defined(ADV_TSAN)
#define ADV_TSAN 1
#endif
#ifdef ADV_TSAN
extern "C" void __tsan_ignore_thread_begin();
extern "C" void __tsan_ignore_thread_end();
#endif

namespace adv::ui {

namespace {
constexpr qint64 kThrottleMs = 50;
}

// ---- JobContext ---------------------------------------------------------------

void JobContext::progress(int done, int total, const QString& message) {
    const bool last = total > 0 && done >= total;
    if (!last && lastProgress_.isValid() && lastProgress_.elapsed() < kThrottleMs) return;
    lastProgress_.start();
    if (dropped_->load()) return;
    runner_->deliver(dropped_, [r = runner_, id = id_, h = progressHandler_, done, total, message] {
        if (h) h(done, total, message);
        Q_EMIT r->jobProgress(id, done, total, message);
    });
}

void JobContext::post(std::function<void()> fn) {
    if (!dropped_->load()) runner_->deliver(dropped_, std::move(fn));
}

void JobContext::postThrottled(std::function<void()> fn) {
    if (lastPost_.isValid() && lastPost_.elapsed() < kThrottleMs) return;
    lastPost_.start();
    post(std::move(fn));
}

ProgressFn JobContext::progressFn() {
    return [this](int step, int total, const std::string& message) {
        throwIfCancelled(&token_);
        progress(step, total, QString::fromStdString(message));
    };
}

// ---- JobRunner ----------------------------------------------------------------

JobRunner::JobRunner(QObject* parent) : QObject(parent), thread_([this] { loop(); }) {}

JobRunner::~JobRunner() { shutdown(); }

quint64 JobRunner::enqueue(const QString& title, std::function<void(JobContext&)> work, std::function<void()> done,
                           JobHandlers handlers) {
    auto job = std::make_shared<Job>();
    job->title = title;
    job->work = std::move(work);
    job->done = std::move(done);
    job->handlers = std::move(handlers);
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (stopping_) return 0;
        job->id = nextId_++;
        queue_.push_back(job);
    }
    Q_EMIT jobQueued(job->id, title);  // before the worker can start it: queued always comes first
    wake_.notify_one();
    return job->id;
}

void JobRunner::cancel(quint64 id) {
    std::shared_ptr<Job> dropped;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (running_ && running_->id == id) {
            running_->token.cancel();
            running_->dropped->store(true);
        } else {
            for (auto it = queue_.begin(); it != queue_.end(); ++it)
                if ((*it)->id == id) {
                    dropped = *it;
                    queue_.erase(it);
                    break;
                }
        }
    }
    if (dropped) {
        dropped->token.cancel();
        dropped->dropped->store(true);
        if (dropped->handlers.cancelled) dropped->handlers.cancelled();
        Q_EMIT jobFinished(dropped->id, dropped->title, false);
        Q_EMIT jobEnded(dropped->id, Outcome::Cancelled, QString());
        if (pending() == 0) Q_EMIT idle();
    }
}

void JobRunner::cancelAll() {
    std::deque<std::shared_ptr<Job>> dropped;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        dropped.swap(queue_);
        if (running_) {
            running_->token.cancel();
            running_->dropped->store(true);
        }
    }
    for (const auto& j : dropped) {
        j->token.cancel();
        j->dropped->store(true);
        if (!stopping_ && j->handlers.cancelled) j->handlers.cancelled();
        if (!stopping_) {
            Q_EMIT jobFinished(j->id, j->title, false);
            Q_EMIT jobEnded(j->id, Outcome::Cancelled, QString());
        }
    }
}

void JobRunner::shutdown() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (stopping_ && !thread_.joinable()) return;
        stopping_ = true;
    }
    cancelAll();
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

int JobRunner::pending() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return static_cast<int>(queue_.size()) + (running_ ? 1 : 0);
}

quint64 JobRunner::runningId() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return running_ ? running_->id : 0;
}

QList<JobRunner::JobInfo> JobRunner::activeJobs() const {
    std::lock_guard<std::mutex> lock(mutex_);
    QList<JobInfo> out;
    if (running_) out.append({running_->id, running_->title, true});
    for (const auto& j : queue_) out.append({j->id, j->title, false});
    return out;
}

void JobRunner::deliver(const std::shared_ptr<std::atomic<bool>>& dropped, std::function<void()> fn) {
    // To this object's (the GUI) thread: discarded with the runner, skipped once the job is stale.
    toGui([dropped, fn = std::move(fn)] {
        if (!dropped->load()) fn();
    });
}

// Everything for the GUI thread goes through one queue under a std::mutex, and Qt only carries a wake-up
// (a queued call of drainDeliveries by name, no functor): so the hand-over between the threads is visible to
// ThreadSanitizer, which cannot see Qt's own (uninstrumented) event queue.
void JobRunner::toGui(std::function<void()> fn) {
    {
        std::lock_guard<std::mutex> lock(deliveryMutex_);
        deliveries_.push_back(std::move(fn));
    }
#ifdef ADV_TSAN
    __tsan_ignore_thread_begin();
#endif
    QMetaObject::invokeMethod(this, "drainDeliveries", Qt::QueuedConnection);
#ifdef ADV_TSAN
    __tsan_ignore_thread_end();
#endif
}

void JobRunner::drainDeliveries() {
    // One at a time: a delivery that runs an event loop (a message box) lets later ones run in order.
    for (;;) {
        std::function<void()> fn;
        {
            std::lock_guard<std::mutex> lock(deliveryMutex_);
            if (deliveries_.empty()) return;
            fn = std::move(deliveries_.front());
            deliveries_.pop_front();
        }
        fn();
    }
}

void JobRunner::finish(const std::shared_ptr<Job>& job, std::function<void()> outcome, bool ok, const QString& failure) {
    toGui([this, job, outcome = std::move(outcome), ok, failure] {
        const bool stale = job->dropped->load();
        if (stale) {
            if (job->handlers.cancelled) job->handlers.cancelled();
        } else if (outcome) {
            outcome();
        }
        Q_EMIT jobFinished(job->id, job->title, ok && !stale);
        Q_EMIT jobEnded(job->id, stale ? Outcome::Cancelled : ok ? Outcome::Done : Outcome::Failed, stale ? QString() : failure);
        if (pending() == 0) Q_EMIT idle();
    });
}

void JobRunner::loop() {
    for (;;) {
        std::shared_ptr<Job> job;
        {
            std::unique_lock<std::mutex> lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            if (stopping_) return;
            job = queue_.front();
            queue_.pop_front();
            running_ = job;
        }
        toGui([this, id = job->id, title = job->title] { Q_EMIT jobStarted(id, title); });
        JobContext ctx(this, job->id, job->token, job->handlers.progress, job->dropped);
        std::function<void()> outcome;
        QString failure;
        bool ok = false;
        try {
            throwIfCancelled(&job->token);
            job->work(ctx);
            if (job->token.cancelled()) throw Cancelled();
            outcome = job->done;
            ok = true;
        } catch (const Cancelled&) {
            job->dropped->store(true);
        } catch (const std::exception& e) {
            failure = QString::fromStdString(adv::userMessage(e));
            if (job->handlers.failed) outcome = [h = job->handlers.failed, failure] { h(failure); };
        } catch (...) {
            failure = QObject::tr("unexpected error");
            if (job->handlers.failed) outcome = [h = job->handlers.failed, failure] { h(failure); };
        }
        {
            std::lock_guard<std::mutex> lock(mutex_);
            running_.reset();
            if (stopping_) return;
        }
        finish(job, std::move(outcome), ok, failure);
    }
}

} // namespace adv::ui
