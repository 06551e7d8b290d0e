// One placement of one picture: layout (with a brand kit), reframe, brand layer. Shared by the export,
// the studio's preview and the pixel tests (which render the same placement without its brand layer).
#pragma once

#include "exportset/ad_layout.h"
#include "exportset/export_job.h"
#include "exportset/reframe.h"

#include <opencv2/core.hpp>

namespace adv::brand {
class FontLibrary;
}

namespace adv::exportset {

struct PlacementRender {
    Reframed frame;        // the reframed picture (no brand)
    cv::Mat productMask;   // the subject mask in placement pixels (empty without a mask)
    AdLayout layout;       // set when branded
    Composed composed;     // composed.rgb: the ad; composed.ink: the brand layer's coverage
    bool branded = false;
};

// `logo` as loadLogo() returns it (empty: none). With drawBrand false the layout still decides where the
// product goes but nothing is drawn (composed.rgb == frame.rgb).
PlacementRender renderPlacement(const cv::Mat& rgb, const cv::Mat& mask, const cv::Rect& subject, const Preset& p,
                                const ExportOptions& o, const CopyRow* copy, brand::FontLibrary& fonts, const cv::Mat& logo,
                                bool drawBrand = true);

} // namespace adv::exportset
