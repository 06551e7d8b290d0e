#include "exportset/reframe.h"

#include "util/error.h"
#include "util/image_ops.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace adv::exportset {

cv::Rect locateSubject(const cv::Mat& rgb, const cv::Mat& mask) {
    if (!mask.empty()) {
        cv::Mat m = mask;
        if (m.size() != rgb.size()) cv::resize(mask, m, rgb.size(), 0, 0, cv::INTER_NEAREST);
        const cv::Rect r = cv::boundingRect(m > 0);
        if (r.area() > 0) return r;
    }
    // Saliency by contrast against a row-wise background model: scenes (sky, sea,
    // sand, street) and studio backdrops change mostly from top to bottom, so each
    // pixel is compared with the mean of the left and right borders of its row.
    cv::Mat lab, f;
    cv::cvtColor(rgb, lab, cv::COLOR_RGB2Lab);
    lab.convertTo(f, CV_32FC3);
    cv::GaussianBlur(f, f, cv::Size(0, 0), std::max(1.0, rgb.cols / 200.0));
    const int b = std::max(2, rgb.cols / 16);
    cv::Mat dist(f.size(), CV_32F);
    for (int y = 0; y < f.rows; ++y) {
        cv::Vec3f sum(0, 0, 0);
        for (int x = 0; x < b; ++x) sum += f.at<cv::Vec3f>(y, x) + f.at<cv::Vec3f>(y, f.cols - 1 - x);
        const cv::Vec3f bg = sum / (2.0f * b);
        for (int x = 0; x < f.cols; ++x) dist.at<float>(y, x) = static_cast<float>(cv::norm(f.at<cv::Vec3f>(y, x) - bg));
    }
    double mx;
    cv::minMaxLoc(dist, nullptr, &mx);
    if (mx < 1e-3) return cv::Rect(rgb.cols / 4, rgb.rows / 4, rgb.cols / 2, rgb.rows / 2);
    cv::Mat d8, sal;
    dist.convertTo(d8, CV_8U, 255.0 / mx);
    const double otsu = cv::threshold(d8, sal, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
    sal = d8 > std::max(otsu, 12.0 * 255.0 / mx);
    cv::morphologyEx(sal, sal, cv::MORPH_CLOSE, cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(5, 5)));
    // The component with the largest area weighted by closeness to the centre.
    cv::Mat labels, stats, cents;
    const int n = cv::connectedComponentsWithStats(sal, labels, stats, cents);
    int best = -1;
    double bestScore = 0;
    const cv::Point2d c(rgb.cols / 2.0, rgb.rows / 2.0);
    const double diag = std::hypot(rgb.cols, rgb.rows);
    for (int i = 1; i < n; ++i) {
        const double area = stats.at<int>(i, cv::CC_STAT_AREA);
        const double d = std::hypot(cents.at<double>(i, 0) - c.x, cents.at<double>(i, 1) - c.y) / diag;
        const double score = area * (1.0 - 1.5 * d);
        if (score > bestScore) bestScore = score, best = i;
    }
    if (best < 0) return cv::Rect(rgb.cols / 4, rgb.rows / 4, rgb.cols / 2, rgb.rows / 2);
    return cv::Rect(stats.at<int>(best, cv::CC_STAT_LEFT), stats.at<int>(best, cv::CC_STAT_TOP),
                    stats.at<int>(best, cv::CC_STAT_WIDTH), stats.at<int>(best, cv::CC_STAT_HEIGHT));
}

namespace {
cv::Mat resized(const cv::Mat& src, double s) {
    cv::Mat out;
    const int w = std::max(1, static_cast<int>(std::lround(src.cols * s)));
    const int h = std::max(1, static_cast<int>(std::lround(src.rows * s)));
    cv::resize(src, out, cv::Size(w, h), 0, 0, s > 1 ? cv::INTER_LANCZOS4 : cv::INTER_AREA);
    return out;
}
} // namespace

Reframed reframe(const cv::Mat& rgb, const cv::Rect& subjectIn, const Preset& p, const ReframeOptions& o) {
    if (rgb.empty()) throw Error("reframe: empty image");
    int sx, sy, sw, sh;
    p.safeRect(sx, sy, sw, sh);
    const int W = p.width, H = p.height;
    // Subject with a little padding, clipped to the image.
    const int px = static_cast<int>(subjectIn.width * o.padding), py = static_cast<int>(subjectIn.height * o.padding);
    cv::Rect subj = cv::Rect(subjectIn.x - px, subjectIn.y - py, subjectIn.width + 2 * px, subjectIn.height + 2 * py) &
                    cv::Rect(0, 0, rgb.cols, rgb.rows);
    if (subj.area() == 0) subj = cv::Rect(0, 0, rgb.cols, rgb.rows);
    Reframed out;
    // 1) Crop: cover the canvas; possible when the subject then fits the safe rect.
    const double cover = std::max(static_cast<double>(W) / rgb.cols, static_cast<double>(H) / rgb.rows);
    if (subj.width * cover <= sw && subj.height * cover <= sh) {
        const double s = cover;
        // Centre of the subject goes to the centre of the safe rect, clamped to the image.
        double ox = (subj.x + subj.width / 2.0) * s - (sx + sw / 2.0);
        double oy = (subj.y + subj.height / 2.0) * s - (sy + sh / 2.0);
        ox = std::clamp(ox, 0.0, rgb.cols * s - W);
        oy = std::clamp(oy, 0.0, rgb.rows * s - H);
        const cv::Rect placed(static_cast<int>(subj.x * s - ox), static_cast<int>(subj.y * s - oy),
                              static_cast<int>(subj.width * s), static_cast<int>(subj.height * s));
        const cv::Rect safe(sx, sy, sw, sh);
        if ((placed & safe) == placed) {
            cv::Mat big = resized(rgb, s);
            out.rgb = big(cv::Rect(static_cast<int>(ox), static_cast<int>(oy), W, H)).clone();
            out.subject = placed;
            out.scale = s;
            out.offset = cv::Point2d(-std::floor(ox), -std::floor(oy));
            out.known = cv::Rect(0, 0, W, H);
            return out;
        }
    }
    // 2) Extend: scale so the subject fits the safe rect, place it there, fill the rest.
    double s = std::min(static_cast<double>(sw) / subj.width, static_cast<double>(sh) / subj.height);
    s = std::min(s, cover);  // never larger than needed to cover
    cv::Mat img = resized(rgb, s);
    const int ox = static_cast<int>(std::lround(sx + sw / 2.0 - (subj.x + subj.width / 2.0) * s));
    const int oy = static_cast<int>(std::lround(sy + sh / 2.0 - (subj.y + subj.height / 2.0) * s));
    // Pad the scaled image so it covers the canvas at that offset.
    const int left = std::max(0, ox), top = std::max(0, oy);
    const int right = std::max(0, W - (ox + img.cols)), bottom = std::max(0, H - (oy + img.rows));
    cv::Mat padded;
    if (o.fill == Fill::Mirror) {
        cv::copyMakeBorder(img, padded, top, bottom, left, right, cv::BORDER_REFLECT_101);
    } else {
        cv::Mat stretched;
        cv::copyMakeBorder(img, stretched, top, bottom, left, right, cv::BORDER_REPLICATE);
        cv::Mat blurred;
        cv::GaussianBlur(stretched, blurred, cv::Size(0, 0), std::max(W, H) / 40.0);
        // Paste the image back with a feathered edge so no seam shows. Outpainting pastes it whole (its
        // seam is generated later, and the picture's own pixels must stay as they are).
        cv::Mat alpha(stretched.size(), CV_32F, cv::Scalar(0));
        const int feather = o.fill == Fill::Outpaint ? 0 : std::max(2, std::min(img.cols, img.rows) / 12);
        cv::Mat inner(img.size(), CV_32F, cv::Scalar(1));
        for (int y = 0; y < img.rows; ++y)
            for (int x = 0; x < img.cols; ++x) {
                // Only edges that border the extension fade; edges at the canvas border stay sharp.
                float a = 1;
                if (feather == 0) {
                    inner.at<float>(y, x) = a;
                    continue;
                }
                if (left > 0) a = std::min(a, static_cast<float>(x) / feather);
                if (right > 0) a = std::min(a, static_cast<float>(img.cols - 1 - x) / feather);
                if (top > 0) a = std::min(a, static_cast<float>(y) / feather);
                if (bottom > 0) a = std::min(a, static_cast<float>(img.rows - 1 - y) / feather);
                inner.at<float>(y, x) = std::clamp(a, 0.0f, 1.0f);
            }
        inner.copyTo(alpha(cv::Rect(left, top, img.cols, img.rows)));
        padded = image::alphaBlend(stretched, blurred, alpha);
    }
    const cv::Rect win(left - ox, top - oy, W, H);
    out.rgb = padded(win & cv::Rect(0, 0, padded.cols, padded.rows)).clone();
    if (out.rgb.cols != W || out.rgb.rows != H) cv::resize(out.rgb, out.rgb, cv::Size(W, H), 0, 0, cv::INTER_AREA);
    out.subject = cv::Rect(static_cast<int>(subj.x * s) + ox, static_cast<int>(subj.y * s) + oy,
                           static_cast<int>(subj.width * s), static_cast<int>(subj.height * s));
    out.extended = true;
    out.scale = s;
    out.offset = cv::Point2d(ox, oy);
    out.known = cv::Rect(ox, oy, img.cols, img.rows) & cv::Rect(0, 0, W, H);
    return out;
}

cv::Mat reframeMask(const cv::Mat& mask, const cv::Size& source, const Reframed& r) {
    if (mask.empty()) return {};
    cv::Mat m = mask;
    if (m.size() != source) cv::resize(mask, m, source, 0, 0, cv::INTER_NEAREST);
    // Where the image was resized by `scale` and shifted: the same affine map.
    const double sx = static_cast<double>(std::max(1, static_cast<int>(std::lround(source.width * r.scale)))) / source.width;
    const double sy = static_cast<double>(std::max(1, static_cast<int>(std::lround(source.height * r.scale)))) / source.height;
    cv::Mat A = (cv::Mat_<double>(2, 3) << sx, 0, r.offset.x, 0, sy, r.offset.y);
    cv::Mat out;
    cv::warpAffine(m, out, A, r.rgb.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar(0));
    return out;
}

} // namespace adv::exportset
