// advariant-cli model random|convert: write models in diffusers or the original single-file layout.
#include "cli/args.h"
#include "cli/common.h"

#include "pipeline/model_io.h"
#include "pipeline/sd_pipeline.h"

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <cstdio>

namespace adv::cli {
namespace {

torch::ScalarType dtypeOf(const std::string& s) {
    if (s == "f32") return torch::kFloat32;
    if (s == "f16") return torch::kFloat16;
    if (s == "bf16") return torch::kBFloat16;
    throw UsageError("--dtype must be f32, f16 or bf16");
}

void write(StableDiffusion& sd, const Args& a, const std::string& tokenizer) {
    const std::string layout = a.get("--layout", "diffusers");
    const auto dt = dtypeOf(a.get("--dtype", "f16"));
    if (layout == "diffusers") saveDiffusers(sd, a.require("--out"), dt, tokenizer);
    else if (layout == "ldm") saveSingleFile(sd, a.require("--out"), dt);
    else throw UsageError("--layout must be diffusers or ldm");
}

int run(const Args& a) {
    const auto& pos = a.positionals();
    if (pos.empty()) throw UsageError("name an action: random or convert");
    LoadOptions lo;
    lo.device = "cpu";
    lo.tokenizerDir = a.get("--tokenizer");
    if (pos[0] == "random") {
        torch::manual_seed(static_cast<uint64_t>(a.getInt64("--seed", 0)));
        const auto shapes = modelShapes(a.get("--shape", "sd15"));
        auto sd = StableDiffusion::random(shapes.unet, shapes.vae, shapes.text, lo);
        write(*sd, a, a.get("--tokenizer"));
    } else if (pos[0] == "convert") {
        if (pos.size() != 2) throw UsageError("convert takes one model PATH");
        auto sd = StableDiffusion::load(pos[1], lo);
        write(*sd, a, a.has("--tokenizer") ? a.get("--tokenizer") : pos[1] + "/tokenizer");
    } else {
        throw UsageError("unknown model action '" + pos[0] + "'");
    }
    if (a.has("--json")) printJson(nlohmann::json{{"out", a.get("--out")}, {"layout", a.get("--layout", "diffusers")}}.dump());
    else std::printf("%s\n", a.get("--out").c_str());
    return 0;
}

Register reg({"model", "write models: random weights of a given shape, or convert between layouts",
              "random --shape sd15|tiny | convert PATH  --layout diffusers|ldm [--dtype f16] --out PATH",
              {{"--shape", "NAME", "random: sd15 or tiny (default sd15)"},
               {"--seed", "N", "random: initialisation seed"},
               {"--tokenizer", "DIR", "tokenizer folder to load / copy into a diffusers folder"},
               {"--layout", "L", "diffusers (a folder) or ldm (one .safetensors in the original SD layout)"},
               {"--dtype", "T", "stored precision: f32, f16 (default) or bf16"},
               {"--out", "PATH", "output folder or file"},
               {"--json", "", "machine-readable output"}},
              "", run});

} // namespace
} // namespace adv::cli
