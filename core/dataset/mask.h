// Masks as OpenCV images for the engine (cut-outs, composites, exports). ui/ and
// other Qt code use the OpenCV-free forms in rle.h (Rle::toBitmap, maskContours).
#pragma once

#include "dataset/coco.h"
#include "dataset/rle.h"

#include <opencv2/core.hpp>

namespace adv::coco {

cv::Mat toMat(const Rle& rle);           // CV_8U h x w, 0/1
Rle rleFromMask(const cv::Mat& mask);    // CV_8U, any non-zero pixel is foreground
// Mask of one annotation at its image's size; throws Error naming the annotation for malformed masks.
cv::Mat annotationMask(const Dataset& ds, const Annotation& a);

} // namespace adv::coco
