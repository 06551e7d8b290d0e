#include "ui/image_convert.h"

#include <QColor>

namespace adv::ui {

QImage toQImage(const studio::RgbImage& img) {
    if (img.width <= 0 || img.height <= 0 || img.rgb.size() < size_t(img.width) * size_t(img.height) * 3) return {};
    return QImage(img.rgb.data(), img.width, img.height, img.width * 3, QImage::Format_RGB888).copy();
}

QImage maskOverlay(const coco::Rle& rle, const QColor& col, double alpha) {
    QImage overlay(rle.w, rle.h, QImage::Format_ARGB32_Premultiplied);
    overlay.fill(Qt::transparent);
    const auto bits = rle.toBitmap();
    const QRgb on = qPremultiply(qRgba(col.red(), col.green(), col.blue(), int(alpha * 255)));
    for (int y = 0; y < rle.h; ++y) {
        auto* line = reinterpret_cast<QRgb*>(overlay.scanLine(y));
        const uint8_t* row = bits.data() + static_cast<size_t>(y) * rle.w;
        for (int x = 0; x < rle.w; ++x)
            if (row[x]) line[x] = on;
    }
    return overlay;
}

} // namespace adv::ui
