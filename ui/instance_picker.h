// Picking dataset garments as product concepts: the loaded dataset's instances, largest first, filtered by
// category and text, the current one shown cut out with its mask. Accepting hands back the chosen
// annotations; the Products panel writes each as a product photo + mask (studio::writeDatasetProduct).
#pragma once

#include <QDialog>
#include <QList>

#include <memory>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QTableView;

namespace adv::coco {
class Dataset;
}

namespace adv::ui {

class InstanceFilter;
class InstanceModel;

class InstancePicker : public QDialog {
    Q_OBJECT
public:
    InstancePicker(std::shared_ptr<coco::Dataset> ds, const QString& imagesDir, QWidget* parent = nullptr);
    ~InstancePicker() override;

    QList<size_t> selectedAnnotations() const;  // indices into the dataset's annotations, in table order
    void selectAnnotation(size_t index);        // makes it the current row (cleared filters if it was hidden)
    void setCategory(int categoryId);           // -1 = all
    // Whole items only (on by default): Fashionpedia's garment parts, closures and decorations (a sleeve, a
    // zip, a bead) are hidden; they are rarely a product by themselves.
    void setWholeItemsOnly(bool on);
    int visibleRows() const;
    QImage preview() const;  // what the preview shows: the current instance's crop, its mask tinted

private:
    void showPreview();
    std::shared_ptr<coco::Dataset> ds_;
    QString imagesDir_;
    InstanceModel* model_;
    InstanceFilter* filter_;
    QTableView* table_;
    QComboBox* category_;
    QCheckBox* wholeItems_;
    QLineEdit* search_;
    QLabel* preview_;
    QImage previewImage_;
    QDialogButtonBox* buttons_;
};

} // namespace adv::ui
