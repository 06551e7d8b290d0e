// advariant-cli generate: text-to-image PNGs with A1111 "parameters" chunks.
#include "cli/args.h"
#include "cli/common.h"

#include "io/png.h"
#include "io/safetensors.h"
#include "pipeline/edit_inputs.h"
#include "pipeline/image_convert.h"
#include "pipeline/sd_pipeline.h"
#include "util/error.h"
#include "util/sha256.h"

#include <nlohmann/json.hpp>

#include <map>
#include <torch/torch.h>

#include <cstdio>
#include <filesystem>

namespace adv::cli {
namespace {

// --init-image / --mask / --strength: the picture and mask at the output size (by default the picture's
// size, floored to the VAE's multiple as diffusers' image processor does).
void readEditInputs(const Args& a, const StableDiffusion& sd, GenerateParams& p) {
    if (a.has("--strength") && !a.has("--init-image")) throw UsageError("--strength needs --init-image");
    if (a.has("--mask") && !a.has("--init-image")) throw UsageError("--mask needs --init-image");
    if (!a.has("--init-image")) return;
    const std::string image = a.get("--init-image");
    const int f = sd.vae->config.downscale();
    const auto size = imageFileSize(image);
    if (p.width == 0) p.width = size.width / f * f;
    if (p.height == 0) p.height = size.height / f * f;
    if (p.width < f || p.height < f) throw FileError(image, "is smaller than one latent pixel");
    p.initImage = readInitImage(image, p.width, p.height);
    p.strength = a.getDouble("--strength", a.has("--mask") ? 1.0 : 0.75);
    if (!(p.strength > 0.0 && p.strength <= 1.0)) throw UsageError("--strength must be in (0, 1]");
    if (a.has("--mask")) p.mask = readMask(a.get("--mask"), p.width, p.height);
}

int run(const Args& a) {
    LoadOptions lo;
    lo.device = a.get("--device", "auto");
    lo.dtype = a.get("--dtype", "auto");
    lo.tokenizerDir = a.get("--tokenizer");
    lo.unetDir = a.get("--unet");
    const std::string modelPath = modelPathOrDefault(a.get("--model"));
    const std::string outDir = a.require("--out");
    GenerateParams p;
    p.prompt = a.require("--prompt");
    p.negativePrompt = a.get("--negative");
    p.sampler = a.get("--sampler", p.sampler);
    samplerFromName(p.sampler);  // validate early
    p.steps = a.getInt("--steps", p.steps);
    p.cfg = a.getDouble("--cfg", p.cfg);
    p.seed = a.getInt64("--seed", 0);
    p.width = a.getInt("--width", 0);
    p.height = a.getInt("--height", 0);
    p.batch = a.getInt("--batch", 1);
    p.eta = a.getDouble("--eta", 0.0);
    p.clipSkip = a.getInt("--clip-skip", 1);
    p.cacheInterval = a.getInt("--cache-interval", 0);
    if (p.batch < 1) throw UsageError("--batch must be at least 1");

    auto sd = StableDiffusion::load(modelPath, lo);
    if (a.has("--init-latents")) {
        const std::string f = a.get("--init-latents");
        SafeTensors st(f);
        if (!st.contains("latents")) throw FileError(f, "no tensor named 'latents'");
        p.initLatents = st.tensor("latents").to(torch::kFloat32).clone();
        if (p.initLatents.dim() != 4) throw FileError(f, "'latents' must be [B, 4, h, w]");
        const int f8 = sd->vae->config.downscale();
        if (p.width == 0) p.width = static_cast<int>(p.initLatents.size(3)) * f8;
        if (p.height == 0) p.height = static_cast<int>(p.initLatents.size(2)) * f8;
    }
    if (a.has("--noise-draws")) {
        // noise_draw_000, noise_draw_001, ... (any prefix): the sampler's draws between steps, in order.
        const std::string f = a.get("--noise-draws");
        SafeTensors st(f);
        std::map<std::string, torch::Tensor> byName;
        for (const auto& n : st.names())
            if (n.find("noise_draw_") != std::string::npos) byName[n] = st.tensor(n).to(torch::kFloat32).clone();
        if (byName.empty()) throw FileError(f, "no tensors named *noise_draw_NNN");
        for (auto& [n, t] : byName) p.noiseDraws.push_back(t);
    }
    readEditInputs(a, *sd, p);
    std::vector<studio::LoraUse> loraRefs;
    for (const auto& spec : a.getAll("--lora")) {
        const auto [path, scale] = parseLoraSpec(spec);
        auto r = sd->addLora(path, scale);
        loraRefs.push_back({path, sha256File(path).substr(0, 12), scale});
        if (!r.unmatchedModules.empty())
            std::fprintf(stderr, "warning: %zu LoRA entries of %s matched nothing (first: %s)\n",
                         r.unmatchedModules.size(), path.c_str(), r.unmatchedModules.front().c_str());
    }
    ProgressBar bar("generate", !a.has("--json"));
    auto progress = [&](int s, int t, const torch::Tensor&) { bar.update(s, t); };
    HiresParams hires;
    const bool useHires = a.has("--hires-scale");
    if (useHires) {
        hires.scale = a.getDouble("--hires-scale", hires.scale);
        hires.strength = a.getDouble("--hires-strength", hires.strength);
        hires.steps = a.getInt("--hires-steps", 0);
        if (!(hires.scale > 1.0 && hires.scale <= 8.0)) throw UsageError("--hires-scale must be in (1, 8]");
        if (!(hires.strength > 0.0 && hires.strength <= 1.0)) throw UsageError("--hires-strength must be in (0, 1]");
        if (hires.steps < 0 || hires.steps > 1000) throw UsageError("--hires-steps: 0 to 1000");
    }
    auto res = useHires ? generateHires(*sd, p, hires, progress) : sd->generate(p, progress);
    bar.finish();

    std::filesystem::create_directories(outDir);
    const int W = static_cast<int>(res.images.size(3)), H = static_cast<int>(res.images.size(2));
    const std::string hash = sd->modelHash();
    nlohmann::json files = nlohmann::json::array();
    for (int64_t i = 0; i < res.images.size(0); ++i) {
        const auto path = (std::filesystem::path(outDir) / ("seed" + std::to_string(res.seeds[i]) + ".png")).string();
        studio::VariantRecord rec = variantRecord(p, res.seeds[i], W, H, hash, sd->name());
        rec.loras = loraRefs;
        if (useHires) {  // Size is the first pass's, as A1111 records it (the picture is Size x Hires upscale)
            rec.hiresScale = hires.scale;
            rec.denoisingStrength = hires.strength;
            rec.width = p.width > 0 ? p.width : sd->nativeResolution();
            rec.height = p.height > 0 ? p.height : sd->nativeResolution();
        }
        rec.concept = a.get("--concept");
        rec.condition = a.get("--condition");
        png::write(path, tensorToImage(res.images[i]), rec.pngText());
        files.push_back(path);
    }
    if (a.has("--dump-tensors")) {
        saveSafeTensors(a.get("--dump-tensors"), {{"prompt_embeds", res.promptEmbeds},
                                                  {"latents_start", res.startLatents},
                                                  {"latents", res.latents},
                                                  {"image", res.images}});
    }
    if (a.has("--json")) {
        printJson(nlohmann::json{{"files", files}, {"seconds", res.seconds}, {"seeds", res.seeds},
                                 {"width", W}, {"height", H}, {"model_hash", hash}}.dump());
    } else {
        for (const auto& f : files) std::printf("%s\n", f.get<std::string>().c_str());
        std::fprintf(stderr, "%lld image(s) in %.2f s\n", static_cast<long long>(res.images.size(0)), res.seconds);
    }
    return 0;
}

Register reg({"generate", "text-to-image, image-to-image and inpainting with Stable Diffusion (PNG with A1111 parameters)",
              "--model PATH --prompt TEXT [options] --out DIR",
              {{"--model", "PATH", "diffusers folder or SD1.x single-file .safetensors"},
               {"--tokenizer", "DIR", "tokenizer folder (single-file checkpoints)"},
               {"--prompt", "TEXT", "what to draw"},
               {"--negative", "TEXT", "negative prompt"},
               {"--sampler", "NAME", "ddpm|ddim|pndm|euler|euler_a|dpmpp_2m|dpmpp_2m_karras|lcm (default " + std::string(studio::GenerationDefaults::sampler) + ")"},
               {"--steps", "N", "denoising steps (default " + std::to_string(studio::GenerationDefaults::steps) + ")"},
               {"--cfg", "F", "classifier-free guidance scale (default 7.5, as studio::GenerationDefaults)"},
               {"--seed", "N", "seed of the first image; image i uses seed+i (default 0)"},
               {"--width", "W", "image width (default: the model's native size)"},
               {"--height", "H", "image height"},
               {"--batch", "N", "images per prompt"},
               {"--eta", "F", "DDIM eta"},
               {"--clip-skip", "N", "use the N-th last text encoder layer (A1111 Clip skip)"},
               {"--cache-interval", "N", "DeepCache: the whole UNet every N-th step, its shallow branch on the kept deep features in between (default 0: off)"},
               {"--init-latents", "FILE", ".safetensors with 'latents' [B,4,h,w] unit-variance noise"},
               {"--noise-draws", "FILE", ".safetensors with *noise_draw_000, _001, ...: every random draw (initial noise, VAE samples, sampler noise), replayed in order"},
               {"--init-image", "FILE", "image-to-image / inpainting: start from this picture (PNG, JPEG, WebP)"},
               {"--strength", "F", "share of the schedule run from the noised picture, (0, 1] (default 0.75; 1 with --mask)"},
               {"--mask", "FILE", "inpainting mask, white = repaint, black = keep (grey image or luma)"},
               {"--unet", "DIR", "another UNet folder, e.g. a 9-channel SD 1.5 inpainting UNet"},
               {"--hires-scale", "F", "hires fix: upscale the render by F (1, 8] and refine it by image-to-image"},
               {"--hires-strength", "F", "strength of the hires pass (default 0.4)"},
               {"--hires-steps", "N", "steps of the hires pass (default: --steps)"},
               {"--lora", "FILE[:SCALE]", "apply a LoRA (diffusers, PEFT or kohya naming)", true},
               {"--device", "DEV", "cpu|cuda|auto"},
               {"--dtype", "T", "auto|f32|f16|bf16"},
               {"--dump-tensors", "FILE", "write prompt_embeds, latents and image as .safetensors"},
               {"--concept", "NAME", "recorded in the provenance chunk (e.g. dress)"},
               {"--condition", "NAME", "recorded in the provenance chunk (e.g. beach)"},
               {"--out", "DIR", "output folder"},
               {"--json", "", "print a JSON summary"}},
              "", run});

} // namespace
} // namespace adv::cli
