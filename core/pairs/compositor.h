// Cut a garment out with its mask (feathered alpha, optional GrabCut
// refinement) and composite it onto a background at the training resolution.
#pragma once

#include "pairs/backgrounds.h"
#include "pairs/composite_options.h"

#include <opencv2/core.hpp>

#include <cstdint>

namespace adv::pairs {

struct Cutout {
    cv::Mat rgb;    // CV_8UC3 crop around the mask
    cv::Mat alpha;  // CV_32F in [0, 1], same size
};

// `image` RGB, `mask` CV_8U (non-zero = garment) of the same size.
Cutout cutOut(const cv::Mat& image, const cv::Mat& mask, const CutoutOptions& o = {});

struct Composite {
    cv::Mat rgb;                 // CV_8UC3 width x height
    cv::Mat mask;                // CV_8U where the garment is (alpha > 0.5)
    cv::Rect box;                // garment bounding box in the output
};

Composite composite(const Cutout& garment, const Background& background, const CompositeOptions& o, uint64_t seed);

} // namespace adv::pairs
