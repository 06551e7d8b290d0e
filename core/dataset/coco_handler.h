// Internal to the COCO loader (not an API header): the event handler that turns a COCO instance file's
// JSON events into Dataset's compact arrays. Two drivers feed it the same events: nlohmann's SAX parser
// (coco.cpp) and, where the build has simdjson, a walk over simdjson's on-demand parser (coco_simdjson.cpp),
// several times faster. One state machine, so both give the same Dataset.
#pragma once

#include "dataset/coco.h"
#include "util/error.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <limits>
#include <string>

namespace adv::coco::detail {

using json = nlohmann::json;

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


// The simdjson driver (coco_simdjson.cpp); false when this build has no simdjson. `readable` bytes from
// text.data() may be read (at least text.size()): with SIMDJSON_PADDING of them past the end the text is
// parsed where it lies, else from a padded copy. Throws FileError naming `path` for invalid JSON.
bool parseWithSimdjson(const std::string& path, std::string_view text, size_t readable, Handler& h);
bool haveSimdjson();

} // namespace adv::coco::detail
