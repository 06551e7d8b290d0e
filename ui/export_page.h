// Export workspace: the approved variants, the placements of every installed
// ad-platform plugin (and presets.json), and an export that runs off the GUI thread.
#pragma once

#include "ui/workspace_page.h"

class QLabel;
class QComboBox;
class QLineEdit;
class QListView;
class QProgressBar;
class QPushButton;
class QTimer;
class QTreeWidget;
class QGridLayout;

namespace adv::ui {

class ApprovedVariantsModel;
class BrandPanel;
class JobRunner;
class VariantsPage;

class ExportPage : public WorkspacePage {
    Q_OBJECT
public:
    ExportPage(VariantsPage* variants, QWidget* parent = nullptr);
    ~ExportPage() override;
    JobRunner* jobs() const { return runner_; }  // exports (the live preview has its own, unlisted)
    // The project's export set: output folder, placements, brand layer on or off, the last manifest.
    void setProject(Project* project) override;
    QString outputFolder() const;
    void setSelectedPresets(const QStringList& ids);
    void refreshApproved();
    QStringList selectedPresets() const;
    QString extendMode() const;  // "blur", "mirror" or "outpaint"
    void setExtendMode(const QString& mode);
    BrandPanel* brandPanel() const { return brand_; }
    // Placements shown in the live preview of the last finished preview job.
    int previewCount() const { return previewShown_; }
    int approvedCount() const;
    int presetCount() const;

public Q_SLOTS:
    void exportNow();
    void schedulePreview();
    void cancel();

Q_SIGNALS:
    void exported(int files, const QString& manifest);
    void previewReady(int placements);

protected:
    void changeEvent(QEvent* event) override;

private:
    void endExport();
    void runPreview();
    VariantsPage* variants_;
    JobRunner* runner_;
    ApprovedVariantsModel* approvedModel_;
    QListView* approved_;
    QTreeWidget* presets_;
    QLineEdit* outDir_;
    QPushButton *exportButton_, *cancelButton_;
    QComboBox* extend_;  // how a reframe's added canvas is filled: blur, mirror, or generated (outpainting)
    // The running export: on runner_, or on the Variants render queue when it outpaints (it needs that model).
    JobRunner* exportRunner_ = nullptr;
    quint64 exportJob_ = 0;
    QProgressBar* progress_;
    QLabel* status_;
    QLabel* placementsLabel_;
    int pluginCount_ = 0;
    BrandPanel* brand_;
    JobRunner* previewRunner_;
    QTimer* previewTimer_;
    QWidget* previewGrid_;
    QGridLayout* previewLayout_;
    QLabel* previewStatus_;
    int previewShown_ = 0;
};

} // namespace adv::ui
