// Variants workspace: concept x condition x seed grid rendered cell by cell by a
// job runner with live previews; approve, re-roll, copy seed, full size,
// generation parameters; optional LoRA on/off comparison columns. The model
// (the embedded one unless another is chosen) loads by itself in the background.
#pragma once

#include "studio/grid_spec.h"
#include "studio/model_library.h"
#include "studio/renderer.h"
#include "ui/variant_grid_model.h"
#include "ui/workspace_page.h"

#include <QHash>
#include <QList>

#include <functional>
#include <memory>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;

namespace adv::ui {
class LibraryPicker;
}
class QProgressBar;
class QPushButton;
class QSlider;
class QSpinBox;
class QTableView;
class QFormLayout;

namespace adv::ui {
class ProductsPanel;
}

namespace adv::ui {

class JobRunner;

class VariantsPage : public WorkspacePage {
    Q_OBJECT
public:
    explicit VariantsPage(QWidget* parent = nullptr);
    ~VariantsPage() override;
    void setProject(Project* project) override;

    void setModelPath(const QString& path);
    void setLora(const QString& path, double scale);
    void setCompareWithoutLora(bool on);
    QStringList concepts() const;  // the text concepts
    ProductsPanel* products() const { return products_; }  // product concepts: rows after the text ones
    QStringList conditions() const;
    QList<VariantCell> cells() const { return grid_->cells(); }
    QList<VariantCell> approvedCells() const { return grid_->approvedCells(); }
    VariantGridModel* gridModel() const { return grid_; }
    JobRunner* jobs() const { return runner_; }
    // Jobs that need the grid's model (an export that outpaints) queue on jobs() after this: it loads the
    // form's model first when needed. Inside such a job rendererInJobs() returns it (nullptr: it failed to load).
    void ensureModel();
    std::function<studio::Renderer*()> rendererInJobs() const;
    bool isRendering() const;
    bool isModelLoaded() const { return modelReady_; }
    QString statusText() const;
    int cellSize() const;          // the grid's thumbnail size in pixels (the zoom)
    void setCellSize(int px);      // 96-384
    // Approve or unapprove a rendered cell: an undoable edit of the project when one is open.
    void setApproved(const QString& cellId, bool approved);
    // The record every cell of a new grid starts from (sampler, steps, CFG, negative prompt, LoRA).
    studio::VariantRecord request() const;
    // The form as a grid spec (the file `advariant-cli grid --spec` renders, on a farm too) and back.
    studio::GridSpec gridSpec() const;
    void applyGridSpec(const studio::GridSpec& spec);
    // "Use these parameters": the form takes a rendered variant's settings (its concept and condition as the
    // grid, its seed as the first seed, sampler, steps, CFG, negative prompt, model and LoRA with its scale,
    // matched in the library by hash or name); a variant made without a LoRA clears the LoRA. Returns the
    // parts that could not be recalled ("" when everything was), e.g. a model that is not in the library.
    QString applyRecord(const studio::VariantRecord& r);
    // The same from a PNG's parameters (this studio's or AUTOMATIC1111's); "" or the one-line reason.
    QString applyPngParameters(const QString& path);

    // Write / read a spec file; "" on success, else the one-line reason.
    QString saveGridSpec(const QString& path) const;
    QString openGridSpec(const QString& path);

public Q_SLOTS:
    void loadModel();   // (re)loads the model the form names, in the background
    void refreshLibrary();  // rescans the model folders (Settings) for the model and LoRA pickers
    void setProductFolders();  // the products' masks and dataset crops: under the output folder (Settings)
    void renderGrid();  // loads the model first when needed: the first click always renders
    void cancel();      // cancels the running cell and every queued one
    void reroll(const QString& cellId);
    void saveGridSpecAs();  // file dialogs
    void openGridSpecFile();

Q_SIGNALS:
    void modelLoaded(const QString& name);
    void gridFinished();
    void approvalsChanged();
    void cellRendered(const QString& cellId);
    void libraryRefreshed(int models, int loras);

private:
    struct Engine;
    void buildForm(QFormLayout* form);
    QLayout* buildActions();
    void buildGrid();
    void enqueue(const VariantCell& c);
    void onRendered(const QString& cellId, const QImage& img, const studio::VariantRecord& record, const QString& path,
                    double seconds);
    void onJobEnded();
    void rebuildGrid();
    void keepInProject();  // the grid (cells, records, files, approvals) into the project's "variants"
    void showContextMenu(const QPoint& pos);
    void showFullSize(const VariantCell& c);
    void setFast(bool on);
    const studio::LibraryEntry* accelerator() const;  // the library's LCM-LoRA for Fast mode, if any

    LibraryPicker *model_, *lora_;
    ProductsPanel* products_;
    QLineEdit *concepts_, *conditions_, *negative_;
    QDoubleSpinBox *cfg_, *loraScale_, *hires_;
    QSpinBox *seeds_, *steps_, *baseSeed_;
    QComboBox* sampler_;
    QCheckBox* compare_;
    QCheckBox* fast_;
    struct Speed {
        QString sampler;
        int steps;
        double cfg;
    } beforeFast_{};
    QPushButton *renderButton_, *cancelButton_;
    QProgressBar* progress_;
    QSlider* zoom_;
    QLabel* status_;
    VariantGridModel* grid_;
    QTableView* view_;
    JobRunner* runner_;
    JobRunner* library_;  // scans of the model folders, apart from the render queue
    QStringList scannedFolders_;  // the model folders the library was last scanned from
    std::shared_ptr<Engine> engine_;  // touched only by the runner's jobs
    QString requestedModel_;          // what the last load job was asked for ("" = none yet)
    bool modelReady_ = false;
    bool gridActive_ = false;
    QHash<QString, quint64> jobOfCell_;
    int done_ = 0, total_ = 0;
};

} // namespace adv::ui
