// Export workspace: the approved variants, the placements of every installed
// ad-platform plugin (and presets.json), and an export that runs off the GUI thread.
#pragma once

#include "ui/workspace_page.h"

class QLabel;
class QLineEdit;
class QListView;
class QProgressBar;
class QPushButton;
class QTreeWidget;

namespace adv::ui {

class ApprovedVariantsModel;
class JobRunner;
class VariantsPage;

class ExportPage : public WorkspacePage {
    Q_OBJECT
public:
    ExportPage(VariantsPage* variants, QWidget* parent = nullptr);
    ~ExportPage() override;
    void refreshApproved();
    QStringList selectedPresets() const;
    int approvedCount() const;
    int presetCount() const;

public Q_SLOTS:
    void exportNow();
    void cancel();

Q_SIGNALS:
    void exported(int files, const QString& manifest);

private:
    void endExport();
    VariantsPage* variants_;
    JobRunner* runner_;
    ApprovedVariantsModel* approvedModel_;
    QListView* approved_;
    QTreeWidget* presets_;
    QLineEdit* outDir_;
    QPushButton *exportButton_, *cancelButton_;
    QProgressBar* progress_;
    QLabel* status_;
};

} // namespace adv::ui
