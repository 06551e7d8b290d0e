// The Jobs dock: every long job of the studio in one list, in the order it was asked for —
// renders, training runs, dataset loads and synthesis, pair builds, exports — each with its
// workspace, state, progress and a Cancel button that works whether the job is still queued
// (it never starts) or running (its cancel token stops it at the next step). Finished jobs
// stay listed with how they ended until "Clear finished".
#pragma once

#include "ui/job_runner.h"

#include <QDockWidget>
#include <QHash>
#include <QPair>

#include <functional>

class QProgressBar;
class QPushButton;
class QToolButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace adv::ui {

class JobsDock : public QDockWidget {
    Q_OBJECT
public:
    enum Column { TitleColumn, WorkspaceColumn, StateColumn, ProgressColumn, CancelColumn };
    explicit JobsDock(QWidget* parent = nullptr);

    // Lists the jobs of `runner` under `workspace` (a page's name, or a callable giving it in the current language).
    void watch(JobRunner* runner, std::function<QString()> workspace);

    QTreeWidget* list() const { return list_; }
    int activeCount() const;  // queued + running
    // The row of a job (tests): its state text, progress and the cancel button.
    QTreeWidgetItem* itemFor(JobRunner* runner, quint64 id) const;
    QToolButton* cancelButtonFor(JobRunner* runner, quint64 id) const;
    QProgressBar* progressFor(JobRunner* runner, quint64 id) const;

public Q_SLOTS:
    void clearFinished();
    void cancelAllJobs();

protected:
    void changeEvent(QEvent* event) override;

private:
    enum class State { Queued, Running, Done, Failed, Cancelled };
    static bool isActive(State s) { return s == State::Queued || s == State::Running; }
    struct Row {
        JobRunner* runner = nullptr;
        quint64 id = 0;
        QTreeWidgetItem* item = nullptr;
        State state = State::Queued;
        QString message;  // the progress line or the failure
    };
    using Key = QPair<JobRunner*, quint64>;

    void onQueued(JobRunner* runner, quint64 id, const QString& title);
    void setState(Row& row, State state, const QString& message = QString());
    void updateHeader();
    QString stateText(const Row& row) const;
    Row* row(JobRunner* runner, quint64 id);

    QTreeWidget* list_;
    QPushButton* clear_;
    QPushButton* cancelAll_;
    QHash<Key, Row> rows_;
    QHash<JobRunner*, std::function<QString()>> workspaces_;
    quint64 orphanSeq_ = 0;
    static constexpr int kMaxFinished = 200;  // a working day of renders, oldest finished dropped first
};

} // namespace adv::ui
