#include "studio/grid_spec.h"

#include "pairs/captions.h"
#include "sched/sampler_names.h"
#include "util/error.h"
#include "util/fs.h"
#include "util/sha256.h"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <set>

namespace adv::studio {

using json = nlohmann::ordered_json;

namespace {
constexpr int kMaxCells = 100000;

[[noreturn]] void bad(const std::string& origin, const std::string& what) { throw FileError(origin, what); }

std::string text(const json& j, const char* key, const std::string& origin, size_t maxLen) {
    const json& v = j.at(key);
    if (!v.is_string()) bad(origin, std::string("field '") + key + "' must be text");
    const std::string s = v.get<std::string>();
    if (s.size() > maxLen) bad(origin, std::string("field '") + key + "' is longer than " + std::to_string(maxLen) + " bytes");
    for (unsigned char c : s)
        if (c < 0x20 || c == 0x7f) bad(origin, std::string("field '") + key + "' contains a control character");
    return s;
}

int64_t whole(const json& j, const char* key, const std::string& origin, int64_t lo, int64_t hi) {
    const json& v = j.at(key);
    if (!v.is_number_integer()) bad(origin, std::string("field '") + key + "' must be a whole number");
    if (v.is_number_unsigned() && v.get<uint64_t>() > static_cast<uint64_t>(hi))
        bad(origin, std::string("field '") + key + "' must be " + std::to_string(lo) + ".." + std::to_string(hi));
    const int64_t x = v.get<int64_t>();
    if (x < lo || x > hi) bad(origin, std::string("field '") + key + "' must be " + std::to_string(lo) + ".." + std::to_string(hi));
    return x;
}

double real(const json& j, const char* key, const std::string& origin, double lo, double hi) {
    const json& v = j.at(key);
    if (!v.is_number()) bad(origin, std::string("field '") + key + "' must be a number");
    const double x = v.get<double>();
    if (!(x >= lo && x <= hi)) bad(origin, std::string("field '") + key + "' must be a finite number in " + std::to_string(lo) + ".." + std::to_string(hi));
    return x;
}

std::vector<std::string> names(const json& j, const char* key, const std::string& origin, bool allowEmpty) {
    const json& v = j.at(key);
    if (!v.is_array() || v.empty() || v.size() > 256)
        bad(origin, std::string("field '") + key + "' must be a list of 1 to 256 names");
    std::vector<std::string> out;
    std::set<std::string> seen;
    for (const auto& e : v) {
        json one{{key, e}};
        const std::string s = text(one, key, origin, 200);
        if (s.empty() && !allowEmpty) bad(origin, std::string("field '") + key + "' has an empty name");
        if (!seen.insert(s).second) bad(origin, std::string("field '") + key + "' names '" + s + "' twice");
        out.push_back(s);
    }
    return out;
}
} // namespace

GridSpec GridSpec::fromJsonText(const std::string& textIn, const std::string& origin) {
    if (textIn.size() > (1u << 20)) bad(origin, "grid spec larger than 1 MiB");
    json j;
    try {
        j = json::parse(textIn);
    } catch (const json::exception& e) {
        bad(origin, jsonErrorText(e));
    }
    if (!j.is_object()) bad(origin, "a grid spec is a JSON object");
    static const std::set<std::string> known{"model",   "loras", "concepts", "conditions", "seeds_per_cell", "first_seed",
                                             "sampler", "steps", "cfg",      "width",      "height",         "negative_prompt",
                                             "hires_scale", "hires_strength"};
    for (const auto& [k, v] : j.items())
        if (!known.count(k)) bad(origin, "unknown field '" + k + "'");
    GridSpec s;
    try {
        if (j.contains("model")) s.model = text(j, "model", origin, 4096);
        if (j.contains("loras")) {
            const json& l = j.at("loras");
            if (!l.is_array() || l.size() > 16) bad(origin, "field 'loras' must be a list of at most 16 {file, scale}");
            for (const auto& e : l) {
                if (!e.is_object()) bad(origin, "field 'loras' must hold objects {\"file\": ..., \"scale\": ...}");
                for (const auto& [k, v] : e.items())
                    if (k != "file" && k != "scale") bad(origin, "unknown field 'loras." + k + "'");
                LoraUse u;
                u.file = text(e, "file", origin, 4096);
                if (u.file.empty()) bad(origin, "field 'loras.file' is empty");
                u.scale = e.contains("scale") ? real(e, "scale", origin, -10, 10) : 1.0;
                s.loras.push_back(u);
            }
        }
        s.concepts = names(j, "concepts", origin, false);
        s.conditions = names(j, "conditions", origin, true);
        if (j.contains("seeds_per_cell")) s.seedsPerCell = static_cast<int>(whole(j, "seeds_per_cell", origin, 1, 64));
        if (j.contains("first_seed")) s.firstSeed = whole(j, "first_seed", origin, 0, (1ll << 53) - 64);
        if (j.contains("sampler")) {
            s.sampler = text(j, "sampler", origin, 64);
            try {
                samplerFromName(s.sampler);
            } catch (const Error& e) {
                bad(origin, std::string("field 'sampler': ") + e.what());
            }
        }
        if (j.contains("steps")) s.steps = static_cast<int>(whole(j, "steps", origin, 1, 1000));
        if (j.contains("cfg")) s.cfg = real(j, "cfg", origin, 0, 100);
        for (const char* k : {"width", "height"})
            if (j.contains(k)) {
                const int v = static_cast<int>(whole(j, k, origin, 0, 4096));
                if (v != 0 && (v < 64 || v % 8 != 0)) bad(origin, std::string("field '") + k + "' must be 0 (native) or a multiple of 8 from 64");
                (std::string(k) == "width" ? s.width : s.height) = v;
            }
        if (j.contains("negative_prompt")) s.negativePrompt = text(j, "negative_prompt", origin, 10000);
        if (j.contains("hires_scale")) {
            s.hiresScale = real(j, "hires_scale", origin, 0, 8);
            if (s.hiresScale != 0 && s.hiresScale <= 1) bad(origin, "field 'hires_scale' must be 0 (none) or above 1, up to 8");
        }
        if (j.contains("hires_strength")) {
            s.hiresStrength = real(j, "hires_strength", origin, 0, 1);
            if (s.hiresStrength <= 0) bad(origin, "field 'hires_strength' must be above 0, up to 1");
        }
    } catch (const json::exception& e) {
        bad(origin, jsonErrorText(e));
    }
    const int64_t cells = static_cast<int64_t>(s.concepts.size()) * static_cast<int64_t>(s.conditions.size()) * s.seedsPerCell;
    if (cells > kMaxCells) bad(origin, std::to_string(cells) + " cells: a grid has at most " + std::to_string(kMaxCells));
    return s;
}

GridSpec GridSpec::fromFile(const std::string& path) { return fromJsonText(fs::readFile(path), path); }

std::string GridSpec::toJsonText() const {
    json l = json::array();
    for (const auto& u : loras) l.push_back({{"file", u.file}, {"scale", u.scale}});
    json j{{"model", model},         {"loras", l},         {"concepts", concepts},   {"conditions", conditions},
           {"seeds_per_cell", seedsPerCell}, {"first_seed", firstSeed}, {"sampler", sampler},
           {"steps", steps},         {"cfg", cfg},         {"width", width},         {"height", height},
           {"negative_prompt", negativePrompt}};
    if (hiresScale > 0) {  // only then: a spec without the hires fix keeps its text and hash
        j["hires_scale"] = hiresScale;
        if (hiresStrength > 0) j["hires_strength"] = hiresStrength;
    }
    return j.dump(2) + "\n";
}

std::string GridSpec::hash() const { return sha256Hex(toJsonText()).substr(0, 16); }

std::vector<GridSpec::Cell> GridSpec::cells() const {
    std::vector<Cell> out;
    for (const auto& concept : concepts)
        for (const auto& condition : conditions)
            for (int k = 0; k < seedsPerCell; ++k) {
                Cell c;
                c.index = static_cast<int>(out.size());
                c.concept = concept;
                c.condition = condition;
                c.seed = firstSeed + k;
                c.prompt = pairs::caption(concept, condition);
                char idx[16];
                std::snprintf(idx, sizeof idx, "%05d", c.index);
                c.fileStem = fs::safeFileName(std::string(idx) + "-" + concept + "-" + (condition.empty() ? "studio" : condition) +
                                              "-s" + std::to_string(c.seed));
                out.push_back(c);
            }
    return out;
}

VariantRecord GridSpec::request(const Cell& c) const {
    VariantRecord r;
    r.prompt = c.prompt;
    r.negativePrompt = negativePrompt;
    r.seed = c.seed;
    r.sampler = sampler;
    r.steps = steps;
    r.cfg = cfg;
    r.width = width;
    r.height = height;
    r.loras = loras;
    r.hiresScale = hiresScale;
    if (hiresScale > 0) r.denoisingStrength = hiresStrength;  // 0: the renderer's default strength
    r.concept = c.concept;
    r.condition = c.condition;
    return r;
}

Shard parseShard(const std::string& t) {
    const auto slash = t.find('/');
    auto num = [&](const std::string& s) {
        char* end = nullptr;
        errno = 0;
        const long v = std::strtol(s.c_str(), &end, 10);
        if (s.empty() || *end != '\0' || errno == ERANGE || v < 0 || v > kMaxCells)
            throw Error("--shard '" + t + "': expected I/N with 0 <= I < N <= " + std::to_string(kMaxCells));
        return static_cast<int>(v);
    };
    if (slash == std::string::npos) throw Error("--shard '" + t + "': expected I/N (e.g. 0/3)");
    Shard s{num(t.substr(0, slash)), num(t.substr(slash + 1))};
    if (s.count < 1 || s.index >= s.count) throw Error("--shard '" + t + "': expected I/N with 0 <= I < N");
    return s;
}

Shard shardFromEnvironment(const std::map<std::string, std::string>& env, int shardsFlag) {
    auto get = [&](const char* k) -> const std::string* {
        auto it = env.find(k);
        return it == env.end() || it->second.empty() ? nullptr : &it->second;
    };
    auto num = [&](const char* k) {
        const std::string& v = *get(k);
        char* end = nullptr;
        errno = 0;
        const long x = std::strtol(v.c_str(), &end, 10);
        if (*end != '\0' || errno == ERANGE || x < 0 || x > kMaxCells)
            throw Error(std::string("environment variable ") + k + "='" + v + "' is not a task index");
        return static_cast<int>(x);
    };
    if (get("SLURM_ARRAY_TASK_ID")) {
        if (!get("SLURM_ARRAY_TASK_COUNT")) throw Error("SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not");
        const int id = num("SLURM_ARRAY_TASK_ID"), min = get("SLURM_ARRAY_TASK_MIN") ? num("SLURM_ARRAY_TASK_MIN") : 0;
        Shard s{id - min, num("SLURM_ARRAY_TASK_COUNT")};
        if (s.count < 1 || s.index < 0 || s.index >= s.count)
            throw Error("Slurm array task " + std::to_string(id) + " is not one of " + std::to_string(s.count) +
                        " tasks from " + std::to_string(min) + " (use a contiguous --array=0-N)");
        return s;
    }
    if (get("JOB_COMPLETION_INDEX")) {
        if (shardsFlag < 1) throw Error("JOB_COMPLETION_INDEX is set: say how many shards the Indexed Job has (--shards N, its completions)");
        Shard s{num("JOB_COMPLETION_INDEX"), shardsFlag};
        if (s.index >= s.count)
            throw Error("JOB_COMPLETION_INDEX " + std::to_string(s.index) + " is not below --shards " + std::to_string(s.count));
        return s;
    }
    return Shard{};
}

} // namespace adv::studio
