// Correcting a product's mask by hand: the photo with everything outside the product dimmed, a round brush
// that paints product (left button, or the Paint tool) or erases it (right button, or the Erase tool).
// The mask is a Grayscale8 image at the photo's size, 255 = product.
#pragma once

#include <QDialog>
#include <QImage>
#include <QWidget>

class QSlider;
class QRadioButton;
class QLabel;

namespace adv::ui {

class MaskCanvas : public QWidget {
    Q_OBJECT
public:
    explicit MaskCanvas(QWidget* parent = nullptr);
    void setImages(const QImage& photo, const QImage& mask);  // mask: Grayscale8 at the photo's size (null: empty)
    QImage mask() const { return mask_; }
    void setBrushRadius(int px) { radius_ = px; }  // in photo pixels
    int brushRadius() const { return radius_; }
    void setErasing(bool erase) { erasing_ = erase; }
    bool erasing() const { return erasing_; }
    // Paints (or erases) a stroke from `from` to `to` in photo pixels.
    void stroke(QPointF from, QPointF to, bool erase);
    QPointF toPhoto(QPointF widgetPos) const;  // widget -> photo pixels
    QSize sizeHint() const override { return {480, 480}; }

Q_SIGNALS:
    void edited();

protected:
    void paintEvent(QPaintEvent*) override;
    void mousePressEvent(QMouseEvent* e) override;
    void mouseMoveEvent(QMouseEvent* e) override;
    void mouseReleaseEvent(QMouseEvent* e) override;

private:
    QRectF target() const;  // where the photo is drawn (aspect kept)
    void refreshOverlay();
    QImage photo_, mask_, overlay_;
    int radius_ = 12;
    bool erasing_ = false;
    bool dragging_ = false, dragErase_ = false;
    QPointF last_;
};

class MaskEditor : public QDialog {
    Q_OBJECT
public:
    MaskEditor(const QString& title, const QImage& photo, const QImage& mask, QWidget* parent = nullptr);
    QImage mask() const;
    MaskCanvas* canvas() const { return canvas_; }
    int productPercent() const;  // share of the photo marked as product

private:
    void updateCoverage();
    MaskCanvas* canvas_;
    QSlider* brush_;
    QRadioButton *paint_, *erase_;
    QLabel* coverage_;
    QImage original_;
};

} // namespace adv::ui
