#include "ui/image_convert.h"

namespace adv::ui {

QImage toQImage(const studio::RgbImage& img) {
    if (img.width <= 0 || img.height <= 0 || img.rgb.size() < size_t(img.width) * size_t(img.height) * 3) return {};
    return QImage(img.rgb.data(), img.width, img.height, img.width * 3, QImage::Format_RGB888).copy();
}

} // namespace adv::ui
