// advariant-cli bench unet|vae ... : seconds per step, GFLOP, GFLOP/s, the
// same run's torch::mm rate, where the time goes, peak memory.
#include "cli/args.h"
#include "cli/common.h"

#include "lora/lora.h"
#include "model/conv_select.h"
#include "model/cpu_kernels.h"
#include "model/layers.h"
#include "model/profile.h"
#include "model/vae_tiling.h"
#include "pipeline/sd_pipeline.h"
#include "util/device.h"
#include "util/fs.h"

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <optional>

namespace adv::cli {

int runSoak(const Args& a);  // cmd_bench_soak.cpp
int runCocoBench(const Args& a);  // cmd_bench_coco.cpp

namespace {

double now() { return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count(); }

// Same-run matrix-multiply rate: the ceiling the convolutions are measured against.
double mmGflops(torch::ScalarType dt, torch::Device dev) {
    const int64_t n = 1024;
    auto a = torch::randn({n, n}).to(dev, dt), b = torch::randn({n, n}).to(dev, dt);
    torch::mm(a, b);
    int reps = 0;
    const double t0 = now();
    double el = 0;
    while ((el = now() - t0) < 0.5 || reps < 3) {
        torch::mm(a, b);
        ++reps;
    }
    return 2.0 * n * n * n * reps / el / 1e9;
}

std::unique_ptr<StableDiffusion> model(const Args& a, LoadOptions lo) {
    if (a.has("--model")) return StableDiffusion::load(a.get("--model"), lo);
    const auto shapes = modelShapes(a.get("--random", "tiny"));
    return StableDiffusion::random(shapes.unet, shapes.vae, shapes.text, lo);
}

void applyKernelOptions(const Args& a) {
    if (a.has("--threads")) setCpuThreads(a.getInt("--threads", 0));
    if (a.has("--attention-slice-mib")) nn::setAttentionSliceBytes(static_cast<int64_t>(a.getInt("--attention-slice-mib", 256)) << 20);
    if (a.has("--plain-kernels")) {  // LibTorch's own ops only: shows what the fused kernels and conv choice gain
        kern::setEnabled(false);
        convsel::setEnabled(false);
    }
    if (a.has("--winograd")) {
        const auto w = a.get("--winograd");
        if (w != "off" && w != "auto" && w != "always") throw UsageError("--winograd is off, auto or always");
        convsel::setWinograd(w == "off" ? convsel::Winograd::Off
                                        : w == "always" ? convsel::Winograd::Always : convsel::Winograd::Auto);
    }
    if (a.has("--winograd-cache-mib"))
        convsel::setWinogradCacheBytes(static_cast<int64_t>(a.getInt("--winograd-cache-mib", 0)) << 20);
}

// What one benchmark step runs: a UNet forward, a VAE decode, or a LoRA training step.
struct Workload {
    std::function<void()> step;
    std::vector<torch::Tensor> loraParams;  // train only
};

Workload makeWorkload(const std::string& what, StableDiffusion& sd, int size, int batch, int rank, int convRank,
                      bool vaeTiles) {
    const int f = sd.vae->config.downscale();
    const auto dev = sd.device();
    const auto dt = sd.dtype();
    const int64_t h = size / f;
    Workload w;
    if (what == "train") {
        // One optimizer step of LoRA training: forward + backward through the frozen UNet.
        LoraSpec spec;
        spec.rank = rank;
        spec.convRank = convRank;  // LoCon: the ResNet convolutions too
        auto lora = createLora(spec, *sd.unet);
        for (auto& m : lora.modules) w.loraParams.push_back(m.down), w.loraParams.push_back(m.up);
        sd.unet->train();
        auto x = torch::randn({batch, sd.unet->config.inChannels, h, h}).to(dev, dt);  // [B, 4, h, w]
        auto t = torch::randint(0, 1000, {batch}).to(dev);                            // [B]
        auto ctx = torch::randn({batch, 77, sd.unet->config.crossAttentionDim}).to(dev, dt);  // [B, 77, D]
        auto target = torch::randn_like(x);
        auto params = w.loraParams;
        w.step = [&sd, x, t, ctx, target, params] {
            for (auto p : params)
                if (p.grad().defined()) p.mutable_grad().zero_();
            auto loss = (sd.unet->forward(x, t, ctx) - target).pow(2).mean();
            loss.backward();
            torch::NoGradGuard g;
            for (auto p : params) p.add_(p.grad(), -1e-4);
        };
    } else if (what == "unet") {
        auto x = torch::randn({batch, sd.unet->config.inChannels, h, h}).to(dev, dt);  // [B, 4, h, w]
        auto t = torch::full({1}, 500.0).to(dev);
        auto ctx = torch::randn({batch, 77, sd.unet->config.crossAttentionDim}).to(dev, dt);  // [B, 77, D]
        w.step = [&sd, x, t, ctx] {
            torch::NoGradGuard g;
            sd.unet->forward(x, t, ctx);
        };
    } else {
        auto x = torch::randn({batch, sd.vae->config.latentChannels, h, h}).to(dev, sd.vaeDtype());  // [B, 4, h, w]
        w.step = [&sd, x, vaeTiles] {
            torch::NoGradGuard g;
            if (vaeTiles) decodeTiled(*sd.vae, x, vaeTilingFor(sd.vae->config));
            else sd.vae->decode(x);
        };
    }
    return w;
}

void printReport(const nlohmann::json& j, const nlohmann::json& kinds, int reps) {
    const auto cs = convsel::stats();
    const double secs = j["seconds_per_step"], flops = j["gflop_per_step"].get<double>() * 1e9, mm = j["torch_mm_gflops"];
    std::printf("%s %dx%d batch %d on %s (%s, %s)\n", j["bench"].get<std::string>().c_str(), j["size"].get<int>(),
                j["size"].get<int>(), j["batch"].get<int>(), j["device"].get<std::string>().c_str(),
                j["dtype"].get<std::string>().c_str(), j["allocator"].get<std::string>().c_str());
    std::printf("  %.3f s/step (best of %d: %.3f s), %.1f GFLOP/step, %.1f GFLOP/s achieved, torch::mm %.1f GFLOP/s (%.0f%%)\n",
                secs, reps, j["best_seconds_per_step"].get<double>(), flops / 1e9, flops / secs / 1e9, mm,
                100.0 * flops / secs / 1e9 / mm);
    for (const auto& [k, v] : kinds.items())
        std::printf("  %-10s %7.3f s %8.1f GFLOP/s\n", k.c_str(), v["seconds"].get<double>(),
                    v.contains("gflops") ? v["gflops"].get<double>() : 0.0);
    if (cs.decided > 0)
        std::printf("  conv paths: %lld layer shapes measured, %lld use a pre-reordered weight (%.0f MiB)\n",
                    static_cast<long long>(cs.decided), static_cast<long long>(cs.prepacked), cs.packedBytes / 1048576.0);
    if (cs.winogradCalls > 0)
        std::printf("  winograd: %lld convolutions, %lld weights kept in Winograd form (%.0f MiB)\n",
                    static_cast<long long>(cs.winogradCalls), static_cast<long long>(cs.winogradWeights),
                    cs.winogradBytes / 1048576.0);
    std::printf("  peak RSS %.0f MiB%s\n", j["peak_rss_mib"].get<double>(),
                j.value("vae_tiled", false) ? " (VAE decoded tile by tile)" : "");
    if (j.contains("trainable_parameters"))
        std::printf("  %lld trainable parameters: data parallel all-reduces %.2f MiB per step\n",
                    static_cast<long long>(j["trainable_parameters"].get<int64_t>()),
                    j["allreduce_bytes_per_step"].get<int64_t>() / 1048576.0);
    if (j.contains("peak_gpu_mib")) std::printf("  peak GPU memory %.0f MiB\n", j["peak_gpu_mib"].get<double>());
}

// One whole text-to-image: the text encoder, every step, the VAE decode; seconds each and in total.
nlohmann::json timePipeline(StableDiffusion& sd, const GenerateParams& gp, torch::Tensor* images = nullptr) {
    const auto dev = sd.device();
    auto sync = [&] {
        if (dev.is_cuda()) torch::cuda::synchronize();
    };
    std::vector<std::string> prompts;
    if (gp.cfg > 1) prompts.push_back(gp.negativePrompt);
    prompts.push_back(gp.prompt);
    double t0 = now();
    sd.encodePrompts(prompts, gp.clipSkip);
    sync();
    const double textSeconds = now() - t0;
    std::vector<double> marks;
    sync();
    t0 = now();
    auto res = sd.generate(gp, [&](int, int, const torch::Tensor&) {
        sync();
        marks.push_back(now());
    });
    sync();
    const double total = now() - t0;
    // The steps: between step callbacks (the first also holds the text encoding and the start latents).
    nlohmann::json steps = nlohmann::json::array();
    double stepSum = 0;
    for (size_t i = 0; i < marks.size(); ++i) {
        const double d = i == 0 ? marks[0] - t0 - textSeconds : marks[i] - marks[i - 1];
        steps.push_back(d);
        stepSum += d;
    }
    t0 = now();
    sd.decodeLatents(res.latents);
    sync();
    const double decode = now() - t0;
    if (images) *images = res.images;
    return {{"sampler", gp.sampler}, {"steps", gp.steps}, {"cfg", gp.cfg}, {"size", gp.width}, {"cache_interval", gp.cacheInterval},
            {"total_s", total}, {"text_encoder_s", textSeconds}, {"steps_s", stepSum}, {"step_s", steps},
            {"vae_decode_s", decode}, {"other_s", std::max(0.0, total - textSeconds - stepSum - decode)}};
}

int runPipeline(const Args& a, StableDiffusion& sd) {
    GenerateParams gp;
    gp.prompt = a.get("--prompt", "a red dress on the beach, studio light, product photo");
    gp.negativePrompt = a.get("--negative", "");
    gp.sampler = a.get("--sampler", "lcm");
    gp.steps = a.getInt("--steps", 4);
    gp.cfg = a.getDouble("--cfg", 1.0);
    gp.width = gp.height = a.getInt("--size", sd.nativeResolution());
    gp.seed = 1;
    validateGenerateParams(gp);
    // Warm-up at the same size (allocator, per-shape kernel choice), one step.
    GenerateParams warm = gp;
    warm.steps = 1;
    sd.generate(warm);
    nlohmann::json runs = nlohmann::json::array();
    torch::Tensor plain;
    runs.push_back(timePipeline(sd, gp, &plain));
    if (a.has("--baseline")) {  // the same run: 25 DPM++ 2M steps at CFG 7.5, the usual default
        GenerateParams base = gp;
        base.sampler = "dpmpp_2m";
        base.steps = 25;
        base.cfg = 7.5;
        runs.push_back(timePipeline(sd, base));
    }
    const auto di = deviceInfo();
    nlohmann::json j{{"bench", "pipeline"}, {"device", di.describe()}, {"dtype", c10::toString(sd.dtype())},
                     {"threads", di.cpuThreads}, {"runs", runs}, {"total_s", runs[0]["total_s"]},
                     {"peak_rss_mib", peakResidentMiB()}};
    if (runs.size() > 1) j["speedup_vs_baseline"] = runs[1]["total_s"].get<double>() / runs[0]["total_s"].get<double>();
    if (a.getInt("--cache-interval", 0) > 1) {
        // DeepCache after the runs above: the first run again with feature caching, its speed-up over it and
        // how far its picture is from it (same seed, RGB in [0, 1]).
        GenerateParams cached = gp;
        cached.cacheInterval = a.getInt("--cache-interval", 0);
        torch::Tensor img;
        auto r = timePipeline(sd, cached, &img);
        const auto d = (img.to(torch::kFloat64) - plain.to(torch::kFloat64));
        r["speedup_vs_uncached"] = runs[0]["total_s"].get<double>() / r["total_s"].get<double>();
        r["steps_speedup_vs_uncached"] = runs[0]["steps_s"].get<double>() / r["steps_s"].get<double>();
        r["image_rms_vs_uncached"] = d.pow(2).mean().sqrt().item<double>();
        r["image_max_vs_uncached"] = d.abs().max().item<double>();
        j["cached"] = r;
    }
    if (sd.device().is_cuda()) j["peak_gpu_mib"] = peakGpuMemoryMiB();
    if (a.has("--hires-scale")) {
        // The hires fix after the runs above: its time end to end, and how far it raises the process's peak
        // resident memory over a render at the first size (the enlarged pass is the largest allocation).
        HiresParams hp;
        hp.scale = a.getDouble("--hires-scale", 2.0);
        hp.strength = a.getDouble("--hires-strength", 0.4);
        hp.steps = a.has("--hires-steps") ? a.getInt("--hires-steps", 0) : 0;
        const double rssBefore = peakResidentMiB();
        const double t0 = now();
        const auto r = generateHires(sd, gp, hp);
        sync();
        j["hires"] = {{"scale", hp.scale},
                      {"strength", hp.strength},
                      {"width", r.images.size(3)},  // [B, 3, H, W]
                      {"height", r.images.size(2)},
                      {"total_s", now() - t0},
                      {"peak_rss_before_mib", rssBefore},
                      {"peak_rss_mib", peakResidentMiB()}};
        if (sd.device().is_cuda()) j["hires"]["peak_gpu_mib"] = peakGpuMemoryMiB();
    }
    if (a.has("--json")) {
        printJson(j.dump());
        return 0;
    }
    std::printf("pipeline %dx%d on %s (%s)\n", gp.width, gp.height, j["device"].get<std::string>().c_str(),
                j["dtype"].get<std::string>().c_str());
    for (const auto& r : runs)
        std::printf("  %-10s %2d steps CFG %-4g  total %7.2f s = text %.2f + steps %.2f (%.2f each) + VAE decode %.2f + other %.2f\n",
                    r["sampler"].get<std::string>().c_str(), r["steps"].get<int>(), r["cfg"].get<double>(),
                    r["total_s"].get<double>(), r["text_encoder_s"].get<double>(), r["steps_s"].get<double>(),
                    r["steps_s"].get<double>() / std::max(1, r["steps"].get<int>()), r["vae_decode_s"].get<double>(),
                    r["other_s"].get<double>());
    if (j.contains("speedup_vs_baseline"))
        std::printf("  %.1fx faster than the baseline in the same run\n", j["speedup_vs_baseline"].get<double>());
    if (j.contains("cached")) {
        const auto& r = j["cached"];
        std::printf("  DeepCache every %d: total %.2f s (steps %.2f): %.2fx (steps %.2fx) vs uncached; image RMS %.4f, max %.3f\n",
                    r["cache_interval"].get<int>(), r["total_s"].get<double>(), r["steps_s"].get<double>(),
                    r["speedup_vs_uncached"].get<double>(), r["steps_speedup_vs_uncached"].get<double>(),
                    r["image_rms_vs_uncached"].get<double>(), r["image_max_vs_uncached"].get<double>());
    }
    std::printf("  peak RSS %.0f MiB\n", j["peak_rss_mib"].get<double>());
    if (j.contains("hires")) {
        const auto& h = j["hires"];
        std::printf("  hires x%g (strength %g) to %lldx%lld: %.2f s, peak RSS %.0f MiB (%.0f MiB before it)\n",
                    h["scale"].get<double>(), h["strength"].get<double>(), h["width"].get<long long>(),
                    h["height"].get<long long>(), h["total_s"].get<double>(), h["peak_rss_mib"].get<double>(),
                    h["peak_rss_before_mib"].get<double>());
    }
    return 0;
}

int run(const Args& a) {
    if (a.positionals().size() != 1) throw UsageError("name what to benchmark: unet, vae, train, pipeline, soak or coco");
    const std::string what = a.positionals()[0];
    if (what == "soak") return runSoak(a);
    if (what == "coco") return runCocoBench(a);
    if (what != "unet" && what != "vae" && what != "train" && what != "pipeline")
        throw UsageError("unknown benchmark '" + what + "' (unet, vae, train, pipeline, soak, coco)");
    LoadOptions lo;
    lo.device = a.get("--device", "cpu");
    lo.dtype = a.get("--dtype", "auto");
    // Random weights have no tokenizer of their own: the embedded model's stands in (ids are all that matter).
    lo.tokenizerDir = a.get("--tokenizer", a.has("--model") ? "" : fs::embeddedModelDir() + "/tokenizer");
    applyKernelOptions(a);
    auto sd = model(a, lo);
    if (what == "pipeline") return runPipeline(a, *sd);
    const int size = a.getInt("--size", 256);
    const int batch = a.getInt("--batch", 2);
    const int reps = a.getInt("--reps", 3);
    const auto dev = sd->device();
    const auto dt = what == "vae" ? sd->vaeDtype() : sd->dtype();
    const std::string tiling = a.get("--vae-tiling", "auto");
    if (tiling != "auto" && tiling != "on" && tiling != "off")
        throw UsageError("--vae-tiling: '" + tiling + "' is not one of auto, on, off");
    const bool vaeTiles = tiling == "on" || (tiling == "auto" && vaeTilingPays(sd->vae->config, size, size));
    const Workload w =
        makeWorkload(what, *sd, size, batch, a.getInt("--rank", 4), a.getInt("--conv-rank", 0), vaeTiles);
    resetGpuPeakMemory();
    w.step();  // warm-up (allocator, kernels)
    if (dev.is_cuda()) torch::cuda::synchronize();
    prof::reset();
    prof::setDetailed(a.has("--by-shape"));
    prof::enable(true);
    const double t0 = now();
    double best = 1e30;  // this VM's speed drifts 10-20 % between runs: the fastest repetition is the steadier figure
    for (int i = 0; i < reps; ++i) {
        const double r0 = now();
        w.step();
        if (dev.is_cuda()) torch::cuda::synchronize();
        best = std::min(best, now() - r0);
    }
    const double secs = (now() - t0) / reps;
    prof::enable(false);
    const auto stats = prof::snapshot();
    double flops = 0, profiled = 0;
    for (const auto& [k, s] : stats) {
        flops += s.flops / reps;
        profiled += s.seconds / reps;
    }
    const double mm = mmGflops(dt, dev);
    const auto di = deviceInfo();
    nlohmann::json j{{"bench", what},        {"size", size},        {"batch", batch},
                     {"seconds_per_step", secs}, {"best_seconds_per_step", best}, {"gflop_per_step", flops / 1e9},
                     {"gflops_achieved", flops / secs / 1e9}, {"torch_mm_gflops", mm},
                     {"fraction_of_mm", flops / secs / 1e9 / mm}, {"peak_rss_mib", peakResidentMiB()},
                     {"device", di.describe()}, {"dtype", c10::toString(dt)}, {"allocator", di.allocator},
                     {"threads", di.cpuThreads}};
    if (what == "vae") j["vae_tiled"] = vaeTiles;
    nlohmann::json kinds = nlohmann::json::object();
    for (const auto& [k, s] : stats)
        kinds[k] = {{"seconds", s.seconds / reps}, {"gflop", s.flops / reps / 1e9},
                    {"gflops", s.seconds > 0 ? s.flops / s.seconds / 1e9 : 0.0}};
    kinds["other"] = {{"seconds", std::max(0.0, secs - profiled)}};
    if (what == "train") {
        int64_t trainable = 0, frozenWithGrad = 0;
        for (const auto& p : w.loraParams) trainable += p.numel();
        for (const auto& p : sd->unet->parameters()) frozenWithGrad += p.grad().defined() ? p.numel() : 0;
        j["trainable_parameters"] = trainable;
        // What data-parallel training all-reduces per step (f32 gradients), and a ring all-reduce's traffic per rank.
        j["allreduce_bytes_per_step"] = trainable * 4;
        j["frozen_parameters_with_gradient_buffers"] = frozenWithGrad;
    }
    if (dev.is_cuda()) j["peak_gpu_mib"] = peakGpuMemoryMiB();
    j["by_kind"] = kinds;
    const auto cs = convsel::stats();
    j["conv_shapes_measured"] = cs.decided;
    j["conv_shapes_prepacked"] = cs.prepacked;
    j["prepacked_weights_mib"] = cs.packedBytes / 1048576.0;
    j["winograd_convolutions"] = cs.winogradCalls;
    j["winograd_weights_cached"] = cs.winogradWeights;
    j["winograd_weights_mib"] = cs.winogradBytes / 1048576.0;
    j["fused_kernels"] = kern::enabled();
    if (a.has("--json")) printJson(j.dump());
    else printReport(j, kinds, reps);
    return 0;
}

Register reg({"bench", "benchmark the UNet, the VAE decode, a LoRA step, a whole text-to-image (time, where it goes) "
                       "or a working day in one process (soak: resident memory must level off), or loading a COCO "
                       "file against Python (coco)",
              "unet|vae|train|pipeline|soak (--model PATH | --random sd15|tiny) [--size PX] [--batch N] [--json] | "
              "coco --annotations FILE [--parser P] [--baseline]",
              {{"--model", "PATH", "load real weights"},
               {"--random", "CFG", "random weights of shape sd15 or tiny (default tiny)"},
               {"--size", "PX", "image side in pixels (default 256)"},
               {"--batch", "N", "batch (default 2: one CFG pair)"},
               {"--reps", "N", "timed repetitions (default 3)"},
               {"--device", "DEV", "cpu|cuda|auto (default cpu)"},
               {"--dtype", "T", "auto|f32|f16|bf16"},
               {"--threads", "N", "CPU threads"},
               {"--rank", "N", "train: LoRA rank (default 4)"},
               {"--conv-rank", "N", "train: LoCon rank of the ResNet convolutions (default 0: attention only)"},
               {"--plain-kernels", "", "LibTorch's ops only (no fused kernels, no per-shape conv choice)"},
               {"--winograd", "MODE", "3x3 convolutions by Winograd F(2x2,3x3): auto (its shapes), off, always"},
               {"--winograd-cache-mib", "N", "memory for weights kept in Winograd form (default 0: recomputed per call)"},
               {"--attention-slice-mib", "N", "score-matrix memory per attention slice (default 32)"},
               {"--by-shape", "", "time each convolution shape (and layout) on its own line"},
               {"--vae-tiling", "MODE", "vae: decode tile by tile: auto (above 1024x1024, as the pipeline does), on, off"},
               {"--sampler", "NAME", "pipeline: sampler (default lcm)"},
               {"--cache-interval", "N", "pipeline: also the first run with DeepCache (full UNet every N-th step): speed-up and image difference"},
               {"--steps", "N", "pipeline: steps (default 4)"},
               {"--cfg", "F", "pipeline: guidance scale (default 1: one UNet pass per step)"},
               {"--prompt", "TEXT", "pipeline: prompt"},
               {"--negative", "TEXT", "pipeline: negative prompt"},
               {"--tokenizer", "DIR", "tokenizer for random weights (default: the embedded model's)"},
               {"--hires-scale", "F", "pipeline: then the hires fix at this scale (its time and peak memory)"},
               {"--hires-strength", "F", "pipeline: the hires pass's strength (default 0.4)"},
               {"--hires-steps", "N", "pipeline: the hires pass's schedule length (default: --steps)"},
               {"--baseline", "", "pipeline: also 25 DPM++ 2M steps at CFG 7.5 in the same run, and the speed-up; coco: Python side by side"},
               {"--cells", "N", "soak: grid cells rendered (default 500)"},
               {"--cell-steps", "N", "soak: sampling steps per cell (default 12)"},
               {"--lora", "FILE", "soak: a LoRA attached and detached on every other cell, as the grid's LoRA column"},
               {"--bound-mib", "F", "soak: allowed growth after warm-up per 100 cells and per 1,000 steps (default 32)"},
               {"--work", "DIR", "soak: folder for the training data and run (default: a temporary one, removed)"},
               {"--annotations", "FILE", "coco: the instance file to load"},
               {"--parser", "P", "coco: auto|simdjson|nlohmann (default auto)"},
               {"--python", "EXE", "coco: the Python of the --baseline (default python3)"},
               {"--single-run", "FILE", "coco: one load in this process, its figures to FILE (a round, run as a child)"},
               {"--json", "", "machine-readable output"}},
              "coco: --baseline runs Python's json.load plus pycocotools' index in alternating rounds. "
              "soak: --steps is the number of training steps (default 2000); --model defaults to the embedded model.",
              run});

} // namespace
} // namespace adv::cli
