#include "exportset/placement.h"

#include "brand/text_engine.h"
#include "io/image_file.h"
#include "util/error.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

namespace adv::exportset {

PlacementRender renderPlacement(const cv::Mat& rgb, const cv::Mat& mask, const cv::Rect& subject, const Preset& p,
                                const ExportOptions& o, const CopyRow* copy, brand::FontLibrary& fonts, const cv::Mat& logo,
                                bool drawBrand) {
    PlacementRender r;
    r.branded = o.brand;
    if (!o.brand) {
        r.frame = reframe(rgb, subject, p, o.reframe);
        r.productMask = reframeMask(mask, rgb.size(), r.frame);
        r.composed.rgb = r.frame.rgb;
        return r;
    }
    const CopyRow none;
    const CopyRow& c = copy ? *copy : none;
    const double aspect = logo.empty() ? 0.0 : static_cast<double>(logo.cols) / logo.rows;
    r.layout = planLayout(p, o.kit, c, aspect);
    r.frame = reframe(rgb, subject, productPreset(p, r.layout), o.reframe);
    r.productMask = reframeMask(mask, rgb.size(), r.frame);
    if (r.productMask.empty()) {
        // No mask: the located subject's box stands for the product.
        r.productMask = cv::Mat(r.frame.rgb.size(), CV_8U, cv::Scalar(0));
        r.productMask(r.frame.subject & cv::Rect(0, 0, p.width, p.height)).setTo(255);
    }
    if (!drawBrand) {
        r.composed.rgb = r.frame.rgb;
        r.composed.ink = cv::Mat(r.frame.rgb.size(), CV_8U, cv::Scalar(0));
        return r;
    }
    r.composed = composeAd(r.frame.rgb, r.layout, o.kit, c, fonts, logo, r.productMask);
    return r;
}

PlacementPreview previewPlacement(const Variant& v, const Preset& p, const ExportOptions& o, const CopyRow* copy) {
    PlacementPreview out;
    try {
        cv::Mat bgr = io::readImageFile(v.image, cv::IMREAD_COLOR), rgb, mask;
        cv::cvtColor(bgr, rgb, cv::COLOR_BGR2RGB);
        if (!v.mask.empty()) mask = io::readImageFile(v.mask, cv::IMREAD_GRAYSCALE);
        const cv::Mat logo = o.brand && !o.kit.logo.empty() ? loadLogo(o.kit.logo) : cv::Mat();
        brand::FontLibrary fonts;
        PlacementRender r = renderPlacement(rgb, mask, locateSubject(rgb, mask), p, o, copy, fonts, logo);
        const cv::Mat img = r.composed.rgb.isContinuous() ? r.composed.rgb : r.composed.rgb.clone();
        out.width = img.cols;
        out.height = img.rows;
        out.rgb.assign(img.data, img.data + img.total() * 3);
        out.warnings = r.composed.warnings;
        for (const auto& w : fonts.warnings()) out.warnings.push_back(w);
    } catch (const std::exception& e) {
        out.error = userMessage(e);
    }
    return out;
}

} // namespace adv::exportset
