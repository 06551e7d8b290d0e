// One training pair: its record in a pair set's manifest.jsonl (one JSON object per line), and the
// only place that reads and writes that format. Plain struct, no OpenCV or torch.
#pragma once

#include "pairs/composite_options.h"

#include <cstdint>
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

// One manifest line (no newline).
std::string manifestLine(const PairRecord& r);
// Every record of a manifest's text. FileError naming `path`, the line and the field for a bad line, a
// missing required field, a wrong type or an image/mask path that leaves the set's folder.
std::vector<PairRecord> parseManifest(const std::string& text, const std::string& path);

} // namespace adv::pairs
