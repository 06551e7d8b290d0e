// The studio's main window: workspace navigation, File/Edit/View/Help menus,
// one project with its undo stack, device in the status bar.
#pragma once

#include <QMainWindow>

#include <functional>

class QAction;
class QLabel;
class QListWidget;
class QMenu;
class QStackedWidget;

namespace adv::ui {

class DatasetPage;
class ExportPage;
class GalleryPage;
class JobsDock;
class PairsPage;
class Project;
class TrainingPage;
class VariantsPage;
class WorkspacePage;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    Project* project() const { return project_; }
    DatasetPage* datasetPage() const { return dataset_; }
    PairsPage* pairsPage() const { return pairs_; }
    TrainingPage* trainingPage() const { return training_; }
    VariantsPage* variantsPage() const { return variants_; }
    GalleryPage* galleryPage() const { return gallery_; }
    ExportPage* exportPage() const { return export_; }
    JobsDock* jobsDock() const { return jobs_; }
    QStringList workspaceIds() const;
    QString currentWorkspace() const;
    void setCurrentWorkspace(const QString& id);
    void addWorkspace(WorkspacePage* page, const QString& iconName);

    // Without dialogs (tests, command line); errors are returned.
    bool openProject(const QString& path, QString* error = nullptr);
    bool saveProjectAs(const QString& path, QString* error = nullptr);

    // After a crash: offers the newest recovery file (the untitled project's, or one beside a recent project)
    // and restores it when the user agrees (the project then shows modified). Declined: the file is removed.
    // Returns true when a project was restored.
    bool offerRecovery();
    // How the user is asked (tests answer without a dialog): project name and when it was autosaved.
    using RestorePrompt = std::function<bool(const QString& project, const QString& writtenAt)>;
    void setRestorePrompt(RestorePrompt prompt) { askRestore_ = std::move(prompt); }

public Q_SLOTS:
    void newProject();
    void openProjectDialog();
    bool saveProject();
    bool saveProjectAsDialog();
    void showSettings();
    void showAbout();

protected:
    void closeEvent(QCloseEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void createActions();
    void createMenus();
    void updateTitle();
    void updateDeviceLabel();
    void createEditMenu();
    void updateRecentMenu();
    bool maybeSave();
    void setProject(Project* p);
    bool askRestore(const QString& recoveryFile);

    RestorePrompt askRestore_;
    QString shownLanguage_;  // the language the window's texts are in
    Project* project_ = nullptr;
    QListWidget* nav_;
    QStackedWidget* stack_;
    QList<WorkspacePage*> pages_;
    DatasetPage* dataset_ = nullptr;
    PairsPage* pairs_ = nullptr;
    TrainingPage* training_ = nullptr;
    VariantsPage* variants_ = nullptr;
    GalleryPage* gallery_ = nullptr;
    ExportPage* export_ = nullptr;
    QLabel* deviceLabel_;
    JobsDock* jobs_;
    QLabel* projectLabel_;
    QMenu* recentMenu_ = nullptr;
    QAction* undoAction_ = nullptr;
    QAction* redoAction_ = nullptr;
    QMenu* editMenu_ = nullptr;
};

} // namespace adv::ui
