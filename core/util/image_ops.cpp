#include "util/image_ops.h"

#include <vector>

namespace adv::image {

cv::Mat alphaBlend(const cv::Mat& fg, const cv::Mat& bg, const cv::Mat& alpha) {
    cv::Mat a3, f, b, out;
    cv::merge(std::vector<cv::Mat>{alpha, alpha, alpha}, a3);
    fg.convertTo(f, CV_32FC3);
    bg.convertTo(b, CV_32FC3);
    cv::Mat mix = f.mul(a3) + b.mul(cv::Scalar(1, 1, 1) - a3);
    mix.convertTo(out, CV_8UC3);
    return out;
}

} // namespace adv::image
