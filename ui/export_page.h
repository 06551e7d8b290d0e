// Export workspace: the approved variants, the placements of every installed
// ad-platform plugin (and presets.json), and an export that runs off the GUI thread.
#pragma once

#include "ui/workspace_page.h"

class QLabel;
class QLineEdit;
class QListView;
class QPushButton;
class QTreeWidget;

namespace adv::ui {

class ApprovedVariantsModel;
class VariantsPage;

class ExportPage : public WorkspacePage {
    Q_OBJECT
public:
    ExportPage(VariantsPage* variants, QWidget* parent = nullptr);
    void refreshApproved();
    QStringList selectedPresets() const;
    int approvedCount() const;
    int presetCount() const;

public Q_SLOTS:
    void exportNow();

Q_SIGNALS:
    void exported(int files, const QString& manifest);

private:
    VariantsPage* variants_;
    ApprovedVariantsModel* approvedModel_;
    QListView* approved_;
    QTreeWidget* presets_;
    QLineEdit* outDir_;
    QPushButton* exportButton_;
    QLabel* status_;
};

} // namespace adv::ui
