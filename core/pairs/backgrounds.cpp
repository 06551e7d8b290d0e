#include "pairs/backgrounds.h"

#include "io/image_file.h"
#include "util/error.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <random>

namespace adv::pairs {

namespace {

using Rng = std::mt19937_64;

void vgradient(cv::Mat& img, int y0, int y1, cv::Scalar a, cv::Scalar b) {
    for (int y = std::max(0, y0); y < std::min(img.rows, y1); ++y) {
        const double t = static_cast<double>(y - y0) / std::max(1, y1 - y0 - 1);
        img.row(y).setTo(a * (1 - t) + b * t);
    }
}

void addNoise(cv::Mat& img, double sigma, Rng& rng) {
    cv::Mat n(img.size(), CV_16SC3);
    cv::RNG local(rng());  // never OpenCV's global generator: the same seed must give the same pixels
    local.fill(n, cv::RNG::NORMAL, 0, sigma);
    cv::Mat f;
    img.convertTo(f, CV_16SC3);
    f += n;
    f.convertTo(img, CV_8UC3);
}

Background beach(int w, int h, Rng& rng) {
    std::uniform_real_distribution<double> u(0, 1);
    cv::Mat img(h, w, CV_8UC3);
    const int horizon = static_cast<int>(h * (0.42 + 0.1 * u(rng)));
    const int shore = static_cast<int>(horizon + h * (0.12 + 0.08 * u(rng)));
    vgradient(img, 0, horizon, cv::Scalar(70 + 30 * u(rng), 150 + 30 * u(rng), 235), cv::Scalar(170, 215, 245));
    vgradient(img, horizon, shore, cv::Scalar(20, 100 + 40 * u(rng), 170 + 30 * u(rng)), cv::Scalar(60, 170, 200));
    vgradient(img, shore, h, cv::Scalar(235, 215 + 10 * u(rng), 170), cv::Scalar(215, 185, 135));
    for (int i = 0; i < 6; ++i) {  // wave crests
        const int y = horizon + static_cast<int>((shore - horizon) * u(rng));
        cv::line(img, {0, y}, {w, y + static_cast<int>(4 * (u(rng) - 0.5))}, cv::Scalar(200, 230, 240), std::max(1, h / 160));
    }
    cv::circle(img, {static_cast<int>(w * (0.15 + 0.7 * u(rng))), static_cast<int>(horizon * 0.3)}, std::max(3, w / 14),
               cv::Scalar(255, 240, 190), cv::FILLED, cv::LINE_AA);
    addNoise(img, 4, rng);
    cv::GaussianBlur(img, img, {0, 0}, 0.6);
    return {img, "", (shore + h) / 2.0 / h};
}

Background space(int w, int h, Rng& rng) {
    std::uniform_real_distribution<double> u(0, 1);
    cv::Mat img(h, w, CV_8UC3);
    vgradient(img, 0, h, cv::Scalar(5, 5, 20 + 20 * u(rng)), cv::Scalar(15, 10, 35));
    cv::Mat neb = cv::Mat::zeros(h, w, CV_8UC3);
    for (int i = 0; i < 3; ++i)
        cv::circle(neb, {static_cast<int>(w * u(rng)), static_cast<int>(h * u(rng))}, static_cast<int>(w * (0.15 + 0.2 * u(rng))),
                   cv::Scalar(60 + 80 * u(rng), 20 + 40 * u(rng), 90 + 90 * u(rng)), cv::FILLED);
    cv::GaussianBlur(neb, neb, {0, 0}, w / 8.0);
    img += neb;
    const int stars = w * h / 120;
    for (int i = 0; i < stars; ++i) {
        const int v = static_cast<int>(150 + 105 * u(rng));
        img.at<cv::Vec3b>(static_cast<int>(h * u(rng)), static_cast<int>(w * u(rng))) = cv::Vec3b(v, v, std::min(255, v + 10));
    }
    if (u(rng) < 0.7)
        cv::circle(img, {static_cast<int>(w * u(rng)), static_cast<int>(h * 0.25 * u(rng))}, static_cast<int>(w * (0.06 + 0.08 * u(rng))),
                   cv::Scalar(180 + 60 * u(rng), 120 + 60 * u(rng), 90 + 60 * u(rng)), cv::FILLED, cv::LINE_AA);
    return {img, "", 0.95};
}

Background city(int w, int h, Rng& rng) {
    std::uniform_real_distribution<double> u(0, 1);
    cv::Mat img(h, w, CV_8UC3);
    const bool dusk = u(rng) < 0.4;
    vgradient(img, 0, h, dusk ? cv::Scalar(60, 50, 110) : cv::Scalar(140, 180, 220), dusk ? cv::Scalar(240, 140, 90) : cv::Scalar(210, 220, 230));
    const int street = static_cast<int>(h * (0.78 + 0.08 * u(rng)));
    int x = -static_cast<int>(w * 0.05 * u(rng));
    while (x < w) {
        const int bw = static_cast<int>(w * (0.08 + 0.12 * u(rng)));
        const int bh = static_cast<int>(h * (0.3 + 0.45 * u(rng)));
        const int g = static_cast<int>(70 + 80 * u(rng));
        const cv::Scalar col(g, g + 5 * u(rng), g + 15 * u(rng));
        cv::rectangle(img, cv::Rect(x, street - bh, bw, bh), col, cv::FILLED);
        const int win = std::max(2, w / 64);
        for (int wy = street - bh + win; wy < street - win * 2; wy += win * 3)
            for (int wx = x + win; wx < x + bw - win; wx += win * 3)
                if (u(rng) < 0.7)
                    cv::rectangle(img, cv::Rect(wx, wy, win, win), dusk ? cv::Scalar(250, 220, 120) : cv::Scalar(180, 200, 215), cv::FILLED);
        x += bw + static_cast<int>(w * 0.01 * u(rng));
    }
    vgradient(img, street, h, cv::Scalar(70, 70, 75), cv::Scalar(45, 45, 50));
    for (int lx = static_cast<int>(w * 0.1 * u(rng)); lx < w; lx += w / 5)
        cv::rectangle(img, cv::Rect(lx, street + (h - street) / 2, w / 12, std::max(1, h / 120)), cv::Scalar(230, 230, 230), cv::FILLED);
    addNoise(img, 3, rng);
    return {img, "", (street + h) / 2.0 / h};
}

Background generic(const std::string& name, int w, int h, Rng& rng) {
    std::uniform_real_distribution<double> u(0, 1);
    const size_t hsh = std::hash<std::string>{}(name);
    const cv::Scalar a((hsh & 0xff), (hsh >> 8) & 0xff, (hsh >> 16) & 0xff);
    const cv::Scalar b = a * 0.5 + cv::Scalar(60, 60, 60) * u(rng);
    cv::Mat img(h, w, CV_8UC3);
    vgradient(img, 0, h, a, b);
    for (int i = 0; i < 12; ++i)
        cv::circle(img, {static_cast<int>(w * u(rng)), static_cast<int>(h * u(rng))}, static_cast<int>(w * 0.1 * u(rng) + 2),
                   a * (0.6 + 0.6 * u(rng)), cv::FILLED, cv::LINE_AA);
    cv::GaussianBlur(img, img, {0, 0}, w / 40.0);
    return {img, "", 0.92};
}

std::vector<std::string> photos(const std::string& dir) {
    std::vector<std::string> out;
    std::error_code ec;
    if (dir.empty() || !std::filesystem::is_directory(dir, ec)) return out;
    for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
        std::string ext = e.path().extension().string();
        for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (ext == ".png" || ext == ".jpg" || ext == ".jpeg" || ext == ".webp" || ext == ".bmp") out.push_back(e.path().string());
    }
    std::sort(out.begin(), out.end());
    return out;
}

// Cover-crop a photo to w x h around a seeded offset.
cv::Mat coverCrop(const cv::Mat& src, int w, int h, Rng& rng) {
    const double s = std::max(static_cast<double>(w) / src.cols, static_cast<double>(h) / src.rows);
    cv::Mat scaled;
    cv::resize(src, scaled, cv::Size(), s, s, s < 1 ? cv::INTER_AREA : cv::INTER_LANCZOS4);
    std::uniform_int_distribution<int> ox(0, std::max(0, scaled.cols - w)), oy(0, std::max(0, scaled.rows - h));
    return scaled(cv::Rect(ox(rng), oy(rng), w, h)).clone();
}

} // namespace

Background makeBackground(const Condition& c, int w, int h, uint64_t seed) {
    Rng rng(seed * 0x9E3779B97F4A7C15ull + std::hash<std::string>{}(c.name));
    const auto list = photos(c.photoDir);
    const bool usePhoto = !list.empty() && (!c.procedural || std::uniform_real_distribution<double>(0, 1)(rng) < 0.7);
    if (usePhoto) {
        const std::string& path = list[rng() % list.size()];
        cv::Mat bgr = io::readImageFile(path, cv::IMREAD_COLOR);
        if (bgr.empty()) throw FileError(path, "cannot decode background photo");
        cv::Mat rgb;
        cv::cvtColor(bgr, rgb, cv::COLOR_BGR2RGB);
        return {coverCrop(rgb, w, h, rng), path, 0.92};
    }
    if (!c.procedural && list.empty())
        throw FileError(c.photoDir, "condition '" + c.name + "' has no photos and its generator is switched off");
    Background b = c.name == "beach" ? beach(w, h, rng) : c.name == "space" ? space(w, h, rng)
                 : c.name == "city"  ? city(w, h, rng) : generic(c.name, w, h, rng);
    b.source = "procedural:" + c.name + "#" + std::to_string(seed);
    return b;
}

} // namespace adv::pairs
