// Background conditions ("beach", "space", "city", or any the user adds): a
// folder of the user's photos and/or a built-in procedural generator, varied
// per seed so the studio works offline with no photos at all.
#pragma once

#include "pairs/captions.h"

#include <opencv2/core.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace adv::pairs {

struct Background {
    cv::Mat rgb;         // CV_8UC3
    std::string source;  // "procedural:beach#<seed>" or the photo path
    double groundLine;   // y of the ground (fraction of height) where a garment may stand
};

// A background of `w` x `h` for the condition, chosen/generated from `seed`.
Background makeBackground(const Condition& c, int w, int h, uint64_t seed);

} // namespace adv::pairs
