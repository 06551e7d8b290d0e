// Images crossing from core (plain RGB8 buffers) into Qt.
#pragma once

#include "dataset/rle.h"
#include "studio/renderer.h"

#include <QImage>

namespace adv::ui {

// A deep copy: the QImage owns its pixels.
QImage toQImage(const studio::RgbImage& img);

// The mask as a translucent colour layer at the mask's size (transparent outside), to draw over its image.
QImage maskOverlay(const coco::Rle& rle, const QColor& col, double alpha);

} // namespace adv::ui
