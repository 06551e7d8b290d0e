#include "dataset/coco.h"

#include "util/error.h"
#include "util/fs.h"

#include <nlohmann/json.hpp>

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

// Streams the file into the compact structures. Tracks the JSON path with a
// small state machine; unknown keys are skipped.
class Handler : public json::json_sax_t {
public:
    Handler(Dataset& d, const ProgressFn& p, const CancelToken* c, size_t expected)
        : ds(d), progress(p), cancel(c), expected(expected) {}

    enum class Section { None, Images, Annotations, Categories, Attributes, Other };

    bool null() override { return scalar(Value{}); }
    bool boolean(bool b) override { return scalar(Value{1, double(b), b ? 1 : 0}); }
    bool number_integer(number_integer_t v) override { return scalar(Value{1, double(v), v}); }
    bool number_unsigned(number_unsigned_t v) override { return scalar(Value{1, double(v), int64_t(v)}); }
    bool number_float(number_float_t v, const string_t&) override {
        // 2.8e80 has no int64 (converting it is undefined): such a value is kept as a double only and
        // reads as an impossible id/size (INT64_MIN), reported by the validation.
        const bool fits = v > -9.2e18 && v < 9.2e18;
        return scalar(Value{1, v, fits ? static_cast<int64_t>(v) : std::numeric_limits<int64_t>::min()});
    }
    bool string(string_t& s) override {
        Value v;
        v.kind = 2;
        v.str = &s;
        return scalar(v);
    }
    bool binary(binary_t&) override { return true; }

    bool start_object(std::size_t) override {
        ++depth;
        if (depth == 3 && inArray(Section::Annotations)) beginAnnotation();
        else if (depth == 3) obj = {};
        if (depth == 4 && section == Section::Annotations && key_ == "segmentation") segObject = true;
        return true;
    }
    bool end_object() override {
        if (depth == 3) finishRecord();
        if (depth == 4 && segObject) finishRleObject();
        --depth;
        return !(cancel && cancel->cancelled());
    }
    bool start_array(std::size_t) override {
        ++depth;
        if (depth == 2) {
            section = key_ == "images" ? Section::Images
                    : key_ == "annotations" ? Section::Annotations
                    : key_ == "categories" ? Section::Categories
                    : key_ == "attributes" ? Section::Attributes
                                          : Section::Other;
        }
        if (section == Section::Annotations) {
            if (depth == 4 && key_ == "segmentation") polygons = true;
            if (depth == 5 && polygons) polyStart = ds.coords_.size();
        }
        return true;
    }
    bool end_array() override {
        if (section == Section::Annotations && depth == 5 && polygons) {
            ds.polyLen_.push_back(static_cast<uint32_t>(ds.coords_.size() - polyStart));
            ++cur.segCount;
        }
        if (section == Section::Annotations && depth == 4 && polygons) polygons = false;
        if (depth == 2) section = Section::None;
        --depth;
        return true;
    }
    bool key(string_t& k) override {
        if (depth == 1 || depth == 3) {
            key_ = k;
            subkey_.clear();
        } else if (depth == 4) {
            subkey_ = k;
        }
        return true;
    }
    bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& ex) override {
        throw FileError(ds.path, "invalid JSON at byte " + std::to_string(position) + ": " + jsonErrorText(ex));
    }

private:
    struct Value {
        int kind = 0;  // 0 null, 1 number, 2 string
        double num = 0;
        int64_t i = 0;
        std::string* str = nullptr;
    };
    // A pixel size: a whole number that fits; anything else (a string, 1e12, -5, 3.5) is -1 and
    // reported by the validation after parsing, never wrapped or read as 0.
    static int sizeValue(const Value& v) {
        if (v.kind != 1 || v.num != std::floor(v.num) || v.num < 0 || v.num > 2147483647.0) return -1;
        return static_cast<int>(v.i);
    }
    struct Obj {
        int64_t id = 0;
        bool hasId = false;
        std::string name, super, file;
        int width = 0, height = 0;
    };

    bool inArray(Section s) const { return section == s; }

    void beginAnnotation() {
        cur = Annotation{};
        cur.attrOffset = static_cast<uint32_t>(ds.attrPool_.size());
        hasId = hasImage = hasCat = false;
        bboxN = 0;
    }

    bool scalar(const Value& v) {
        if (section == Section::Annotations) return annotationScalar(v);
        if (depth != 3) return true;
        if (section == Section::Images || section == Section::Categories || section == Section::Attributes) {
            if (key_ == "id" && v.kind == 1) obj.id = v.i, obj.hasId = true;
            else if (key_ == "name" && v.kind == 2) obj.name = *v.str;
            else if (key_ == "supercategory" && v.kind == 2) obj.super = *v.str;
            else if (key_ == "file_name" && v.kind == 2) obj.file = *v.str;
            else if (key_ == "width") obj.width = sizeValue(v);
            else if (key_ == "height") obj.height = sizeValue(v);
        }
        return true;
    }

    bool annotationScalar(const Value& v) {
        if (depth == 3) {
            if (key_ == "id" && v.kind == 1) cur.id = v.i, hasId = true;
            else if (key_ == "image_id" && v.kind == 1) cur.imageId = v.i, hasImage = true;
            else if (key_ == "category_id" && v.kind == 1) cur.categoryId = static_cast<int32_t>(v.i), hasCat = true;
            else if (key_ == "area" && v.kind == 1) cur.area = v.num;
            else if (key_ == "iscrowd" && v.kind == 1) cur.iscrowd = v.i != 0;
        } else if (depth == 4) {
            if (key_ == "attribute_ids" && v.kind == 1) {
                ds.attrPool_.push_back(static_cast<int32_t>(v.i));
                ++cur.attrCount;
            } else if (key_ == "bbox" && v.kind == 1 && bboxN < 4) {
                cur.bbox[bboxN++] = static_cast<float>(v.num);
                cur.hasBbox = bboxN == 4;
            } else if (segObject && subkey_ == "counts" && v.kind == 2) {
                cur.seg = SegKind::RleString;
                cur.segOffset = static_cast<uint32_t>(ds.rleChars_.size());
                cur.segCount = static_cast<uint32_t>(v.str->size());
                ds.rleChars_ += *v.str;
            }
        } else if (depth == 5) {
            if (polygons && v.kind == 1) ds.coords_.push_back(v.num);
            else if (segObject && subkey_ == "size" && v.kind == 1) {
                if (sizeN == 0) cur.rleH = sizeValue(v);
                else cur.rleW = sizeValue(v);
                ++sizeN;
            } else if (segObject && subkey_ == "counts" && v.kind == 1) {
                if (cur.seg != SegKind::RleCounts) {
                    cur.seg = SegKind::RleCounts;
                    cur.segOffset = static_cast<uint32_t>(ds.rleCounts_.size());
                    cur.segCount = 0;
                }
                ds.rleCounts_.push_back(static_cast<uint32_t>(v.i));
                ++cur.segCount;
            }
        }
        return true;
    }

    void finishRleObject() {
        segObject = false;
        sizeN = 0;
    }

    void finishRecord() {
        switch (section) {
        case Section::Images:
            ds.images.push_back(Image{obj.id, obj.file, obj.width, obj.height, false});
            break;
        case Section::Categories:
            ds.categories.push_back(Category{static_cast<int>(obj.id), obj.name, obj.super});
            break;
        case Section::Attributes:
            ds.attributes.push_back(Attribute{static_cast<int>(obj.id), obj.name, obj.super});
            break;
        case Section::Annotations: {
            if (cur.seg == SegKind::None && cur.segCount > 0) {
                cur.seg = SegKind::Polygons;
                cur.segOffset = static_cast<uint32_t>(ds.polyLen_.size() - cur.segCount);
                cur.coordOffset = polyCoordStart;
            }
            if (!hasId || !hasImage || !hasCat)
                ds.issues.push_back("annotation #" + std::to_string(ds.annotations.size() + ds.issues.size()) +
                                    " lacks id, image_id or category_id; skipped");
            else
                ds.annotations.push_back(cur);
            polyCoordStart = ds.coords_.size();
            if (progress && ++seen % 20000 == 0) progress(static_cast<int>(seen), static_cast<int>(expected), "annotations");
            break;
        }
        default: break;
        }
    }

    Dataset& ds;
    const ProgressFn& progress;
    const CancelToken* cancel;
    size_t expected;
    size_t seen = 0;
    int depth = 0;
    Section section = Section::None;
    std::string key_, subkey_;
    Obj obj;
    Annotation cur;
    bool hasId = false, hasImage = false, hasCat = false;
    int bboxN = 0, sizeN = 0;
    bool segObject = false, polygons = false;
    size_t polyStart = 0;
    uint64_t polyCoordStart = 0;
};

size_t countOccurrences(const std::string& hay, const char* needle) {
    size_t n = 0;
    const size_t len = std::strlen(needle);
    for (const char* p = hay.data(); (p = static_cast<const char*>(memmem(p, hay.data() + hay.size() - p, needle, len)));
         p += len)
        ++n;
    return n;
}

} // namespace

Dataset loadCoco(const std::string& path, const ProgressFn& progress, const CancelToken* cancel) {
    Dataset ds;
    ds.path = path;
    std::string text = fs::readFile(path);
    const size_t expected = countOccurrences(text, "\"category_id\"");
    ds.annotations.reserve(expected);
    Handler h(ds, progress, cancel, expected);
    bool ok = false;
    try {
        ok = json::sax_parse(text, &h);
    } catch (const FileError&) {
        throw;
    } catch (const json::exception& e) {
        throw FileError(path, jsonErrorText(e));
    }
    throwIfCancelled(cancel);
    if (!ok) throw FileError(path, "invalid JSON");
    text.clear();
    text.shrink_to_fit();

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
