// A variant grid as a job: what to render (model, LoRAs with scales, concepts x conditions x seeds, sampler,
// steps, CFG, size), read from and written to a spec file (`advariant-cli grid --spec grid.json`), and how the
// cells split into shards for a render farm (`--shard I/N`, Slurm job arrays, Kubernetes Indexed Jobs).
// Torch-free (part of the core interface).
#pragma once

#include "studio/defaults.h"
#include "studio/variant_record.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace adv::studio {

struct GridSpec {
    std::string model;                    // diffusers folder or SD1.x .safetensors; "" = the embedded model
    std::vector<LoraUse> loras;           // file + scale (the hash is filled in by the render)
    std::vector<std::string> concepts;    // rows: garments ("dress") or any text concept
    std::vector<std::string> conditions;  // columns: backgrounds ("beach"); "" or "studio" = plain
    int seedsPerCell = GenerationDefaults::seedsPerCell;
    int64_t firstSeed = GenerationDefaults::firstSeed;  // a cell's k-th image uses firstSeed + k
    std::string sampler = GenerationDefaults::sampler;
    int steps = GenerationDefaults::steps;
    double cfg = GenerationDefaults::cfg;
    int width = 0, height = 0;            // 0: the model's native size
    std::string negativePrompt;
    double hiresScale = 0;     // hires fix: each cell enlarged by this and refined (0: none; else (1, 8])
    double hiresStrength = 0;  // its image-to-image strength (0: GenerationDefaults::hiresStrength)

    // adv::FileError naming `origin` and the field for anything malformed or out of range (unknown keys too:
    // a misspelt "seeds_per_cell" must not silently render one seed).
    static GridSpec fromJsonText(const std::string& text, const std::string& origin);
    static GridSpec fromFile(const std::string& path);
    std::string toJsonText() const;  // canonical: fixed key order, so equal specs give equal bytes
    std::string hash() const;        // SHA-256 of toJsonText(), 16 hex digits

    struct Cell {
        int index = 0;                // position in the grid's fixed order: concept, condition, seed
        std::string concept, condition;
        int64_t seed = 0;
        std::string prompt;           // pairs::caption(concept, condition)
        std::string fileStem;         // "0007-dress-beach-s7": safe, unique
    };
    std::vector<Cell> cells() const;
    VariantRecord request(const Cell& c) const;  // what the renderer is asked for that cell
};

// Which cells this process renders: index % count == shard.index.
struct Shard {
    int index = 0, count = 1;
    bool contains(int cellIndex) const { return cellIndex % count == index; }
};
// "I/N" (0 <= I < N <= 100000); adv::Error otherwise.
Shard parseShard(const std::string& text);
// The scheduler's own variables: Slurm job arrays (SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN of
// SLURM_ARRAY_TASK_COUNT) or a Kubernetes Indexed Job (JOB_COMPLETION_INDEX of `shardsFlag`); a single shard
// when neither is set. adv::Error for values out of range.
Shard shardFromEnvironment(const std::map<std::string, std::string>& env, int shardsFlag);

} // namespace adv::studio
