// COCO / Fashionpedia instance files: categories, attributes, images and
// annotations, parsed with a streaming (event) reader into compact arrays.
// Masks are decoded lazily. Bad references are reported, the rest still loads.
#pragma once

#include "dataset/rle.h"
#include "util/cancel.h"

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace adv::coco {

// Limits on what a COCO file may describe (README, "Limits"): larger images are reported and skipped.
constexpr int kMaxImageSide = 65536;
constexpr int64_t kMaxImagePixels = int64_t(1) << 28;  // 268 M pixels (Fashionpedia's largest: ~40 M)

struct Category {
    int id = 0;
    std::string name, supercategory;
};

struct Attribute {
    int id = 0;
    std::string name, supercategory;
};

struct Image {
    int64_t id = 0;
    std::string fileName;
    int width = 0, height = 0;
    bool missing = false;  // set by Dataset::checkImages
};

enum class SegKind : uint8_t { None, Polygons, RleString, RleCounts };

struct Annotation {
    int64_t id = 0;
    int64_t imageId = 0;
    int32_t categoryId = 0;
    uint32_t attrOffset = 0;  // into Dataset::attrPool_
    uint16_t attrCount = 0;
    bool iscrowd = false;
    bool hasBbox = false;
    SegKind seg = SegKind::None;
    double area = 0;          // as the file states it
    float bbox[4] = {0, 0, 0, 0};
    int32_t rleH = 0, rleW = 0;
    uint32_t segOffset = 0;   // polygons: into polyLen_; RLE string: into rleChars_; counts: into rleCounts_
    uint32_t segCount = 0;    // polygons: number of polygons; string: length; counts: number of counts
    uint64_t coordOffset = 0; // polygons: into coords_
};

class Dataset {
public:
    std::string path;
    std::vector<Category> categories;
    std::vector<Attribute> attributes;
    std::vector<Image> images;
    std::vector<Annotation> annotations;
    std::vector<std::string> issues;  // e.g. "annotation 17 names image 99, which does not exist"

    const Category* category(int id) const;
    const Attribute* attribute(int id) const;
    const Image* image(int64_t id) const;
    std::vector<int> attributeIds(const Annotation& a) const;
    const std::vector<uint32_t>& annotationsOfImage(int64_t imageId) const;  // indices into annotations

    // Mask of one annotation at its image's size; throws Error naming the annotation for malformed masks.
    Rle rle(const Annotation& a) const;  // dataset/mask.h: annotationMask() gives it as a cv::Mat

    // Flags images whose file is missing under `imagesDir`; returns how many.
    size_t checkImages(const std::string& imagesDir);
    std::string imagePath(const std::string& imagesDir, const Image& img) const;

    // Internal pools, filled by the loader.
    std::vector<int32_t> attrPool_;
    std::vector<double> coords_;
    std::vector<uint32_t> polyLen_;
    std::string rleChars_;
    std::vector<uint32_t> rleCounts_;
    std::unordered_map<int, size_t> categoryIndex_, attributeIndex_;
    std::unordered_map<int64_t, size_t> imageIndex_;
    std::unordered_map<int64_t, std::vector<uint32_t>> byImage_;
};

// Which JSON parser reads the file: both drive the same event handler and give the same Dataset; Auto is
// simdjson where the build has it (several times faster on Fashionpedia's train file), else nlohmann.
enum class JsonParser { Auto, Nlohmann, Simdjson };
bool haveFastJsonParser();  // this build has simdjson

// Loads an instance file. Throws FileError for unreadable or invalid JSON (with
// the byte offset). Progress counts annotations.
Dataset loadCoco(const std::string& path, const ProgressFn& progress = {}, const CancelToken* cancel = nullptr,
                 JsonParser parser = JsonParser::Auto);

} // namespace adv::coco
