// advariant-cli export --in DIR --presets meta,google-display,... --out DIR [--json]
// advariant-cli presets [--json]
#include "cli/args.h"
#include "cli/common.h"

#include "brand/brand_kit.h"
#include "exportset/copy_sheet.h"
#include "exportset/export_job.h"
#include "registry/preset_registry.h"
#include "studio/renderer.h"
#include "util/error.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <set>

namespace adv::cli {
namespace {

plugins::PresetRegistry registry(const Args& a) {
    plugins::PresetRegistry r;
    r.loadPlugins();
    r.loadUserFile(a.has("--presets-file") ? QString::fromStdString(a.get("--presets-file"))
                                           : plugins::PresetRegistry::defaultUserPresetsFile());
    for (const auto& e : r.errors()) std::fprintf(stderr, "warning: %s\n", e.toUtf8().constData());
    if (r.presets().empty()) throw Error("no ad presets found: the platform plugins are missing (set ADVARIANT_PLUGIN_DIR)");
    return r;
}

// Outpainting uses each picture's own prompt, seed and LoRAs. A LoRA is found as the picture names it, else
// by file name beside the pictures; --lora FILE[:SCALE] (repeatable) replaces them all. Checked before the
// model loads, so a missing LoRA stops the export before any file is written.
void useOutpaintLoras(const Args& a, std::vector<exportset::Variant>& variants) {
    std::vector<studio::LoraUse> given;
    for (const auto& spec : a.getAll("--lora")) {
        const auto [path, scale] = parseLoraSpec(spec);
        if (!std::filesystem::is_regular_file(path)) throw FileError(path, "LoRA not found (--lora)");
        given.push_back({path, "", scale});
    }
    for (auto& v : variants) {
        if (a.has("--lora")) {
            v.record.loras = given;
            continue;
        }
        for (auto& l : v.record.loras) {
            if (std::filesystem::is_regular_file(l.file)) continue;
            const auto beside = std::filesystem::path(a.get("--in")) / std::filesystem::path(l.file).filename();
            if (!std::filesystem::is_regular_file(beside))
                throw FileError(v.image, "made with the LoRA '" + l.file + "', which is not found as named nor in " + a.get("--in") +
                                             " (give --lora FILE[:SCALE] for outpainting)");
            l.file = beside.string();
        }
    }
}

int runExport(const Args& a) {
    auto reg = registry(a);
    QStringList names;
    for (const auto& n : a.getList("--presets")) names << QString::fromStdString(n);
    if (names.isEmpty()) names << QStringLiteral("all");
    QString err;
    exportset::ExportOptions o;
    o.presets = reg.select(names, &err);
    if (o.presets.empty()) throw UsageError(err.toStdString());
    o.outDir = a.require("--out");
    if (a.has("--naming")) o.variantNaming = a.get("--naming");
    // --extend (--fill is its older name): how canvas a reframe adds is filled.
    const std::string flag = a.has("--extend") ? "--extend" : "--fill";
    const std::string fill = a.get(flag, "blur");
    if (fill != "blur" && fill != "mirror" && fill != "outpaint")
        throw UsageError(flag + ": 'blur', 'mirror' or 'outpaint', not '" + fill.substr(0, 20) + "'");
    if (fill == "mirror") o.reframe.fill = exportset::Fill::Mirror;
    if (fill == "outpaint") o.reframe.fill = exportset::Fill::Outpaint;
    if (a.has("--format")) {
        o.format = a.get("--format");
        if (o.format != "png" && o.format != "jpg" && o.format != "webp")
            throw UsageError("--format: png, jpg or webp, not '" + o.format.substr(0, 20) + "'");
    }
    if (a.has("--brand")) {
        o.brand = true;
        o.kit = brand::loadBrandKit(a.get("--brand"));
    }
    if (a.has("--copy")) {
        o.brand = true;
        o.copy = exportset::loadCopySheet(a.get("--copy"));
    }
    auto variants = exportset::scanVariants(a.require("--in"));
    if (variants.empty()) throw Error(a.get("--in") + ": no PNG images to export");
    std::unique_ptr<studio::Renderer> renderer;
    if (o.reframe.fill == exportset::Fill::Outpaint) {
        useOutpaintLoras(a, variants);
        renderer = std::make_unique<studio::Renderer>(modelPathOrDefault(a.get("--model")), a.get("--device", "auto"));
        o.outpaint = exportset::rendererOutpainter(*renderer, a.has("--outpaint-steps") ? a.getInt("--outpaint-steps", 0) : 0);
    }
    ProgressBar bar("export", !a.has("--json"));
    auto rep = exportset::exportVariants(variants, o, [&](int s, int t, const std::string&) { bar.update(s, t); });
    bar.finish();
    for (const auto& f : rep.overBudget)
        std::fprintf(stderr, "not exported: %s for %s is %lld bytes even at the smallest setting (limit exceeded)\n",
                     f.variantId.c_str(), f.preset.c_str(), static_cast<long long>(f.bytes));
    for (const auto& f : rep.failures) std::fprintf(stderr, "failed: %s\n", f.c_str());
    for (const auto& w : rep.warnings) std::fprintf(stderr, "warning: %s\n", w.c_str());
    // Layout notes, once per distinct text (the same note repeats across images).
    std::set<std::string> notes;
    for (const auto& f : rep.files)
        for (const auto& w : f.warnings)
            if (notes.insert(f.preset + ": " + w).second) std::fprintf(stderr, "note: %s: %s\n", f.preset.c_str(), w.c_str());
    if (a.has("--json")) {
        nlohmann::json files = nlohmann::json::array();
        for (const auto& f : rep.files)
            files.push_back({{"file", f.file}, {"preset", f.preset}, {"width", f.width}, {"height", f.height}, {"bytes", f.bytes},
                             {"format", f.format}, {"method", f.method}, {"copy_id", f.copyId}, {"ab_id", f.abId}});
        printJson(nlohmann::json{{"manifest_csv", rep.manifestCsv}, {"manifest_json", rep.manifestJson}, {"files", files},
                                 {"over_budget", rep.overBudget.size()}, {"failures", rep.failures}}.dump());
    } else {
        std::printf("%zu files written to %s (manifest: %s)\n", rep.files.size(), o.outDir.c_str(), rep.manifestCsv.c_str());
    }
    return rep.overBudget.empty() && rep.failures.empty() ? 0 : 1;
}

int runPresets(const Args& a) {
    auto reg = registry(a);
    nlohmann::json list = nlohmann::json::parse(exportset::presetsToJson(reg.presets()));
    if (a.has("--json")) {
        printJson(list.dump());
        return 0;
    }
    for (const auto& p : reg.presets())
        std::printf("%-16s %-22s %5dx%-5d %s\n", p.platform.c_str(), p.id.c_str(), p.width, p.height, p.name.c_str());
    return 0;
}

const std::vector<Option> kCommon = {{"--presets-file", "FILE", "extra presets (JSON; default ~/.config/advariant/presets.json)"},
                                     {"--json", "", "machine-readable output"}};

std::vector<Option> withCommon(std::vector<Option> o) {
    o.insert(o.end(), kCommon.begin(), kCommon.end());
    return o;
}

Register reg1({"export", "export approved variants as ad-size sets within each platform's safe zones and byte budgets",
               "--in DIR --presets meta,google-display,... --out DIR [--extend blur|mirror|outpaint] [--brand kit.json] [--copy copy.csv] [--format webp] [--json]",
               withCommon({{"--in", "DIR", "folder of approved PNGs (optional NAME.mask.png marks the product)"},
                           {"--presets", "LIST", "platforms or preset ids (default all)", true},
                           {"--out", "DIR", "output folder (one sub-folder per platform + manifest.csv/json)"},
                           {"--naming", "TEMPLATE", "variant id, fields {concept} {condition} {seed} {ab} {index}"},
                           {"--extend", "MODE", "canvas a reframe adds: blur (default), mirror, or outpaint (generated by inpainting with each picture's prompt, seed and LoRAs)"},
                           {"--fill", "MODE", "older name of --extend"},
                           {"--model", "PATH", "--extend outpaint: the model (default: the embedded model)"},
                           {"--device", "DEV", "--extend outpaint: cpu|cuda|auto (default auto)"},
                           {"--lora", "FILE[:SCALE]", "--extend outpaint: LoRAs instead of the pictures' own", true},
                           {"--outpaint-steps", "N", "--extend outpaint: sampler steps (default: each picture's own)"},
                           {"--brand", "FILE", "brand kit (JSON: logo, colours, fonts, text styles) drawn inside each safe zone"},
                           {"--copy", "FILE", "copy sheet (CSV: headline,cta,badge,locale,id): every image x every row"},
                           {"--format", "FMT", "only this format: png, jpg or webp (default: the preset's, in order)"}}),
               "", runExport});
Register reg2({"presets", "list the ad placements the platform plugins and presets.json provide", "[--json]",
               withCommon({}), "", runPresets});

} // namespace
} // namespace adv::cli
