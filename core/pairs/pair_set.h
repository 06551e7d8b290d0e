// Training-pair sets: garments cut out of a COCO dataset, composited onto
// background conditions, captioned, with curation state, in a JSONL manifest.
// Deterministic from the seed: rebuilding gives the same pixels.
#pragma once

#include "dataset/coco.h"
#include "pairs/captions.h"
#include "pairs/composite_options.h"
#include "util/cancel.h"

#include <map>
#include <string>
#include <vector>

namespace adv::pairs {

struct PairRecord {
    std::string id;                // "<annotation>-<condition>"
    std::string sourceImage;       // file name in the dataset's image folder
    int64_t annotationId = 0;
    int categoryId = 0;
    std::string category;          // readable ("shirt")
    std::vector<int> attributes;
    std::string condition;
    std::string backgroundSource;
    std::string caption;
    std::string image;             // output image, relative to the set's folder
    std::string mask;              // the garment's mask in the image (8-bit PNG, 255 = garment), relative; "" in old sets
    uint64_t seed = 0;
    std::string state = "pending"; // pending | accepted | rejected
    bool captionEdited = false;
    // How the garment was cut out and composited: a rebuild (a re-rolled background) keeps them.
    double scale = CompositeOptions{}.scale;
    double harmonize = CompositeOptions{}.harmonize;
    bool shadow = CompositeOptions{}.shadow;
    bool grabCut = CutoutOptions{}.refineGrabCut;
};

struct PairSetOptions {
    std::vector<std::string> categories{"dress", "pants", "shirt", "sweater"};
    std::vector<Condition> conditions;  // default: beach, space, city
    int perCategory = 100;
    double minArea = 0;
    double minSide = 0;
    bool excludeBorder = true;
    bool includeCrowd = false;  // crowd regions (iscrowd) are groups, not one garment: skipped unless asked
    int resolution = 512;
    uint64_t seed = 1;
    CutoutOptions cutout;
    CompositeOptions composite;  // width/height are overridden by resolution
};

struct PairSet {
    std::string dir;
    std::vector<PairRecord> pairs;
    std::vector<std::string> issues;  // skipped instances (missing image files, bad masks)

    std::string manifestPath() const;
    void save() const;                                  // manifest.jsonl, atomically
    static PairSet load(const std::string& dir);        // FileError for bad lines (with line number)
    std::map<std::pair<std::string, std::string>, int> counts(bool acceptedOnly = false) const;  // (category, condition)
};

PairSet buildPairs(const coco::Dataset& ds, const std::string& imagesDir, const PairSetOptions& o,
                   const std::string& outDir, const ProgressFn& progress = {}, const CancelToken* cancel = nullptr);

// Re-composites one pair from its record (same seed: same pixels; a new seed or
// condition swaps the background) with the record's own cut-out and composite
// settings (scale, harmonisation, shadow, GrabCut), not those of `o`. Updates `rec`
// and rewrites its image.
void rebuildPair(const coco::Dataset& ds, const std::string& imagesDir, const PairSetOptions& o,
                 const std::string& outDir, PairRecord& rec);

} // namespace adv::pairs
