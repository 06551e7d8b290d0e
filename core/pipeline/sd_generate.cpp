// StableDiffusion::generate: text-to-image, image-to-image and inpainting, step for step as diffusers
// 0.23.1's StableDiffusionPipeline, StableDiffusionImg2ImgPipeline and StableDiffusionInpaintPipeline.
#include "pipeline/sd_pipeline.h"
#include "model/vae_tiling.h"

#include "util/device.h"
#include "util/error.h"

#include <torch/torch.h>

#include <chrono>
#include <cmath>
#include <cstdio>

namespace adv {

namespace {

// SD1.x latent -> RGB approximation (for previews only).
torch::Tensor latentPreview(const torch::Tensor& latents) {
    static const float coeffs[4][3] = {{0.298f, 0.207f, 0.208f}, {0.187f, 0.286f, 0.173f},
                                       {-0.158f, 0.189f, 0.264f}, {-0.184f, -0.271f, -0.473f}};
    auto w = torch::from_blob(const_cast<float*>(&coeffs[0][0]), {4, 3}, torch::kFloat32).clone();
    auto l = latents.detach().to(torch::kCPU, torch::kFloat32);
    if (l.size(1) != 4) return ((l.slice(1, 0, 3) + 1) / 2).clamp(0, 1);
    auto rgb = torch::einsum("bchw,cd->bdhw", {l, w});  // [B, 3, h, w]
    return ((rgb + 1) / 2).clamp(0, 1);
}

// Every random tensor of one generate() call, in diffusers' order: either replayed from recorded
// draws (whole-batch tensors) or drawn from one CPU generator per image (seed + i), so one seed gives
// one picture on every device and image i of a batch equals a single run with seed + i.
class NoiseSource {
public:
    NoiseSource(const GenerateParams& gp, int64_t batch) : recorded_(gp.noiseDraws) {
        for (int64_t i = 0; i < batch; ++i)
            gens_.push_back(at::detail::createCPUGenerator(static_cast<uint64_t>(gp.seed + i)));
    }
    torch::Tensor operator()(at::IntArrayRef shape) {
        if (!recorded_.empty()) {
            if (used_ >= recorded_.size())
                throw Error("the pipeline drew more noise than the " + std::to_string(recorded_.size()) + " recorded draws");
            const auto& d = recorded_[used_++];
            if (d.sizes() != shape)
                throw Error("recorded noise draw " + std::to_string(used_ - 1) + " has shape " + shapeText(d.sizes()) +
                            " where the pipeline draws " + shapeText(shape));
            return d.to(torch::kFloat32);
        }
        std::vector<int64_t> one(shape.begin(), shape.end());
        one[0] = 1;
        std::vector<torch::Tensor> parts;
        for (auto& g : gens_) parts.push_back(torch::randn(one, g, torch::kFloat32));
        return torch::cat(parts, 0);
    }

private:
    static std::string shapeText(at::IntArrayRef s) {
        std::string t = "[";
        for (size_t i = 0; i < s.size(); ++i) t += (i ? ", " : "") + std::to_string(s[i]);
        return t + "]";
    }
    const std::vector<torch::Tensor>& recorded_;
    size_t used_ = 0;
    std::vector<torch::Generator> gens_;
};

// [1 or B, C, H, W] -> [B, C, H, W]
torch::Tensor toBatch(const torch::Tensor& t, int64_t B, const char* what) {
    if (t.size(0) == B) return t;
    if (t.size(0) == 1) return t.expand({B, t.size(1), t.size(2), t.size(3)});
    throw Error(std::string(what) + " has " + std::to_string(t.size(0)) + " images for a batch of " + std::to_string(B));
}

// What the denoising loop starts from and, when editing, what it keeps.
struct LoopStart {
    torch::Tensor x;              // [B, 4, h, w] latents entering the loop (device, compute dtype)
    size_t start = 0;             // first step index
    torch::Tensor imageLatents;   // [B, 4, h, w] clean latents of the init image (4-channel inpainting)
    torch::Tensor noise;          // [B, 4, h, w] the initial noise, re-used by the blend
    torch::Tensor maskLatent;     // [B, 1, h, w] 1 = repaint (inpainting)
    torch::Tensor maskedLatents;  // [B, 4, h, w] latents of the picture with the repaint region grey (9-channel)
};

int64_t checkEditInputs(const GenerateParams& gp, bool inpaintingUnet, int H, int W) {
    const bool editing = gp.initImage.defined(), inpaint = gp.mask.defined();
    if (inpaintingUnet && !inpaint)
        throw Error("this is an inpainting UNet (latents + mask + masked image): give an init image and a mask");
    if (inpaint && !editing) throw Error("a mask needs an init image to inpaint");
    if (editing && gp.initLatents.defined()) throw Error("give either initial latents or an init image, not both");
    if (editing && (gp.initImage.dim() != 4 || gp.initImage.size(1) != 3 || gp.initImage.size(2) != H ||
                    gp.initImage.size(3) != W))
        throw Error("the init image must be [B, 3, " + std::to_string(H) + ", " + std::to_string(W) + "] (the output size)");
    if (inpaint && (gp.mask.dim() != 4 || gp.mask.size(1) != 1 || gp.mask.size(2) != H || gp.mask.size(3) != W))
        throw Error("the mask must be [B, 1, " + std::to_string(H) + ", " + std::to_string(W) + "] (the output size)");
    if (editing && !(gp.strength > 0.0 && gp.strength <= 1.0))
        throw Error("strength must be in (0, 1], not " + std::to_string(gp.strength));
    if (gp.initLatents.defined()) return gp.initLatents.size(0);
    if (editing && gp.initImage.size(0) > 1) return gp.initImage.size(0);
    return gp.batch;
}

// mean + std * draw (DiagonalGaussianDistribution.sample), times the scaling factor; the moments of a
// repeated picture are computed once. image: [B, 3, H, W] in [-1, 1].
torch::Tensor encodeSample(StableDiffusion& sd, const torch::Tensor& image, NoiseSource& noise) {
    const int64_t B = image.size(0);
    const bool same = B > 1 && image.eq(image[0]).all().item<bool>();
    const auto px = image.slice(0, 0, same ? 1 : B).to(sd.device(), sd.vaeDtype());
    // Above 1024 x 1024 pixels the encoder runs tile by tile (memory bounded by one tile).
    auto d = vaeTilingPays(sd.vae->config, image.size(2), image.size(3))
                 ? LatentDist::fromMoments(momentsTiled(*sd.vae, px, vaeTilingFor(sd.vae->config)))
                 : sd.vae->encode(px);
    auto mean = d.mean.to(torch::kFloat32).expand({B, -1, -1, -1});  // [B, 4, h, w]
    auto std = d.std.to(torch::kFloat32).expand({B, -1, -1, -1});
    auto draw = noise(mean.sizes()).to(mean.device());
    return static_cast<float>(sd.vae->config.scalingFactor) * (mean + std * draw);
}

// diffusers' prepare_latents (+ prepare_mask_latents): the draws happen in its order — the init image's
// VAE sample, the initial noise, the masked image's VAE sample — so recorded runs replay exactly.
LoopStart prepareLoop(StableDiffusion& sd, const GenerateParams& gp, Sampler& sampler, NoiseSource& noise, int64_t B,
                      int64_t h, int64_t w) {
    LoopStart ls;
    const bool editing = gp.initImage.defined(), inpaint = gp.mask.defined(), unet9 = sd.isInpaintingUnet();
    const bool strengthMax = gp.strength >= 1.0;
    const int64_t C = sd.latentChannels();
    const auto dev = torch::TensorOptions().device(sd.device()).dtype(sd.dtype());
    torch::Tensor image;  // [B, 3, H, W] in [-1, 1]
    if (editing) {
        image = toBatch(gp.initImage.to(torch::kCPU, torch::kFloat32), B, "the init image") * 2.0f - 1.0f;
        ls.start = sampler.startIndexForStrength(gp.strength);
    }
    // The image latents: always for image-to-image; for inpainting when the UNet blends (4 channels) or
    // the loop starts from the noised picture (strength < 1).
    if (editing && (!inpaint || !unet9 || !strengthMax)) ls.imageLatents = encodeSample(sd, image, noise).to(dev);
    if (gp.initLatents.defined()) {
        ls.noise = gp.initLatents.to(torch::kFloat32);
        if (ls.noise.size(1) != C || ls.noise.size(2) != h || ls.noise.size(3) != w)
            throw Error("initial latents must have shape [B, " + std::to_string(C) + ", " + std::to_string(h) + ", " +
                        std::to_string(w) + "]");
    } else {
        ls.noise = noise({B, C, h, w});
    }
    ls.noise = ls.noise.to(dev);
    if (!editing || (inpaint && strengthMax))
        ls.x = ls.noise * sampler.initNoiseSigma();
    else
        ls.x = sampler.addNoise(ls.imageLatents, ls.noise, ls.start);
    if (inpaint) {
        // Binarised at full resolution, then nearest-downsampled (the top-left pixel of each f x f block).
        using torch::indexing::None;
        using torch::indexing::Slice;
        const int f = sd.vae->config.downscale();
        auto m = (toBatch(gp.mask.to(torch::kCPU, torch::kFloat32), B, "the mask") >= 0.5f).to(torch::kFloat32);
        auto masked = image * (m < 0.5f);  // the repaint region -> 0 (mid grey)
        ls.maskedLatents = encodeSample(sd, masked, noise).to(dev);
        ls.maskLatent = m.index({Slice(), Slice(), Slice(0, None, f), Slice(0, None, f)}).contiguous().to(dev);  // [B, 1, h, w]
    }
    return ls;
}

} // namespace

void validateGenerateParams(const GenerateParams& gp) {
    auto need = [](bool ok, const std::string& what) {
        if (!ok) throw Error(what);
    };
    auto num = [](double x) {
        char b[48];
        std::snprintf(b, sizeof b, "%g", x);
        return std::string(b);
    };
    // The GUI, the CLI and recalled records all come through here: no NaN, no wrapped or negative sizes.
    need(gp.width == 0 || (gp.width >= 8 && gp.width <= kMaxImageSide),
         "width " + std::to_string(gp.width) + " is outside 8.." + std::to_string(kMaxImageSide) + " (0: the model's size)");
    need(gp.height == 0 || (gp.height >= 8 && gp.height <= kMaxImageSide),
         "height " + std::to_string(gp.height) + " is outside 8.." + std::to_string(kMaxImageSide) + " (0: the model's size)");
    need(gp.steps >= 1 && gp.steps <= kMaxSteps, "steps " + std::to_string(gp.steps) + " is outside 1.." + std::to_string(kMaxSteps));
    need(std::isfinite(gp.cfg) && gp.cfg >= 0 && gp.cfg <= 100, "guidance scale " + num(gp.cfg) + " is outside 0..100");
    need(std::isfinite(gp.eta) && gp.eta >= 0 && gp.eta <= 1, "eta " + num(gp.eta) + " is outside 0..1");
    need(std::isfinite(gp.strength), "strength " + num(gp.strength) + " is not a number");
    need(gp.batch >= 1 && gp.batch <= 64, "batch " + std::to_string(gp.batch) + " is outside 1..64");
    need(gp.clipSkip >= 1 && gp.clipSkip <= 64, "clip skip " + std::to_string(gp.clipSkip) + " is outside 1..64");
    need(gp.cacheInterval >= 0 && gp.cacheInterval <= kMaxSteps,
         "cache interval " + std::to_string(gp.cacheInterval) + " is outside 0.." + std::to_string(kMaxSteps));
    need(gp.prompt.size() <= kMaxPromptBytes && gp.negativePrompt.size() <= kMaxPromptBytes,
         "a prompt is " + std::to_string(std::max(gp.prompt.size(), gp.negativePrompt.size())) + " bytes; at most " +
             std::to_string(kMaxPromptBytes) + " are read");
}

GenerateResult StableDiffusion::generate(const GenerateParams& gp, const PreviewFn& preview, const CancelToken* cancel) {
    torch::NoGradGuard ng;
    const auto t0 = std::chrono::steady_clock::now();
    const int f = vae->config.downscale();
    validateGenerateParams(gp);
    const int W = gp.width > 0 ? gp.width : nativeResolution();
    const int H = gp.height > 0 ? gp.height : nativeResolution();
    // Refused before any memory is taken: past 2048x2048 the UNet's attention alone needs tens of GB.
    constexpr int64_t kMaxGeneratePixels = int64_t(2048) * 2048;
    if (static_cast<int64_t>(W) * H > kMaxGeneratePixels)
        throw Error(std::to_string(W) + "x" + std::to_string(H) + " is more than the " + std::to_string(kMaxGeneratePixels) +
                    " pixels (2048x2048) rendered in one pass");
    if (W % f != 0 || H % f != 0)
        throw Error("width and height must be multiples of " + std::to_string(f) + " (got " + std::to_string(W) + "x" +
                    std::to_string(H) + ")");
    if (gp.steps < 1) throw Error("steps must be at least 1");
    if (unet->config.inChannels != latentChannels() && !isInpaintingUnet())
        throw Error("the UNet takes " + std::to_string(unet->config.inChannels) + " input channels; the VAE makes " +
                    std::to_string(latentChannels()) + " (a plain or a 9-channel inpainting UNet is needed)");
    const int64_t B = checkEditInputs(gp, isInpaintingUnet(), H, W);
    const int64_t h = H / f, w = W / f;
    GenerateResult res;
    for (int64_t i = 0; i < B; ++i) res.seeds.push_back(gp.seed + i);

    const bool cfg = gp.cfg > 1.0;  // diffusers: guidance_scale > 1 means classifier-free guidance
    std::vector<std::string> prompts;
    if (cfg)
        for (int64_t i = 0; i < B; ++i) prompts.push_back(gp.negativePrompt);
    for (int64_t i = 0; i < B; ++i) prompts.push_back(gp.prompt);
    auto context = encodePrompts(prompts, gp.clipSkip);  // [(2)B, 77 * chunks, D]
    res.promptEmbeds = context.to(torch::kCPU, torch::kFloat32);

    auto sampler = makeSampler(samplerFromName(gp.sampler), scheduler);
    sampler->setTimesteps(gp.steps);
    NoiseSource noise(gp, B);
    LoopStart ls = prepareLoop(*this, gp, *sampler, noise, B, h, w);
    res.startLatents = ls.x.to(torch::kCPU, torch::kFloat32);

    const bool unet9 = isInpaintingUnet();
    UNetFeatureCache features;
    UNetFeatureCache* cache = gp.cacheInterval > 1 ? &features : nullptr;
    int passes = 0;
    auto denoise = [&](const torch::Tensor& xIn, double t) {
        auto tt = torch::full({1}, t, torch::TensorOptions().dtype(torch::kFloat32).device(device_));
        // 9-channel UNet input: 4 latents, 1 mask, 4 masked-image latents (after scale_model_input)
        auto in = unet9 ? torch::cat({xIn, ls.maskLatent, ls.maskedLatents}, 1) : xIn;  // [B, 4|9, h, w]
        if (cache) cache->reuse = passes % gp.cacheInterval != 0;  // a full pass every cacheInterval-th step
        ++passes;
        if (!cfg) return unet->forward(in, tt, context, cache);
        auto eps = unet->forward(torch::cat({in, in}, 0), tt, context, cache).chunk(2, 0);  // [B, 4, h, w] x2
        return eps[0] + gp.cfg * (eps[1] - eps[0]);
    };
    SamplerLoop loop;
    loop.start = ls.start;
    if (gp.mask.defined() && !unet9) {
        // 4-channel inpainting: after every step the kept region is the init image's latents noised to the
        // next timestep with the same initial noise (clean after the last step).
        const auto& ts = sampler->timesteps();
        loop.afterStep = [&](size_t i, const torch::Tensor& x) {
            auto proper = i + 1 < ts.size() ? sampler->addNoise(ls.imageLatents, ls.noise, i + 1) : ls.imageLatents;
            return (1 - ls.maskLatent) * proper + ls.maskLatent * x;
        };
    }
    auto onStep = [&](int step, int total, const torch::Tensor& cur) {
        if (preview) preview(step, total, latentPreview(cur));
    };
    auto x = runSampler(*sampler, ls.x, denoise, std::ref(noise), onStep, cancel, loop);
    res.latents = x.to(torch::kCPU, torch::kFloat32);

    throwIfCancelled(cancel);
    res.images = decodeLatents(x);
    res.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return res;
}

torch::Tensor StableDiffusion::decodeLatents(const torch::Tensor& latents) {
    torch::NoGradGuard ng;
    if (!device_.is_cuda()) releaseFreeMemory();  // the UNet's activations do not fit the VAE's: SD 1.5 512² peak 4.1 -> GiB
    auto z = latents.to(device_, vaeDtype_) / vae->config.scalingFactor;
    std::vector<torch::Tensor> imgs;
    const int f = vae->config.downscale();
    const bool tiles = vaeTilingPays(vae->config, z.size(2) * f, z.size(3) * f);  // above 1024 x 1024: tile by tile
    for (int64_t i = 0; i < z.size(0); ++i)  // one at a time: memory
        imgs.push_back(tiles ? decodeTiled(*vae, z.slice(0, i, i + 1), vaeTilingFor(vae->config))
                             : vae->decode(z.slice(0, i, i + 1)));
    auto dec = torch::cat(imgs, 0);                                                              // [B, 3, H, W]
    return (dec / 2 + 0.5).clamp(0, 1).to(torch::kCPU, torch::kFloat32);
}

GenerateResult generateHires(StableDiffusion& sd, const GenerateParams& gp, const HiresParams& hp,
                             const PreviewFn& preview, const CancelToken* cancel) {
    if (!(hp.scale > 1.0 && hp.scale <= 8.0)) throw Error("hires scale must be in (1, 8], not " + std::to_string(hp.scale));
    if (!(hp.strength > 0.0 && hp.strength <= 1.0))
        throw Error("hires strength must be in (0, 1], not " + std::to_string(hp.strength));
    if (hp.steps < 0) throw Error("hires steps must be 0 (as the first pass) or more");
    auto first = sd.generate(gp, preview, cancel);
    const int f = sd.vae->config.downscale();
    const int64_t H = first.images.size(2), W = first.images.size(3);
    const int64_t H2 = std::max<int64_t>(f, std::llround(H * hp.scale / f) * f);
    const int64_t W2 = std::max<int64_t>(f, std::llround(W * hp.scale / f) * f);
    if (H2 > 8192 || W2 > 8192) throw Error("hires size " + std::to_string(W2) + "x" + std::to_string(H2) + " is over 8192 pixels a side");
    namespace F = torch::nn::functional;
    auto up = F::interpolate(first.images, F::InterpolateFuncOptions()
                                                .size(std::vector<int64_t>{H2, W2})
                                                .mode(torch::kBicubic)
                                                .align_corners(false))
                  .clamp(0, 1);  // [B, 3, H2, W2]
    GenerateParams second = gp;
    second.width = static_cast<int>(W2);
    second.height = static_cast<int>(H2);
    second.initImage = up;
    second.initLatents = torch::Tensor();
    second.noiseDraws.clear();
    second.mask = gp.mask.defined()
                      ? F::interpolate(gp.mask.to(torch::kFloat32), F::InterpolateFuncOptions()
                                                                         .size(std::vector<int64_t>{H2, W2})
                                                                         .mode(torch::kNearest))
                      : torch::Tensor();
    second.strength = hp.strength;
    if (hp.steps > 0) second.steps = hp.steps;
    auto res = sd.generate(second, preview, cancel);
    res.seconds += first.seconds;
    return res;
}

} // namespace adv
