// One placement of one picture: layout (with a brand kit), reframe, brand layer. Shared by the export,
// the studio's preview and the pixel tests (which render the same placement without its brand layer).
#pragma once

#include "exportset/ad_layout.h"
#include "exportset/export_job.h"
#include "exportset/reframe.h"

#include <opencv2/core.hpp>

#include <map>
#include <string>

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
    bool outpainted = false;  // the added canvas was generated (Fill::Outpaint)
};

// Fill::Outpaint in the export: the picture's record, the cancel token, and the canvases generated so far
// for this picture (by frame geometry: a placement exported with several copy rows is generated once).
struct OutpaintContext {
    const studio::VariantRecord* record = nullptr;
    const CancelToken* cancel = nullptr;
    std::map<std::string, cv::Mat> generated;
};

// `logo` as loadLogo() returns it (empty: none). With drawBrand false the layout still decides where the
// product goes but nothing is drawn (composed.rgb == frame.rgb). With `outpaint` given, Fill::Outpaint and
// o.outpaint set, an extended canvas is generated (outpaintFrame) before the brand layer is drawn.
PlacementRender renderPlacement(const cv::Mat& rgb, const cv::Mat& mask, const cv::Rect& subject, const Preset& p,
                                const ExportOptions& o, const CopyRow* copy, brand::FontLibrary& fonts, const cv::Mat& logo,
                                bool drawBrand = true, OutpaintContext* outpaint = nullptr);

// Generates the canvas a reframe added (outside frame.known) by inpainting at outpaintCanvasSize(), enlarges
// it to the placement and blends the picture's own pixels back over a seam band one latent cell wide inside
// frame.known; outside that band and on the product mask every pixel stays the reframed picture's, bit for
// bit (without a mask the band may cross the located subject: its box is only an estimate). Returns false
// (frame untouched) when there was nothing to generate.
bool outpaintFrame(Reframed& frame, const cv::Mat& productMask, const studio::VariantRecord& record, const Outpainter& o,
                   const CancelToken* cancel = nullptr);

} // namespace adv::exportset
