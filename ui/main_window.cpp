#include "ui/main_window.h"

#include "ui/about_dialog.h"
#include "ui/dataset_page.h"
#include "ui/products_panel.h"
#include "ui/export_page.h"
#include "ui/gallery_page.h"
#include "ui/jobs_dock.h"
#include "ui/pairs_page.h"
#include "ui/training_page.h"
#include "ui/variants_page.h"
#include "ui/preferences.h"
#include "ui/project.h"
#include "ui/settings_dialog.h"
#include "ui/translations.h"
#include "ui/workspace_page.h"

#include "util/device.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDateTime>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QLabel>
#include <QLocale>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QUndoStack>

namespace adv::ui {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent), shownLanguage_(currentLanguage()) {
    setObjectName("MainWindow");
    setWindowIcon(QIcon(QStringLiteral(":/icons/advariant.svg")));
    nav_ = new QListWidget(this);
    nav_->setObjectName("workspaceNav");
    nav_->setViewMode(QListView::ListMode);
    nav_->setIconSize(QSize(24, 24));
    nav_->setFixedWidth(150);
    nav_->setSpacing(2);
    stack_ = new QStackedWidget(this);
    stack_->setObjectName("workspaceStack");
    auto* central = new QWidget(this);
    auto* l = new QHBoxLayout(central);
    l->setContentsMargins(4, 4, 4, 4);
    l->addWidget(nav_);
    l->addWidget(stack_, 1);
    setCentralWidget(central);
    connect(nav_, &QListWidget::currentRowChanged, stack_, &QStackedWidget::setCurrentIndex);

    dataset_ = new DatasetPage(stack_);
    pairs_ = new PairsPage(stack_);
    training_ = new TrainingPage(stack_);
    variants_ = new VariantsPage(stack_);
    gallery_ = new GalleryPage(stack_);
    export_ = new ExportPage(variants_, stack_);
    const QStyle::StandardPixmap icons[] = {QStyle::SP_DirIcon, QStyle::SP_FileDialogContentsView, QStyle::SP_MediaPlay,
                                            QStyle::SP_FileDialogListView, QStyle::SP_FileDialogDetailedView,
                                            QStyle::SP_DialogSaveButton};
    int k = 0;
    for (WorkspacePage* page :
         std::initializer_list<WorkspacePage*>{dataset_, pairs_, training_, variants_, gallery_, export_}) {
        pages_ << page;
        stack_->addWidget(page);
        auto* item = new QListWidgetItem(style()->standardIcon(icons[k++]), page->title(), nav_);
        item->setData(Qt::UserRole, page->id());
    }
    // The user's path through the studio: dataset -> pairs -> training -> variants -> export.
    connect(dataset_, &DatasetPage::pairsBuilt, this, [this](const QString& manifest, int) {
        QString err;
        if (pairs_->openManifest(manifest, &err)) setCurrentWorkspace(QStringLiteral("pairs"));
        else QMessageBox::warning(this, tr("Pairs"), err);
    });
    connect(gallery_, &GalleryPage::useParameters, this, [this](const studio::VariantRecord& r) {
        variants_->applyRecord(r);
        setCurrentWorkspace(QStringLiteral("variants"));
    });
    connect(dataset_, &DatasetPage::loaded, this, [this] {
        pairs_->setSource(dataset_->dataset(), dataset_->imagesDir());
        variants_->products()->setDataset(dataset_->dataset(), dataset_->imagesDir());
    });
    connect(dataset_, &DatasetPage::useAsProducts, this, [this](const QList<size_t>& annotations) {
        variants_->products()->addFromDataset(annotations);
        setCurrentWorkspace(QStringLiteral("variants"));
    });
    connect(pairs_, &PairsPage::useForTraining, this, [this](const QString& manifest) {
        training_->setManifest(manifest);
        setCurrentWorkspace(QStringLiteral("training"));
    });
    connect(training_, &TrainingPage::runFinished, this, [this](bool completed, const QString& lora, const QString&) {
        if (completed && !lora.isEmpty()) variants_->setLora(lora, 1.0);
    });

    // Every long job of every workspace, in one list with progress and cancel.
    jobs_ = new JobsDock(this);
    addDockWidget(Qt::BottomDockWidgetArea, jobs_);
    resizeDocks({jobs_}, {130}, Qt::Vertical);
    jobs_->watch(dataset_->jobs(), [this] { return dataset_->title(); });
    jobs_->watch(training_->jobs(), [this] { return training_->title(); });
    jobs_->watch(variants_->jobs(), [this] { return variants_->title(); });
    jobs_->watch(export_->jobs(), [this] { return export_->title(); });

    deviceLabel_ = new QLabel(this);
    deviceLabel_->setObjectName("deviceLabel");
    updateDeviceLabel();
    projectLabel_ = new QLabel(this);
    statusBar()->addWidget(projectLabel_, 1);
    statusBar()->addPermanentWidget(deviceLabel_);

    createActions();
    setProject(new Project(this));
    nav_->setCurrentRow(0);

    QSettings s;
    if (!restoreGeometry(s.value("window/geometry").toByteArray())) resize(1280, 800);
    restoreState(s.value("window/state").toByteArray());
    for (auto* sp : findChildren<QSplitter*>())
        if (!sp->objectName().isEmpty()) sp->restoreState(s.value("splitters/" + sp->objectName()).toByteArray());
    connect(&Preferences::instance(), &Preferences::recentProjectsChanged, this, &MainWindow::updateRecentMenu);
    updateRecentMenu();
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions() {
    auto* file = menuBar()->addMenu(tr("&File"));
    file->setObjectName("fileMenu");
    auto add = [this](QMenu* m, const QString& text, const QKeySequence& key, auto slot, const char* name) {
        QAction* a = m->addAction(text);
        a->setObjectName(QString::fromLatin1(name));
        a->setShortcut(key);
        connect(a, &QAction::triggered, this, slot);
        return a;
    };
    add(file, tr("&New Project"), QKeySequence::New, &MainWindow::newProject, "actionNew");
    add(file, tr("&Open Project..."), QKeySequence::Open, &MainWindow::openProjectDialog, "actionOpen");
    recentMenu_ = file->addMenu(tr("Open &Recent"));
    recentMenu_->setObjectName("recentMenu");
    file->addSeparator();
    add(file, tr("&Save"), QKeySequence::Save, &MainWindow::saveProject, "actionSave");
    add(file, tr("Save &As..."), QKeySequence::SaveAs, &MainWindow::saveProjectAsDialog, "actionSaveAs");
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"));
    quit->setShortcut(QKeySequence::Quit);
    connect(quit, &QAction::triggered, this, &QWidget::close);

    editMenu_ = menuBar()->addMenu(tr("&Edit"));
    editMenu_->setObjectName("editMenu");

    auto* view = menuBar()->addMenu(tr("&View"));
    for (int i = 0; i < pages_.size(); ++i) {
        QAction* a = view->addAction(pages_[i]->title());
        a->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + i)));
        connect(a, &QAction::triggered, this, [this, i] { nav_->setCurrentRow(i); });
    }
    view->addSeparator();
    QAction* showJobs = jobs_->toggleViewAction();
    showJobs->setObjectName("actionJobs");
    showJobs->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_J));
    view->addAction(showJobs);

    auto* help = menuBar()->addMenu(tr("&Help"));
    add(help, tr("&About AdVariant Studio"), QKeySequence(), &MainWindow::showAbout, "actionAbout");
    QAction* aboutQt = help->addAction(tr("About &Qt"));
    connect(aboutQt, &QAction::triggered, qApp, &QApplication::aboutQt);
}

void MainWindow::setProject(Project* p) {
    if (project_ && project_ != p) project_->deleteLater();
    project_ = p;
    createEditMenu();
    connect(p, &Project::modifiedChanged, this, &MainWindow::updateTitle);
    connect(p, &Project::pathChanged, this, &MainWindow::updateTitle);
    for (auto* page : pages_) page->setProject(p);
    updateTitle();
}

// Undo/Redo carry the command's name after a prefix QUndoStack keeps: made again in a new language.
void MainWindow::createEditMenu() {
    editMenu_->clear();
    delete undoAction_;  // the window owns them, not the menu
    delete redoAction_;
    QUndoStack* stack = project_->undoStack();
    undoAction_ = stack->createUndoAction(this, tr("&Undo"));
    undoAction_->setShortcut(QKeySequence::Undo);
    undoAction_->setObjectName("actionUndo");
    redoAction_ = stack->createRedoAction(this, tr("&Redo"));
    redoAction_->setShortcut(QKeySequence::Redo);
    redoAction_->setObjectName("actionRedo");
    editMenu_->addAction(undoAction_);
    editMenu_->addAction(redoAction_);
    editMenu_->addSeparator();
    QAction* settings = editMenu_->addAction(tr("&Settings..."));
    settings->setObjectName("actionSettings");
    settings->setShortcut(QKeySequence::Preferences);
    connect(settings, &QAction::triggered, this, &MainWindow::showSettings);
}

QStringList MainWindow::workspaceIds() const {
    QStringList ids;
    for (auto* p : pages_) ids << p->id();
    return ids;
}

QString MainWindow::currentWorkspace() const {
    auto* w = qobject_cast<WorkspacePage*>(stack_->currentWidget());
    return w ? w->id() : QString();
}

void MainWindow::setCurrentWorkspace(const QString& id) {
    for (int i = 0; i < pages_.size(); ++i)
        if (pages_[i]->id() == id) nav_->setCurrentRow(i);
}

void MainWindow::addWorkspace(WorkspacePage* page, const QString& iconName) {
    // Replace the placeholder page with the same id, or append.
    for (int i = 0; i < pages_.size(); ++i) {
        if (pages_[i]->id() == page->id()) {
            stack_->removeWidget(pages_[i]);
            pages_[i]->deleteLater();
            pages_[i] = page;
            stack_->insertWidget(i, page);
            page->setProject(project_);
            return;
        }
    }
    pages_ << page;
    stack_->addWidget(page);
    auto* item = new QListWidgetItem(QIcon::fromTheme(iconName), page->title(), nav_);
    item->setData(Qt::UserRole, page->id());
    page->setProject(project_);
}

void MainWindow::updateDeviceLabel() {
    const auto dev = deviceInfo();
    deviceLabel_->setText(tr("Device: %1").arg(QString::fromStdString(dev.describe())));
    deviceLabel_->setToolTip(tr("LibTorch %1, allocator %2").arg(QString::fromStdString(dev.torchVersion),
                                                                 QString::fromStdString(dev.allocator)));
}

void MainWindow::updateTitle() {
    const QString name = project_->displayName();
    setWindowTitle(tr("%1%2 — AdVariant Studio").arg(name, project_->isModified() ? QStringLiteral(" *") : QString()));
    setWindowModified(project_->isModified());
    projectLabel_->setText(project_->path().isEmpty() ? tr("Unsaved project") : project_->path());
}

void MainWindow::updateRecentMenu() {
    recentMenu_->clear();
    const QStringList recent = Preferences::instance().recentProjects();
    for (const QString& p : recent) {
        QAction* a = recentMenu_->addAction(QFileInfo(p).fileName());
        a->setToolTip(p);
        connect(a, &QAction::triggered, this, [this, p] {
            if (!maybeSave()) return;
            QString err;
            if (!openProject(p, &err)) QMessageBox::critical(this, tr("Open Project"), err);
        });
    }
    recentMenu_->addSeparator();
    QAction* clear = recentMenu_->addAction(tr("Clear List"));
    clear->setEnabled(!recent.isEmpty());
    connect(clear, &QAction::triggered, this, [] { Preferences::instance().clearRecentProjects(); });
}

bool MainWindow::askRestore(const QString& recoveryFile) {
    QString written;
    const QString project = Project::recoveredProjectPath(recoveryFile, &written);
    const QString name = project.isEmpty() ? tr("Untitled") : QFileInfo(project).fileName();
    const QString when = QDateTime::fromString(written, Qt::ISODate).toString(QLocale().dateTimeFormat(QLocale::ShortFormat));
    if (askRestore_) return askRestore_(name, when);
    return QMessageBox::question(this, tr("Restore unsaved changes"),
                                 tr("AdVariant Studio did not close normally. The project \"%1\" has changes from %2 "
                                    "that were not saved. Restore them?").arg(name, when),
                                 QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes) == QMessageBox::Yes;
}

bool MainWindow::offerRecovery() {
    QStringList candidates{Project::recoveryPathFor(QString())};
    for (const QString& p : Preferences::instance().recentProjects()) candidates << Project::recoveryPathFor(p);
    QString newest;
    for (const QString& c : candidates)
        if (QFileInfo::exists(c) && (newest.isEmpty() || QFileInfo(c).lastModified() > QFileInfo(newest).lastModified()))
            newest = c;
    if (newest.isEmpty()) return false;
    if (!askRestore(newest)) {
        QFile::remove(newest);
        return false;
    }
    auto* p = new Project(this);
    QString err;
    if (!p->restoreRecovery(newest, &err)) {
        delete p;
        QMessageBox::warning(this, tr("Restore unsaved changes"), err);
        return false;
    }
    setProject(p);
    return true;
}

bool MainWindow::openProject(const QString& path, QString* error) {
    auto* p = new Project(this);
    QString err;
    if (!p->load(path, &err)) {
        delete p;
        if (error) *error = err;
        return false;
    }
    // Changes autosaved after the last save of this project (the studio was killed or crashed).
    const QFileInfo recovery(p->recoveryPath());
    if (recovery.exists()) {
        if (recovery.lastModified() >= QFileInfo(path).lastModified() && askRestore(recovery.absoluteFilePath())) {
            if (!p->restoreRecovery(recovery.absoluteFilePath(), &err))
                QMessageBox::warning(this, tr("Restore unsaved changes"), err);
        } else {
            p->discardRecovery();
        }
    }
    setProject(p);
    Preferences::instance().addRecentProject(path);
    return true;
}

bool MainWindow::saveProjectAs(const QString& path, QString* error) {
    QString err;
    if (!project_->save(path, &err)) {
        if (error) *error = err;
        return false;
    }
    Preferences::instance().addRecentProject(path);
    updateTitle();
    return true;
}

void MainWindow::newProject() {
    if (!maybeSave()) return;
    setProject(new Project(this));
}

void MainWindow::openProjectDialog() {
    if (!maybeSave()) return;
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Project"), QString(),
                                                      tr("AdVariant projects (*.advproj);;All files (*)"));
    if (path.isEmpty()) return;
    QString err;
    if (!openProject(path, &err)) QMessageBox::critical(this, tr("Open Project"), err);
}

bool MainWindow::saveProject() {
    if (project_->path().isEmpty()) return saveProjectAsDialog();
    QString err;
    if (!saveProjectAs(project_->path(), &err)) {
        QMessageBox::critical(this, tr("Save Project"), err);
        return false;
    }
    return true;
}

bool MainWindow::saveProjectAsDialog() {
    QString path = QFileDialog::getSaveFileName(this, tr("Save Project"), project_->path(),
                                                tr("AdVariant projects (*.advproj)"));
    if (path.isEmpty()) return false;
    if (!path.endsWith(QLatin1String(".advproj"))) path += QLatin1String(".advproj");
    QString err;
    if (!saveProjectAs(path, &err)) {
        QMessageBox::critical(this, tr("Save Project"), err);
        return false;
    }
    return true;
}

bool MainWindow::maybeSave() {
    if (!project_->isModified()) {
        project_->discardRecovery();
        return true;
    }
    const auto r = QMessageBox::warning(this, tr("Unsaved changes"),
                                        tr("The project \"%1\" has unsaved changes. Save them?").arg(project_->displayName()),
                                        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel);
    if (r == QMessageBox::Save) return saveProject();
    if (r != QMessageBox::Discard) return false;
    project_->discardRecovery();  // discarded on purpose: nothing to offer at the next start
    return true;
}

void MainWindow::showSettings() {
    SettingsDialog d(this);
    if (d.exec() != QDialog::Accepted) return;
    // The open windows switch at once when the language changed (QEvent::LanguageChange, see changeEvent()).
    installTranslations(Preferences::instance().language());
}

void MainWindow::changeEvent(QEvent* event) {
    QMainWindow::changeEvent(event);
    if (event->type() != QEvent::LanguageChange) return;
    // Once per switch (Qt may deliver the event twice): every page's tr() texts, from the language shown;
    // the pages then refresh what they format at run time.
    const QString now = currentLanguage();
    if (now == shownLanguage_) return;
    retranslateTree(this, shownLanguage_);
    shownLanguage_ = now;
    updateTitle();
    updateDeviceLabel();
    createEditMenu();
    updateRecentMenu();
}

void MainWindow::showAbout() {
    AboutDialog d(this);
    d.exec();
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (!maybeSave()) {
        event->ignore();
        return;
    }
    QSettings s;
    s.setValue("window/geometry", saveGeometry());
    s.setValue("window/state", saveState());
    for (auto* sp : findChildren<QSplitter*>())
        if (!sp->objectName().isEmpty()) s.setValue("splitters/" + sp->objectName(), sp->saveState());
    event->accept();
}

} // namespace adv::ui
