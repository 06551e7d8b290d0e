#include "pipeline/model_io.h"

#include "io/safetensors.h"
#include "model/key_map.h"
#include "util/error.h"
#include "util/fs.h"

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <filesystem>

namespace adv {

namespace sfs = std::filesystem;

namespace {
std::map<std::string, torch::Tensor> stateOf(torch::nn::Module& m, torch::ScalarType dt) {
    std::map<std::string, torch::Tensor> s;
    for (const auto& p : m.named_parameters()) s[p.key()] = p.value().detach().to(torch::kCPU, dt).contiguous();
    return s;
}
} // namespace

void saveDiffusers(StableDiffusion& sd, const std::string& dir, torch::ScalarType dt, const std::string& tokenizerSource) {
    const sfs::path d(dir);
    for (const char* sub : {"unet", "vae", "text_encoder", "scheduler", "tokenizer"}) sfs::create_directories(d / sub);
    fs::writeFileAtomic(d / "unet" / "config.json", sd.unet->config.toJsonText());
    fs::writeFileAtomic(d / "vae" / "config.json", sd.vae->config.toJsonText());
    fs::writeFileAtomic(d / "text_encoder" / "config.json", sd.text->config.toJsonText());
    fs::writeFileAtomic(d / "scheduler" / "scheduler_config.json", sd.scheduler.toJsonText());
    saveSafeTensors((d / "unet" / "diffusion_pytorch_model.safetensors").string(), stateOf(*sd.unet, dt));
    saveSafeTensors((d / "vae" / "diffusion_pytorch_model.safetensors").string(), stateOf(*sd.vae, dt));
    saveSafeTensors((d / "text_encoder" / "model.safetensors").string(), stateOf(*sd.text, dt));
    if (!tokenizerSource.empty()) {
        for (const char* f : {"vocab.json", "merges.txt", "special_tokens_map.json", "tokenizer_config.json"}) {
            std::error_code ec;
            if (sfs::exists(sfs::path(tokenizerSource) / f, ec))
                fs::writeFileAtomic(d / "tokenizer" / f, fs::readFile(sfs::path(tokenizerSource) / f));
        }
    }
    nlohmann::json index{{"_class_name", "StableDiffusionPipeline"},
                         {"unet", {"diffusers", "UNet2DConditionModel"}},
                         {"vae", {"diffusers", "AutoencoderKL"}},
                         {"text_encoder", {"transformers", "CLIPTextModel"}},
                         {"tokenizer", {"transformers", "CLIPTokenizer"}},
                         {"scheduler", {"diffusers", sd.scheduler.className}},
                         {"safety_checker", {nullptr, nullptr}},
                         {"feature_extractor", {nullptr, nullptr}},
                         {"requires_safety_checker", false}};
    fs::writeFileAtomic(d / "model_index.json", index.dump(2));
}

void saveSingleFile(StableDiffusion& sd, const std::string& path, torch::ScalarType dt) {
    std::map<std::string, torch::Tensor> out;
    for (auto& [k, t] : stateOf(*sd.unet, dt)) out[keymap::unetToLdm(k, sd.unet->config)] = t;
    for (auto& [k, t] : stateOf(*sd.vae, dt)) {
        const std::string lk = keymap::vaeToLdm(k, sd.vae->config);
        // The original VAE stores its attention projections as 1x1 convolutions.
        out[lk] = (lk.find("attn_1") != std::string::npos && t.dim() == 2) ? t.reshape({t.size(0), t.size(1), 1, 1}) : t;
    }
    for (auto& [k, t] : stateOf(*sd.text, dt)) out[keymap::textToLdm(k)] = t;
    out["cond_stage_model.transformer.text_model.embeddings.position_ids"] =
        torch::arange(sd.text->config.maxPositions, torch::kInt64).unsqueeze(0);
    saveSafeTensors(path, out, {{"format", "pt"}});
}

} // namespace adv
