// advariant-cli dataset stats|list|show|product|synth
#include "cli/args.h"
#include "io/image_file.h"
#include "cli/common.h"

#include "dataset/coco.h"
#include "dataset/mask.h"
#include "dataset/query.h"
#include "dataset/synth.h"
#include "io/png.h"
#include "studio/dataset_product.h"
#include "util/device.h"
#include "util/error.h"

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>

namespace adv::cli {
namespace {

using json = nlohmann::json;

coco::Dataset load(const Args& a, double* seconds = nullptr) {
    const auto t0 = std::chrono::steady_clock::now();
    ProgressBar bar("load", !a.has("--json"));
    auto ds = coco::loadCoco(a.require("--annotations"), [&](int s, int t, const std::string&) { bar.update(s, t); });
    bar.finish();
    if (seconds) *seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (a.has("--images")) ds.checkImages(a.get("--images"));
    for (const auto& i : ds.issues) std::fprintf(stderr, "warning: %s\n", i.c_str());
    return ds;
}

coco::Query queryFrom(const Args& a) {
    coco::Query q;
    q.categories = a.getList("--categories");
    for (const auto& s : a.getList("--with-attributes")) q.withAttributes.push_back(static_cast<int>(parseIntToken("--with-attributes", s, 0, 1e9)));
    for (const auto& s : a.getList("--without-attributes")) q.withoutAttributes.push_back(static_cast<int>(parseIntToken("--without-attributes", s, 0, 1e9)));
    q.minArea = a.getDouble("--min-area", 0);
    q.minSide = a.getDouble("--min-side", 0);
    q.excludeBorder = a.has("--exclude-border");
    q.perCategory = a.getInt("--per-category", 0);
    // Crowd regions are annotations too: listed (flagged) unless asked not to.
    q.excludeCrowd = a.has("--no-crowd");
    return q;
}

int stats(const Args& a) {
    double secs = 0;
    auto ds = load(a, &secs);
    std::map<int, int> perCat, perAttr;
    std::vector<int> hist(12, 0);  // log2 area bins
    for (const auto& an : ds.annotations) {
        ++perCat[an.categoryId];
        for (int id : ds.attributeIds(an)) ++perAttr[id];
        const int bin = an.area <= 1 ? 0 : std::min(11, static_cast<int>(std::log2(an.area) / 2));
        ++hist[bin];
    }
    size_t missing = 0;
    for (const auto& im : ds.images) missing += im.missing;
    json cats = json::array(), attrs = json::array(), h = json::array();
    for (const auto& [id, n] : perCat) cats.push_back({{"id", id}, {"name", ds.category(id)->name}, {"instances", n}});
    for (const auto& [id, n] : perAttr) {
        const auto* at = ds.attribute(id);
        attrs.push_back({{"id", id}, {"name", at ? at->name : std::string("?")}, {"instances", n}});
    }
    for (int i = 0; i < 12; ++i) h.push_back({{"min_area", i == 0 ? 0.0 : std::pow(4.0, i)}, {"max_area", std::pow(4.0, i + 1)}, {"instances", hist[i]}});
    json j{{"file", ds.path},           {"images", ds.images.size()},   {"annotations", ds.annotations.size()},
           {"categories", cats},        {"attributes", attrs},          {"area_histogram", h},
           {"issues", ds.issues},       {"missing_images", missing},    {"load_seconds", secs},
           {"peak_rss_mib", peakResidentMiB()}};
    if (a.has("--json")) {
        printJson(j.dump());
        return 0;
    }
    std::printf("%s: %zu images, %zu annotations (loaded in %.2f s, peak RSS %.0f MiB)\n", ds.path.c_str(), ds.images.size(),
                ds.annotations.size(), secs, peakResidentMiB());
    if (missing) std::printf("%zu image files missing\n", missing);
    std::printf("\nInstances per category:\n");
    for (const auto& c : cats) std::printf("  %5d  %s\n", c["instances"].get<int>(), c["name"].get<std::string>().c_str());
    std::printf("\nInstances per attribute:\n");
    for (const auto& c : attrs) std::printf("  %5d  %s\n", c["instances"].get<int>(), c["name"].get<std::string>().c_str());
    std::printf("\nMask area (px):\n");
    for (const auto& b : h)
        if (b["instances"].get<int>() > 0)
            std::printf("  %8.0f - %8.0f  %d\n", b["min_area"].get<double>(), b["max_area"].get<double>(), b["instances"].get<int>());
    return 0;
}

int list(const Args& a) {
    auto ds = load(a);
    const auto sel = coco::select(ds, queryFrom(a));
    json out = json::array();
    for (size_t i : sel) {
        const auto& an = ds.annotations[i];
        json j{{"id", an.id},
               {"image_id", an.imageId},
               {"category_id", an.categoryId},
               {"category", ds.category(an.categoryId)->name},
               {"attribute_ids", ds.attributeIds(an)},
               {"area", an.area},
               {"iscrowd", an.iscrowd}};
        try {
            j["mask_pixels"] = ds.rle(an).area();
            j["bbox"] = coco::annotationBox(ds, an);
        } catch (const std::exception& e) {
            j["mask_error"] = e.what();
        }
        if (a.has("--json")) out.push_back(j);
        else
            std::printf("%lld\timage %lld\t%s\tarea %.1f%s\n", static_cast<long long>(an.id),
                        static_cast<long long>(an.imageId), ds.category(an.categoryId)->name.c_str(), an.area,
                        an.iscrowd ? "\tcrowd" : "");
    }
    if (a.has("--json")) printJson(out.dump());
    return 0;
}

int show(const Args& a) {
    auto ds = load(a);
    const int64_t id = a.getInt64("--image-id", ds.images.empty() ? 0 : ds.images.front().id);
    const auto* img = ds.image(id);
    if (!img) throw Error("no image with id " + std::to_string(id));
    json anns = json::array();
    for (uint32_t i : ds.annotationsOfImage(id)) {
        const auto& an = ds.annotations[i];
        anns.push_back({{"id", an.id}, {"category", ds.category(an.categoryId)->name}, {"area", an.area},
                        {"attribute_ids", ds.attributeIds(an)}});
    }
    if (a.has("--overlay")) {
        if (!a.has("--images")) throw UsageError("--overlay needs --images DIR");
        const std::string path = ds.imagePath(a.get("--images"), *img);
        cv::Mat bgr = io::readImageFile(path, cv::IMREAD_COLOR);
        if (bgr.empty()) throw FileError(path, "image missing or unreadable");
        cv::Mat rgb;
        cv::cvtColor(bgr, rgb, cv::COLOR_BGR2RGB);
        int k = 0;
        for (uint32_t i : ds.annotationsOfImage(id)) {
            cv::Mat m = coco::annotationMask(ds, ds.annotations[i]);
            const cv::Scalar col((k * 97) % 255, (k * 57 + 120) % 255, (k * 31 + 200) % 255);
            cv::Mat tint(rgb.size(), CV_8UC3, col);
            cv::Mat blended;
            cv::addWeighted(rgb, 0.5, tint, 0.5, 0, blended);
            blended.copyTo(rgb, m);
            std::vector<std::vector<cv::Point>> contours;
            cv::findContours(m, contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
            cv::drawContours(rgb, contours, -1, col, 2);
            ++k;
        }
        png::Image out{rgb.cols, rgb.rows, 3, std::vector<uint8_t>(rgb.data, rgb.data + rgb.total() * 3)};
        png::write(a.get("--overlay"), out);
    }
    json j{{"id", img->id}, {"file_name", img->fileName}, {"width", img->width}, {"height", img->height},
           {"missing", img->missing}, {"annotations", anns}};
    if (a.has("--json")) printJson(j.dump());
    else std::printf("%s\n", j.dump(2).c_str());
    return 0;
}

// One instance as a product photo + mask (what the studio's "From dataset" writes), for `product --image`.
int product(const Args& a) {
    auto ds = load(a);
    if (!a.has("--images")) throw UsageError("product needs --images DIR");
    const int64_t id = a.getInt64("--annotation-id", -1);
    size_t index = ds.annotations.size();
    for (size_t i = 0; i < ds.annotations.size(); ++i)
        if (ds.annotations[i].id == id) index = i;
    if (index == ds.annotations.size())
        throw UsageError("--annotation-id: " + ds.path + " has no annotation with id " + std::to_string(id));
    const double margin = a.getDouble("--margin", studio::kDatasetProductMargin);
    if (!(margin >= 0 && margin <= 1)) throw UsageError("--margin: 0 to 1 (of the instance's longer side)");
    const auto p = studio::writeDatasetProduct(ds, index, a.get("--images"), a.require("--out"), margin);
    json j{{"name", p.name}, {"photo", p.photo}, {"mask", p.mask}, {"width", p.width}, {"height", p.height},
           {"x", p.x}, {"y", p.y}};
    if (a.has("--json")) printJson(j.dump());
    else std::printf("%s (%dx%d, mask %s)\n", p.photo.c_str(), p.width, p.height, p.mask.c_str());
    return 0;
}

int synth(const Args& a) {
    synth::SynthOptions o;
    o.images = a.getInt("--images", 24);
    o.seed = static_cast<uint64_t>(a.getInt64("--seed", 1));
    o.width = a.getInt("--width", 256);
    o.height = a.getInt("--height", 320);
    o.writeImages = !a.has("--annotations-only");
    o.polygonPoints = a.getInt("--polygon-points", o.writeImages ? 24 : 40);
    o.totalAnnotations = a.getInt("--total-annotations", 0);
    if (o.images < 1) throw UsageError("--images must be at least 1");
    ProgressBar bar("synth", !a.has("--json"));
    auto r = synth::writeDataset(a.require("--out"), o, [&](int s, int t, const std::string&) { bar.update(s, t); });
    bar.finish();
    json j{{"annotations_file", r.annotationPath}, {"images_dir", r.imagesDir}, {"images", r.images}, {"annotations", r.annotations}};
    if (a.has("--json")) printJson(j.dump());
    else std::printf("%s (%d images, %d annotations)\n", r.annotationPath.c_str(), r.images, r.annotations);
    return 0;
}

int run(const Args& a) {
    if (a.positionals().size() != 1) throw UsageError("name an action: stats, list, show, product or synth");
    const std::string act = a.positionals()[0];
    if (act == "stats") return stats(a);
    if (act == "list") return list(a);
    if (act == "show") return show(a);
    if (act == "product") return product(a);
    if (act == "synth") return synth(a);
    throw UsageError("unknown dataset action '" + act + "'");
}

Register reg({"dataset", "Fashionpedia/COCO datasets: statistics, instance lists, overlays, product crops, synthetic data",
              "stats|list|show --annotations FILE [--images DIR] [--json] | product --annotations FILE --images DIR "
              "--annotation-id ID --out DIR [--margin F] | synth --out DIR [--images N] [--seed S]",
              {{"--annotations", "FILE", "COCO/Fashionpedia instance JSON"},
               {"--images", "DIR|N", "image folder (stats/list/show) or number of images (synth)"},
               {"--categories", "A,B", "list: category names (\"shirt\" matches \"shirt, blouse\")", true},
               {"--with-attributes", "IDS", "list: instances having all these attribute ids", true},
               {"--without-attributes", "IDS", "list: instances having none of these", true},
               {"--min-area", "PX", "list: minimum stated mask area"},
               {"--min-side", "PX", "list: minimum shorter box side"},
               {"--exclude-border", "", "list: drop instances cut by the image border"},
               {"--per-category", "N", "list: at most N per category"},
               {"--no-crowd", "", "list: leave out crowd regions (listed and flagged by default)"},
               {"--image-id", "ID", "show: the image (default: the first)"},
               {"--overlay", "FILE", "show: write the image with mask overlays as PNG"},
               {"--annotation-id", "ID", "product: the instance written as a product photo + NAME.mask.png"},
               {"--margin", "F", "product: room around the instance, of its longer side (default 0.08)"},
               {"--out", "DIR", "product, synth: output folder"},
               {"--seed", "S", "synth: random seed"},
               {"--width", "W", "synth: image width"},
               {"--height", "H", "synth: image height"},
               {"--annotations-only", "", "synth: write no image files (load benchmarks)"},
               {"--polygon-points", "N", "synth: boundary points per garment polygon"},
               {"--total-annotations", "N", "synth: add small decorations until the file has N annotations"},
               {"--json", "", "machine-readable output"}},
              "", run});

} // namespace
} // namespace adv::cli
