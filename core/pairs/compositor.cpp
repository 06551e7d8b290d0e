#include "pairs/compositor.h"

#include "util/error.h"
#include "util/image_ops.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <random>

namespace adv::pairs {

Cutout cutOut(const cv::Mat& image, const cv::Mat& mask, const CutoutOptions& o) {
    if (image.size() != mask.size())
        throw Error("cut-out: mask " + std::to_string(mask.cols) + "x" + std::to_string(mask.rows) + " does not match image " +
                    std::to_string(image.cols) + "x" + std::to_string(image.rows));
    cv::Mat bin = mask > 0;
    const cv::Rect tight = cv::boundingRect(bin);
    if (tight.area() == 0) throw Error("cut-out: the mask is empty");
    // Room for the feathered edge to fall to zero inside the crop.
    const int margin = std::max(static_cast<int>(std::max(tight.width, tight.height) * o.marginFraction),
                                static_cast<int>(std::ceil(3 * o.featherPx)) + 1);
    const cv::Rect box = (tight + cv::Size(2 * margin, 2 * margin) - cv::Point(margin, margin)) & cv::Rect(0, 0, image.cols, image.rows);
    cv::Mat m = bin(box).clone();
    if (o.refineGrabCut && box.width > 8 && box.height > 8) {
        cv::Mat gc(m.size(), CV_8U, cv::Scalar(cv::GC_PR_BGD));
        cv::Mat sure, maybe;
        cv::erode(m, sure, cv::Mat(), cv::Point(-1, -1), 2);
        cv::dilate(m, maybe, cv::Mat(), cv::Point(-1, -1), 2);
        gc.setTo(cv::GC_PR_FGD, maybe);
        gc.setTo(cv::GC_FGD, sure);
        cv::Mat bgd, fgd, bgr;
        cv::cvtColor(image(box), bgr, cv::COLOR_RGB2BGR);
        cv::grabCut(bgr, gc, cv::Rect(), bgd, fgd, 3, cv::GC_INIT_WITH_MASK);
        m = (gc == cv::GC_FGD) | (gc == cv::GC_PR_FGD);
    }
    Cutout c;
    c.rgb = image(box).clone();
    m.convertTo(c.alpha, CV_32F, 1.0 / 255.0);
    if (o.featherPx > 0) cv::GaussianBlur(c.alpha, c.alpha, cv::Size(0, 0), o.featherPx);
    return c;
}

Composite composite(const Cutout& g, const Background& bg, const CompositeOptions& o, uint64_t seed) {
    std::mt19937_64 rng(seed ^ 0xC0FFEEull);
    std::uniform_real_distribution<double> u(-1, 1);
    cv::Mat canvas;
    cv::resize(bg.rgb, canvas, cv::Size(o.width, o.height), 0, 0, cv::INTER_AREA);
    // Scale the garment so its height is `scale` of the canvas (and it fits the width).
    double s = o.scale * o.height / g.rgb.rows;
    s = std::min(s, 0.9 * o.width / g.rgb.cols);
    const int gw = std::max(1, static_cast<int>(g.rgb.cols * s)), gh = std::max(1, static_cast<int>(g.rgb.rows * s));
    cv::Mat rgb, alpha;
    const int interp = s < 1 ? cv::INTER_AREA : cv::INTER_LANCZOS4;
    cv::resize(g.rgb, rgb, cv::Size(gw, gh), 0, 0, interp);
    cv::resize(g.alpha, alpha, cv::Size(gw, gh), 0, 0, cv::INTER_LINEAR);
    int x = (o.width - gw) / 2, y = (o.height - gh) / 2;
    if (o.placement != Placement::Centered) {
        x += static_cast<int>(u(rng) * o.jitter * o.width);
        y += static_cast<int>(u(rng) * o.jitter * o.height);
    }
    if (o.placement == Placement::Ground) {
        const int ground = static_cast<int>(bg.groundLine * o.height);
        y = std::min(y, ground - gh);
        y = std::max(y, static_cast<int>(0.02 * o.height));
    }
    x = std::clamp(x, 0, std::max(0, o.width - gw));
    y = std::clamp(y, 0, std::max(0, o.height - gh));
    // Colour harmonisation in Lab: move mean/std a little towards the background's.
    if (o.harmonize > 0) {
        cv::Mat lab, bgLab;
        cv::cvtColor(rgb, lab, cv::COLOR_RGB2Lab);
        cv::cvtColor(canvas, bgLab, cv::COLOR_RGB2Lab);
        cv::Scalar gm, gs, bm, bs;
        cv::Mat m8;
        alpha.convertTo(m8, CV_8U, 255);
        cv::meanStdDev(lab, gm, gs, m8 > 127);
        cv::meanStdDev(bgLab, bm, bs);
        cv::Mat f;
        lab.convertTo(f, CV_32FC3);
        std::vector<cv::Mat> ch;
        cv::split(f, ch);
        for (int c = 0; c < 3; ++c) {
            const double target = gm[c] + o.harmonize * (bm[c] - gm[c]);
            ch[c] = (ch[c] - gm[c]) + target;
        }
        cv::merge(ch, f);
        f.convertTo(lab, CV_8UC3);
        cv::cvtColor(lab, rgb, cv::COLOR_Lab2RGB);
    }
    if (o.shadow) {
        cv::Mat sh = cv::Mat::zeros(canvas.size(), CV_32F);
        cv::ellipse(sh, {x + gw / 2, std::min(o.height - 1, y + gh)}, {std::max(1, gw / 2), std::max(1, gh / 14)}, 0, 0, 360,
                    cv::Scalar(0.45), cv::FILLED, cv::LINE_AA);
        cv::GaussianBlur(sh, sh, cv::Size(0, 0), std::max(1.0, gw / 12.0));
        cv::Mat f;
        canvas.convertTo(f, CV_32FC3);
        std::vector<cv::Mat> ch;
        cv::split(f, ch);
        for (auto& c : ch) c = c.mul(1.0 - sh);
        cv::merge(ch, f);
        f.convertTo(canvas, CV_8UC3);
    }
    const cv::Rect roi(x, y, std::min(gw, o.width - x), std::min(gh, o.height - y));
    cv::Mat dst = canvas(roi);
    cv::Mat a = alpha(cv::Rect(0, 0, roi.width, roi.height));
    cv::Mat src = rgb(cv::Rect(0, 0, roi.width, roi.height));
    image::alphaBlend(src, dst, a).copyTo(dst);
    Composite out;
    out.rgb = canvas;
    out.mask = cv::Mat::zeros(canvas.size(), CV_8U);
    cv::Mat am = a > 0.5f;
    am.copyTo(out.mask(roi), am);
    out.mask.setTo(1, out.mask > 0);
    out.box = roi;
    return out;
}

} // namespace adv::pairs
