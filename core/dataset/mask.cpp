#include "dataset/mask.h"

#include "util/error.h"

#include <opencv2/imgproc.hpp>

namespace adv::coco {

cv::Mat toMat(const Rle& rle) {
    const std::vector<uint8_t> bits = rle.toBitmap();
    cv::Mat m(rle.h, rle.w, CV_8U);
    if (!bits.empty()) std::copy(bits.begin(), bits.end(), m.ptr<uint8_t>());
    return m;
}

Rle rleFromMask(const cv::Mat& mask) {
    if (mask.empty()) return rleFromBitmap({}, 0, 0);
    if (mask.type() != CV_8U) throw Error("mask: expected an 8-bit single-channel image");
    cv::Mat c = mask.isContinuous() ? mask : mask.clone();
    return rleFromBitmap(std::vector<uint8_t>(c.ptr<uint8_t>(), c.ptr<uint8_t>() + c.total()), c.rows, c.cols);
}

cv::Mat annotationMask(const Dataset& ds, const Annotation& a) { return toMat(ds.rle(a)); }

std::vector<std::vector<Point>> maskContours(const Rle& rle) {
    if (rle.h <= 0 || rle.w <= 0) return {};
    cv::Mat m = toMat(rle);
    std::vector<std::vector<cv::Point>> contours;
    cv::findContours(m, contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
    std::vector<std::vector<Point>> out;
    out.reserve(contours.size());
    for (const auto& c : contours) {
        std::vector<Point> poly;
        poly.reserve(c.size());
        for (const auto& p : c) poly.push_back({p.x, p.y});
        out.push_back(std::move(poly));
    }
    return out;
}

} // namespace adv::coco
