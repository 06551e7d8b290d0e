// A workspace of the main window (Dataset, Pairs, Training, Variants, Export).
// Each capability replaces its page's body; until then the page says what it will hold.
#pragma once

#include <QWidget>

class QSplitter;

namespace adv::ui {

class Project;

class WorkspacePage : public QWidget {
    Q_OBJECT
public:
    WorkspacePage(const QString& id, const QString& title, const QString& description, QWidget* parent = nullptr);
    ~WorkspacePage() override;
    QString id() const { return id_; }
    QString title() const { return title_; }
    virtual void setProject(Project* project) { project_ = project; }

protected:
    void changeEvent(QEvent* event) override;  // the title follows a language switch
    // The page's two panes side by side, named "<id>Splitter" so the main window remembers the split;
    // `stretch` is each pane's share of the width.
    QSplitter* twoPanes(QWidget* left, QWidget* right, int leftStretch = 1, int rightStretch = 1);

    QString id_, title_;
    QString titleLanguage_;  // the language title_ is in
    Project* project_ = nullptr;
};

} // namespace adv::ui
