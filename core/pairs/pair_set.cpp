#include "pairs/pair_set.h"

#include "io/image_file.h"
#include "dataset/mask.h"
#include "pairs/compositor.h"

#include "dataset/query.h"
#include "io/png.h"
#include "util/error.h"
#include "util/fs.h"

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <filesystem>
#include <sstream>

namespace adv::pairs {

using json = nlohmann::json;
namespace sfs = std::filesystem;

std::string PairSet::manifestPath() const { return (sfs::path(dir) / "manifest.jsonl").string(); }

void PairSet::save() const {
    std::string out;
    for (const auto& p : pairs) out += manifestLine(p) + "\n";
    fs::writeFileAtomic(manifestPath(), out);
}

PairSet PairSet::load(const std::string& dir) {
    PairSet s;
    s.dir = dir;
    const std::string path = s.manifestPath();
    s.pairs = parseManifest(fs::readFile(path), path);
    return s;
}

std::map<std::pair<std::string, std::string>, int> PairSet::counts(bool acceptedOnly) const {
    std::map<std::pair<std::string, std::string>, int> c;
    for (const auto& p : pairs)
        if (!acceptedOnly || p.state == "accepted") ++c[{p.category, p.condition}];
    return c;
}

namespace {

uint64_t pairSeed(uint64_t base, int64_t annotationId, const std::string& condition) {
    uint64_t h = base * 0x9E3779B97F4A7C15ull ^ static_cast<uint64_t>(annotationId) * 0xBF58476D1CE4E5B9ull;
    for (char c : condition) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001B3ull;
    return h;
}

const Condition& findCondition(const PairSetOptions& o, const std::string& name, Condition& fallback) {
    for (const auto& c : o.conditions)
        if (c.name == name) return c;
    fallback = makeCondition(name);
    return fallback;
}

// True when `file` lies in `dir` (lexically, after normalising both).
bool isInside(const std::string& file, const std::string& dir) {
    const auto f = sfs::absolute(sfs::path(file)).lexically_normal().generic_string();
    auto d = sfs::absolute(sfs::path(dir)).lexically_normal().generic_string();
    if (!d.empty() && d.back() != '/') d += '/';
    return f.compare(0, d.size(), d) == 0;
}

// "images/x.png" -> "masks/x.png".
std::string maskPathFor(const std::string& image) {
    const sfs::path p(image);
    return (sfs::path("masks") / p.filename()).generic_string();
}

void render(const coco::Dataset& ds, const std::string& imagesDir, const PairSetOptions& o, const std::string& outDir,
            PairRecord& r, cv::Mat* sourceCache, int64_t* cachedImage) {
    const coco::Annotation* ann = nullptr;
    for (const auto& a : ds.annotations)
        if (a.id == r.annotationId) ann = &a;
    if (!ann) throw Error("annotation " + std::to_string(r.annotationId) + " is not in the dataset");
    const coco::Image* img = ds.image(ann->imageId);
    const std::string path = ds.imagePath(imagesDir, *img);
    cv::Mat rgb;
    if (sourceCache && cachedImage && *cachedImage == img->id) {
        rgb = *sourceCache;
    } else {
        cv::Mat bgr = io::readImageFile(path, cv::IMREAD_COLOR);
        if (bgr.empty()) throw FileError(path, "image missing or unreadable");
        cv::cvtColor(bgr, rgb, cv::COLOR_BGR2RGB);
        if (sourceCache) *sourceCache = rgb, *cachedImage = img->id;
    }
    cv::Mat mask = coco::annotationMask(ds, *ann);
    if (mask.size() != rgb.size()) cv::resize(mask, mask, rgb.size(), 0, 0, cv::INTER_NEAREST);
    CutoutOptions cutOpts = o.cutout;
    cutOpts.refineGrabCut = r.grabCut;
    const Cutout cut = cutOut(rgb, mask, cutOpts);
    Condition fb;
    const Condition& cond = findCondition(o, r.condition, fb);
    CompositeOptions co = o.composite;
    co.width = co.height = o.resolution;
    co.scale = r.scale;
    co.harmonize = r.harmonize;
    co.shadow = r.shadow;
    const Background bg = makeBackground(cond, o.resolution, o.resolution, r.seed);
    const Composite comp = composite(cut, bg, co, r.seed);
    r.backgroundSource = bg.source;
    if (!r.captionEdited) r.caption = applyTemplate(cond.captionTemplate, r.category);
    png::Image out;
    out.width = comp.rgb.cols;
    out.height = comp.rgb.rows;
    out.pixels.assign(comp.rgb.data, comp.rgb.data + comp.rgb.total() * 3);
    const std::string file = (sfs::path(outDir) / r.image).string();
    png::write(file, out, {{"caption", r.caption}, {"advariant-pair", r.id}});
    // The garment's mask beside it (masked training weighs the loss with it).
    if (r.mask.empty()) r.mask = maskPathFor(r.image);
    const sfs::path maskFile = sfs::path(outDir) / r.mask;
    std::error_code ec;
    sfs::create_directories(maskFile.parent_path(), ec);
    std::vector<uint8_t> bytes;
    if (!cv::imencode(".png", comp.mask * 255, bytes)) throw FileError(maskFile.string(), "cannot encode the mask");
    fs::writeFileAtomic(maskFile.string(), std::string(bytes.begin(), bytes.end()));
}

} // namespace

void rebuildPair(const coco::Dataset& ds, const std::string& imagesDir, const PairSetOptions& o, const std::string& outDir,
                 PairRecord& rec) {
    render(ds, imagesDir, o, outDir, rec, nullptr, nullptr);
}

PairSet buildPairs(const coco::Dataset& ds, const std::string& imagesDir, const PairSetOptions& opts,
                   const std::string& outDir, const ProgressFn& progress, const CancelToken* cancel) {
    PairSetOptions o = opts;
    if (o.conditions.empty())
        for (const auto& n : proceduralConditions()) o.conditions.push_back(makeCondition(n));
    coco::Query q;
    q.categories = o.categories;
    q.perCategory = o.perCategory;
    q.minArea = o.minArea;
    q.minSide = o.minSide;
    q.excludeBorder = o.excludeBorder;
    q.excludeCrowd = !o.includeCrowd;
    const auto picked = coco::select(ds, q);
    PairSet set;
    set.dir = outDir;
    std::error_code ec;
    sfs::create_directories(sfs::path(outDir) / "images", ec);
    if (ec) throw FileError(outDir, "cannot create folder: " + ec.message());
    const int total = static_cast<int>(picked.size() * o.conditions.size());
    int done = 0;
    cv::Mat cache;
    int64_t cachedImage = -1;
    for (size_t idx : picked) {
        const auto& a = ds.annotations[idx];
        const auto* img = ds.image(a.imageId);
        const std::string readable = coco::readableCategory(ds.category(a.categoryId)->name);
        for (const auto& cond : o.conditions) {
            throwIfCancelled(cancel);
            PairRecord r;
            r.annotationId = a.id;
            r.id = std::to_string(a.id) + "-" + cond.name;
            r.sourceImage = img->fileName;
            r.categoryId = a.categoryId;
            r.category = readable;
            r.attributes = ds.attributeIds(a);
            r.condition = cond.name;
            r.seed = pairSeed(o.seed, a.id, cond.name);
            r.scale = o.composite.scale;
            r.harmonize = o.composite.harmonize;
            r.shadow = o.composite.shadow;
            r.grabCut = o.cutout.refineGrabCut;
            // Names from the data file never become paths as they are ("../x" stays in images/).
            r.image = "images/" + fs::safeFileName(readable + "_" + cond.name + "_" + std::to_string(a.id)) + ".png";
            try {
                render(ds, imagesDir, o, outDir, r, &cache, &cachedImage);
                set.pairs.push_back(r);
            } catch (const FileError& e) {
                // A file of the set's own folder that cannot be written (disk full, a size limit) stops the
                // build: going on would replace the previous manifest with a short one. A source image that
                // cannot be read only skips its garment.
                if (isInside(e.path(), outDir)) throw;
                set.issues.push_back(std::string("annotation ") + std::to_string(a.id) + ": " + e.what());
                break;
            } catch (const std::exception& e) {
                set.issues.push_back(std::string("annotation ") + std::to_string(a.id) + ": " + e.what());
                break;  // same source for every condition
            }
            if (progress) progress(++done, total, r.id);
        }
    }
    set.save();
    return set;
}

} // namespace adv::pairs
