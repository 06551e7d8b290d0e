// The model and LoRA library: what the user's model folders hold, read from file headers only (no weights
// loaded, no torch): diffusers folders, single-file checkpoints and LoRAs with their kind, size, short hash,
// base model and training metadata (safetensors __metadata__, kohya's ss_* keys). The embedded model and its
// LoRAs are always listed first. Used by the studio's pickers and `advariant-cli models`.
#pragma once

#include "util/cancel.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace adv::studio {

struct LibraryEntry {
    enum class Kind { Diffusers, Checkpoint, Lora };
    Kind kind = Kind::Checkpoint;
    std::string path;     // folder (diffusers) or file
    std::string name;     // folder or file name without extension
    std::string variant;  // "SD 1.x", "SD 1.x inpainting", "SD 1.x v-prediction", "SD 2.x", "SDXL"; "LoRA", "LoCon"
    bool supported = true;  // SD 1.x family (what this studio renders); LoRAs: always
    bool embedded = false;  // shipped with the studio
    uint64_t bytes = 0;     // weights on disk
    std::string shortHash;  // first 10 (models) / 12 (LoRAs) hex digits of the weights' SHA-256, as A1111 shows
    int rank = 0;           // LoRA: rank of the first adapter
    std::vector<std::string> targets;  // LoRA: "UNet", "text encoder", "convolutions"
    std::string baseModel;             // LoRA: the model it was trained on, when its metadata says
    bool lcm = false;                  // LoRA: a latent-consistency (LCM) LoRA by name or metadata
    std::map<std::string, std::string> metadata;  // selected __metadata__ (ss_*, modelspec.*, advariant_*), short values
    std::string problem;  // why the entry is unusable ("" when fine): a damaged header, an unknown layout

    std::string kindName() const;  // "diffusers", "checkpoint", "lora"
    // One line for lists: "name — SD 1.x, 2.1 GB [a1b2c3d4e5]".
    std::string label() const;
};

struct LibraryScanOptions {
    bool hashes = true;          // SHA-256 of every weights file (cached by path, size and time)
    std::string hashCacheFile;   // JSON cache of hashes ("" = none)
    int maxDepth = 3;            // folder levels below each model folder
    size_t maxEntries = 10000;
};

struct Library {
    std::vector<LibraryEntry> models;  // embedded first, then by name
    std::vector<LibraryEntry> loras;   // embedded first, then by name
    std::vector<std::string> problems;  // one line per folder that could not be read
};

// Scans the folders (missing ones are reported, not fatal). Throws only for a cancel.
Library scanLibrary(const std::vector<std::string>& folders, const LibraryScanOptions& o = {},
                    const CancelToken* cancel = nullptr);

// One entry from a path (a diffusers folder or a .safetensors file); problem set when it is neither.
LibraryEntry describeModelPath(const std::string& path, const LibraryScanOptions& o = {});

} // namespace adv::studio
