#include "ui/mask_editor.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QPainter>
#include <QPushButton>
#include <QRadioButton>
#include <QSlider>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace adv::ui {

MaskCanvas::MaskCanvas(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("maskCanvas"));
    setMouseTracking(false);
    setMinimumSize(240, 240);
    setCursor(Qt::CrossCursor);
}

void MaskCanvas::setImages(const QImage& photo, const QImage& mask) {
    photo_ = photo.convertToFormat(QImage::Format_RGB32);
    mask_ = mask.isNull() ? QImage(photo.size(), QImage::Format_Grayscale8) : mask.convertToFormat(QImage::Format_Grayscale8);
    if (mask.isNull()) mask_.fill(0);
    if (mask_.size() != photo_.size()) mask_ = mask_.scaled(photo_.size(), Qt::IgnoreAspectRatio, Qt::FastTransformation);
    refreshOverlay();
    update();
}

QRectF MaskCanvas::target() const {
    if (photo_.isNull()) return {};
    const QSizeF s = QSizeF(photo_.size()).scaled(size(), Qt::KeepAspectRatio);
    return QRectF(QPointF((width() - s.width()) / 2, (height() - s.height()) / 2), s);
}

QPointF MaskCanvas::toPhoto(QPointF p) const {
    const QRectF t = target();
    if (t.isEmpty()) return {};
    return QPointF((p.x() - t.x()) * photo_.width() / t.width(), (p.y() - t.y()) * photo_.height() / t.height());
}

// Outside the product: the photo darkened and tinted, so the product stands out as it will be kept.
void MaskCanvas::refreshOverlay() {
    overlay_ = QImage(photo_.size(), QImage::Format_ARGB32_Premultiplied);
    for (int y = 0; y < photo_.height(); ++y) {
        const auto* m = mask_.constScanLine(y);
        auto* o = reinterpret_cast<QRgb*>(overlay_.scanLine(y));
        for (int x = 0; x < photo_.width(); ++x) o[x] = m[x] >= 128 ? qRgba(0, 0, 0, 0) : qPremultiply(qRgba(40, 0, 60, 150));
    }
}

void MaskCanvas::stroke(QPointF from, QPointF to, bool erase) {
    if (mask_.isNull()) return;
    QPainter p(&mask_);
    p.setRenderHint(QPainter::Antialiasing, false);
    const QColor c = erase ? QColor(0, 0, 0) : QColor(255, 255, 255);
    p.setPen(QPen(c, 2.0 * radius_, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    if (from == to) {
        p.setPen(Qt::NoPen);
        p.setBrush(c);
        p.drawEllipse(from, radius_, radius_);
    } else {
        p.drawLine(from, to);
    }
    p.end();
    refreshOverlay();
    update();
    Q_EMIT edited();
}

void MaskCanvas::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.fillRect(rect(), palette().window());
    if (photo_.isNull()) return;
    const QRectF t = target();
    p.setRenderHint(QPainter::SmoothPixmapTransform, true);
    p.drawImage(t, photo_);
    p.drawImage(t, overlay_);
}

void MaskCanvas::mousePressEvent(QMouseEvent* e) {
    if (e->button() != Qt::LeftButton && e->button() != Qt::RightButton) return;
    dragging_ = true;
    dragErase_ = erasing_ != (e->button() == Qt::RightButton);  // the right button does the other thing
    last_ = toPhoto(e->position());
    stroke(last_, last_, dragErase_);
}

void MaskCanvas::mouseMoveEvent(QMouseEvent* e) {
    if (!dragging_) return;
    const QPointF p = toPhoto(e->position());
    stroke(last_, p, dragErase_);
    last_ = p;
}

void MaskCanvas::mouseReleaseEvent(QMouseEvent*) { dragging_ = false; }

MaskEditor::MaskEditor(const QString& title, const QImage& photo, const QImage& mask, QWidget* parent) : QDialog(parent) {
    setObjectName(QStringLiteral("maskEditor"));
    setWindowTitle(tr("Product mask: %1").arg(title));
    canvas_ = new MaskCanvas(this);
    canvas_->setImages(photo, mask);
    original_ = canvas_->mask();
    paint_ = new QRadioButton(tr("Paint product"), this);
    paint_->setObjectName(QStringLiteral("paintTool"));
    paint_->setChecked(true);
    erase_ = new QRadioButton(tr("Erase"), this);
    erase_->setObjectName(QStringLiteral("eraseTool"));
    connect(erase_, &QRadioButton::toggled, canvas_, &MaskCanvas::setErasing);
    brush_ = new QSlider(Qt::Horizontal, this);
    brush_->setObjectName(QStringLiteral("brushSize"));
    const int side = std::max(1, std::max(photo.width(), photo.height()));
    brush_->setRange(1, std::max(2, side / 8));
    brush_->setValue(std::max(1, side / 40));
    canvas_->setBrushRadius(brush_->value());
    connect(brush_, &QSlider::valueChanged, canvas_, &MaskCanvas::setBrushRadius);
    auto* reset = new QPushButton(tr("Undo all edits"), this);
    connect(reset, &QPushButton::clicked, this, [this, photo] {
        canvas_->setImages(photo, original_);
        updateCoverage();
    });
    coverage_ = new QLabel(this);
    coverage_->setObjectName(QStringLiteral("maskCoverage"));
    connect(canvas_, &MaskCanvas::edited, this, &MaskEditor::updateCoverage);
    auto* tools = new QHBoxLayout;
    tools->addWidget(paint_);
    tools->addWidget(erase_);
    tools->addWidget(new QLabel(tr("Brush"), this));
    tools->addWidget(brush_, 1);
    tools->addWidget(reset);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* hint = new QLabel(tr("The product (bright) is kept pixel for pixel; everything dimmed is generated. "
                               "Left button: the chosen tool; right button: the other one."),
                            this);
    hint->setWordWrap(true);
    auto* l = new QVBoxLayout(this);
    l->addLayout(tools);
    l->addWidget(canvas_, 1);
    l->addWidget(hint);
    auto* bottom = new QHBoxLayout;
    bottom->addWidget(coverage_, 1);
    bottom->addWidget(buttons);
    l->addLayout(bottom);
    updateCoverage();
    resize(640, 640);
}

QImage MaskEditor::mask() const { return canvas_->mask(); }

int MaskEditor::productPercent() const {
    const QImage m = canvas_->mask();
    if (m.isNull() || m.width() == 0 || m.height() == 0) return 0;
    qint64 n = 0;
    for (int y = 0; y < m.height(); ++y) {
        const auto* r = m.constScanLine(y);
        for (int x = 0; x < m.width(); ++x) n += r[x] >= 128;
    }
    return int(std::lround(100.0 * double(n) / (double(m.width()) * m.height())));
}

void MaskEditor::updateCoverage() { coverage_->setText(tr("Product: %1 % of the photo").arg(productPercent())); }

} // namespace adv::ui
