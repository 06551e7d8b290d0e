// Exporting approved variants to every selected placement: reframe, encode
// within budget, embed provenance, write a CSV and JSON manifest for bulk upload.
#pragma once

#include "brand/brand_kit.h"
#include "exportset/copy_sheet.h"
#include "exportset/outpaint.h"
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
    // reframe.fill == Fill::Outpaint: generates the canvas a reframe adds with this (a model's inpainting).
    // Without one, Outpaint fills like Blur and the report says so once.
    Outpainter outpaint;
    // Brand layer: when `brand` is set every placement gets the kit's logo and, per copy row, the headline,
    // button and badge, laid out inside the safe zone and clear of the product. Every approved image is
    // exported once per copy row (A/B ids: image letter + copy id).
    bool brand = false;
    brand::BrandKit kit = brand::BrandKit::defaults();
    std::vector<CopyRow> copy;
    std::string format;  // "png" | "jpg" | "webp": only this format; "" = the preset's formats in order
};

struct ExportedFile {
    std::string file;        // relative to outDir
    std::string platform, preset, variantId, concept, condition, format, method;
    int width = 0, height = 0;
    int64_t bytes = 0;
    int64_t seed = 0;
    bool withinBudget = true;
    bool extended = false;
    std::string fill;  // how added canvas was filled: "blur", "mirror", "outpaint" ("" when none was added)
    std::string copyId, headline, cta, badge, locale, abId;  // abId: "A-c1" (image letter, copy id)
    std::vector<std::string> warnings;                       // layout notes (text cut, colour changed, ...)
};

struct ExportReport {
    std::vector<ExportedFile> files;      // written
    std::vector<ExportedFile> overBudget; // not written
    std::vector<std::string> failures;    // unreadable inputs etc.
    std::vector<std::string> warnings;    // e.g. a kit's font that is not installed (a fallback was used)
    std::string manifestCsv, manifestJson;
};

ExportReport exportVariants(const std::vector<Variant>& variants, const ExportOptions& o, const ProgressFn& progress = {},
                            const CancelToken* cancel = nullptr);

// "A", "B", ..., "Z", "AA", ...
std::string abLetter(int index);

// One approved image at each of `presets` as the export would write it (before encoding): the studio's live
// preview. The picture, its mask and the kit's logo are read once. RGB bytes, row-major; `error` set (and no
// pixels) when the image or the kit's logo cannot be read. Stops early when `cancel` is cancelled.
struct PlacementPreview {
    int width = 0, height = 0;
    std::vector<uint8_t> rgb;
    std::vector<std::string> warnings;
    std::string error;
};
std::vector<PlacementPreview> previewPlacements(const Variant& v, const std::vector<Preset>& presets, const ExportOptions& o,
                                               const CopyRow* copy, const CancelToken* cancel = nullptr);

} // namespace adv::exportset
