// Variants workspace: concept x condition x seed grid rendered cell by cell on
// a worker thread with live previews; approve, re-roll, copy seed, full size,
// generation parameters; optional LoRA on/off comparison columns.
#pragma once

#include "ui/variant_grid_model.h"
#include "ui/workers.h"
#include "ui/workspace_page.h"

#include <QList>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableView;
class QThread;

namespace adv::ui {

class VariantsPage : public WorkspacePage {
    Q_OBJECT
public:
    explicit VariantsPage(QWidget* parent = nullptr);
    ~VariantsPage() override;
    void setProject(Project* project) override;

    void setModelPath(const QString& path);
    void setLora(const QString& path, double scale);
    QStringList concepts() const;
    QStringList conditions() const;
    QList<VariantCell> cells() const { return grid_->cells(); }
    QList<VariantCell> approvedCells() const { return grid_->approvedCells(); }
    VariantGridModel* gridModel() const { return grid_; }
    bool isRendering() const { return !queue_.isEmpty() || busy_; }
    // Approve or unapprove a rendered cell: an undoable edit of the project when one is open.
    void setApproved(const QString& cellId, bool approved);

public Q_SLOTS:
    void loadModel();
    void renderGrid();
    void cancel();
    void reroll(const QString& cellId);

Q_SIGNALS:
    void gridFinished();
    void approvalsChanged();
    void cellRendered(const QString& cellId);

private:
    RenderRequest requestFor(const VariantCell& c) const;
    void enqueue(const VariantCell& c);
    void next();
    void onRendered(const QString& cellId, const QImage& img, const QString& params, const QString& path, double seconds);
    void rebuildGrid();
    void showContextMenu(const QPoint& pos);

    QLineEdit *model_, *concepts_, *conditions_, *negative_, *lora_;
    QDoubleSpinBox *cfg_, *loraScale_;
    QSpinBox *seeds_, *steps_, *baseSeed_;
    QComboBox* sampler_;
    QCheckBox* compare_;
    QPushButton *renderButton_, *cancelButton_;
    QProgressBar* progress_;
    QLabel* status_;
    VariantGridModel* grid_;
    QTableView* view_;
    QThread* thread_;
    RenderWorker* worker_;
    QList<VariantCell> queue_;
    bool busy_ = false;
    int done_ = 0, total_ = 0;
};

} // namespace adv::ui
