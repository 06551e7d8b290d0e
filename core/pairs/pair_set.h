// Training-pair sets: garments cut out of a COCO dataset, composited onto
// background conditions, captioned, with curation state, in a JSONL manifest.
// Deterministic from the seed: rebuilding gives the same pixels.
#pragma once

#include "dataset/coco.h"
#include "pairs/captions.h"
#include "pairs/composite_options.h"
#include "pairs/pair_record.h"
#include "util/cancel.h"

#include <map>
#include <string>
#include <vector>

namespace adv::pairs {

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
