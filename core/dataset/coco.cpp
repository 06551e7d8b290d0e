#include "dataset/coco.h"
#include "dataset/coco_handler.h"

#include "platform/platform.h"
#include "util/error.h"
#include "util/fs.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_set>

#include <cstring>
#include <filesystem>

namespace adv::coco {

using json = nlohmann::json;

// ---------------------------------------------------------------- accessors

const Category* Dataset::category(int id) const {
    auto it = categoryIndex_.find(id);
    return it == categoryIndex_.end() ? nullptr : &categories[it->second];
}
const Attribute* Dataset::attribute(int id) const {
    auto it = attributeIndex_.find(id);
    return it == attributeIndex_.end() ? nullptr : &attributes[it->second];
}
const Image* Dataset::image(int64_t id) const {
    auto it = imageIndex_.find(id);
    return it == imageIndex_.end() ? nullptr : &images[it->second];
}
std::vector<int> Dataset::attributeIds(const Annotation& a) const {
    return std::vector<int>(attrPool_.begin() + a.attrOffset, attrPool_.begin() + a.attrOffset + a.attrCount);
}
const std::vector<uint32_t>& Dataset::annotationsOfImage(int64_t imageId) const {
    static const std::vector<uint32_t> none;
    auto it = byImage_.find(imageId);
    return it == byImage_.end() ? none : it->second;
}

Rle Dataset::rle(const Annotation& a) const {
    const std::string what = "annotation " + std::to_string(a.id);
    const Image* img = image(a.imageId);
    switch (a.seg) {
    case SegKind::RleString: {
        Rle r = rleFromString(rleChars_.substr(a.segOffset, a.segCount), a.rleH, a.rleW, what);
        return r;
    }
    case SegKind::RleCounts: {
        Rle r;
        r.h = a.rleH;
        r.w = a.rleW;
        r.counts.assign(rleCounts_.begin() + a.segOffset, rleCounts_.begin() + a.segOffset + a.segCount);
        r.validate(what);
        return r;
    }
    case SegKind::Polygons: {
        if (!img) throw Error(what + ": image " + std::to_string(a.imageId) + " unknown, polygon size undefined");
        std::vector<Rle> parts;
        uint64_t off = a.coordOffset;
        for (uint32_t p = 0; p < a.segCount; ++p) {
            const uint32_t n = polyLen_[a.segOffset + p];
            if (n < 6 || n % 2 != 0)
                throw Error(what + ": polygon " + std::to_string(p) + " has " + std::to_string(n / 2) +
                            " points (needs at least 3 x,y pairs)");
            std::vector<double> xy(coords_.begin() + off, coords_.begin() + off + n);
            parts.push_back(rleFromPolygon(xy, img->height, img->width));
            off += n;
        }
        if (parts.empty()) throw Error(what + ": empty polygon list");
        return rleMerge(parts);
    }
    case SegKind::None: break;
    }
    throw Error(what + ": has no segmentation");
}


std::string Dataset::imagePath(const std::string& imagesDir, const Image& img) const {
    if (!fs::isContainedRelativePath(img.fileName))
        throw FileError(path, "image " + std::to_string(img.id) + "'s file name '" + img.fileName.substr(0, 200) +
                                  "' leaves the image folder");
    return (std::filesystem::path(imagesDir) / img.fileName).string();
}

size_t Dataset::checkImages(const std::string& imagesDir) {
    size_t missing = 0;
    for (auto& img : images) {
        std::error_code ec;
        img.missing = !fs::isContainedRelativePath(img.fileName) ||
                      !std::filesystem::is_regular_file(imagePath(imagesDir, img), ec);
        missing += img.missing;
    }
    return missing;
}

// ---------------------------------------------------------------- SAX loader

namespace {

size_t countOccurrences(std::string_view hay, const char* needle) {
    size_t n = 0;
    const size_t len = std::strlen(needle);
    if (hay.empty()) return 0;
    for (const char* p = hay.data(); (p = static_cast<const char*>(memmem(p, hay.data() + hay.size() - p, needle, len)));
         p += len)
        ++n;
    return n;
}

} // namespace

bool haveFastJsonParser() { return detail::haveSimdjson(); }

Dataset loadCoco(const std::string& path, const ProgressFn& progress, const CancelToken* cancel, JsonParser parser) {
    Dataset ds;
    ds.path = path;
    {
        // The file is mapped, not read: no copy of a 190 MB file and far fewer page faults (the kernel maps
        // page-cache pages, several per fault). The zero-filled tail of the last page is the slack a SIMD
        // parser may read past the end.
        const platform::MappedFile file(platform::pathFromUtf8(path));
        const std::string_view text(reinterpret_cast<const char*>(file.data()), file.size());
        const size_t readable = (file.size() + 4095) / 4096 * 4096;  // pages are at least 4 KiB everywhere
        const size_t expected = countOccurrences(text, "\"category_id\"");
        ds.annotations.reserve(expected);
        // Polygon coordinates dominate such files; growing their array by doubling copied and faulted in
        // twice its final size. Commas all but bound their number (one per value after a list's first):
        // reserve that much (address space only; untouched pages cost nothing), at most 1 GiB.
        constexpr size_t kMaxCoordReserve = (size_t(1) << 30) / sizeof(double);
        ds.coords_.reserve(std::min<size_t>(static_cast<size_t>(std::count(text.begin(), text.end(), ',')) + 1,
                                            kMaxCoordReserve));
        detail::Handler h(ds, progress, cancel, expected);
        if (parser == JsonParser::Auto) parser = detail::haveSimdjson() ? JsonParser::Simdjson : JsonParser::Nlohmann;
        if (parser == JsonParser::Simdjson) {
            if (!detail::haveSimdjson()) throw Error("this build has no simdjson (the COCO reader's fast parser)");
            const bool ok = detail::parseWithSimdjson(path, text, readable, h);
            throwIfCancelled(cancel);
            if (!ok) throw FileError(path, "invalid JSON");
        } else {
            bool ok = false;
            try {
                ok = json::sax_parse(text.data(), text.data() + text.size(), &h);
            } catch (const FileError&) {
                throw;
            } catch (const json::exception& e) {
                throw FileError(path, jsonErrorText(e));
            }
            throwIfCancelled(cancel);
            if (!ok) throw FileError(path, "invalid JSON");
        }
    }

    for (size_t i = 0; i < ds.categories.size(); ++i) ds.categoryIndex_[ds.categories[i].id] = i;
    for (size_t i = 0; i < ds.attributes.size(); ++i) ds.attributeIndex_[ds.attributes[i].id] = i;
    for (size_t i = 0; i < ds.images.size(); ++i) ds.imageIndex_[ds.images[i].id] = i;
    if (ds.images.empty() && ds.annotations.empty() && ds.categories.empty())
        throw FileError(path, "not a COCO instance file (no images, annotations or categories)");
    // Validate image records: a size that is not a positive whole number within the limits, or a
    // file name that leaves the image folder, makes the image unusable (its annotations are dropped
    // with one line each) before anything allocates a mask for it.
    std::unordered_set<int64_t> unusable;
    for (const auto& img : ds.images) {
        const int64_t area = static_cast<int64_t>(img.width) * img.height;
        if (img.width < 1 || img.height < 1 || img.width > kMaxImageSide || img.height > kMaxImageSide ||
            area > kMaxImagePixels) {
            ds.issues.push_back("image " + std::to_string(img.id) + " has an invalid size " + std::to_string(img.width) +
                                "x" + std::to_string(img.height) + " (each side 1.." + std::to_string(kMaxImageSide) +
                                ", at most " + std::to_string(kMaxImagePixels) + " pixels)");
            unusable.insert(img.id);
        } else if (!fs::isContainedRelativePath(img.fileName)) {
            ds.issues.push_back("image " + std::to_string(img.id) + " has the file name '" + img.fileName.substr(0, 200) +
                                "', which leaves the image folder");
            unusable.insert(img.id);
        }
    }
    // Validate references; keep the valid annotations.
    std::vector<Annotation> kept;
    kept.reserve(ds.annotations.size());
    for (const auto& a : ds.annotations) {
        if (!ds.image(a.imageId)) {
            ds.issues.push_back("annotation " + std::to_string(a.id) + " names image " + std::to_string(a.imageId) +
                                ", which does not exist");
            continue;
        }
        if (unusable.count(a.imageId)) {
            ds.issues.push_back("annotation " + std::to_string(a.id) + " is on image " + std::to_string(a.imageId) +
                                ", which is unusable (see above)");
            continue;
        }
        if (!ds.category(a.categoryId)) {
            ds.issues.push_back("annotation " + std::to_string(a.id) + " names category " + std::to_string(a.categoryId) +
                                ", which does not exist");
            continue;
        }
        if (a.seg == SegKind::RleString || a.seg == SegKind::RleCounts) {
            if (a.rleH <= 0 || a.rleW <= 0 || a.rleH > kMaxImageSide || a.rleW > kMaxImageSide) {
                ds.issues.push_back("annotation " + std::to_string(a.id) + " has an RLE mask without a valid size");
                continue;
            }
        }
        kept.push_back(a);
    }
    ds.annotations.swap(kept);
    ds.annotations.shrink_to_fit();
    for (uint32_t i = 0; i < ds.annotations.size(); ++i) ds.byImage_[ds.annotations[i].imageId].push_back(i);
    if (progress) progress(static_cast<int>(ds.annotations.size()), static_cast<int>(ds.annotations.size()), "annotations");
    return ds;
}

} // namespace adv::coco
