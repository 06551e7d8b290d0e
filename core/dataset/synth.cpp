#include "dataset/synth.h"

#include "dataset/garments.h"
#include "dataset/rle.h"
#include "util/error.h"
#include "util/fs.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <random>

namespace adv::synth {

namespace {

using Poly = std::vector<cv::Point2f>;

// Adds points along the edges (with sub-pixel jitter) up to about n points.
Poly densify(const Poly& p, int n, std::mt19937_64& rng) {
    if (static_cast<int>(p.size()) >= n) return p;
    double perim = 0;
    for (size_t i = 0; i < p.size(); ++i) perim += cv::norm(p[(i + 1) % p.size()] - p[i]);
    std::uniform_real_distribution<float> j(-0.4f, 0.4f);
    Poly out;
    for (size_t i = 0; i < p.size(); ++i) {
        const cv::Point2f a = p[i], b = p[(i + 1) % p.size()];
        const int k = std::max(1, static_cast<int>(std::round(n * cv::norm(b - a) / std::max(1e-6, perim))));
        for (int t = 0; t < k; ++t) {
            const float f = static_cast<float>(t) / k;
            cv::Point2f q = a + (b - a) * f;
            if (t > 0) q += cv::Point2f(j(rng), j(rng));
            out.push_back(q);
        }
    }
    return out;
}

double shoelace(const Poly& p) {
    double a = 0;
    for (size_t i = 0; i < p.size(); ++i) {
        const auto& u = p[i];
        const auto& v = p[(i + 1) % p.size()];
        a += static_cast<double>(u.x) * v.y - static_cast<double>(v.x) * u.y;
    }
    return std::abs(a) / 2;
}

void appendNum(std::string& out, double v) {
    char buf[32];
    const double r = std::round(v * 100) / 100;
    if (r == std::floor(r)) std::snprintf(buf, sizeof buf, "%.1f", r);
    else std::snprintf(buf, sizeof buf, "%.2f", r);
    out += buf;
}

std::string jsonEscape(const std::string& s) {
    std::string o;
    for (char c : s) {
        if (c == '"' || c == '\\') o.push_back('\\');
        o.push_back(c);
    }
    return o;
}

struct Writer {
    std::string anns;
    int64_t nextId = 1;
    int count = 0;
    const SynthOptions* o = nullptr;
    std::mt19937_64* rng = nullptr;

    void add(int64_t imageId, int category, const std::vector<int>& attrs, const Poly& poly, int w, int h, bool allowRle) {
        std::uniform_real_distribution<double> u(0, 1);
        const Poly dense = densify(poly, o->polygonPoints, *rng);
        float x0 = 1e9f, y0 = 1e9f, x1 = -1e9f, y1 = -1e9f;
        for (const auto& q : dense) {
            x0 = std::min(x0, q.x), y0 = std::min(y0, q.y), x1 = std::max(x1, q.x), y1 = std::max(y1, q.y);
        }
        x0 = std::max(0.0f, x0), y0 = std::max(0.0f, y0), x1 = std::min<float>(w, x1), y1 = std::min<float>(h, y1);
        if (count) anns += ",\n";
        anns += "{\"id\":" + std::to_string(nextId++) + ",\"image_id\":" + std::to_string(imageId) +
                ",\"category_id\":" + std::to_string(category) + ",\"attribute_ids\":[";
        for (size_t i = 0; i < attrs.size(); ++i) anns += (i ? "," : "") + std::to_string(attrs[i]);
        anns += "],\"iscrowd\":0,\"bbox\":[";
        appendNum(anns, x0), anns += ",", appendNum(anns, y0), anns += ",", appendNum(anns, x1 - x0), anns += ",";
        appendNum(anns, y1 - y0);
        anns += "],";
        const double r = u(*rng);
        std::vector<double> xy;
        for (const auto& q : dense) xy.push_back(std::round(q.x * 100) / 100), xy.push_back(std::round(q.y * 100) / 100);
        if (allowRle && r < o->rleFraction + o->countsFraction) {
            const coco::Rle rle = coco::rleFromPolygon(xy, h, w);
            anns += "\"area\":" + std::to_string(rle.area()) + ",\"segmentation\":{\"size\":[" + std::to_string(h) + "," +
                    std::to_string(w) + "],\"counts\":";
            if (r < o->rleFraction) {
                anns += "\"" + jsonEscape(rle.toString()) + "\"}}";
            } else {
                anns += "[";
                for (size_t i = 0; i < rle.counts.size(); ++i) anns += (i ? "," : "") + std::to_string(rle.counts[i]);
                anns += "]}}";
            }
        } else {
            anns += "\"area\":";
            appendNum(anns, shoelace(dense));
            anns += ",\"segmentation\":[[";
            for (size_t i = 0; i < xy.size(); ++i) {
                if (i) anns += ",";
                appendNum(anns, xy[i]);
            }
            anns += "]]}";
        }
        ++count;
    }
};

// The "categories" and "attributes" arrays the synthetic annotations use.
std::string vocabularyJson(const SynthOptions& o) {
    std::string out = "\"categories\":[\n";
    bool first = true;
    for (const auto& k : garmentKinds()) {
        out += std::string(first ? "" : ",\n") + "{\"id\":" + std::to_string(k.categoryId) + ",\"name\":\"" +
               jsonEscape(k.name) + "\",\"supercategory\":\"" + k.supercategory + "\",\"level\":2}";
        first = false;
    }
    out += ",\n{\"id\":31,\"name\":\"sleeve\",\"supercategory\":\"garment parts\",\"level\":2}";
    out += ",\n{\"id\":32,\"name\":\"pocket\",\"supercategory\":\"garment parts\",\"level\":2}";
    if (o.totalAnnotations > 0) {
        static const std::pair<int, const char*> kExtra[] = {{33, "neckline\",\"supercategory\":\"garment parts"},
            {35, "zipper\",\"supercategory\":\"closures"}, {37, "bead\",\"supercategory\":\"decorations"},
            {38, "bow\",\"supercategory\":\"decorations"}, {39, "flower\",\"supercategory\":\"decorations"},
            {41, "ribbon\",\"supercategory\":\"decorations"}, {42, "rivet\",\"supercategory\":\"decorations"},
            {44, "sequin\",\"supercategory\":\"decorations"}};
        for (const auto& [id, rest] : kExtra)
            out += ",\n{\"id\":" + std::to_string(id) + ",\"name\":\"" + rest + "\",\"level\":2}";
    }
    out += "\n],\n\"attributes\":[\n";
    first = true;
    for (const auto& a : usedAttributes()) {
        out += std::string(first ? "" : ",\n") + "{\"id\":" + std::to_string(a.id) + ",\"name\":\"" + jsonEscape(a.name) +
               "\",\"supercategory\":\"" + a.supercategory + "\",\"level\":1}";
        first = false;
    }
    out += "\n]";
    return out;
}

} // namespace

SynthResult writeDataset(const std::string& outDir, const SynthOptions& o, const ProgressFn& progress,
                         const CancelToken* cancel) {
    namespace sfs = std::filesystem;
    SynthResult res;
    res.imagesDir = (sfs::path(outDir) / "images").string();
    res.annotationPath = (sfs::path(outDir) / o.annotationFile).string();
    std::error_code ec;
    sfs::create_directories(res.imagesDir, ec);
    if (ec) throw FileError(res.imagesDir, "cannot create folder: " + ec.message());
    std::mt19937_64 rng(o.seed);
    std::uniform_real_distribution<double> u(0, 1);
    Writer wr;
    wr.o = &o;
    wr.rng = &rng;
    wr.anns.reserve(static_cast<size_t>(o.images) * (o.writeImages ? 800 : 2000));
    std::string imgs;
    const auto& kinds = garmentKinds();
    std::vector<int> uppers, lowers, fulls;
    for (const auto& k : kinds)
        (k.slot == Slot::Upper ? uppers : k.slot == Slot::Lower ? lowers : fulls).push_back(k.categoryId);
    for (int i = 0; i < o.images; ++i) {
        throwIfCancelled(cancel);
        const int64_t imageId = i + 1;
        const int W = o.width, H = o.height;
        cv::Mat canvas = o.writeImages ? studioBackground(W, H, rng) : cv::Mat(H, W, CV_8UC3, cv::Scalar(230, 230, 230));
        std::vector<std::pair<GarmentSpec, cv::Rect2f>> outfit;
        const float cxJ = static_cast<float>((u(rng) - 0.5) * 0.12 * W);
        const float scale = static_cast<float>(0.8 + 0.2 * u(rng));
        // Boxes in each garment's own proportions (garmentAspect), as a person wears them.
        auto width = [&](int cat, float h) { return std::min(W * 0.9f, h * static_cast<float>(garmentAspect(cat))); };
        if (u(rng) < 0.4) {
            const int cat = fulls[rng() % fulls.size()];
            const float bh = H * 0.82f * scale, bw = width(cat, bh);
            outfit.push_back({randomSpec(cat, rng), cv::Rect2f(W / 2.0f - bw / 2 + cxJ, H * 0.06f, bw, bh)});
        } else {
            const int lo = lowers[rng() % lowers.size()], up = uppers[rng() % uppers.size()];
            const float lh = (lo == 7 ? 0.28f : 0.46f) * H * scale, lw = width(lo, lh);
            outfit.push_back({randomSpec(lo, rng), cv::Rect2f(W / 2.0f - lw / 2 + cxJ, H * 0.46f, lw, lh)});
            const float uh = H * 0.42f * scale, uw = width(up, uh);
            outfit.push_back({randomSpec(up, rng), cv::Rect2f(W / 2.0f - uw / 2 + cxJ, H * 0.08f, uw, uh)});
        }
        for (const auto& [spec, box] : outfit) {
            DrawnGarment g = drawGarment(canvas, spec, box, rng);
            wr.add(imageId, spec.categoryId, specAttributes(spec), g.outline[0], W, H, true);
            if (o.garmentParts) {
                for (const auto& s : g.sleeves) wr.add(imageId, 31, {}, s, W, H, false);
                if ((spec.categoryId == 6 || spec.categoryId == 4 || spec.categoryId == 9) && u(rng) < 0.6) {
                    const float px = box.x + box.width * 0.27f, py = box.y + box.height * 0.12f;
                    const float pw = box.width * 0.14f, ph = box.height * 0.1f;
                    wr.add(imageId, 32, {}, {{px, py}, {px + pw, py}, {px + pw, py + ph}, {px, py + ph}}, W, H, false);
                }
            }
        }
        if (o.totalAnnotations > 0) {
            // Decorations and closures, small like Fashionpedia's, to reach the requested density.
            static const int kParts[] = {33, 35, 37, 38, 39, 41, 42, 44};
            const int64_t target = static_cast<int64_t>(o.totalAnnotations) * (i + 1) / o.images;
            while (wr.count < target) {
                const auto& box = outfit[rng() % outfit.size()].second;
                const float px = box.x + box.width * static_cast<float>(0.2 + 0.6 * u(rng));
                const float py = box.y + box.height * static_cast<float>(0.1 + 0.8 * u(rng));
                const float r = std::max(2.0f, box.width * static_cast<float>(0.02 + 0.05 * u(rng)));
                Poly blob;
                const int k = 8 + static_cast<int>(rng() % 8);
                for (int t = 0; t < k; ++t) {
                    const double ang = 2 * M_PI * t / k;
                    const float rr = r * static_cast<float>(0.7 + 0.3 * u(rng));
                    blob.push_back({px + rr * static_cast<float>(std::cos(ang)), py + rr * static_cast<float>(std::sin(ang))});
                }
                wr.add(imageId, kParts[rng() % 8], {}, blob, W, H, true);
            }
        }
        const std::string file = "synth_" + std::to_string(imageId) + ".png";
        if (o.writeImages) {
            cv::Mat bgr;
            cv::cvtColor(canvas, bgr, cv::COLOR_RGB2BGR);
            const std::string path = (sfs::path(res.imagesDir) / file).string();
            if (!cv::imwrite(path, bgr)) throw FileError(path, "cannot write image");
        }
        if (i) imgs += ",\n";
        imgs += "{\"id\":" + std::to_string(imageId) + ",\"file_name\":\"" + file + "\",\"width\":" + std::to_string(W) +
                ",\"height\":" + std::to_string(H) + "}";
        if (progress && (i + 1) % 100 == 0) progress(i + 1, o.images, "images");
    }
    std::string out = "{\"info\":{\"description\":\"AdVariant synthetic Fashionpedia-format dataset\",\"version\":\"1.0\","
                      "\"seed\":" + std::to_string(o.seed) + "},\n\"images\":[\n" + imgs + "\n],\n\"annotations\":[\n";
    out += wr.anns;
    out += "\n],\n";
    out += vocabularyJson(o);
    out += "}\n";
    fs::writeFileAtomic(res.annotationPath, out);
    res.images = o.images;
    res.annotations = wr.count;
    return res;
}

} // namespace adv::synth
