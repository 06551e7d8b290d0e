// Dataset workspace: open a Fashionpedia/COCO file and image folder (loaded on
// a worker thread with progress), filter instances, see masks over the image,
// statistics per category; build training pairs from the selection.
#pragma once

#include "ui/workspace_page.h"

#include <QList>

#include <memory>

class QCheckBox;
class QComboBox;
class QCustomPlot;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QSlider;
class QTableView;
class QLayout;

namespace adv::coco {
class Dataset;
}

namespace adv::ui {

class JobRunner;
class InstanceFilter;
class InstanceModel;
class ThumbnailModel;

class DatasetPage : public WorkspacePage {
    Q_OBJECT
public:
    explicit DatasetPage(QWidget* parent = nullptr);
    ~DatasetPage() override;

    void open(const QString& annotations, const QString& imagesDir);
    std::shared_ptr<coco::Dataset> dataset() const;
    QString imagesDir() const { return imagesDir_; }
    InstanceModel* model() const { return model_; }
    ThumbnailModel* thumbnails() const { return thumbs_; }
    InstanceFilter* filter() const { return filter_; }
    void selectRow(int proxyRow);
    QList<size_t> selectedAnnotations() const;  // indices into the dataset's annotations, ascending

public Q_SLOTS:
    void openDialog();
    // The embedded default: a synthetic Fashionpedia-format sample (made once, in the user's data folder).
    void openSampleDataset();
    void buildPairs();

Q_SIGNALS:
    void loaded(int annotations);
    void loadFailed(const QString& message);
    void pairsBuilt(const QString& manifest, int pairs);
    void useAsProducts(const QList<size_t>& annotations);  // "Use as products": the selected instances

private:
    void onLoaded(std::shared_ptr<adv::coco::Dataset> ds, const QString& imagesDir);
    QLayout* buildToolbar();
    QWidget* buildDetailPane();
    QWidget* buildBrowser();
    void showDetail();
    void updateStats();
    void scheduleStats();

public:
    JobRunner* jobs() const { return runner_; }  // dataset loads, the sample dataset, pair builds
    // Shown statistic: 0 instances per category, 1 per attribute (top 20), 2 size histogram.
    void setStatsKind(int kind);
    int statsKind() const;
    // The bars currently drawn (label, value), for tests.
    QList<QPair<QString, double>> statsBars() const;

private:

    InstanceModel* model_;
    InstanceFilter* filter_;
    QTableView* table_;
    QComboBox* category_;
    QComboBox* attribute_;
    ThumbnailModel* thumbs_;
    QDoubleSpinBox* minArea_;
    QLineEdit* search_;
    QLabel* detail_;
    QSlider* opacity_;
    QCheckBox* outline_;
    QCustomPlot* stats_;
    QComboBox* statsKind_;
    bool statsPending_ = false;
    QProgressBar* progress_;
    QLabel* status_;
    JobRunner* runner_;
    quint64 loadJob_ = 0;
    QString imagesDir_;
    bool recordInProject_ = true;  // false for the automatic sample: not an edit of the project
};

} // namespace adv::ui
