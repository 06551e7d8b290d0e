// Exporting approved variants to every selected placement: reframe, encode
// within budget, embed provenance, write a CSV and JSON manifest for bulk upload.
#pragma once

#include "exportset/preset.h"
#include "exportset/reframe_options.h"
#include "studio/variant_record.h"
#include "util/cancel.h"

#include <string>
#include <vector>

namespace adv::exportset {

// One approved image and what made it: the studio passes its grid's records; the CLI reads them from the PNGs.
struct Variant {
    std::string image;             // PNG path
    std::string mask;              // optional subject mask (PNG, non-zero = product)
    studio::VariantRecord record;  // prompt, seed, model, LoRAs, concept, condition
};

// Every *.png in `dir` (masks named *.mask.png are paired, not exported), each read once; the record from
// the "advariant" JSON chunk, else parsed from the A1111 "parameters" chunk, else named after the file.
std::vector<Variant> scanVariants(const std::string& dir);

struct ExportOptions {
    std::vector<Preset> presets;
    std::string outDir;
    std::string variantNaming = "{concept}-{condition}-{ab}";  // fields: concept condition seed ab index
    ReframeOptions reframe;
};

struct ExportedFile {
    std::string file;        // relative to outDir
    std::string platform, preset, variantId, concept, condition, format, method;
    int width = 0, height = 0;
    int64_t bytes = 0;
    int64_t seed = 0;
    bool withinBudget = true;
    bool extended = false;
};

struct ExportReport {
    std::vector<ExportedFile> files;      // written
    std::vector<ExportedFile> overBudget; // not written
    std::vector<std::string> failures;    // unreadable inputs etc.
    std::string manifestCsv, manifestJson;
};

ExportReport exportVariants(const std::vector<Variant>& variants, const ExportOptions& o, const ProgressFn& progress = {},
                            const CancelToken* cancel = nullptr);

// "A", "B", ..., "Z", "AA", ...
std::string abLetter(int index);

} // namespace adv::exportset
