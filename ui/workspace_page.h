// A workspace of the main window (Dataset, Pairs, Training, Variants, Export).
// Each capability replaces its page's body; until then the page says what it will hold.
#pragma once

#include <QWidget>

#include <functional>

namespace adv::ui {

class Project;

class WorkspacePage : public QWidget {
    Q_OBJECT
public:
    WorkspacePage(const QString& id, const QString& title, const QString& description, QWidget* parent = nullptr);
    ~WorkspacePage() override;
    // Runs `job` on a thread owned by this page; the page waits for it when it is destroyed.
    void runInBackground(std::function<void()> job);
    QString id() const { return id_; }
    QString title() const { return title_; }
    virtual void setProject(Project* project) { project_ = project; }

protected:
    QString id_, title_;
    Project* project_ = nullptr;
};

} // namespace adv::ui
