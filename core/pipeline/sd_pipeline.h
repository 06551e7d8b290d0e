// Stable Diffusion text-to-image: tokenizer + CLIP text encoder + UNet + VAE +
// a sampler, loaded from a diffusers folder or a single-file SD1.x checkpoint.
#pragma once

#include "lora/lora.h"
#include "model/clip_text.h"
#include "model/unet.h"
#include "model/vae.h"
#include "model/weights.h"
#include "sched/samplers.h"
#include "studio/defaults.h"
#include "studio/variant_record.h"
#include "text/clip_tokenizer.h"
#include "util/cancel.h"

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace adv {

// UNets this large (SD 1.5: 860 M) run in bf16 by default on CPUs with AVX512-BF16.
constexpr long long kBf16AutoMinParams = 100'000'000;

struct LoadOptions {
    std::string device = "auto";  // cpu | cuda | auto
    // auto: f16 on CUDA; on the CPU bf16 for UNets of at least kBf16AutoMinParams parameters when
    // the CPU has AVX512-BF16, else f32 | f32 | f16 | bf16
    std::string dtype = "auto";
    std::string tokenizerDir;     // single-file checkpoints carry no tokenizer
    // Another UNet folder (config.json + weights) in place of the model's, e.g. an SD 1.5 inpainting
    // UNet (9 input channels) next to the base model's text encoder and VAE.
    std::string unetDir;
    bool strict = true;           // missing / wrong-shape tensors are errors
};

struct GenerateParams {
    std::string prompt;
    std::string negativePrompt;
    std::string sampler = studio::GenerationDefaults::sampler;
    int steps = studio::GenerationDefaults::steps;
    double cfg = studio::GenerationDefaults::cfg;
    int64_t seed = 0;
    int width = 0, height = 0;  // 0: the model's native size
    int batch = 1;
    double eta = 0.0;
    int clipSkip = 1;
    // DeepCache feature caching (UNetFeatureCache): 0 or 1 off; N > 1 runs the whole UNet every N-th step and
    // only its shallow branch on the deep features of the last full step in between.
    int cacheInterval = 0;
    torch::Tensor initLatents;  // optional [B, 4, h, w] unit-variance noise
    // Optional: the noise stochastic samplers draw between steps (LCM, Euler a, DDPM), replayed in order
    // instead of drawn from the seed — for parity with recorded diffusers runs. Each [B, 4, h, w].
    // Since initial noise, VAE-encoder samples (image-to-image, inpainting) and the sampler's noise are
    // drawn in the order diffusers draws them, all of them come from this list when it is given.
    std::vector<torch::Tensor> noiseDraws;

    // Image-to-image and inpainting (diffusers' StableDiffusionImg2ImgPipeline / InpaintPipeline).
    torch::Tensor initImage;  // optional [1 or B, 3, H, W] RGB in [0, 1]: start from this picture
    double strength = 1.0;    // (0, 1]: the share of the schedule run from the noised picture
    // Optional [1 or B, 1, H, W] in [0, 1], needs initImage: >= 0.5 repaints, below keeps (binarised as
    // diffusers does). A 4-channel UNet re-imposes the kept region after every step; a 9-channel
    // inpainting UNet sees the mask and the masked picture's latents.
    torch::Tensor mask;
};

// Limits on every request (stated in the README): larger asks are refused up front.
constexpr int kMaxImageSide = 8192;
constexpr int kMaxSteps = 1000;
constexpr size_t kMaxPromptBytes = 65536;
// Throws adv::Error naming the field and its range (NaN, negative or wrapped sizes, absurd step counts).
void validateGenerateParams(const GenerateParams& gp);

struct GenerateResult {
    torch::Tensor promptEmbeds;  // [2B, 77 * chunks, D] negative first (or [B, 77 * chunks, D] without CFG)
    torch::Tensor latents;       // [B, 4, h, w] final, before VAE decoding
    torch::Tensor startLatents;  // [B, 4, h, w] the latents entering the denoising loop
    torch::Tensor images;        // [B, 3, H, W] float in [0, 1], CPU
    std::vector<int64_t> seeds;
    double seconds = 0;
};

// Cheap preview each step: [B, 3, h, w] RGB in [0, 1] from a linear latent map.
using PreviewFn = std::function<void(int step, int total, const torch::Tensor& preview)>;

class StableDiffusion {
public:
    static std::unique_ptr<StableDiffusion> load(const std::string& path, const LoadOptions& options = {});
    // Randomly initialised models of a given shape (benchmarks, tests).
    static std::unique_ptr<StableDiffusion> random(const UNetConfig& u, const VaeConfig& v, const ClipTextConfig& t,
                                                   const LoadOptions& options = {});

    // Prompts in A1111's syntax (text/prompt_syntax.h): weights, BREAK, 75-token chunks encoded one by one and
    // concatenated; prompts of fewer chunks padded with the empty prompt's encoding. [N, 77 * chunks, D];
    // plain prompts of at most 75 tokens give exactly the plain [N, 77, D] encoding.
    torch::Tensor encodePrompts(const std::vector<std::string>& prompts, int clipSkip = 1);
    GenerateResult generate(const GenerateParams& params, const PreviewFn& preview = {},
                            const CancelToken* cancel = nullptr);
    // Latents [B, 4, h, w] (before / scaling_factor) -> images [B, 3, H, W] in [0, 1], CPU f32.
    torch::Tensor decodeLatents(const torch::Tensor& latents);

    // Merges a LoRA into the weights at `scale` (no cost per step, as diffusers' fuse_lora);
    // the weights it changes are kept first, so clearLoras() restores them exactly.
    LoraApplyReport addLora(const std::string& path, double scale);
    void clearLoras();
    // First 10 hex digits of the SHA-256 of the UNet (or single) weights file, as A1111 shows.
    std::string modelHash();
    std::string name() const { return name_; }
    const std::vector<LoadReport>& reports() const { return reports_; }
    torch::Device device() const { return device_; }
    torch::ScalarType dtype() const { return dtype_; }
    torch::ScalarType vaeDtype() const { return vaeDtype_; }  // f32, or bf16 in a bf16 pipeline
    int nativeResolution() const;
    // Latent channels of the VAE (4) and input channels of the UNet (4, or 9 for an inpainting UNet).
    int latentChannels() const;
    bool isInpaintingUnet() const;

    std::optional<ClipTokenizer> tokenizer;
    ClipTextModel text{nullptr};
    UNet2DConditionModel unet{nullptr};
    AutoencoderKL vae{nullptr};
    SchedulerConfig scheduler;

    ~StableDiffusion();

private:
    StableDiffusion() = default;
    void buildModels(const UNetConfig& u, const VaeConfig& v, const ClipTextConfig& t, const LoadOptions& o);
    void placeModels(const LoadOptions& options);
    std::string name_, hashSource_, hash_;
    std::vector<LoadReport> reports_;
    std::map<std::string, torch::Tensor> unfusedWeights_;  // "unet.<module>" -> weight before any LoRA
    torch::Device device_{torch::kCPU};
    torch::ScalarType dtype_ = torch::kFloat32;
    torch::ScalarType vaeDtype_ = torch::kFloat32;
};

// Hires fix (A1111's): render at the requested size, upscale the picture by `scale` (bicubic), then refine it
// by image-to-image at `strength` at the larger size, so a large ad is made of generated pixels rather than
// enlarged ones. The second pass draws its noise from the same seeds.
struct HiresParams {
    double scale = 2.0;     // (1, 8]; the larger size is rounded to the VAE's multiple
    double strength = 0.4;  // (0, 1]
    int steps = 0;          // schedule length of the second pass (0: the first pass's)
};
GenerateResult generateHires(StableDiffusion& sd, const GenerateParams& params, const HiresParams& hires,
                             const PreviewFn& preview = {}, const CancelToken* cancel = nullptr);

// What made one image of a generate() call, as the PNG metadata records it.
studio::VariantRecord variantRecord(const GenerateParams& p, int64_t seed, int width, int height, const std::string& modelHash,
                                    const std::string& modelName);

} // namespace adv
