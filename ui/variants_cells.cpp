// VariantsPage: what a grid cell offers — approving (an undoable edit of the project), re-rolling its seed,
// the full-size view and the context menu.
#include "ui/variants_page.h"

#include "ui/job_runner.h"
#include "ui/project.h"
#include "ui/variant_grid_model.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDialog>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPixmap>
#include <QPointer>
#include <QTableView>
#include <QUndoCommand>
#include <QUndoStack>
#include <QVBoxLayout>

namespace adv::ui {

namespace {
// Approving a cell is an edit of the project's selection for export: undoable.
class ApproveCommand : public QUndoCommand {
public:
    ApproveCommand(VariantGridModel* grid, const VariantCell& c, bool approved) : grid_(grid), id_(c.id), approved_(approved) {
        setText((approved ? VariantsPage::tr("Approve %1 / %2 / %3") : VariantsPage::tr("Unapprove %1 / %2 / %3"))
                    .arg(c.concept(), c.condition())
                    .arg(c.seed()));
    }
    void redo() override {
        if (grid_) grid_->setApproved(id_, approved_);
    }
    void undo() override {
        if (grid_) grid_->setApproved(id_, !approved_);
    }

private:
    QPointer<VariantGridModel> grid_;
    QString id_;
    bool approved_;
};
} // namespace

void VariantsPage::setApproved(const QString& id, bool approved) {
    const VariantCell c = grid_->cell(id);
    if (c.id.isEmpty() || c.approved == approved || (approved && !c.rendered())) return;  // render first
    if (project_) project_->undoStack()->push(new ApproveCommand(grid_, c, approved));
    else grid_->setApproved(id, approved);
}

void VariantsPage::reroll(const QString& id) {
    const VariantCell c = grid_->cell(id);
    if (c.id.isEmpty()) return;
    if (jobOfCell_.contains(id)) runner_->cancel(jobOfCell_.take(id));  // its old result is stale now
    grid_->setSeed(id, c.seed() + 1000);                                 // a new seed, same concept and condition
    enqueue(grid_->cell(id));
}

void VariantsPage::showFullSize(const VariantCell& c) {
    if (!c.rendered()) return;
    QDialog d(this);
    d.setWindowTitle(QStringLiteral("%1 — %2 — seed %3").arg(c.concept(), c.condition()).arg(c.seed()));
    auto* l = new QVBoxLayout(&d);
    auto* img = new QLabel(&d);
    img->setPixmap(QPixmap(c.path));
    auto* params = new QLabel(c.parameters(), &d);
    params->setTextInteractionFlags(Qt::TextSelectableByMouse);
    params->setWordWrap(true);
    l->addWidget(img);
    l->addWidget(params);
    d.exec();
}

void VariantsPage::showContextMenu(const QPoint& pos) {
    const QModelIndex i = view_->indexAt(pos);
    if (!i.isValid()) return;
    const QString id = i.data(VariantGridModel::CellIdRole).toString();
    const VariantCell c = grid_->cell(id);
    QMenu m(this);
    m.addAction(c.approved ? tr("Unapprove") : tr("Approve"), this, [this, id, c] { setApproved(id, !c.approved); })
        ->setEnabled(c.rendered());
    m.addAction(tr("Re-roll"), this, [this, id] { reroll(id); });
    m.addAction(tr("Copy seed"), this, [c] { QApplication::clipboard()->setText(QString::number(c.seed())); });
    m.addAction(tr("Open full size"), this, [this, c] { showFullSize(c); });
    m.addAction(tr("Show parameters"), this,
                [this, c] { QMessageBox::information(this, tr("Generation parameters"), c.parameters()); });
    m.addAction(tr("Use these parameters"), this, [this, c] { applyRecord(c.record); })->setEnabled(c.rendered());
    m.exec(view_->viewport()->mapToGlobal(pos));
}
} // namespace adv::ui
