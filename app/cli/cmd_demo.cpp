// advariant-cli demo --out DIR: the whole job end to end on the embedded model —
// synthetic dataset, training pairs, LoRA fine-tune, variant grid, ad-size export —
// with the judge's adherence before and after the fine-tune, in summary.json / summary.md.
#include "cli/args.h"
#include "cli/common.h"
#include "cli/demo_product.h"

#include "basemodel/adherence.h"
#include "basemodel/base_data.h"
#include "dataset/coco.h"
#include "dataset/synth.h"
#include "exportset/export_job.h"
#include "pairs/pair_set.h"
#include "registry/preset_registry.h"
#include "studio/renderer.h"
#include "train/train_config.h"
#include "train/train_presets.h"
#include "train/trainer.h"
#include "util/device.h"
#include "util/error.h"
#include "util/fs.h"

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>

namespace adv::cli {
namespace {

namespace sfs = std::filesystem;
using json = nlohmann::json;

double now() { return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count(); }

void writeGrid(const base::AdherenceReport& r, const sfs::path& file) {
    cv::Mat g = base::gridImage(r, 2, 2);
    cv::cvtColor(g, g, cv::COLOR_RGB2BGR);
    if (!cv::imwrite(file.string(), g)) throw FileError(file.string(), "could not write the grid image");
}

json adherenceJson(const base::AdherenceReport& r) {
    return json{{"category_accuracy", r.categoryAccuracy}, {"background_accuracy", r.backgroundAccuracy},
                {"background_forced_choice", r.backgroundForcedChoice}, {"chance", r.chance},
                {"diversity", r.diversity}, {"reference_diversity", r.referenceDiversity}, {"images", r.images},
                {"render_seconds", r.renderSeconds}};
}

// The demo's LoRA recipe: what the embedded model needs to learn backdrops it never drew.
train::TrainConfig loraConfig(const Args& a, const std::string& model, const std::string& manifest,
                              const std::string& outDir, int res) {
    train::TrainConfig tc;
    tc.model = model;
    tc.manifest = manifest;
    tc.outDir = outDir;
    tc.resolution = res;
    train::useDemoRecipe(tc);  // the studio's "demo" training preset: one recipe, two front ends
    if (a.has("--no-text-lora")) tc.trainTextEncoder = false;
    tc.rank = a.getInt("--rank", tc.rank);
    tc.alpha = tc.rank;
    tc.convRank = a.getInt("--conv-rank", tc.convRank);
    tc.convAlpha = tc.convRank;
    tc.learningRate = a.getDouble("--lr", tc.learningRate);
    tc.steps = a.getInt("--lora-steps", tc.steps);
    tc.batch = a.getInt("--batch", tc.batch);
    tc.subjectLossWeight = a.getDouble("--subject-weight", tc.subjectLossWeight);
    tc.checkpointEvery = tc.steps;
    return tc;
}

// Base and fine-tuned grids side by side, titled with their adherence.
void writeCompare(const base::AdherenceReport& before, const base::AdherenceReport& after, const sfs::path& file) {
    // Before and after in one picture.
    auto titled = [](const base::AdherenceReport& r, const std::string& title) {
        cv::Mat g = base::gridImage(r, 2, 2), band(28, g.cols, CV_8UC3, cv::Scalar(255, 255, 255));
        cv::putText(band, title, {8, 20}, cv::FONT_HERSHEY_SIMPLEX, 0.6, cv::Scalar(20, 20, 20), 1, cv::LINE_AA);
        cv::Mat both;
        cv::vconcat(band, g, both);
        return both;
    };
    char a[160], b[160];
    std::snprintf(a, sizeof a, "base model: category %.0f%%, background %.0f%%", 100 * before.categoryAccuracy,
                  100 * before.backgroundAccuracy);
    std::snprintf(b, sizeof b, "+ LoRA demo fine-tune: category %.0f%%, background %.0f%%",
                  100 * after.categoryAccuracy, 100 * after.backgroundAccuracy);
    cv::Mat both;
    cv::hconcat(titled(before, a), titled(after, b), both);
    cv::cvtColor(both, both, cv::COLOR_RGB2BGR);
    if (!cv::imwrite(file.string(), both)) throw FileError(file.string(), "could not write the comparison image");
}

// The variant grid, one seed per cell, as PNGs with provenance; returns the number of cells.
int renderGrid(const std::string& model, const std::vector<std::string>& categories,
               const std::vector<std::string>& conditions, const std::string& lora, const base::AdherenceOptions& ao,
               const sfs::path& dir) {
    studio::Renderer renderer(model, "auto");
    sfs::create_directories(dir);
    int rendered = 0;
    for (const auto& c : categories)
        for (const auto& b : conditions) {
            studio::VariantRecord job;
            job.prompt = base::promptFor(c, b);
            job.concept = c;
            job.condition = b;
            job.seed = 1;
            job.cfg = ao.cfg;
            job.steps = ao.steps;
            job.loras = {{lora, "", 1.0}};
            studio::savePng((dir / (fs::safeFileName(c + "_" + b) + "_seed1.png")).string(), renderer.render(job));
            ++rendered;
        }
    return rendered;
}

std::string summaryMarkdown(const json& s, const base::AdherenceReport& before, const base::AdherenceReport& after,
                            int evalSeeds) {
    char md[4096];
    std::snprintf(md, sizeof md,
                  "# AdVariant demo\n\nModel: %s\n\n| | category adherence | background adherence | forced choice (chance %.0f %%) | diversity |\n"
                  "|---|---|---|---|---|\n| base | %.0f %% | %.0f %% | %.0f %% | %.3f |\n| + LoRA | %.0f %% | %.0f %% | %.0f %% | %.3f |\n\n"
                  "Ground-truth diversity: %.3f. Judge: %d images per model (%d seeds per cell).\n\n"
                  "- dataset: %d images, %d annotations\n- pairs: %zu\n- LoRA: %d steps in %.0f s (%s)\n"
                  "- variant grid: %d cells in %.1f s\n- export: %zu files for %zu presets\n- total: %.0f s\n\n"
                  "![base](grid_base.png) ![lora](grid_lora.png)\n\n"
                  "Product-kept grid (the dataset's own garments, backdrop inpainted with the LoRA): %d cells x %d seeds, "
                  "background adherence %.0f %%, largest pixel difference inside the eroded masks %d.\n\n"
                  "![product](grid_product.png)\n",
                  s["model"].get<std::string>().c_str(), 100 * before.chance, 100 * before.categoryAccuracy,
                  100 * before.backgroundAccuracy, 100 * before.backgroundForcedChoice, before.diversity,
                  100 * after.categoryAccuracy, 100 * after.backgroundAccuracy, 100 * after.backgroundForcedChoice,
                  after.diversity, before.referenceDiversity, before.images, evalSeeds,
                  s["dataset"]["images"].get<int>(), s["dataset"]["annotations"].get<int>(),
                  s["pairs"]["pairs"].get<size_t>(), s["lora"]["steps"].get<int>(), s["lora"]["seconds"].get<double>(),
                  s["lora"]["file"].get<std::string>().c_str(), s["grid"]["cells"].get<int>(),
                  s["grid"]["seconds"].get<double>(), s["export"]["files"].get<size_t>(),
                  s["export"]["presets"].get<size_t>(), s["seconds"].get<double>(), s["product_grid"]["cells"].get<int>(),
                  s["product_grid"]["seeds"].get<int>(), 100 * s["product_grid"]["background_adherence"].get<double>(),
                  s["product_grid"]["max_exact_diff"].get<int>());
    return md;
}

int run(const Args& a) {
    const sfs::path out(a.require("--out"));
    const std::string model = modelPathOrDefault(a.get("--model"));
    const auto categories = a.has("--categories") ? a.getList("--categories")
                                                  : std::vector<std::string>{"dress", "pants", "shirt", "sweater"};
    const auto conditions = a.has("--conditions") ? a.getList("--conditions")
                                                  : std::vector<std::string>{"beach", "space", "city"};
    const int evalSeeds = a.getInt("--eval-seeds", 8);
    const bool quiet = a.has("--json");
    setCpuThreads(a.getInt("--threads", 0));
    sfs::create_directories(out);
    json summary{{"model", model}, {"categories", categories}, {"conditions", conditions}};
    const double t0 = now();
    auto say = [&](const std::string& s) { if (!quiet) std::fprintf(stderr, "%s\n", s.c_str()); };

    // 1. Synthetic Fashionpedia-format dataset.
    double ts = now();
    say("[1/6] synthetic dataset");
    synth::SynthOptions so;
    so.images = a.getInt("--images", 120);
    so.seed = 7;
    const auto ds = synth::writeDataset((out / "dataset").string(), so);
    summary["dataset"] = {{"images", ds.images}, {"annotations", ds.annotations}, {"seconds", now() - ts}};

    // 2. Training pairs on the background conditions, at the model's resolution.
    ts = now();
    say("[2/6] training pairs");
    auto sd = StableDiffusion::load(model, LoadOptions{});
    const int res = sd->nativeResolution();
    auto coco = coco::loadCoco(ds.annotationPath);
    coco.checkImages(ds.imagesDir);
    pairs::PairSetOptions po;
    po.categories = categories;
    for (const auto& c : conditions) po.conditions.push_back(pairs::makeCondition(c));
    po.perCategory = a.getInt("--per-category", 40);
    // At the embedded model's 64 px a garment at the curation default (0.7 of the height) keeps a
    // 1-2 px leg gap that the autoencoder loses; 0.85 lifts the judge's category accuracy on the
    // pairs after the round trip from 70 to 79 % and after the LoRA demo from 66 to ~75-79 %.
    po.composite.scale = a.getDouble("--pair-scale", 0.85);
    if (!(po.composite.scale > 0.05 && po.composite.scale <= 1.0)) throw UsageError("--pair-scale must be in (0.05, 1]");
    po.resolution = res;
    po.seed = 3;
    const auto set = pairs::buildPairs(coco, ds.imagesDir, po, (out / "pairs").string());
    summary["pairs"] = {{"pairs", set.pairs.size()}, {"manifest", set.manifestPath()}, {"seconds", now() - ts}};

    // 3. Base model adherence (the judge), before any fine-tuning.
    const auto judge = base::Judge::load((sfs::path(model) / "judge").string());
    base::AdherenceOptions ao;
    ao.categories = categories;
    ao.conditions = conditions;
    ao.seeds = evalSeeds;
    say("[3/6] adherence of the base model");
    const auto before = base::evalAdherence(*sd, judge, ao);
    writeGrid(before, out / "grid_base.png");
    summary["adherence_base"] = adherenceJson(before);

    // 4. LoRA fine-tune on the pairs.
    ts = now();
    say("[4/6] LoRA fine-tune");
    const train::TrainConfig tc = loraConfig(a, model, set.manifestPath(), (out / "lora").string(), res);
    ProgressBar bar("lora", !quiet);
    train::TrainEvents ev;
    ev.onStep = [&](const train::StepMetrics& m) {
        char extra[48];
        std::snprintf(extra, sizeof extra, "loss %.4f", m.smoothLoss);
        bar.update(m.step, m.totalSteps, extra);
    };
    const auto tr = train::runTraining(tc, ev);
    bar.finish();
    if (!tr.failure.empty()) throw Error("LoRA fine-tune failed: " + tr.failure);
    summary["lora"] = {{"file", tr.loraPath}, {"steps", tr.finalStep}, {"rank", tc.rank}, {"conv_rank", tc.convRank}, {"batch", tc.batch},
                       {"learning_rate", tc.learningRate}, {"seconds", now() - ts}};

    // 5. Adherence with the LoRA, and the variant grid (one seed per cell) as PNGs with provenance.
    say("[5/6] adherence with the LoRA, variant grid");
    sd->addLora(tr.loraPath, 1.0);
    const auto after = base::evalAdherence(*sd, judge, ao);
    writeGrid(after, out / "grid_lora.png");
    writeCompare(before, after, out / "grid_compare.png");
    summary["adherence_lora"] = adherenceJson(after);
    // The product-kept grid: the dataset's own garments, only the backdrop generated (inpainting + LoRA).
    ProductGridOptions pg;
    pg.categories = categories;
    pg.conditions = conditions;
    pg.steps = ao.steps;
    pg.cfg = ao.cfg;
    pg.seeds = a.getInt("--product-seeds", pg.seeds);
    pg.scale = a.getDouble("--product-scale", pg.scale);
    if (pg.seeds < 1 || pg.seeds > 64) throw UsageError("--product-seeds: 1 to 64");
    if (!(pg.scale > 0.05 && pg.scale <= 1.0)) throw UsageError("--product-scale must be in (0.05, 1]");
    summary["product_grid"] = renderProductGrid(*sd, judge, coco, ds.imagesDir, pg, out / "product");
    sd.reset();
    ts = now();
    const sfs::path variants = out / "variants";
    const int rendered = renderGrid(model, categories, conditions, tr.loraPath, ao, variants);
    summary["grid"] = {{"cells", rendered}, {"seconds", now() - ts}, {"dir", variants.string()}};

    // 6. Ad-size export of the grid.
    ts = now();
    say("[6/6] export");
    plugins::PresetRegistry reg;
    reg.loadPlugins();
    QString err;
    exportset::ExportOptions eo;
    eo.presets = reg.select(QString::fromStdString(a.get("--presets", "meta,google-display")).split(QLatin1Char(',')), &err);
    if (eo.presets.empty()) throw Error("no ad presets: " + err.toStdString());
    eo.outDir = (out / "export").string();
    const auto er = exportset::exportVariants(exportset::scanVariants(variants.string()), eo);
    summary["export"] = {{"files", er.files.size()}, {"presets", eo.presets.size()}, {"over_budget", er.overBudget.size()},
                         {"manifest", er.manifestCsv}, {"seconds", now() - ts}};
    summary["seconds"] = now() - t0;
    summary["threads"] = deviceInfo().cpuThreads;
    fs::writeFileAtomic(out / "summary.json", summary.dump(2));

    const std::string md = summaryMarkdown(summary, before, after, evalSeeds);
    fs::writeFileAtomic(out / "summary.md", md);
    if (quiet) printJson(summary.dump());
    else std::printf("%s", md.c_str());
    return 0;
}

Register reg({"demo", "the whole job end to end on the embedded model: dataset, pairs, LoRA, variant grid, export",
              "--out DIR [--model PATH]",
              {{"--out", "DIR", "output folder (summary.json, summary.md, grids, variants, export)"},
               {"--model", "PATH", "model with a judge/ folder (default: the embedded model)"},
               {"--categories", "LIST", "garments (default dress,pants,shirt,sweater)"},
               {"--conditions", "LIST", "backgrounds (default beach,space,city)"},
               {"--images", "N", "synthetic dataset images (default 120)"},
               {"--per-category", "N", "garments per category in the pair set (default 40)"},
               {"--pair-scale", "F", "garment height as a share of the pair image (default 0.85)"},
               {"--lora-steps", "N", "LoRA optimizer steps (default 700)"},
               {"--batch", "N", "LoRA batch size (default 16)"},
               {"--rank", "N", "LoRA rank (default 8)"},
               {"--conv-rank", "N", "LoRA rank of the ResNet convs (LoCon; default 8, 0 for attention only)"},
               {"--subject-weight", "F", "loss weight on the garment's pixels (masked training; default 1)"},
               {"--no-text-lora", "", "adapt the UNet only (default: the text encoder's attention too)"},
               {"--lr", "F", "LoRA learning rate (default 3e-3)"},
               {"--product-seeds", "N", "seeds per cell of the product-kept grid's adherence figure (default 4)"},
               {"--product-scale", "F", "product height / canvas height in the product-kept grid (default 0.85)"},
               {"--eval-seeds", "N", "seeds per grid cell for the adherence figures (default 8)"},
               {"--presets", "LIST", "export presets (default meta,google-display; all for every placement)"},
               {"--threads", "N", "CPU threads (default: all cores)"},
               {"--json", "", "print summary.json"}},
              "", run});

} // namespace
} // namespace adv::cli
