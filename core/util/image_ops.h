// Small image operations shared by the compositor and the export reframer.
#pragma once

#include <opencv2/core.hpp>

namespace adv::image {

// fg * alpha + bg * (1 - alpha), 8-bit RGB images of one size, alpha CV_32F in [0, 1].
cv::Mat alphaBlend(const cv::Mat& fg, const cv::Mat& bg, const cv::Mat& alpha);

} // namespace adv::image
