// Fitting a generated image to an ad size with the product inside the safe
// zone: locate the subject (its mask, or a saliency estimate), crop when the
// aspect allows, extend the canvas otherwise (blurred or mirrored edges; outpainting is the export's,
// see exportset/outpaint.h),
// Lanczos when scaling up.
#pragma once

#include "exportset/preset.h"
#include "exportset/reframe_options.h"

#include <opencv2/core.hpp>

namespace adv::exportset {

struct Reframed {
    cv::Mat rgb;            // exactly preset.width x preset.height
    cv::Rect subject;       // where the subject landed
    bool extended = false;  // the canvas was extended (not a pure crop)
    double scale = 1;       // source -> output scale
    cv::Point2d offset;     // output = source * scale + offset
    cv::Rect known;         // the part of the canvas the picture's own pixels cover (all of it for a crop)
};

// Subject box from a mask (non-zero pixels), or estimated from colour contrast
// against the image border when `mask` is empty.
cv::Rect locateSubject(const cv::Mat& rgb, const cv::Mat& mask = cv::Mat());

Reframed reframe(const cv::Mat& rgb, const cv::Rect& subject, const Preset& preset, const ReframeOptions& o = {});

// The subject mask carried through the same reframe (CV_8U, output size; empty when `mask` is).
cv::Mat reframeMask(const cv::Mat& mask, const cv::Size& source, const Reframed& r);

} // namespace adv::exportset
