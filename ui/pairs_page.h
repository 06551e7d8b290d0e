// Pairs workspace: the composited training pairs of a manifest grouped by
// category and condition; accept / reject / caption edits are undoable and
// saved to the manifest; counts per category x condition.
#pragma once

#include "ui/workspace_page.h"

#include <memory>

class QLabel;
class QListView;

namespace adv::coco {
class Dataset;
}
namespace adv::pairs {
struct PairSet;
}

namespace adv::ui {

class PairGroupProxy;
class PairModel;

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
    void setProject(Project* project) override;  // reopens the project's pair set
    // The dataset the pairs were cut from (needed to rebuild or swap backgrounds).
    void setSource(std::shared_ptr<coco::Dataset> ds, const QString& imagesDir);
    quint64 seed(int index) const;
    PairModel* model() const { return model_; }
    PairGroupProxy* groupedModel() const { return proxy_; }

public Q_SLOTS:
    void setState(int index, const QString& state);  // undoable
    void setCaption(int index, const QString& caption);  // undoable
    void swapBackground(int index);  // undoable: a new background seed, re-composited
    bool rebuild(int index, quint64 seed, QString* error = nullptr);

Q_SIGNALS:
    void useForTraining(const QString& manifest);

protected:
    void changeEvent(QEvent* event) override;

private:
    friend class PairEditCommand;
    void apply(int index, const QString& state, const QString& caption, bool edited);
    void updateCounts();
    QList<int> selectedRows() const;  // rows of the set (not of the grouped view)
    PairModel* model_;
    PairGroupProxy* proxy_;
    QListView* list_;
    QLabel* counts_;
    std::unique_ptr<pairs::PairSet> set_;
    std::shared_ptr<coco::Dataset> source_;
    QString imagesDir_;
    QString manifest_;
};

} // namespace adv::ui
