#include "pipeline/sd_pipeline.h"

#include "model/conv_select.h"
#include "model/key_map.h"
#include "model/weights.h"
#include "text/prompt_syntax.h"
#include "util/error.h"
#include "util/fs.h"
#include "util/device.h"
#include "util/sha256.h"

#include <spdlog/spdlog.h>
#include <torch/torch.h>

#include <algorithm>
#include <filesystem>
#include <sstream>

namespace adv {

namespace sfs = std::filesystem;

namespace {

std::string findWeights(const sfs::path& dir, const std::vector<std::string>& names) {
    std::error_code ec;
    for (const auto& n : names)
        if (sfs::exists(dir / n, ec)) return (dir / n).string();
    // Offer the pickled variants' refusal message rather than "not found".
    for (const char* bin : {"diffusion_pytorch_model.bin", "pytorch_model.bin"})
        if (sfs::exists(dir / bin, ec)) return (dir / bin).string();
    throw FileError(dir.string(), "no weights file (looked for " + names.front() + ")");
}

bool isTextIgnorable(const std::string& k) { return k.find("position_ids") != std::string::npos; }

torch::ScalarType parseDtype(const std::string& s, bool cuda) {
    if (s == "auto") return cuda ? torch::kFloat16 : torch::kFloat32;
    if (s == "f32" || s == "fp32" || s == "float32") return torch::kFloat32;
    if (s == "f16" || s == "fp16" || s == "float16") return torch::kFloat16;
    if (s == "bf16" || s == "bfloat16") return torch::kBFloat16;
    throw Error("unknown dtype '" + s + "' (use auto, f32, f16 or bf16)");
}

int64_t parameterCount(torch::nn::Module& m) {
    int64_t n = 0;
    for (const auto& p : m.parameters()) n += p.numel();
    return n;
}

// dtype "auto" on the CPU: bf16 kernels run 2-3x the f32 rate on AVX512-BF16 CPUs, which only pays
// off for SD-sized UNets; the embedded model (a few M parameters) runs as fast in f32 and stays exact.
bool autoPicksBf16OnCpu(const LoadOptions& o, int64_t unetParams) {
    return o.dtype == "auto" && deviceInfo().cpuBf16 && unetParams >= kBf16AutoMinParams;
}

} // namespace

StableDiffusion::~StableDiffusion() {
    unet = nullptr;
    vae = nullptr;
    text = nullptr;
    convsel::releaseExpired();  // this model's pre-reordered convolution weights
}

int StableDiffusion::nativeResolution() const {
    return unet->config.sampleSize * vae->config.downscale();
}

int StableDiffusion::latentChannels() const { return vae->config.latentChannels; }

bool StableDiffusion::isInpaintingUnet() const {
    return unet->config.inChannels == 2 * vae->config.latentChannels + 1;  // latents + mask + masked-image latents
}

void StableDiffusion::placeModels(const LoadOptions& o) {
    const std::string dev = resolveDevice(o.device);
    device_ = torch::Device(dev);
    dtype_ = parseDtype(o.dtype, device_.is_cuda());
    if (!device_.is_cuda() && autoPicksBf16OnCpu(o, parameterCount(*unet))) dtype_ = torch::kBFloat16;
    if (dtype_ == torch::kFloat16 && !device_.is_cuda())
        throw Error("f16 compute is only supported on CUDA; use f32 or bf16 on the CPU");
    if (device_.is_cuda()) {
        // f32 on the GPU means f32: TF32 convolutions and matmuls would cost ~1e-3 of accuracy.
        const bool tf32 = dtype_ != torch::kFloat32;
        at::globalContext().setAllowTF32CuDNN(tf32);
        at::globalContext().setAllowTF32CuBLAS(tf32);
    }
    text->to(device_, dtype_);
    unet->to(device_, dtype_);
    // The VAE stays f32 under f16 (diffusers' force_upcast: f16 overflows in its decoder); bf16 has
    // f32's range, so a bf16 pipeline decodes in bf16 (2.5 TFLOP at 512x512, 2x faster).
    vaeDtype_ = dtype_ == torch::kBFloat16 ? torch::kBFloat16 : torch::kFloat32;
    vae->to(device_, vaeDtype_);
    text->eval();
    unet->eval();
    vae->eval();
    for (auto* m : std::initializer_list<torch::nn::Module*>{text.get(), unet.get(), vae.get()})
        for (auto& p : m->parameters()) p.set_requires_grad(false);
}

std::unique_ptr<StableDiffusion> StableDiffusion::random(const UNetConfig& u, const VaeConfig& v,
                                                         const ClipTextConfig& t, const LoadOptions& o) {
    std::unique_ptr<StableDiffusion> sd(new StableDiffusion());
    sd->text = ClipTextModel(t);
    sd->unet = UNet2DConditionModel(u);
    sd->vae = AutoencoderKL(v);
    sd->name_ = "random";
    if (!o.tokenizerDir.empty()) sd->tokenizer = ClipTokenizer::fromFolder(o.tokenizerDir);
    sd->placeModels(o);
    return sd;
}

void StableDiffusion::buildModels(const UNetConfig& u, const VaeConfig& v, const ClipTextConfig& t, const LoadOptions& o) {
    // When the CPU pipeline may run in bf16 (placeModels makes the final choice), the modules are
    // converted as they are built, before the checkpoint's pages come in: SD 1.5 in f32 is 4.9 GB.
    // (Switching LibTorch's default dtype instead would be process-wide and would change the
    // tensors a training thread creates meanwhile.)
    const bool cpu = resolveDevice(o.device) == "cpu";
    const bool maybeBf16 = cpu && (o.dtype == "bf16" || (o.dtype == "auto" && deviceInfo().cpuBf16));
    unet = UNet2DConditionModel(u, maybeBf16 ? torch::kBFloat16 : torch::kFloat32);
    const bool bf16 = maybeBf16 && (o.dtype == "bf16" || autoPicksBf16OnCpu(o, parameterCount(*unet)));
    if (maybeBf16 && !bf16) convertParameters(*unet, torch::kFloat32);  // a small model: f32 before loading
    vae = AutoencoderKL(v);
    if (bf16) convertParameters(*vae, torch::kBFloat16);
    text = ClipTextModel(t);
    if (bf16) convertParameters(*text, torch::kBFloat16);
    releaseFreeMemory();
}

std::unique_ptr<StableDiffusion> StableDiffusion::load(const std::string& path, const LoadOptions& o) {
    std::unique_ptr<StableDiffusion> sd(new StableDiffusion());
    std::error_code ec;
    const sfs::path p(path);
    if (!sfs::exists(p, ec)) throw FileError(path, "model not found");
    torch::NoGradGuard ng;
    if (sfs::is_directory(p, ec)) {
        sd->name_ = p.filename().string();
        if (sd->name_.empty()) sd->name_ = p.parent_path().filename().string();
        const sfs::path unetDir = o.unetDir.empty() ? p / "unet" : sfs::path(o.unetDir);
        const auto uc = UNetConfig::fromFile((unetDir / "config.json").string());
        const auto vc = VaeConfig::fromFile((p / "vae" / "config.json").string());
        const auto tc = ClipTextConfig::fromFile((p / "text_encoder" / "config.json").string());
        if (sfs::exists(p / "scheduler" / "scheduler_config.json", ec))
            sd->scheduler = SchedulerConfig::fromFile((p / "scheduler" / "scheduler_config.json").string());
        sd->tokenizer = ClipTokenizer::fromFolder(o.tokenizerDir.empty() ? (p / "tokenizer").string() : o.tokenizerDir);
        sd->buildModels(uc, vc, tc, o);
        const auto uw = findWeights(unetDir, {"diffusion_pytorch_model.safetensors", "diffusion_pytorch_model.fp16.safetensors"});
        const auto vw = findWeights(p / "vae", {"diffusion_pytorch_model.safetensors", "diffusion_pytorch_model.fp16.safetensors"});
        const auto tw = findWeights(p / "text_encoder", {"model.safetensors", "model.fp16.safetensors"});
        sd->reports_.push_back(loadStateDict(*sd->unet, readWeights(uw), "unet", uw, o.strict));
        sd->reports_.push_back(loadStateDict(*sd->vae, modernizeVaeKeys(readWeights(vw)), "vae", vw, o.strict));
        sd->reports_.push_back(loadStateDict(*sd->text, readWeights(tw), "text_encoder", tw, o.strict, isTextIgnorable));
        sd->hashSource_ = uw;
    } else {
        sd->name_ = p.stem().string();
        auto state = readWeights(path);
        if (!looksLikeLdm(state))
            throw FileError(path, "not a single-file Stable Diffusion checkpoint (no model.diffusion_model.* tensors)");
        auto probe = state.find("model.diffusion_model.input_blocks.1.1.proj_in.weight");
        if (probe != state.end() && probe->second.dim() == 2)
            throw FileError(path, "this looks like an SD 2.x checkpoint (linear projections); only SD 1.x single files "
                                  "are supported — use its diffusers folder instead");
        if (!o.unetDir.empty())
            throw FileError(path, "--unet replaces a diffusers folder's UNet; a single-file checkpoint brings its own");
        auto uc = UNetConfig::sd15();
        // SD 1.5 inpainting checkpoints: conv_in takes latents + mask + masked-image latents (9 channels).
        auto convIn = state.find("model.diffusion_model.input_blocks.0.0.weight");
        if (convIn != state.end() && convIn->second.dim() == 4) uc.inChannels = static_cast<int>(convIn->second.size(1));
        const auto vc = VaeConfig::sd15();
        const auto tc = ClipTextConfig::sd15();
        sd->buildModels(uc, vc, tc, o);
        auto split = splitLdmCheckpoint(state, uc, stateKeys(*sd->unet), vc, stateKeys(*sd->vae),
                                                stateKeys(*sd->text));
        state.clear();
        sd->reports_.push_back(loadStateDict(*sd->unet, split.unet, "unet", path, o.strict));
        sd->reports_.push_back(loadStateDict(*sd->vae, split.vae, "vae", path, o.strict));
        sd->reports_.push_back(loadStateDict(*sd->text, split.text, "text_encoder", path, o.strict, isTextIgnorable));
        if (!split.unmatched.empty()) {
            LoadReport r;
            r.component = "checkpoint";
            r.source = path;
            r.unexpected = split.unmatched;
            sd->reports_.push_back(r);
        }
        std::string tokDir = o.tokenizerDir;
        if (tokDir.empty() && sfs::exists(p.parent_path() / "tokenizer" / "vocab.json", ec))
            tokDir = (p.parent_path() / "tokenizer").string();
        if (tokDir.empty())
            throw FileError(path, "a single-file checkpoint carries no tokenizer: pass --tokenizer DIR (a folder with "
                                  "CLIP's vocab.json and merges.txt) or put a tokenizer/ folder next to the file");
        sd->tokenizer = ClipTokenizer::fromFolder(tokDir);
        sd->hashSource_ = path;
    }
    for (const auto& r : sd->reports_) spdlog::info("loaded {}", r.summary());
    sd->placeModels(o);
    releaseFreeMemory();  // conversion buffers of the load
    return sd;
}

torch::Tensor StableDiffusion::encodePrompts(const std::vector<std::string>& prompts, int clipSkip) {
    if (!tokenizer) throw Error("this model has no tokenizer");
    const int L = text->config.maxPositions;
    prompt::ChunkOptions co;
    co.chunkLength = L - 2;
    std::vector<prompt::Tokenized> tk;
    std::vector<int64_t> flat;
    size_t maxChunks = 1;
    for (const auto& p : prompts) {
        tk.push_back(prompt::tokenize(*tokenizer, p, co));
        for (const auto& c : tk.back().chunks) flat.insert(flat.end(), c.ids.begin(), c.ids.end());
        maxChunks = std::max(maxChunks, tk.back().chunks.size());
    }
    // Prompts of different lengths (a long prompt, a short negative) are evened out as A1111 does: the shorter
    // get the encoding of the empty prompt appended, chunk by chunk.
    bool uneven = false;
    for (const auto& t : tk) uneven = uneven || t.chunks.size() != maxChunks;
    if (uneven) {
        const auto empty = prompt::tokenize(*tokenizer, "", co).chunks[0].ids;
        flat.insert(flat.end(), empty.begin(), empty.end());
    }
    const auto rows = static_cast<int64_t>(flat.size()) / L;
    auto ids = torch::tensor(flat, torch::kInt64).view({rows, L}).to(device_);
    torch::NoGradGuard ng;
    auto z = text->forward(ids, clipSkip).lastHiddenState;  // [chunks of all prompts (+1), 77, D]
    if (!uneven && rows == static_cast<int64_t>(prompts.size()) && std::none_of(tk.begin(), tk.end(), [](const auto& t) {
            return t.weighted();
        }))
        return z;  // one chunk each, no weights: [N, 77, D], bit for bit the plain encoding
    std::vector<torch::Tensor> perPrompt;
    int64_t row = 0;
    for (const auto& t : tk) {
        std::vector<torch::Tensor> parts;
        for (const auto& c : t.chunks) {
            auto zc = z.narrow(0, row++, 1);  // [1, 77, D]
            if (std::any_of(c.weights.begin(), c.weights.end(), [](float w) { return w != 1.0f; })) {
                // A1111's "Original" emphasis: scale each token's hidden state, then restore the chunk's mean.
                auto w = torch::tensor(c.weights, torch::kFloat32).to(zc.device(), zc.scalar_type()).view({1, L, 1});
                const auto before = zc.mean();
                zc = zc * w;  // [1, 77, D]
                const auto after = zc.mean();
                if (after.abs().item<double>() > 1e-12) zc = zc * (before / after);
            }
            parts.push_back(zc);
        }
        for (size_t k = t.chunks.size(); k < maxChunks; ++k) parts.push_back(z.narrow(0, rows - 1, 1));
        perPrompt.push_back(torch::cat(parts, 1));  // [1, 77 * chunks, D]
    }
    return torch::cat(perPrompt, 0);  // [N, 77 * chunks, D]
}

LoraApplyReport StableDiffusion::addLora(const std::string& path, double scale) {
    auto lora = readLora(path, *unet, text.get());
    torch::NoGradGuard ng;
    const auto unetHosts = loraHosts(*unet);
    const auto textHosts = text ? loraHosts(*text) : std::map<std::string, LoraHost>{};
    for (const auto& m : lora.modules) {
        const auto& hosts = m.target == "unet" ? unetHosts : textHosts;
        auto it = hosts.find(m.module);
        const std::string key = m.target + "." + m.module;
        if (it != hosts.end() && !unfusedWeights_.count(key)) unfusedWeights_[key] = it->second.weight.detach().clone();
    }
    auto r = mergeLora(lora, scale, *unet, text.get());
    for (const auto& k : lora.unmatchedKeys) r.unmatchedModules.push_back(k);
    if (r.applied == 0)
        throw FileError(path, "LoRA matches no module of this model (" + std::to_string(lora.modules.size()) +
                                  " modules in the file)");
    return r;
}

void StableDiffusion::clearLoras() {
    torch::NoGradGuard ng;
    const auto unetHosts = loraHosts(*unet);
    const auto textHosts = text ? loraHosts(*text) : std::map<std::string, LoraHost>{};
    for (const auto& [key, w] : unfusedWeights_) {
        const bool inUnet = key.rfind("unet.", 0) == 0;
        const auto& hosts = inUnet ? unetHosts : textHosts;
        auto it = hosts.find(key.substr(key.find('.') + 1));
        if (it != hosts.end()) it->second.weight.detach().copy_(w);  // bumps the version: conv plans re-measure
    }
    unfusedWeights_.clear();
}

std::string StableDiffusion::modelHash() {
    if (hash_.empty() && !hashSource_.empty()) hash_ = sha256File(hashSource_).substr(0, 10);
    return hash_;
}

studio::VariantRecord variantRecord(const GenerateParams& p, int64_t seed, int width, int height, const std::string& modelHash,
                                    const std::string& modelName) {
    studio::VariantRecord r;
    r.prompt = p.prompt;
    r.negativePrompt = p.negativePrompt;
    r.seed = seed;
    r.sampler = p.sampler;
    r.steps = p.steps;
    r.cfg = p.cfg;
    r.width = width;
    r.height = height;
    r.clipSkip = p.clipSkip;
    if (p.initImage.defined()) r.denoisingStrength = p.strength;
    r.modelHash = modelHash;
    r.model = modelName;
    return r;
}

} // namespace adv
