// advariant-cli grid --spec grid.json --out DIR [--shard I/N | --shards N]   (render the grid, or a shard)
// advariant-cli grid merge --out DIR SHARD_DIR...                           (shards -> one grid folder)
//
// A grid folder: grid.json (the spec, canonical), cells/<stem>.png (each with its PNG metadata) and
// grid-manifest.jsonl (one line per cell in grid order). A shard folder holds its cells and
// shards/shard-I-of-N.json; merging checks that the shards come from the same spec and hold every cell
// exactly once, and writes the folder a single-process render writes, byte for byte.
#include "cli/args.h"
#include "cli/common.h"

#include "io/png.h"
#include "studio/grid_spec.h"
#include "studio/renderer.h"
#include "util/error.h"
#include "util/fs.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>

namespace adv::cli {
namespace {

namespace sfs = std::filesystem;
using json = nlohmann::ordered_json;

std::string manifestLine(const studio::GridSpec::Cell& c, const std::string& record) {
    return json{{"index", c.index}, {"concept", c.concept}, {"condition", c.condition}, {"seed", c.seed},
                {"file", "cells/" + c.fileStem + ".png"}, {"record", json::parse(record)}}
               .dump() +
           "\n";
}

// The spec a folder was rendered from; a folder rendered from another spec is refused, not mixed.
void claimFolder(const sfs::path& out, const studio::GridSpec& spec) {
    const sfs::path f = out / "grid.json";
    std::error_code ec;
    if (sfs::exists(f, ec)) {
        const auto had = studio::GridSpec::fromFile(f.string());
        if (had.hash() != spec.hash())
            throw FileError(f.string(), "this folder holds a grid of another spec (" + had.hash() + ", now " + spec.hash() +
                                            "): choose a new --out");
        return;
    }
    fs::writeFileAtomic(f, spec.toJsonText());
}

int render(const Args& a) {
    const std::string specPath = a.require("--spec");
    const auto spec = studio::GridSpec::fromFile(specPath);
    const sfs::path out = a.require("--out");
    studio::Shard shard;
    if (a.has("--shard")) shard = studio::parseShard(a.get("--shard"));
    else {
        std::map<std::string, std::string> env;
        for (const char* k : {"SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_MIN", "SLURM_ARRAY_TASK_COUNT", "JOB_COMPLETION_INDEX"})
            if (const char* v = std::getenv(k)) env[k] = v;
        shard = studio::shardFromEnvironment(env, a.getInt("--shards", 0));
    }
    sfs::create_directories(out / "cells");
    claimFolder(out, spec);
    const auto cells = spec.cells();
    std::vector<studio::GridSpec::Cell> mine;
    for (const auto& c : cells)
        if (shard.contains(c.index)) mine.push_back(c);
    std::fprintf(stderr, "grid %s: %zu of %zu cells (shard %d/%d)\n", spec.hash().c_str(), mine.size(), cells.size(),
                 shard.index, shard.count);
    studio::Renderer renderer(spec.model, a.get("--device", "auto"));
    ProgressBar bar("grid", true);
    std::string manifest;
    json done = json::array();
    for (size_t i = 0; i < mine.size(); ++i) {
        const auto& c = mine[i];
        const auto res = renderer.render(spec.request(c));
        // Each cell is written atomically: a re-run shard (a pre-empted pod) replaces only its own files.
        studio::savePng((out / "cells" / (c.fileStem + ".png")).string(), res);
        manifest += manifestLine(c, res.record.toJson());
        done.push_back(c.index);
        bar.update(static_cast<int>(i + 1), static_cast<int>(mine.size()), c.fileStem);
    }
    bar.finish();
    if (shard.count == 1) {
        fs::writeFileAtomic(out / "grid-manifest.jsonl", manifest);
    } else {
        sfs::create_directories(out / "shards");
        const std::string name = "shard-" + std::to_string(shard.index) + "-of-" + std::to_string(shard.count) + ".json";
        fs::writeFileAtomic(out / "shards" / name,
                            json{{"spec", spec.hash()}, {"shard", shard.index}, {"shards", shard.count}, {"cells", done}}.dump() + "\n");
    }
    std::printf("%s\n", out.string().c_str());
    return 0;
}

int merge(const Args& a) {
    const sfs::path out = a.require("--out");
    const std::vector<std::string> dirs(a.positionals().begin() + 1, a.positionals().end());
    if (dirs.empty()) throw UsageError("grid merge: name the shard folders to merge");
    std::unique_ptr<studio::GridSpec> spec;
    std::map<int, sfs::path> found;  // cell index -> the folder holding it
    for (const auto& d : dirs) {
        const auto s = studio::GridSpec::fromFile((sfs::path(d) / "grid.json").string());
        if (!spec) spec = std::make_unique<studio::GridSpec>(s);
        else if (s.hash() != spec->hash())
            throw FileError(d, "rendered from another grid spec (" + s.hash() + ", not " + spec->hash() + ")");
        std::error_code ec;
        bool any = false;
        for (const auto& e : sfs::directory_iterator(sfs::path(d) / "shards", ec)) {
            const std::string text = fs::readFile(e.path());
            json j;
            try {
                j = json::parse(text);
                if (j.at("spec").get<std::string>() != spec->hash()) throw FileError(e.path().string(), "belongs to another grid spec");
                for (const auto& i : j.at("cells")) {
                    const int idx = i.get<int>();
                    if (!found.emplace(idx, sfs::path(d)).second)
                        throw FileError(e.path().string(), "cell " + std::to_string(idx) + " is also in " + found.at(idx).string() +
                                                               ": a shard was passed twice or two shards overlap");
                }
            } catch (const nlohmann::json::exception& x) {
                throw FileError(e.path().string(), jsonErrorText(x));
            }
            any = true;
        }
        if (!any) throw FileError(d, "no shards/shard-*.json: not a shard folder of `grid --shard`");
    }
    const auto cells = spec->cells();
    std::vector<int> missing;
    for (const auto& c : cells)
        if (!found.count(c.index)) missing.push_back(c.index);
    for (const auto& [idx, d] : found)
        if (idx < 0 || idx >= static_cast<int>(cells.size())) throw FileError(d.string(), "names cell " + std::to_string(idx) + ", which the grid does not have");
    if (!missing.empty()) {
        std::string list;
        for (size_t i = 0; i < missing.size() && i < 10; ++i) list += (i ? ", " : "") + std::to_string(missing[i]);
        throw Error(std::to_string(missing.size()) + " of " + std::to_string(cells.size()) + " cells are in no shard (" + list +
                    (missing.size() > 10 ? ", ..." : "") + "): render the missing shard(s) first");
    }
    sfs::create_directories(out / "cells");
    claimFolder(out, *spec);
    std::string manifest;
    for (const auto& c : cells) {
        const sfs::path src = found.at(c.index) / "cells" / (c.fileStem + ".png");
        const std::string bytes = fs::readFile(src);
        // The record the shard wrote into the PNG, for the manifest (the same line a single process writes).
        const auto text = png::readTextFromBytes(bytes, src.string());
        const auto record = studio::VariantRecord::fromPngText(text);
        if (record.prompt.empty() || record.seed != c.seed) throw FileError(src.string(), "is not this grid's cell " + std::to_string(c.index));
        fs::writeFileAtomic(out / "cells" / (c.fileStem + ".png"), bytes);
        manifest += manifestLine(c, record.toJson());
    }
    fs::writeFileAtomic(out / "grid-manifest.jsonl", manifest);
    std::printf("%s\n", out.string().c_str());
    return 0;
}

int run(const Args& a) {
    if (!a.positionals().empty() && a.positionals()[0] == "merge") return merge(a);
    if (!a.positionals().empty()) throw UsageError("grid: unknown action '" + a.positionals()[0] + "' (merge)");
    return render(a);
}

Register reg({"grid", "render a variant grid from a spec file, whole or as one shard of a render farm; merge shards",
              "--spec grid.json --out DIR [--shard I/N | --shards N]  |  merge --out DIR SHARD_DIR...",
              {{"--spec", "FILE", "grid spec (JSON): model, loras, concepts, conditions, seeds_per_cell, first_seed, "
                                  "sampler, steps, cfg, width, height, negative_prompt"},
               {"--out", "DIR", "grid folder (grid.json, cells/, grid-manifest.jsonl)"},
               {"--shard", "I/N", "render only the cells with index % N == I"},
               {"--shards", "N", "the number of shards when JOB_COMPLETION_INDEX (Kubernetes Indexed Job) names this one"},
               {"--device", "DEV", "cpu|cuda|auto (default auto)"}},
              "Without --shard the scheduler's variables pick the shard: SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN of\n"
              "SLURM_ARRAY_TASK_COUNT (sbatch --array=0-2), or JOB_COMPLETION_INDEX of --shards N. `grid merge` checks\n"
              "that every cell is there exactly once from the same spec and writes what one process would have written.",
              run});

} // namespace
} // namespace adv::cli
