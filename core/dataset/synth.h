// A generator of Fashionpedia-format datasets: drawn garments of the real
// categories on studio backgrounds, with polygon, compressed-RLE and
// uncompressed-RLE masks and attributes. Deterministic from the seed.
#pragma once

#include "util/cancel.h"

#include <cstdint>
#include <string>

namespace adv::synth {

struct SynthOptions {
    int images = 24;
    uint64_t seed = 1;
    int width = 256, height = 320;
    bool writeImages = true;         // false: annotations only (load benchmarks)
    double rleFraction = 0.3;        // share of garments stored as compressed RLE
    double countsFraction = 0.05;    // share stored as uncompressed RLE counts
    int polygonPoints = 24;          // boundary points per garment polygon (densified)
    bool garmentParts = true;        // add sleeve / pocket annotations
    int totalAnnotations = 0;        // > 0: add small decorations (beads, bows, ...) until the file has this many
    std::string annotationFile = "instances_attributes.json";
};

struct SynthResult {
    std::string annotationPath;
    std::string imagesDir;
    int images = 0;
    int annotations = 0;
};

// Writes <out>/images/*.png and <out>/<annotationFile>.
SynthResult writeDataset(const std::string& outDir, const SynthOptions& o, const ProgressFn& progress = {},
                         const CancelToken* cancel = nullptr);

} // namespace adv::synth
