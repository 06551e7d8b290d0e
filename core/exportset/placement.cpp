#include "exportset/placement.h"

#include "brand/text_engine.h"
#include "io/image_file.h"
#include "util/error.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

namespace adv::exportset {

PlacementRender renderPlacement(const cv::Mat& rgb, const cv::Mat& mask, const cv::Rect& subject, const Preset& p,
                                const ExportOptions& o, const CopyRow* copy, brand::FontLibrary& fonts, const cv::Mat& logo,
                                bool drawBrand, OutpaintContext* outpaint) {
    PlacementRender r;
    r.branded = o.brand;
    // The canvas a reframe added, generated (once per frame geometry) when asked to. `keep`: the product's own
    // mask (empty without one; the located subject's box is only an estimate and would leave a hard-edged
    // rectangle across the seam).
    const auto generate = [&](const cv::Mat& keep) {
        if (!outpaint || !outpaint->record || o.reframe.fill != Fill::Outpaint || !o.outpaint || !r.frame.extended) return;
        const cv::Rect k = r.frame.known;
        const std::string key = std::to_string(r.frame.rgb.cols) + "x" + std::to_string(r.frame.rgb.rows) + "|" +
                                std::to_string(k.x) + "," + std::to_string(k.y) + "," + std::to_string(k.width) + "," +
                                std::to_string(k.height) + "|" + std::to_string(r.frame.scale);
        const auto hit = outpaint->generated.find(key);
        if (hit != outpaint->generated.end()) {
            r.frame.rgb = hit->second.clone();
            r.outpainted = true;
            return;
        }
        r.outpainted = outpaintFrame(r.frame, keep, *outpaint->record, o.outpaint, outpaint->cancel);
        if (r.outpainted) outpaint->generated[key] = r.frame.rgb.clone();
    };
    if (!o.brand) {
        r.frame = reframe(rgb, subject, p, o.reframe);
        r.productMask = reframeMask(mask, rgb.size(), r.frame);
        generate(r.productMask);
        r.composed.rgb = r.frame.rgb;
        return r;
    }
    const CopyRow none;
    const CopyRow& c = copy ? *copy : none;
    const double aspect = logo.empty() ? 0.0 : static_cast<double>(logo.cols) / logo.rows;
    r.layout = planLayout(p, o.kit, c, aspect);
    r.frame = reframe(rgb, subject, productPreset(p, r.layout), o.reframe);
    r.productMask = reframeMask(mask, rgb.size(), r.frame);
    const cv::Mat ownMask = r.productMask;
    if (r.productMask.empty()) {
        // No mask: the located subject's box stands for the product.
        r.productMask = cv::Mat(r.frame.rgb.size(), CV_8U, cv::Scalar(0));
        r.productMask(r.frame.subject & cv::Rect(0, 0, p.width, p.height)).setTo(255);
    }
    generate(ownMask);
    if (!drawBrand) {
        r.composed.rgb = r.frame.rgb;
        r.composed.ink = cv::Mat(r.frame.rgb.size(), CV_8U, cv::Scalar(0));
        return r;
    }
    r.composed = composeAd(r.frame.rgb, r.layout, o.kit, c, fonts, logo, r.productMask);
    return r;
}

std::vector<PlacementPreview> previewPlacements(const Variant& v, const std::vector<Preset>& presets, const ExportOptions& o,
                                               const CopyRow* copy, const CancelToken* cancel) {
    std::vector<PlacementPreview> out;
    cv::Mat rgb, mask, logo;
    try {
        cv::cvtColor(io::readImageFile(v.image, cv::IMREAD_COLOR), rgb, cv::COLOR_BGR2RGB);
        if (!v.mask.empty()) mask = io::readImageFile(v.mask, cv::IMREAD_GRAYSCALE);
        if (o.brand && !o.kit.logo.empty()) logo = loadLogo(o.kit.logo);
    } catch (const std::exception& e) {
        PlacementPreview failed;
        failed.error = userMessage(e);
        return std::vector<PlacementPreview>(presets.size(), failed);
    }
    const cv::Rect subject = locateSubject(rgb, mask);
    brand::FontLibrary fonts;
    for (const Preset& p : presets) {
        if (cancel && cancel->cancelled()) break;
        PlacementPreview pv;
        try {
            const PlacementRender r = renderPlacement(rgb, mask, subject, p, o, copy, fonts, logo);
            const cv::Mat img = r.composed.rgb.isContinuous() ? r.composed.rgb : r.composed.rgb.clone();
            pv.width = img.cols;
            pv.height = img.rows;
            pv.rgb.assign(img.data, img.data + img.total() * 3);
            pv.warnings = r.composed.warnings;
        } catch (const std::exception& e) {
            pv.error = userMessage(e);
        }
        out.push_back(std::move(pv));
    }
    if (!out.empty())
        for (const auto& w : fonts.warnings()) out.front().warnings.push_back(w);
    return out;
}

} // namespace adv::exportset
