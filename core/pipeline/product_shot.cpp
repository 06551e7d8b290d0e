#include "pipeline/product_shot.h"

#include "io/image_file.h"
#include "pipeline/image_convert.h"
#include "util/error.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <torch/torch.h>

#include <algorithm>
#include <cmath>

namespace adv {

namespace {

cv::Mat rgbMat(const png::Image& img) {  // CV_8UC3 RGB (alpha dropped), a copy
    cv::Mat m(img.height, img.width, img.channels == 4 ? CV_8UC4 : CV_8UC3, const_cast<uint8_t*>(img.pixels.data()));
    cv::Mat out;
    if (img.channels == 4) cv::cvtColor(m, out, cv::COLOR_RGBA2RGB);
    else out = m.clone();
    return out;
}

png::Image toImage(const cv::Mat& rgb) {
    png::Image img;
    img.width = rgb.cols;
    img.height = rgb.rows;
    img.channels = 3;
    cv::Mat c = rgb.isContinuous() ? rgb : rgb.clone();
    img.pixels.assign(c.data, c.data + c.total() * c.elemSize());
    return img;
}

cv::Mat maskMat(const Mask8& m) {
    return cv::Mat(m.height, m.width, CV_8U, const_cast<uint8_t*>(m.pixels.data())).clone();
}

Mask8 toMask(const cv::Mat& m) {
    Mask8 out;
    out.width = m.cols;
    out.height = m.rows;
    cv::Mat c = m.isContinuous() ? m : m.clone();
    out.pixels.assign(c.data, c.data + c.total());
    return out;
}

cv::Mat binary(const cv::Mat& m) {
    cv::Mat b;
    cv::threshold(m, b, 127, 255, cv::THRESH_BINARY);
    return b;
}

cv::Mat erodeBy(const cv::Mat& m, int px) {
    if (px <= 0) return m.clone();
    cv::Mat out;
    cv::erode(m, out, cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(2 * px + 1, 2 * px + 1)), cv::Point(-1, -1),
              1, cv::BORDER_CONSTANT, cv::Scalar(0));
    return out;
}

struct Placed {
    cv::Mat rgb;   // CV_8UC3 W x H
    cv::Mat mask;  // CV_8U binary, 255 = product
};

// The photo scaled to cover the canvas and centre-cropped: the product stays where it is.
Placed keepLayout(const cv::Mat& photo, const cv::Mat& mask, int W, int H) {
    Placed p;
    if (photo.cols == W && photo.rows == H) return {photo.clone(), binary(mask)};
    const double s = std::max(static_cast<double>(W) / photo.cols, static_cast<double>(H) / photo.rows);
    const int sw = std::max(W, static_cast<int>(std::lround(photo.cols * s)));
    const int sh = std::max(H, static_cast<int>(std::lround(photo.rows * s)));
    cv::Mat r, rm;
    cv::resize(photo, r, cv::Size(sw, sh), 0, 0, s < 1 ? cv::INTER_AREA : cv::INTER_CUBIC);
    cv::resize(mask, rm, cv::Size(sw, sh), 0, 0, s < 1 ? cv::INTER_AREA : cv::INTER_LINEAR);
    const cv::Rect crop((sw - W) / 2, (sh - H) / 2, W, H);
    return {r(crop).clone(), binary(rm(crop))};
}

// The product's box scaled to `scale` of the canvas height (at most 0.9 of its width), centred, standing
// at `bottom`; the rest of the canvas mid grey.
Placed place(const cv::Mat& photo, const cv::Mat& mask, int W, int H, const ProductShotOptions& o) {
    const cv::Rect box = cv::boundingRect(binary(mask));
    const double s = std::min(o.scale * H / box.height, 0.9 * W / box.width);
    const int bw = std::max(1, static_cast<int>(std::lround(box.width * s)));
    const int bh = std::max(1, static_cast<int>(std::lround(box.height * s)));
    cv::Mat r, rm;
    cv::resize(photo(box), r, cv::Size(bw, bh), 0, 0, s < 1 ? cv::INTER_AREA : cv::INTER_CUBIC);
    cv::resize(mask(box), rm, cv::Size(bw, bh), 0, 0, s < 1 ? cv::INTER_AREA : cv::INTER_LINEAR);
    Placed p{cv::Mat(H, W, CV_8UC3, cv::Scalar(127, 127, 127)), cv::Mat::zeros(H, W, CV_8U)};
    const int x = (W - bw) / 2;
    const int y = std::clamp(static_cast<int>(std::lround(o.bottom * H)) - bh, 0, std::max(0, H - bh));
    const cv::Rect dst = cv::Rect(x, y, bw, bh) & cv::Rect(0, 0, W, H);
    const cv::Rect src(dst.x - x, dst.y - y, dst.width, dst.height);
    cv::Mat bm = binary(rm);
    r(src).copyTo(p.rgb(dst), bm(src));
    bm(src).copyTo(p.mask(dst));
    return p;
}

// out = placed where alpha = 255, else round((placed a + gen (255 - a)) / 255), on 8-bit values.
cv::Mat pasteBack(const cv::Mat& placed, const cv::Mat& gen, const cv::Mat& alpha) {
    cv::Mat out = gen.clone();
    for (int y = 0; y < out.rows; ++y) {
        const auto* a = alpha.ptr<uint8_t>(y);
        const auto* p = placed.ptr<cv::Vec3b>(y);
        auto* o = out.ptr<cv::Vec3b>(y);
        for (int x = 0; x < out.cols; ++x) {
            if (a[x] == 255) {
                o[x] = p[x];
            } else if (a[x] > 0) {
                for (int c = 0; c < 3; ++c) o[x][c] = static_cast<uint8_t>((p[x][c] * a[x] + o[x][c] * (255 - a[x]) + 127) / 255);
            }
        }
    }
    return out;
}

} // namespace

int Mask8::count() const {
    return static_cast<int>(std::count_if(pixels.begin(), pixels.end(), [](uint8_t v) { return v >= 128; }));
}

Mask8 productMaskFromFile(const std::string& path, int width, int height) {
    cv::Mat m = io::readImageFile(path, cv::IMREAD_GRAYSCALE);
    if (m.empty()) throw FileError(path, "cannot decode the mask image");
    if (m.cols != width || m.rows != height) {
        cv::Mat r;
        cv::resize(m, r, cv::Size(width, height), 0, 0, cv::INTER_NEAREST);
        m = r;
    }
    auto out = toMask(m);
    if (out.count() == 0) throw FileError(path, "the mask marks no product pixel (white = product)");
    return out;
}

Mask8 productMaskFromAlpha(const png::Image& rgba) {
    if (rgba.channels != 4) throw Error("the product photo has no alpha channel (give --mask, or --mask-from auto)");
    Mask8 m;
    m.width = rgba.width;
    m.height = rgba.height;
    m.pixels.resize(static_cast<size_t>(rgba.width) * rgba.height);
    for (size_t i = 0; i < m.pixels.size(); ++i) m.pixels[i] = rgba.pixels[i * 4 + 3] >= 128 ? 255 : 0;
    if (m.count() == 0) throw Error("the product photo's alpha channel is empty (fully transparent)");
    return m;
}

Mask8 productMaskAuto(const png::Image& photo) {
    cv::Mat rgb = rgbMat(photo), bgr;
    cv::cvtColor(rgb, bgr, cv::COLOR_RGB2BGR);
    const int mx = std::max(1, photo.width / 20), my = std::max(1, photo.height / 20);
    if (photo.width < 8 || photo.height < 8) throw Error("the product photo is too small to find the product in");
    cv::Mat gc(photo.height, photo.width, CV_8U, cv::Scalar(cv::GC_BGD)), bg, fg;
    cv::grabCut(bgr, gc, cv::Rect(mx, my, photo.width - 2 * mx, photo.height - 2 * my), bg, fg, 5, cv::GC_INIT_WITH_RECT);
    cv::Mat m = (gc == cv::GC_FGD) | (gc == cv::GC_PR_FGD);
    auto out = toMask(m);
    if (out.count() == 0) throw Error("no product found automatically; give a mask (white = product)");
    return out;
}

ProductShot renderProductShot(StableDiffusion& sd, const png::Image& photo, const Mask8& productMask, GenerateParams p,
                              const ProductShotOptions& o, const PreviewFn& preview, const CancelToken* cancel) {
    if (productMask.width != photo.width || productMask.height != photo.height)
        throw Error("the product mask is " + std::to_string(productMask.width) + "x" + std::to_string(productMask.height) +
                    ", the photo " + std::to_string(photo.width) + "x" + std::to_string(photo.height));
    if (productMask.count() == 0) throw Error("the product mask is empty");
    const int f = sd.vae->config.downscale();
    const int W = o.width > 0 ? o.width : sd.nativeResolution();
    const int H = o.height > 0 ? o.height : sd.nativeResolution();
    if (W % f || H % f) throw Error("the size must be a multiple of " + std::to_string(f));
    const cv::Mat photoRgb = rgbMat(photo), mask = maskMat(productMask);
    Placed pl = o.keepLayout ? keepLayout(photoRgb, mask, W, H) : place(photoRgb, mask, W, H, o);
    if (cv::countNonZero(pl.mask) == 0) throw Error("the product falls outside the canvas");

    ProductShot shot;
    shot.placed = toImage(pl.rgb);
    shot.product = toMask(pl.mask);
    // Repaint everything but the product shrunk by one latent cell, so that every latent the pipeline
    // keeps (the top-left pixel of its f x f block) covers product pixels only.
    cv::Mat repaint = 255 - erodeBy(pl.mask, f);
    shot.repaint = toMask(repaint);
    const int e = o.erodePx >= 0 ? o.erodePx : std::max(1, std::min(W, H) / 100);
    cv::Mat exact = erodeBy(pl.mask, e);
    shot.exact = toMask(exact);

    p.width = W;
    p.height = H;
    p.batch = 1;
    p.initImage = imageToTensor(shot.placed).unsqueeze(0);                                             // [1, 3, H, W]
    p.mask = torch::from_blob(repaint.data, {1, 1, H, W}, torch::kUInt8).to(torch::kFloat32).div(255.0);  // [1, 1, H, W]
    shot.generated = sd.generate(p, preview, cancel);
    const cv::Mat gen = rgbMat(tensorToImage(shot.generated.images[0]));

    // Feathered inside the product: alpha falls from 255 on `exact` to 0 at the mask's edge.
    // featherPx 0: no feather, the whole mask pasted with a hard edge.
    cv::Mat alpha;
    const double sigma = o.featherPx >= 0 ? o.featherPx : std::max(0.5, e / 2.0);
    if (sigma > 0) {
        cv::GaussianBlur(exact, alpha, cv::Size(0, 0), sigma);
        cv::max(alpha, exact, alpha);
    } else {
        alpha = pl.mask.clone();
    }
    alpha.setTo(0, pl.mask == 0);
    const cv::Mat out = pasteBack(pl.rgb, gen, alpha);
    shot.image = toImage(out);
    cv::Mat diff;
    cv::absdiff(out, pl.rgb, diff);
    diff = diff.reshape(1, H * W);
    double maxDiff = 0;
    cv::Mat exactCol = exact.reshape(1, H * W);
    for (int c = 0; c < 3; ++c) {
        double mx = 0;
        cv::minMaxLoc(diff.col(c), nullptr, &mx, nullptr, nullptr, exactCol);
        maxDiff = std::max(maxDiff, mx);
    }
    shot.maxExactDiff = static_cast<int>(maxDiff);
    return shot;
}

} // namespace adv
