// advariant-cli models [FOLDER...] [--no-hash] [--json]: the model and LoRA library the studio's pickers show.
#include "cli/args.h"

#include "studio/model_library.h"
#include "util/fs.h"

#include <nlohmann/json.hpp>

#include <cstdio>

namespace adv::cli {
namespace {

nlohmann::json toJson(const studio::LibraryEntry& e) {
    nlohmann::json j{{"name", e.name},         {"path", e.path},           {"kind", e.kindName()},
                     {"variant", e.variant},   {"supported", e.supported}, {"embedded", e.embedded},
                     {"bytes", e.bytes},       {"short_hash", e.shortHash}, {"metadata", e.metadata}};
    if (e.kind == studio::LibraryEntry::Kind::Lora) {
        j["rank"] = e.rank;
        j["targets"] = e.targets;
        j["base_model"] = e.baseModel;
        j["lcm"] = e.lcm;
    }
    if (!e.problem.empty()) j["problem"] = e.problem;
    return j;
}

int run(const Args& a) {
    studio::LibraryScanOptions o;
    o.hashes = !a.has("--no-hash");
    o.hashCacheFile = (fs::userDataDir() / "cache" / "hashes.json").string();
    const auto lib = studio::scanLibrary(a.positionals(), o);
    if (a.has("--json")) {
        nlohmann::json m = nlohmann::json::array(), l = nlohmann::json::array();
        for (const auto& e : lib.models) m.push_back(toJson(e));
        for (const auto& e : lib.loras) l.push_back(toJson(e));
        printJson(nlohmann::json{{"models", m}, {"loras", l}, {"problems", lib.problems}}.dump());
        return 0;
    }
    std::printf("Models:\n");
    for (const auto& e : lib.models) std::printf("  %s\n    %s\n", e.label().c_str(), e.path.c_str());
    std::printf("LoRAs:\n");
    for (const auto& e : lib.loras) {
        std::printf("  %s\n    %s\n", e.label().c_str(), e.path.c_str());
        std::string t;
        for (const auto& x : e.targets) t += (t.empty() ? "" : ", ") + x;
        if (!t.empty() || !e.baseModel.empty())
            std::printf("    targets: %s%s%s\n", t.c_str(), e.baseModel.empty() ? "" : "; base model: ", e.baseModel.c_str());
    }
    for (const auto& p : lib.problems) std::fprintf(stderr, "advariant-cli models: %s\n", p.c_str());
    return 0;
}

Register reg({"models", "the model and LoRA library: diffusers folders, checkpoints and LoRAs in model folders",
              "[FOLDER...] [--no-hash] [--json]",
              {{"--no-hash", "", "skip the SHA-256 short hashes (fast on big checkpoints)"},
               {"--json", "", "machine-readable output"}},
              "", run});

} // namespace
} // namespace adv::cli
