// One rendered variant and everything that made it: the single record type the
// renderer fills, the PNG metadata carries ("advariant" JSON chunk and A1111's
// "parameters" text), the studio's grid cells hold and the export reads.
// Serialised here and nowhere else. Torch-free (part of the core interface).
#pragma once

#include "studio/defaults.h"

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace adv::studio {

struct LoraUse {
    std::string file;    // as given (a path); the JSON keeps the file name only
    std::string sha256;  // short hash (12 hex digits), as the PNG metadata carries it
    double scale = 1.0;
    bool operator==(const LoraUse& o) const { return file == o.file && sha256 == o.sha256 && scale == o.scale; }
};

struct VariantRecord {
    std::string prompt, negativePrompt;
    int64_t seed = 0;
    std::string sampler = GenerationDefaults::sampler;  // CLI name ("dpmpp_2m_karras")
    int steps = GenerationDefaults::steps;
    double cfg = GenerationDefaults::cfg;
    int width = GenerationDefaults::width, height = GenerationDefaults::height;  // 0 in a request: native size
    int clipSkip = 1;
    double denoisingStrength = 0;  // image-to-image / inpainting strength; 0 for text-to-image
    double hiresScale = 0;         // hires fix: upscale factor of the second pass (0: none); its strength above;
                                   // width/height are then the first pass's (A1111's "Size"), the picture larger
    std::string model, modelHash;  // name, first 10 hex digits of the weights' SHA-256
    std::vector<LoraUse> loras;
    std::string concept, condition;  // the grid's row and column ("dress", "beach")
    std::string productSource;       // product photo or dataset instance a product shot keeps ("" for text)
    std::string pairSet;             // id of the pair set the LoRA learned from ("" when unknown)

    // The "advariant" chunk: one JSON object (keys in snake_case; LoRA files by file name).
    std::string toJson() const;
    // Parses toJson()'s text; unknown keys are ignored, missing keys keep their defaults, a key of the
    // wrong type throws Error naming it ("seed: expected an integer").
    static VariantRecord fromJson(const std::string& text);
    // A1111's "parameters" text: the prompt, "Negative prompt: ...", "Steps: 20, Sampler: ..., Seed: ...".
    std::string toA1111() const;
    // Reads A1111 parameters as A1111 and this studio write them (unknown keys ignored; the concept and
    // condition guessed from a caption such as "a dress on the beach").
    static VariantRecord fromA1111(const std::string& text);
    // From a PNG's text chunks: "advariant" when present and valid, else "parameters"; empty otherwise.
    static VariantRecord fromPngText(const std::map<std::string, std::string>& text);
    // The PNG text chunks that carry this record.
    std::vector<std::pair<std::string, std::string>> pngText() const;

    bool operator==(const VariantRecord& o) const;
    bool operator!=(const VariantRecord& o) const { return !(*this == o); }
};

// The product mask that goes with a picture: NAME.mask.png beside NAME.png (or NAME.jpg, ...). Written by
// product renders, read by the export, the studio and the CLI.
std::string maskFileFor(const std::string& image);

// "a dress on the beach" -> ("dress", "beach"); "a red dress" -> ("red", ""). Empty when the prompt is no caption.
std::pair<std::string, std::string> guessConceptCondition(const std::string& prompt);

} // namespace adv::studio
