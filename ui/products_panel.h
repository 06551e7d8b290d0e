// Product concepts for the Variants grid: the retailer's own photos (or dataset crops) whose product is kept
// pixel for pixel while the background is generated. Each has a mask (a file beside it, its alpha channel, or
// found automatically) that the user can correct with the mask editor; strength and layout apply to all.
#pragma once

#include "studio/renderer.h"
#include "ui/mask_editor.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QWidget>

#include <memory>

class QCheckBox;
class QDoubleSpinBox;
class QListWidget;
class QPushButton;
class QSpinBox;

namespace adv::coco {
class Dataset;
}

namespace adv::ui {

class InstancePicker;
class JobRunner;

class ProductsPanel : public QWidget {
    Q_OBJECT
public:
    struct Product {
        QString name;   // the grid row and the caption's subject ("red dress" -> "a red dress on the beach")
        QString photo;  // PNG or JPEG
        QString mask;   // "" = the photo's alpha, else found automatically
    };

    explicit ProductsPanel(QWidget* parent = nullptr);
    ~ProductsPanel() override;

    // Adds a photo (its name from the file name; a NAME.mask.png beside it is its mask). Returns the name, or
    // "" when the file cannot be read (message() says why).
    // `name` ("" = from the file name) gets " 2", " 3"... when a product has it already.
    QString addProduct(const QString& photo, const QString& mask = QString(), const QString& name = QString());
    // The dataset whose garments "From dataset..." offers (null: the button is disabled).
    void setDataset(std::shared_ptr<coco::Dataset> ds, const QString& imagesDir);
    // Writes each annotation (index into the dataset's annotations) as a product photo + mask in the product
    // folder, off the GUI thread, then adds them (named by category); productsAdded says which were added.
    void addFromDataset(const QList<size_t>& annotations);
    // Opens the picker of the dataset's instances (datasetPickerOpened); accepting adds the chosen ones.
    void pickFromDataset();
    void setProductFolder(const QString& dir) { productFolder_ = dir; }  // where dataset crops are written
    QString productFolder() const { return productFolder_; }
    void removeProduct(const QString& name);
    void clear();
    QList<Product> products() const { return products_; }
    QStringList names() const;
    bool isProduct(const QString& name) const;
    studio::ProductInput input(const QString& name) const;
    double strength() const;  // how much of the background is regenerated: 1 = from noise
    void setStrength(double s);
    bool keepLayout() const;
    void setKeepLayout(bool on);
    int featherPx() const;  // the paste-back edge's softness inside the mask; -1: automatic (1 % of the side)
    void setFeatherPx(int px);
    void setMaskFolder(const QString& dir) { maskFolder_ = dir; }  // where corrected masks are written
    QString maskFolder() const { return maskFolder_; }
    // Finds the product's starting mask off the GUI thread, then opens the editor (maskEditorOpened);
    // accepting it writes the mask to the mask folder and uses it from then on.
    void editMask(const QString& name);
    // Writes `mask` (Grayscale8, 255 = product) as the product's mask file; "" or the one-line reason.
    QString saveMask(const QString& name, const QImage& mask);

    QJsonObject toJson() const;
    void fromJson(const QJsonObject& o);

Q_SIGNALS:
    void changed();  // a product added, removed or re-masked, or an option changed
    void maskEditorOpened(adv::ui::MaskEditor* editor);
    void datasetPickerOpened(adv::ui::InstancePicker* picker);
    void productsAdded(const QStringList& names);
    void message(const QString& text);

private:
    void addPhotos();  // file dialog
    void refreshList();
    QString selectedName() const;
    QList<Product> products_;
    QListWidget* list_;
    QDoubleSpinBox* strength_;
    QCheckBox* keepLayout_;
    QSpinBox* feather_;
    JobRunner* runner_;  // starting masks (GrabCut takes a moment on a large photo)
    QString maskFolder_;
    QString productFolder_;
    QPushButton* fromDataset_;
    std::shared_ptr<coco::Dataset> dataset_;
    QString imagesDir_;
};

} // namespace adv::ui
