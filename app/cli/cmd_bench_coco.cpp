// advariant-cli bench coco: time loading a COCO / Fashionpedia instance file in this process (the file
// read, the JSON parse and the index, as `dataset stats` does it), and with --baseline Python's json.load
// plus the index pycocotools' COCO.createIndex builds, run side by side in alternating rounds, so the
// ratio is measured under the same machine state. Peak memory is reported for both.
#include "cli/args.h"
#include "cli/common.h"

#include "dataset/coco.h"
#include "platform/platform.h"
#include "util/error.h"
#include "util/fs.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

namespace adv::cli {
namespace {

using json = nlohmann::json;

// The baseline: what a Python user of the dataset runs (json.load and pycocotools' createIndex, without
// the pycocotools dependency). Writes its figures as JSON to argv[2].
constexpr const char* kPythonBaseline = R"PY(import json, resource, sys, time
from collections import defaultdict
t0 = time.perf_counter()
with open(sys.argv[1]) as f:
    d = json.load(f)
t1 = time.perf_counter()
anns, cats, imgs = {}, {}, {}
img_to_anns, cat_to_imgs = defaultdict(list), defaultdict(list)
for a in d.get("annotations", []):
    img_to_anns[a["image_id"]].append(a)
    anns[a["id"]] = a
for i in d.get("images", []):
    imgs[i["id"]] = i
for c in d.get("categories", []):
    cats[c["id"]] = c
for a in d.get("annotations", []):
    cat_to_imgs[a["category_id"]].append(a["image_id"])
t2 = time.perf_counter()
with open(sys.argv[2], "w") as out:
    json.dump({"parse_s": t1 - t0, "total_s": t2 - t0, "annotations": len(anns),
               "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}, out)
)PY";

coco::JsonParser parserOf(const std::string& name) {
    if (name == "auto") return coco::JsonParser::Auto;
    if (name == "nlohmann") return coco::JsonParser::Nlohmann;
    if (name == "simdjson") {
        if (!coco::haveFastJsonParser()) throw UsageError("--parser simdjson: this build has no simdjson");
        return coco::JsonParser::Simdjson;
    }
    throw UsageError("--parser: '" + name + "' is not one of auto, nlohmann, simdjson");
}

// `name` as given when it names a folder, else the first match on PATH (the child starts a path, not a name).
std::filesystem::path findExecutable(const std::string& name) {
    if (name.find('/') != std::string::npos || name.find('\\') != std::string::npos) return name;
    const char* path = std::getenv("PATH");
    std::string dirs = path ? path : "";
#if defined(_WIN32)
    const char sep = ';';
    const std::string ext = ".exe";
#else
    const char sep = ':';
    const std::string ext;
#endif
    for (size_t start = 0; start <= dirs.size();) {
        const size_t end = std::min(dirs.find(sep, start), dirs.size());
        const std::filesystem::path candidate = std::filesystem::path(dirs.substr(start, end - start)) / (name + ext);
        std::error_code ec;
        if (end > start && std::filesystem::is_regular_file(candidate, ec)) return candidate;
        start = end + 1;
    }
    throw UsageError("--python: '" + name + "' is not on PATH");
}

json runPython(const std::string& python, const std::filesystem::path& script, const std::string& file,
               const std::filesystem::path& result) {
    std::error_code ec;
    std::filesystem::remove(result, ec);
    auto child = platform::ChildProcess::start(findExecutable(python), {script.string(), file, result.string()}, {});
    const int rc = child.wait();
    if (rc != 0) throw Error("the Python baseline (" + python + ") failed with exit code " + std::to_string(rc));
    try {
        return json::parse(fs::readFile(result));
    } catch (const json::exception&) {
        throw FileError(result.string(), "the Python baseline wrote no valid result");
    }
}

// A scratch folder for the baseline's script and result, removed on the way out.
struct ScratchDir {
    std::filesystem::path path = std::filesystem::temp_directory_path() /
                                 ("advariant-bench-coco-" + std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
    ScratchDir() { std::filesystem::create_directories(path); }
    ~ScratchDir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
};

} // namespace

// One load in this process (a round of the benchmark, run as a child): its figures as JSON to `out`.
int singleRun(const Args& a, const std::string& file, coco::JsonParser parser) {
    const auto t0 = std::chrono::steady_clock::now();
    const auto ds = coco::loadCoco(file, {}, nullptr, parser);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const json j{{"seconds", seconds},
                 {"annotations", ds.annotations.size()},
                 {"peak_rss_mib", static_cast<double>(platform::peakResidentBytes()) / 1048576.0}};
    fs::writeFileAtomic(a.require("--single-run"), j.dump());
    return 0;
}

int runCocoBench(const Args& a) {
    const std::string file = a.require("--annotations");
    const int reps = a.getInt("--reps", 3);
    const auto parser = parserOf(a.get("--parser", "auto"));
    if (a.has("--single-run")) return singleRun(a, file, parser);
    const bool baseline = a.has("--baseline");
    const std::string python = a.get("--python", "python3");
    const ScratchDir tmp;
    const auto script = tmp.path / "coco_baseline.py";
    const auto result = tmp.path / "baseline.json";
    if (baseline) fs::writeFileAtomic(script, kPythonBaseline);
    (void)fs::readFile(file);  // page cache warm for both sides

    // Each round loads in a fresh process, as Python's does: a second load in one process reuses the
    // allocator's already-faulted pages and would flatter the figure several times over.
    const auto oursResult = tmp.path / "ours.json";
    std::vector<std::string> childArgs{"bench", "coco", "--annotations", file, "--parser", a.get("--parser", "auto"),
                                       "--single-run", oursResult.string()};
    std::vector<double> ours, theirs;
    size_t annotations = 0;
    double pyRss = 0, ourRss = 0;
    for (int r = 0; r < reps; ++r) {
        std::error_code ec;
        std::filesystem::remove(oursResult, ec);
        const int rc = platform::ChildProcess::start(platform::executablePath(), childArgs, {}).wait();
        if (rc != 0) throw Error("loading " + file + " failed (exit code " + std::to_string(rc) + ")");
        const json one = json::parse(fs::readFile(oursResult));
        ours.push_back(one.at("seconds").get<double>());
        ourRss = std::max(ourRss, one.at("peak_rss_mib").get<double>());
        annotations = one.at("annotations").get<size_t>();
        if (baseline) {
            const json py = runPython(python, script, file, result);
            theirs.push_back(py.at("total_s").get<double>());
            pyRss = std::max(pyRss, py.at("peak_rss_mib").get<double>());
        }
    }
    const auto best = [](const std::vector<double>& v) { return *std::min_element(v.begin(), v.end()); };
    json j{{"file", file},
           {"parser", a.get("--parser", "auto") == "auto" ? (coco::haveFastJsonParser() ? "simdjson" : "nlohmann")
                                                          : a.get("--parser", "auto")},
           {"annotations", annotations},
           {"seconds", ours},
           {"best_s", best(ours)},
           {"peak_rss_mib", ourRss}};
    if (baseline) {
        j["python_seconds"] = theirs;
        j["python_best_s"] = best(theirs);
        j["python_peak_rss_mib"] = pyRss;
        j["speedup_vs_python"] = best(theirs) / best(ours);
    }
    if (a.has("--json")) {
        printJson(j.dump());
        return 0;
    }
    std::printf("COCO load, %s parser, %zu annotations (%s)\n", j["parser"].get<std::string>().c_str(), annotations,
                file.c_str());
    for (size_t r = 0; r < ours.size(); ++r) {
        std::printf("  round %zu: %.2f s", r + 1, ours[r]);
        if (baseline) std::printf("   Python %.2f s", theirs[r]);
        std::printf("\n");
    }
    std::printf("  best %.2f s, peak RSS %.0f MiB\n", best(ours), j["peak_rss_mib"].get<double>());
    if (baseline)
        std::printf("  Python best %.2f s, peak RSS %.0f MiB: %.1fx faster than Python in the same run\n", best(theirs),
                    pyRss, j["speedup_vs_python"].get<double>());
    return 0;
}

} // namespace adv::cli
