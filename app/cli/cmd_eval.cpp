// advariant-cli eval adherence: how well a model follows "a {category} on/in {condition}" prompts, by the judge;
// eval loss: the denoising loss on a pair manifest with own and swapped captions; eval pairs: the judge on
// the pairs themselves (the ceiling a fine-tune on them can reach).
#include "cli/args.h"
#include "cli/common.h"
#include "cli/demo_product.h"
#include "dataset/coco.h"

#include "basemodel/adherence.h"
#include "basemodel/judge_pairs.h"
#include "studio/model_library.h"
#include "train/eval_loss.h"
#include "util/device.h"
#include "util/error.h"

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <optional>

namespace adv::cli {
namespace {

int runLoss(const Args& a, StableDiffusion& sd) {
    train::LossEvalOptions o;
    if (a.has("--timesteps")) {
        o.timesteps.clear();
        for (const auto& t : a.getList("--timesteps")) o.timesteps.push_back(static_cast<int>(parseIntToken("--timesteps", t, 0, 999)));
    }
    o.noiseDraws = a.getInt("--draws", o.noiseDraws);
    o.maxItems = a.getInt("--items", o.maxItems);
    o.seed = static_cast<uint64_t>(a.getInt64("--seed", 0));
    const bool json = a.has("--json");
    ProgressBar bar("eval", !json);
    const auto rep = train::evalDenoisingLoss(sd, a.require("--manifest"), o,
                                              [&](int s, int n, const std::string&) { bar.update(s, n); });
    bar.finish();
    if (json) {
        nlohmann::json j{{"items", rep.items}, {"loss", rep.meanLoss()}, {"loss_swapped", rep.meanSwapped()}};
        for (const auto& r : rep.rows)
            j["timesteps"].push_back({{"t", r.timestep}, {"loss", r.loss}, {"loss_swapped", r.lossSwapped}});
        printJson(j);
        return 0;
    }
    std::printf("%9s %10s %14s\n", "timestep", "loss", "caption swap");
    for (const auto& r : rep.rows) std::printf("%9d %10.5f %14.5f\n", r.timestep, r.loss, r.lossSwapped);
    std::printf("%9s %10.5f %14.5f   (%d pairs)\n", "mean", rep.meanLoss(), rep.meanSwapped(), rep.items);
    return 0;
}

int runPairs(const Args& a, StableDiffusion& sd, const base::Judge& judge) {
    const auto r = base::judgePairs(sd, judge, a.require("--manifest"), a.get("--sheet"));
    if (a.has("--json")) {
        printJson(nlohmann::json{{"items", r.items}, {"skipped", r.skipped},
                                 {"category_accuracy", r.categoryAccuracy}, {"background_accuracy", r.backgroundAccuracy},
                                 {"roundtrip_category_accuracy", r.roundTripCategoryAccuracy},
                                 {"roundtrip_background_accuracy", r.roundTripBackgroundAccuracy},
                                 {"roundtrip_rmse", r.roundTripRmse}, {"categories", judge.categories},
                                 {"category_confusion", r.categoryConfusion},
                                 {"roundtrip_category_confusion", r.roundTripCategoryConfusion}});
        return 0;
    }
    std::printf("%d pairs judged (%d skipped: rejected, or unknown to the judge)\n", r.items, r.skipped);
    std::printf("%-28s %9s %11s\n", "", "category", "background");
    std::printf("%-28s %8.1f %% %9.1f %%\n", "pairs as they are", 100 * r.categoryAccuracy, 100 * r.backgroundAccuracy);
    std::printf("%-28s %8.1f %% %9.1f %%   (RMS error %.3f)\n", "after the model's autoencoder",
                100 * r.roundTripCategoryAccuracy, 100 * r.roundTripBackgroundAccuracy, r.roundTripRmse);
    auto table = [&](const char* title, const std::vector<std::vector<int>>& m) {
        std::printf("\ncategories %s (rows: the pair's, columns: the judge's verdict)\n%10s", title, "");
        for (const auto& c : judge.categories) std::printf(" %8.8s", c.c_str());
        for (size_t i = 0; i < judge.categories.size(); ++i) {
            std::printf("\n%10s", judge.categories[i].c_str());
            for (int n : m[i]) std::printf(" %8d", n);
        }
        std::printf("\n");
    };
    table("as they are", r.categoryConfusion);
    table("after the autoencoder", r.roundTripCategoryConfusion);
    return 0;
}

// The product-kept grid: a dataset's own garments, only the backdrop generated; the judge on the backdrops.
// How far a fast render is from the slow reference of the same cells and seeds: the mean per-image RMS and the
// largest pixel difference (RGB in [0, 1]), the reference's judge figures, and the speed-up.
nlohmann::json referenceFidelity(const base::AdherenceReport& fast, const base::AdherenceReport& ref, const base::AdherenceOptions& ro) {
    double rmsSum = 0, maxAbs = 0;
    int64_t n = 0;
    for (size_t c = 0; c < fast.cells.size() && c < ref.cells.size(); ++c) {
        const auto d = (fast.cells[c].images.to(torch::kFloat64) - ref.cells[c].images.to(torch::kFloat64));  // [S, 3, H, W]
        rmsSum += d.pow(2).flatten(1).mean(1).sqrt().sum().item<double>();
        maxAbs = std::max(maxAbs, d.abs().max().item<double>());
        n += d.size(0);
    }
    return {{"sampler", ro.sampler},
            {"steps", ro.steps},
            {"cfg", ro.cfg},
            {"category_accuracy", ref.categoryAccuracy},
            {"background_accuracy", ref.backgroundAccuracy},
            {"render_seconds", ref.renderSeconds},
            {"rms", n > 0 ? rmsSum / static_cast<double>(n) : 0.0},
            {"max_abs", maxAbs},
            {"speedup", fast.renderSeconds > 0 ? ref.renderSeconds / fast.renderSeconds : 0.0}};
}

int runProduct(const Args& a, StableDiffusion& sd, const base::Judge& judge) {
    auto ds = coco::loadCoco(a.require("--annotations"));
    const std::string images = a.require("--images");
    ds.checkImages(images);
    ProductGridOptions o;
    o.categories = a.has("--categories") ? a.getList("--categories") : std::vector<std::string>{"dress", "pants", "shirt", "sweater"};
    o.conditions = a.has("--conditions") ? a.getList("--conditions") : std::vector<std::string>{"beach", "space", "city"};
    o.seeds = a.getInt("--seeds", o.seeds);
    o.firstSeed = a.getInt64("--seed", o.firstSeed);
    o.steps = a.getInt("--steps", o.steps);
    o.cfg = a.getDouble("--cfg", o.cfg);
    if (a.has("--negative")) o.negative = a.get("--negative");
    o.scale = a.getDouble("--product-scale", o.scale);
    o.bottom = a.getDouble("--product-bottom", o.bottom);
    if (!(o.bottom > 0.1 && o.bottom <= 1.0)) throw UsageError("--product-bottom must be in (0.1, 1]");
    if (o.seeds < 1 || o.seeds > 64) throw UsageError("--seeds: 1 to 64");
    if (!(o.scale > 0.05 && o.scale <= 1.0)) throw UsageError("--product-scale must be in (0.05, 1]");
    const auto r = renderProductGrid(sd, judge, ds, images, o, std::filesystem::path(a.get("--out", "product-grid")) / "cells");
    printJson(r.dump());
    return 0;
}

int run(const Args& a) {
    const auto& pos = a.positionals();
    if (pos.empty() || (pos[0] != "adherence" && pos[0] != "loss" && pos[0] != "pairs" && pos[0] != "product"))
        throw UsageError("name an evaluation: adherence, loss, pairs or product");
    const std::string model = modelPathOrDefault(a.get("--model"));
    std::string judgeDir = a.get("--judge");
    if (judgeDir.empty()) {
        judgeDir = (std::filesystem::path(model) / "judge").string();
        std::error_code ec;
        if (!std::filesystem::exists(judgeDir, ec))
            judgeDir = (std::filesystem::path(modelPathOrDefault("")) / "judge").string();
    }
    setCpuThreads(a.getInt("--threads", 0));
    LoadOptions lo;
    lo.device = a.get("--device", "auto");
    auto sd = StableDiffusion::load(model, lo);
    // Accelerator LoRAs (LCM) go on last: an adherence reference is rendered the slow way without them.
    std::vector<std::pair<std::string, double>> accelerators;
    for (const auto& spec : a.getAll("--lora")) {
        const auto [path, scale] = parseLoraSpec(spec);
        if (pos[0] == "adherence" && a.has("--reference") && studio::describeModelPath(path).lcm) accelerators.emplace_back(path, scale);
        else sd->addLora(path, scale);
    }
    if (pos[0] == "loss") return runLoss(a, *sd);
    const auto judge = base::Judge::load(judgeDir);
    if (pos[0] == "pairs") return runPairs(a, *sd, judge);
    if (pos[0] == "product") return runProduct(a, *sd, judge);
    base::AdherenceOptions o;
    if (a.has("--categories")) o.categories = a.getList("--categories");
    if (a.has("--conditions")) o.conditions = a.getList("--conditions");
    o.seeds = a.getInt("--seeds", o.seeds);
    o.firstSeed = a.getInt64("--seed", o.firstSeed);
    o.steps = a.getInt("--steps", o.steps);
    o.cfg = a.getDouble("--cfg", o.cfg);
    o.sampler = a.get("--sampler", o.sampler);
    o.negativePrompt = a.get("--negative");
    o.cacheInterval = a.getInt("--cache-interval", 0);
    const bool json = a.has("--json");
    std::optional<base::AdherenceReport> reference;
    base::AdherenceOptions ro = o;
    if (a.has("--reference")) {  // the same cells the slow way: no feature caching, no LCM-LoRA
        ro.cacheInterval = 0;
        ro.steps = a.getInt("--reference-steps", o.steps);
        ro.sampler = a.get("--reference-sampler", o.sampler);
        ro.cfg = a.getDouble("--reference-cfg", o.cfg);
        ProgressBar rbar("reference", !json);
        reference = base::evalAdherence(*sd, judge, ro, [&](int s, int n, const std::string&) { rbar.update(s, n); });
        rbar.finish();
        for (const auto& [path, scale] : accelerators) sd->addLora(path, scale);
    }
    ProgressBar bar("eval", !json);
    const auto rep = base::evalAdherence(*sd, judge, o, [&](int s, int n, const std::string&) { bar.update(s, n); });
    bar.finish();
    nlohmann::json fidelity;
    if (reference) fidelity = referenceFidelity(rep, *reference, ro);
    if (a.has("--grid")) {
        cv::Mat g = base::gridImage(rep, a.getInt("--grid-seeds", 1), 2);
        cv::cvtColor(g, g, cv::COLOR_RGB2BGR);
        if (!cv::imwrite(a.get("--grid"), g)) throw FileError(a.get("--grid"), "could not write the grid image");
    }
    if (json) {
        if (!reference) {
            printJson(base::reportJson(rep));
            return 0;
        }
        auto j = nlohmann::json::parse(base::reportJson(rep));
        j["reference"] = fidelity;
        printJson(j.dump(2));
        return 0;
    }
    std::printf("%-10s %-8s %9s %11s %9s\n", "category", "cond", "cat acc", "bg acc", "divers.");
    for (const auto& c : rep.cells)
        std::printf("%-10s %-8s %9.2f %11.2f %9.3f\n", c.category.c_str(), c.condition.c_str(), c.categoryAccuracy,
                    c.backgroundAccuracy, c.diversity);
    std::printf("category adherence   %.1f %%\n", 100 * rep.categoryAccuracy);
    std::printf("background adherence %.1f %% (forced choice among the asked conditions %.1f %%, chance %.1f %%)\n",
                100 * rep.backgroundAccuracy, 100 * rep.backgroundForcedChoice, 100 * rep.chance);
    std::printf("judged backgrounds  ");
    for (size_t i = 0; i < rep.judgeConditions.size(); ++i)
        std::printf(" %s %.0f %%", rep.judgeConditions[i].c_str(), 100 * rep.conditionShare[i]);
    std::printf("\ndiversity            %.3f (ground truth %.3f)\n", rep.diversity, rep.referenceDiversity);
    std::printf("rendered %d images in %.1f s\n", rep.images, rep.renderSeconds);
    if (reference)
        std::printf("reference (%s, %d steps, CFG %g): category %.1f %%, background %.1f %%, %.1f s; image difference "
                    "RMS %.4f, max %.3f; %.2fx faster\n",
                    ro.sampler.c_str(), ro.steps, ro.cfg, 100 * fidelity["category_accuracy"].get<double>(),
                    100 * fidelity["background_accuracy"].get<double>(), fidelity["render_seconds"].get<double>(),
                    fidelity["rms"].get<double>(), fidelity["max_abs"].get<double>(), fidelity["speedup"].get<double>());
    return 0;
}

Register reg({"eval", "measure prompt adherence with the judge, the denoising loss on a pair manifest, or the judge on the pairs",
              "adherence [--model PATH] [--lora FILE[:SCALE]]... [--categories A,B] [--conditions X,Y] [--seeds N] | "
              "loss --manifest FILE [--model PATH] [--lora FILE[:SCALE]]... [--timesteps T,..] | "
              "pairs --manifest FILE [--model PATH] [--sheet FILE.png] | "
              "product --annotations FILE --images DIR [--lora FILE] [--product-scale F] [--out DIR]",
              {{"--model", "PATH", "model (default: the embedded model)"},
               {"--lora", "FILE[:SCALE]", "apply a LoRA", true},
               {"--judge", "DIR", "judge folder (default: <model>/judge, else the embedded model's)"},
               {"--categories", "LIST", "comma-separated garments (default dress,pants,shirt,sweater)"},
               {"--conditions", "LIST", "comma-separated backgrounds (default beach,space,city)"},
               {"--seeds", "N", "images per cell (default 4)"},
               {"--seed", "N", "first seed (default 1000)"},
               {"--steps", "N", "sampling steps (default 20)"},
               {"--cfg", "F", "guidance scale (default 5)"},
               {"--sampler", "NAME", "sampler (default dpmpp_2m_karras)"},
               {"--negative", "TEXT", "negative prompt"},
               {"--cache-interval", "N", "DeepCache: the whole UNet every N-th step, the shallow branch in between (default 0: off)"},
               {"--reference", "", "adherence: also render every cell the slow way (no feature caching, no LCM-LoRA; "
                                   "--reference-steps/-sampler/-cfg) and report the image difference and speed-up"},
               {"--reference-steps", "N", "the reference's steps (default: --steps)"},
               {"--reference-sampler", "NAME", "the reference's sampler (default: --sampler)"},
               {"--reference-cfg", "F", "the reference's guidance scale (default: --cfg)"},
               {"--device", "D", "cpu|cuda|auto"},
               {"--threads", "N", "CPU threads (default: all cores)"},
               {"--manifest", "FILE", "loss, pairs: pair manifest (manifest.jsonl)"},
               {"--timesteps", "LIST", "loss: timesteps (default 50,200,400,600,800,950)"},
               {"--draws", "N", "loss: noise draws per pair and timestep (default 2)"},
               {"--items", "N", "loss: pairs used, evenly spaced (default 64)"},
               {"--grid", "FILE.png", "also write a labelled picture of the grid"},
               {"--grid-seeds", "N", "seeds per cell in that picture (default 1)"},
               {"--sheet", "FILE.png", "pairs: picture of up to 16 pairs misjudged after the autoencoder (above: "
                                       "as they are, below: after it)"},
               {"--annotations", "FILE", "product: COCO instances file whose garments are kept"},
               {"--images", "DIR", "product: its images folder"},
               {"--product-scale", "F", "product: garment height / canvas height (default 0.85)"},
               {"--product-bottom", "F", "product: the garment's lowest row / canvas height (default 0.92)"},
               {"--out", "DIR", "product: where the grid picture and cells go (default product-grid/)"},
               {"--json", "", "machine-readable report"}},
              "Background adherence: the judge's verdict among all the backgrounds it knows (studio included); the "
              "forced-choice figure only compares the asked conditions (chance = 1/their number). Loss: the noise "
              "prediction error with each pair's caption and with another pair's; equal columns mean the model "
              "ignores the caption at that noise level.",
              run});

} // namespace
} // namespace adv::cli
