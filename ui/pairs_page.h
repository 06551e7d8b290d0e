// Pairs workspace: the composited training pairs of a manifest grouped by
// category and condition; accept / reject / caption edits are undoable and
// saved to the manifest; counts per category x condition.
#pragma once

#include "ui/workspace_page.h"

#include <memory>

class QLabel;
class QListWidget;
class QListWidgetItem;

namespace adv::pairs {
struct PairSet;
}

namespace adv::ui {

class PairsPage : public WorkspacePage {
    Q_OBJECT
public:
    explicit PairsPage(QWidget* parent = nullptr);
    ~PairsPage() override;
    bool openManifest(const QString& manifest, QString* error = nullptr);
    int pairCount() const;
    QString state(int index) const;
    QString caption(int index) const;
    QString manifest() const { return manifest_; }

public Q_SLOTS:
    void setState(int index, const QString& state);  // undoable
    void setCaption(int index, const QString& caption);  // undoable

Q_SIGNALS:
    void useForTraining(const QString& manifest);

private:
    friend class PairEditCommand;
    void apply(int index, const QString& state, const QString& caption, bool edited);
    void refreshItem(int index);
    void updateCounts();
    QListWidget* list_;
    QLabel* counts_;
    std::unique_ptr<pairs::PairSet> set_;
    QString manifest_;
};

} // namespace adv::ui
