#include "exportset/outpaint.h"

#include "exportset/placement.h"
#include "util/error.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace adv::exportset {

Outpainter rendererOutpainter(studio::Renderer& renderer, int steps) {
    Outpainter o;
    o.nativeSide = renderer.nativeResolution();
    o.multiple = renderer.sizeMultiple();
    o.fill = [&renderer, steps](const OutpaintRequest& q, const CancelToken* cancel) {
        studio::VariantRecord job = q.record;
        job.width = q.canvas.width;
        job.height = q.canvas.height;
        if (steps > 0) job.steps = steps;
        return renderer.inpaint(job, q.canvas, q.repaint, 1.0, {}, cancel).image;
    };
    return o;
}

CanvasSize outpaintCanvasSize(int width, int height, double scale, const Outpainter& o) {
    if (width <= 0 || height <= 0) throw Error("outpainting: empty placement");
    const int m = std::max(1, o.multiple);
    double k = scale > 0 ? std::min(1.0, 1.0 / scale) : 1.0;  // the picture's own density, never finer than the ad
    const double maxArea = 1.5 * o.nativeSide * o.nativeSide;
    if (width * k * height * k > maxArea) k = std::sqrt(maxArea / (static_cast<double>(width) * height));
    const auto side = [&](int v) { return std::max(m, static_cast<int>(std::lround(v * k / m)) * m); };
    return {side(width), side(height)};
}

namespace {

// 0 outside `known`; inside it rises from 0 at each edge that borders new canvas to 255 at `band` pixels in.
// Edges on the canvas border stay 255 (nothing was generated beyond them).
cv::Mat seamAlpha(const cv::Size& size, const cv::Rect& known, double band) {
    cv::Mat a(size, CV_8U, cv::Scalar(0));
    const bool l = known.x > 0, t = known.y > 0, r = known.br().x < size.width, b = known.br().y < size.height;
    for (int y = known.y; y < known.br().y; ++y) {
        auto* row = a.ptr<uint8_t>(y);
        for (int x = known.x; x < known.br().x; ++x) {
            double d = band;  // distance to the nearest edge that borders new canvas
            if (l) d = std::min(d, x - known.x + 0.5);
            if (r) d = std::min(d, known.br().x - x - 0.5);
            if (t) d = std::min(d, y - known.y + 0.5);
            if (b) d = std::min(d, known.br().y - y - 0.5);
            row[x] = static_cast<uint8_t>(std::lround(255.0 * std::clamp(d / band, 0.0, 1.0)));
        }
    }
    return a;
}

} // namespace

bool outpaintFrame(Reframed& frame, const cv::Mat& productMask, const studio::VariantRecord& record, const Outpainter& o,
                   const CancelToken* cancel) {
    if (!frame.extended || !o) return false;
    const int W = frame.rgb.cols, H = frame.rgb.rows;
    const cv::Rect canvas(0, 0, W, H);
    const cv::Rect known = frame.known & canvas;
    if (known == canvas) return false;
    throwIfCancelled(cancel);
    const CanvasSize g = outpaintCanvasSize(W, H, frame.scale, o);
    const double kx = static_cast<double>(g.width) / W, ky = static_cast<double>(g.height) / H;

    OutpaintRequest q;
    cv::Mat small;
    cv::resize(frame.rgb, small, cv::Size(g.width, g.height), 0, 0, cv::INTER_AREA);
    q.canvas = {g.width, g.height, std::vector<uint8_t>(small.data, small.data + small.total() * 3)};
    // Kept: the picture's part, shrunk by one latent cell on the sides that border new canvas, so the seam
    // itself is generated with the new area around it.
    const int cell = std::max(1, o.multiple);
    int x0 = static_cast<int>(std::ceil(known.x * kx)), y0 = static_cast<int>(std::ceil(known.y * ky));
    int x1 = static_cast<int>(std::floor(known.br().x * kx)), y1 = static_cast<int>(std::floor(known.br().y * ky));
    if (known.x > 0) x0 += cell;
    if (known.y > 0) y0 += cell;
    if (known.br().x < W) x1 -= cell;
    if (known.br().y < H) y1 -= cell;
    cv::Mat repaint(g.height, g.width, CV_8U, cv::Scalar(255));
    if (x1 > x0 && y1 > y0) repaint(cv::Rect(x0, y0, x1 - x0, y1 - y0) & cv::Rect(0, 0, g.width, g.height)).setTo(0);
    q.repaint.assign(repaint.data, repaint.data + repaint.total());
    q.record = record;
    q.record.width = g.width;
    q.record.height = g.height;

    const studio::RgbImage gen = o.fill(q, cancel);
    if (gen.width != g.width || gen.height != g.height || gen.rgb.size() != static_cast<size_t>(g.width) * g.height * 3)
        throw Error("outpainting returned a " + std::to_string(gen.width) + "x" + std::to_string(gen.height) + " picture for a " +
                    std::to_string(g.width) + "x" + std::to_string(g.height) + " canvas");
    cv::Mat big;
    cv::resize(cv::Mat(g.height, g.width, CV_8UC3, const_cast<uint8_t*>(gen.rgb.data())), big, cv::Size(W, H), 0, 0,
               cv::INTER_CUBIC);

    // The picture's own pixels, blended into the generated ones over the regenerated seam band; the product's
    // mask is never touched.
    cv::Mat alpha = seamAlpha(frame.rgb.size(), known, std::max(2.0, cell / std::min(kx, ky)));
    if (!productMask.empty()) alpha.setTo(255, productMask > 0);
    cv::Mat out = big;
    for (int y = 0; y < H; ++y) {
        const auto* a = alpha.ptr<uint8_t>(y);
        const auto* p = frame.rgb.ptr<cv::Vec3b>(y);
        auto* d = out.ptr<cv::Vec3b>(y);
        for (int x = 0; x < W; ++x) {
            if (a[x] == 255) d[x] = p[x];
            else if (a[x] > 0)
                for (int c = 0; c < 3; ++c) d[x][c] = static_cast<uint8_t>((p[x][c] * a[x] + d[x][c] * (255 - a[x]) + 127) / 255);
        }
    }
    frame.rgb = out;
    return true;
}

} // namespace adv::exportset
