// Images crossing from core (plain RGB8 buffers) into Qt.
#pragma once

#include "studio/renderer.h"

#include <QImage>

namespace adv::ui {

// A deep copy: the QImage owns its pixels.
QImage toQImage(const studio::RgbImage& img);

} // namespace adv::ui
