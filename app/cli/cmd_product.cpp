// advariant-cli product: the retailer's product photo kept pixel for pixel on a generated background.
#include "cli/args.h"
#include "cli/common.h"

#include "io/png.h"
#include "pipeline/product_shot.h"
#include "studio/defaults.h"
#include "util/error.h"
#include "util/sha256.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>

namespace adv::cli {
namespace {

Mask8 productMask(const Args& a, const png::Image& photo) {
    const std::string from = a.get("--mask-from", a.has("--mask") ? "file" : (photo.channels == 4 ? "alpha" : ""));
    if (from == "file") return productMaskFromFile(a.require("--mask"), photo.width, photo.height);
    if (from == "alpha") return productMaskFromAlpha(photo);
    if (from == "auto") return productMaskAuto(photo);
    if (from.empty())
        throw UsageError("the photo has no alpha channel: give --mask M.png (white = product) or --mask-from auto");
    throw UsageError("--mask-from takes file, alpha or auto");
}

void parseSize(const std::string& s, ProductShotOptions& o) {
    const auto x = s.find('x');
    try {
        if (x == std::string::npos) throw std::invalid_argument(s);
        size_t u = 0, v = 0;
        o.width = std::stoi(s.substr(0, x), &u);
        o.height = std::stoi(s.substr(x + 1), &v);
        if (u != x || v != s.size() - x - 1) throw std::invalid_argument(s);
    } catch (const std::logic_error&) {
        throw UsageError("--size takes WxH, e.g. 512x512 (got '" + s + "')");
    }
    if (o.width < 8 || o.height < 8 || o.width > 4096 || o.height > 4096)
        throw UsageError("--size: each side 8 to 4096 pixels (got '" + s + "')");
}

int run(const Args& a) {
    LoadOptions lo;
    lo.device = a.get("--device", "auto");
    lo.dtype = a.get("--dtype", "auto");
    lo.unetDir = a.get("--unet");
    const std::string photoPath = a.require("--image");
    const std::string outDir = a.require("--out");
    ProductShotOptions o;  // usage errors before any file is read
    if (a.has("--size")) parseSize(a.get("--size"), o);
    const png::Image photo = png::read(photoPath);
    const Mask8 mask = productMask(a, photo);

    o.keepLayout = a.has("--keep-layout");
    o.scale = a.getDouble("--scale", o.scale);
    if (!(o.scale > 0.05 && o.scale <= 1.0)) throw UsageError("--scale must be in (0.05, 1]");
    o.erodePx = a.getInt("--erode", o.erodePx);
    if (o.erodePx > 64) throw UsageError("--erode: at most 64 pixels");
    o.featherPx = a.getDouble("--feather", o.featherPx);
    if (!(o.featherPx == -1 || (o.featherPx >= 0 && o.featherPx <= 64))) throw UsageError("--feather: 0 to 64 pixels (or -1: automatic)");

    GenerateParams p;
    p.prompt = a.require("--prompt");
    // No --negative: steer away from the plain backdrop the product was photographed on (--negative "" for none).
    p.negativePrompt = a.has("--negative") ? a.get("--negative") : studio::productNegativeFor(p.prompt);
    p.sampler = a.get("--sampler", p.sampler);
    samplerFromName(p.sampler);
    p.steps = a.getInt("--steps", p.steps);
    p.cfg = a.getDouble("--cfg", p.cfg);
    p.strength = a.getDouble("--strength", 1.0);
    if (!(p.strength > 0.0 && p.strength <= 1.0)) throw UsageError("--strength must be in (0, 1]");
    const int64_t seed = a.getInt64("--seed", 0);
    const int seeds = a.getInt("--seeds", 1);
    if (seeds < 1 || seeds > 1000) throw UsageError("--seeds: 1 to 1000");

    auto sd = StableDiffusion::load(modelPathOrDefault(a.get("--model")), lo);
    std::vector<studio::LoraUse> loraRefs;
    for (const auto& spec : a.getAll("--lora")) {
        const auto [path, scale] = parseLoraSpec(spec);
        sd->addLora(path, scale);
        loraRefs.push_back({path, sha256File(path).substr(0, 12), scale});
    }
    std::filesystem::create_directories(outDir);
    nlohmann::json files = nlohmann::json::array();
    int worst = 0;
    double seconds = 0;
    for (int i = 0; i < seeds; ++i) {
        p.seed = seed + i;
        ProgressBar bar("product seed " + std::to_string(p.seed), !a.has("--json"));
        auto shot = renderProductShot(*sd, photo, mask, p, o, [&](int s, int t, const auto&) { bar.update(s, t); });
        bar.finish();
        auto rec = variantRecord(p, p.seed, shot.image.width, shot.image.height, sd->modelHash(), sd->name());
        rec.loras = loraRefs;
        rec.productSource = std::filesystem::path(photoPath).filename().string();
        rec.denoisingStrength = p.strength;  // inpainting
        rec.concept = a.get("--concept");
        rec.condition = a.get("--condition");
        const auto base = (std::filesystem::path(outDir) / ("seed" + std::to_string(p.seed))).string();
        png::write(base + ".png", shot.image, rec.pngText());
        png::Image exact{shot.exact.width, shot.exact.height, 3, {}};
        for (uint8_t v : shot.exact.pixels) exact.pixels.insert(exact.pixels.end(), {v, v, v});
        png::write(base + ".exact-mask.png", exact);
        files.push_back(base + ".png");
        worst = std::max(worst, shot.maxExactDiff);
        seconds += shot.generated.seconds;
    }
    if (a.has("--json")) {
        printJson(nlohmann::json{{"files", files}, {"seconds", seconds}, {"max_exact_diff", worst},
                                 {"product_pixels", mask.count()}}.dump());
    } else {
        for (const auto& f : files) std::printf("%s\n", f.get<std::string>().c_str());
        std::fprintf(stderr, "largest difference from the product photo inside the eroded mask: %d\n", worst);
    }
    return worst == 0 ? 0 : 3;
}

Register reg({"product", "the product photo kept pixel for pixel on a generated background (inpainting)",
              "--image P.png [--mask M.png | --mask-from alpha|auto] --prompt TEXT [options] --out DIR",
              {{"--image", "FILE", "product photo (PNG, JPEG, WebP; RGBA: the alpha is the mask by default)"},
               {"--mask", "FILE", "product mask, white = product (the rest is generated)"},
               {"--mask-from", "SRC", "file | alpha | auto (GrabCut from the picture's border)"},
               {"--prompt", "TEXT", "the background, e.g. 'a dress on the beach'"},
               {"--negative", "TEXT", "negative prompt (default: '" + std::string(studio::GenerationDefaults::productNegative) + "' unless the prompt asks for a plain backdrop)"},
               {"--keep-layout", "", "leave the product where it is in the photo (scaled to cover the canvas)"},
               {"--scale", "F", "placed product height / canvas height (default 0.7)"},
               {"--size", "WxH", "output size (default: the model's native size)"},
               {"--erode", "PX", "exact region = product mask eroded by PX (default 1 % of the side)"},
               {"--feather", "PX", "softness of the paste-back edge inside the mask (default: half of --erode; 0: hard edge)"},
               {"--strength", "F", "(0, 1]; 1 (default) generates a wholly new background"},
               {"--sampler", "NAME", "sampler (default " + std::string(studio::GenerationDefaults::sampler) + ")"},
               {"--steps", "N", "denoising steps"},
               {"--cfg", "F", "guidance scale"},
               {"--seed", "N", "first seed (default 0)"},
               {"--seeds", "N", "number of seeds (default 1)"},
               {"--lora", "FILE[:SCALE]", "apply a LoRA", true},
               {"--model", "PATH", "model (default: $ADVARIANT_MODEL or the embedded model)"},
               {"--unet", "DIR", "a 9-channel inpainting UNet folder in place of the model's"},
               {"--device", "DEV", "cpu|cuda|auto"},
               {"--dtype", "T", "auto|f32|f16|bf16"},
               {"--concept", "NAME", "recorded in the provenance chunk"},
               {"--condition", "NAME", "recorded in the provenance chunk"},
               {"--out", "DIR", "output folder (seedN.png, seedN.exact-mask.png)"},
               {"--json", "", "print a JSON summary"}},
              "", run});

} // namespace
} // namespace adv::cli
