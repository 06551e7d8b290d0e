#include "ui/jobs_dock.h"

#include <algorithm>

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QProgressBar>
#include <QPushButton>
#include <QStyle>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace adv::ui {

JobsDock::JobsDock(QWidget* parent) : QDockWidget(tr("Jobs"), parent) {
    setObjectName(QStringLiteral("jobsDock"));  // placement remembered with the window state
    auto* body = new QWidget(this);
    auto* l = new QHBoxLayout(body);
    l->setContentsMargins(4, 4, 4, 4);
    list_ = new QTreeWidget(body);
    list_->setObjectName(QStringLiteral("jobsList"));
    list_->setRootIsDecorated(false);
    list_->setUniformRowHeights(true);
    list_->setTextElideMode(Qt::ElideMiddle);  // long paths keep their file name; the tooltip has all
    list_->setColumnCount(5);
    list_->setHeaderLabels({tr("Job"), tr("Workspace"), tr("State"), tr("Progress"), QString()});
    list_->header()->setStretchLastSection(false);
    list_->header()->setSectionResizeMode(TitleColumn, QHeaderView::Stretch);
    list_->header()->setSectionResizeMode(StateColumn, QHeaderView::ResizeToContents);
    list_->setColumnWidth(ProgressColumn, 140);
    list_->setColumnWidth(CancelColumn, 32);
    // The buttons beside the list, not under it: the dock stays low enough for a 1280 x 800 screen.
    list_->setMinimumHeight(60);
    auto* buttons = new QVBoxLayout;
    cancelAll_ = new QPushButton(tr("Cancel All"), body);
    cancelAll_->setObjectName(QStringLiteral("cancelAllJobs"));
    cancelAll_->setToolTip(tr("Cancels every queued and running job."));
    clear_ = new QPushButton(tr("Clear Finished"), body);
    clear_->setObjectName(QStringLiteral("clearFinishedJobs"));
    buttons->addWidget(cancelAll_);
    buttons->addWidget(clear_);
    buttons->addStretch();
    l->addWidget(list_, 1);
    l->addLayout(buttons);
    setWidget(body);
    connect(clear_, &QPushButton::clicked, this, &JobsDock::clearFinished);
    connect(cancelAll_, &QPushButton::clicked, this, &JobsDock::cancelAllJobs);
    updateHeader();
}

void JobsDock::watch(JobRunner* runner, std::function<QString()> workspace) {
    workspaces_[runner] = std::move(workspace);
    connect(runner, &JobRunner::jobQueued, this,
            [this, runner](quint64 id, const QString& title) { onQueued(runner, id, title); });
    connect(runner, &JobRunner::jobStarted, this, [this, runner](quint64 id, const QString&) {
        if (Row* r = row(runner, id)) setState(*r, State::Running);
    });
    connect(runner, &JobRunner::jobProgress, this,
            [this, runner](quint64 id, int done, int total, const QString& message) {
                Row* r = row(runner, id);
                if (!r || r->state != State::Running) return;
                auto* bar = progressFor(runner, id);
                if (!bar) return;
                bar->setRange(0, std::max(total, 0));  // 0..0: busy, no known length
                bar->setValue(std::clamp(done, 0, std::max(total, 0)));
                r->message = message;
                r->item->setText(StateColumn, stateText(*r));
            });
    connect(runner, &JobRunner::jobEnded, this,
            [this, runner](quint64 id, JobRunner::Outcome outcome, const QString& message) {
                Row* r = row(runner, id);
                if (!r) return;
                setState(*r,
                         outcome == JobRunner::Outcome::Done     ? State::Done
                         : outcome == JobRunner::Outcome::Failed ? State::Failed
                                                                 : State::Cancelled,
                         message);
            });
    // Jobs asked for before the dock watched (a page loads its model while it is built).
    for (const JobRunner::JobInfo& j : runner->activeJobs()) {
        onQueued(runner, j.id, j.title);
        if (j.running) setState(rows_[Key(runner, j.id)], State::Running);
    }
    connect(runner, &QObject::destroyed, this, [this, runner] {
        // The page went away: its rows stay as history but nothing can be cancelled through them any more.
        for (Row& r : rows_)
            if (r.runner == runner && isActive(r.state))
                setState(r, State::Cancelled);
        // Re-keyed: a later runner at the same address must not find these rows.
        QList<Row> orphans;
        for (auto it = rows_.begin(); it != rows_.end();) {
            if (it.key().first != runner) {
                ++it;
                continue;
            }
            orphans << *it;
            orphans.back().runner = nullptr;
            it = rows_.erase(it);
        }
        for (const Row& r : orphans) rows_.insert(Key(nullptr, ++orphanSeq_), r);
        workspaces_.remove(runner);
    });
}

void JobsDock::onQueued(JobRunner* runner, quint64 id, const QString& title) {
    auto* item = new QTreeWidgetItem(list_);
    item->setText(TitleColumn, title);
    item->setToolTip(TitleColumn, title);
    const auto ws = workspaces_.value(runner);
    item->setText(WorkspaceColumn, ws ? ws() : QString());
    Row r;
    r.runner = runner;
    r.id = id;
    r.item = item;
    auto* bar = new QProgressBar(list_);
    bar->setRange(0, 1);
    bar->setValue(0);
    bar->setTextVisible(true);
    list_->setItemWidget(item, ProgressColumn, bar);
    auto* cancel = new QToolButton(list_);
    cancel->setIcon(style()->standardIcon(QStyle::SP_DialogCancelButton));
    cancel->setAutoRaise(true);
    cancel->setToolTip(tr("Cancel this job"));
    list_->setItemWidget(item, CancelColumn, cancel);
    connect(cancel, &QToolButton::clicked, this, [this, runner, id] {
        Row* rr = row(runner, id);
        if (rr && rr->runner && isActive(rr->state)) rr->runner->cancel(id);
    });
    auto& stored = rows_[Key(runner, id)] = r;
    setState(stored, State::Queued);
    list_->scrollToItem(item);
}

void JobsDock::setState(Row& row, State state, const QString& message) {
    row.state = state;
    row.message = message;
    row.item->setText(StateColumn, stateText(row));
    row.item->setToolTip(StateColumn, row.message);
    const bool active = isActive(state);
    if (auto* cancel = qobject_cast<QToolButton*>(list_->itemWidget(row.item, CancelColumn))) {
        cancel->setEnabled(active);
        // Nothing left to cancel: a blank cell (the view shows its index widgets itself, so no hide()).
        cancel->setIcon(active ? style()->standardIcon(QStyle::SP_DialogCancelButton) : QIcon());
    }
    if (auto* bar = qobject_cast<QProgressBar*>(list_->itemWidget(row.item, ProgressColumn))) {
        if (state == State::Running && bar->maximum() == 1 && bar->value() == 0) bar->setRange(0, 0);  // busy until the first step
        if (state == State::Done) {
            bar->setRange(0, 1);
            bar->setValue(1);
        }
        if (state == State::Failed || state == State::Cancelled) bar->setEnabled(false);
    }
    if (!active) {
        // Keep a bounded history: the oldest finished rows go first.
        int finished = 0;
        for (const Row& r : rows_) finished += !isActive(r.state);
        for (int i = 0; finished > kMaxFinished && i < list_->topLevelItemCount();) {
            QTreeWidgetItem* item = list_->topLevelItem(i);
            auto it = std::find_if(rows_.begin(), rows_.end(), [item](const Row& r) { return r.item == item; });
            if (it != rows_.end() && !isActive(it->state) && it->item != row.item) {
                rows_.erase(it);
                delete item;
                --finished;
            } else {
                ++i;
            }
        }
    }
    updateHeader();
}

QString JobsDock::stateText(const Row& row) const {
    switch (row.state) {
    case State::Queued: return tr("Queued");
    case State::Running: return row.message.isEmpty() ? tr("Running") : tr("Running: %1").arg(row.message);
    case State::Done: return tr("Done");
    case State::Failed: return tr("Failed: %1").arg(row.message);
    case State::Cancelled: return tr("Cancelled");
    }
    return QString();
}

void JobsDock::updateHeader() {
    const int active = activeCount();
    setWindowTitle(active ? tr("Jobs (%1 active)").arg(active) : tr("Jobs"));
    cancelAll_->setEnabled(active > 0);
}

int JobsDock::activeCount() const {
    int n = 0;
    for (const Row& r : rows_) n += isActive(r.state);
    return n;
}

void JobsDock::clearFinished() {
    for (auto it = rows_.begin(); it != rows_.end();) {
        if (isActive(it->state)) {
            ++it;
            continue;
        }
        delete it->item;
        it = rows_.erase(it);
    }
    updateHeader();
}

void JobsDock::cancelAllJobs() {
    // JobRunner::cancelAll drops a runner's queue before it stops the running job: none of the queued ones starts.
    const auto runners = workspaces_.keys();
    for (JobRunner* r : runners) r->cancelAll();
}

void JobsDock::changeEvent(QEvent* event) {
    QDockWidget::changeEvent(event);
    if (event->type() != QEvent::LanguageChange) return;
    for (Row& r : rows_) {
        r.item->setText(StateColumn, stateText(r));
        const auto ws = workspaces_.value(r.runner);
        if (ws) r.item->setText(WorkspaceColumn, ws());
    }
    updateHeader();
}

QTreeWidgetItem* JobsDock::itemFor(JobRunner* runner, quint64 id) const {
    const auto it = rows_.constFind(Key(runner, id));
    return it == rows_.cend() ? nullptr : it->item;
}

QToolButton* JobsDock::cancelButtonFor(JobRunner* runner, quint64 id) const {
    QTreeWidgetItem* i = itemFor(runner, id);
    return i ? qobject_cast<QToolButton*>(list_->itemWidget(i, CancelColumn)) : nullptr;
}

QProgressBar* JobsDock::progressFor(JobRunner* runner, quint64 id) const {
    QTreeWidgetItem* i = itemFor(runner, id);
    return i ? qobject_cast<QProgressBar*>(list_->itemWidget(i, ProgressColumn)) : nullptr;
}

JobsDock::Row* JobsDock::row(JobRunner* runner, quint64 id) {
    const auto it = rows_.find(Key(runner, id));
    return it == rows_.end() ? nullptr : &*it;
}

} // namespace adv::ui
