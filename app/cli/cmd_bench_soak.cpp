// advariant-cli bench soak: a working day in one process. Renders grid cells (concept x background x
// seed, with the LoRA column attached and detached per cell like the studio's grid) and then trains,
// sampling resident memory all along. After a warm-up the resident set must level off: the report gives
// the growth per 100 cells and per 1,000 steps after warm-up, and the run fails when either exceeds
// --bound-mib (a leak check, not a timing).
#include "cli/args.h"
#include "cli/common.h"
#include "common/soak_stats.h"

#include "dataset/coco.h"
#include "dataset/synth.h"
#include "lora/lora.h"
#include "pairs/pair_set.h"
#include "pipeline/sd_pipeline.h"
#include "platform/platform.h"
#include "train/trainer.h"
#include "util/device.h"
#include "util/error.h"
#include "util/fs.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <optional>

namespace adv::cli {
namespace {

double rssMiB() { return static_cast<double>(platform::residentBytes()) / (1024.0 * 1024.0); }

nlohmann::json phase(const char* name, const std::vector<std::pair<double, double>>& s, double warm, double per) {
    double peak = 0, atWarm = 0;
    for (const auto& [x, y] : s) {
        peak = std::max(peak, y);
        if (x <= warm) atWarm = y;
    }
    return {{"phase", name},
            {"samples", s.size()},
            {"rss_after_warmup_mib", atWarm},
            {"rss_end_mib", s.empty() ? 0.0 : s.back().second},
            {"rss_peak_mib", peak},
            {"growth_mib_per_unit", app::soakSlope(s, warm) * per},
            {"unit", per}};
}

std::vector<std::pair<double, double>> renderCells(StableDiffusion& sd, const Args& a, int cells) {
    const std::vector<std::string> concepts{"a red dress", "a blue shirt", "black pants", "a striped sweater"};
    const std::vector<std::string> backgrounds{"on the beach", "in space", "in the city", "in the snow"};
    std::optional<LoraWeights> lora;
    if (a.has("--lora")) lora = readLora(a.get("--lora", ""), *sd.unet, sd.text.get());
    std::vector<std::pair<double, double>> samples;
    const int every = std::max(1, cells / 50);
    for (int i = 0; i < cells; ++i) {
        GenerateParams gp;
        gp.prompt = concepts[i % concepts.size()] + " " + backgrounds[(i / concepts.size()) % backgrounds.size()];
        gp.negativePrompt = "blurry";
        gp.sampler = a.get("--sampler", "dpmpp_2m");
        gp.steps = a.getInt("--cell-steps", 12);
        gp.cfg = 7.5;
        gp.width = gp.height = a.getInt("--size", sd.nativeResolution());
        gp.seed = static_cast<uint64_t>(1000 + i);
        validateGenerateParams(gp);
        // Odd cells are the grid's LoRA column: attached for the cell, detached after, as the studio does.
        const bool withLora = lora && (i % 2 == 1);
        if (withLora) attachLora(*lora, 0.8, "soak", *sd.unet, sd.text.get());
        (void)sd.generate(gp);
        if (withLora) detachLora("soak", *sd.unet, sd.text.get());
        if ((i + 1) % every == 0) {
            samples.emplace_back(i + 1, rssMiB());
            if (!a.has("--json"))
                std::printf("  cell %4d/%d  RSS %7.1f MiB\n", i + 1, cells, samples.back().second), std::fflush(stdout);
        }
    }
    return samples;
}

std::vector<std::pair<double, double>> trainSteps(const Args& a, const std::string& model, int steps) {
    const std::string dir =
        a.get("--work", (std::filesystem::temp_directory_path() /
                         ("advariant-soak-" + std::to_string(std::chrono::steady_clock::now().time_since_epoch().count())))
                            .string());
    synth::SynthOptions so;
    so.images = 24;
    so.seed = 5;
    const auto data = synth::writeDataset(dir + "/data", so);
    const auto ds = coco::loadCoco(data.annotationPath);
    pairs::PairSetOptions po;
    po.perCategory = 2;
    po.resolution = 64;
    const auto set = pairs::buildPairs(ds, data.imagesDir, po, dir + "/pairs");
    train::TrainConfig c;
    c.model = model;
    c.manifest = set.manifestPath();
    c.outDir = dir + "/run";
    c.cacheDir = dir + "/cache";
    c.resolution = 64;
    c.steps = steps;
    c.batch = 2;
    c.checkpointEvery = std::max(1, steps / 8);  // checkpoints and pruning are part of the day
    c.keepCheckpoints = 2;
    c.validateEvery = 0;
    c.seed = 3;
    std::vector<std::pair<double, double>> samples;
    const int every = std::max(1, steps / 50);
    train::TrainEvents ev;
    ev.onStep = [&](const train::StepMetrics& m) {
        if (m.step % every != 0) return;
        samples.emplace_back(m.step, rssMiB());
        if (!a.has("--json")) std::printf("  step %5d/%d  RSS %7.1f MiB\n", m.step, steps, samples.back().second), std::fflush(stdout);
    };
    const auto res = train::runTraining(c, ev);
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
    if (!res.completed) throw Error("soak: training stopped: " + res.failure);
    return samples;
}

} // namespace

int runSoak(const Args& a) {
    const int cells = a.getInt("--cells", 500);
    const int steps = a.getInt("--steps", 2000);
    const double bound = a.getDouble("--bound-mib", 32.0);
    if (cells < 0 || steps < 0 || (cells == 0 && steps == 0)) throw UsageError("--cells and --steps must be >= 0, one > 0");
    if (!(bound > 0)) throw UsageError("--bound-mib must be > 0");
    const std::string model = a.get("--model", fs::embeddedModelDir());
    nlohmann::json phases = nlohmann::json::array();
    bool within = true;
    if (cells > 0) {
        LoadOptions lo;
        lo.device = a.get("--device", "cpu");
        auto sd = StableDiffusion::load(model, lo);
        if (!a.has("--json")) std::printf("soak: %d grid cells, then %d training steps (%s)\n", cells, steps, model.c_str());
        const auto s = renderCells(*sd, a, cells);
        auto p = phase("render", s, cells / 10.0, 100.0);  // warm-up: the first tenth; growth per 100 cells
        within &= p["growth_mib_per_unit"].get<double>() <= bound;
        phases.push_back(p);
    }
    if (steps > 0) {
        const auto s = trainSteps(a, model, steps);
        auto p = phase("train", s, steps / 10.0, 1000.0);  // growth per 1,000 steps
        within &= p["growth_mib_per_unit"].get<double>() <= bound;
        phases.push_back(p);
    }
    nlohmann::json j{{"bench", "soak"}, {"device", deviceInfo().describe()}, {"phases", phases},
                     {"bound_mib", bound}, {"within_bound", within}, {"peak_rss_mib", peakResidentMiB()}};
    if (a.has("--json")) {
        printJson(j.dump());
    } else {
        for (const auto& p : phases)
            std::printf("%-6s RSS after warm-up %.1f MiB, at the end %.1f MiB, peak %.1f MiB; growth after warm-up "
                        "%+.2f MiB per %g %s\n",
                        p["phase"].get<std::string>().c_str(), p["rss_after_warmup_mib"].get<double>(),
                        p["rss_end_mib"].get<double>(), p["rss_peak_mib"].get<double>(),
                        p["growth_mib_per_unit"].get<double>(), p["unit"].get<double>(),
                        p["phase"] == "render" ? "cells" : "steps");
        std::printf("%s (bound %.0f MiB per unit)\n", within ? "within bound" : "OVER BOUND: memory keeps growing", bound);
    }
    return within ? 0 : 1;
}

} // namespace adv::cli
