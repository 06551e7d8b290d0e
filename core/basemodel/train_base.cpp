#include "basemodel/train_base.h"

#include "basemodel/base_data.h"
#include "basemodel/judge.h"
#include "model/clip_text.h"
#include "model/unet.h"
#include "model/vae.h"
#include "pipeline/model_io.h"
#include "pipeline/sd_pipeline.h"
#include "sched/samplers.h"
#include "text/bpe_trainer.h"
#include "text/clip_tokenizer.h"
#include "train/loss.h"
#include "train/optim.h"
#include "util/error.h"
#include "util/fs.h"
#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <torch/torch.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>

namespace adv::base {

namespace sfs = std::filesystem;
using json = nlohmann::json;

namespace {

double now() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// Runs one optimisation stage: `lossFn(step)` returns the loss to minimise.
struct StageLoop {
    const StageOptions& o;
    std::vector<torch::Tensor> params;
    std::string name;
    const StageProgressFn& progress;
    const CancelToken* cancel;
    std::ofstream& metrics;

    StageReport run(const std::function<torch::Tensor(int)>& lossFn, const std::function<void()>& afterStep = {}) {
        StageReport rep;
        rep.name = name;
        rep.steps = o.steps;
        const double t0 = now();
        train::AdamW opt(params, o.learningRate, 0.9, 0.999, 1e-8, o.weightDecay);
        double ema = 0, tail = 0;
        int tailN = 0, bad = 0;
        for (int step = 0; step < o.steps; ++step) {
            throwIfCancelled(cancel);
            opt.lr = o.learningRate * train::lrFactor(o.schedule, step, o.warmupSteps, o.steps);
            opt.zeroGrad();
            auto loss = lossFn(step);
            const double lv = loss.item<double>();
            if (!std::isfinite(lv)) {
                if (++bad > 20) throw Error(name + " stage diverged: non-finite loss 20 times");
                spdlog::warn("[train-base] {} step {}: non-finite loss, step skipped", name, step + 1);
                continue;
            }
            loss.backward();
            if (o.maxGradNorm > 0) train::clipGradNorm(params, o.maxGradNorm);
            opt.step();
            if (afterStep) afterStep();
            ema = step == 0 ? lv : 0.98 * ema + 0.02 * lv;
            if (step >= o.steps * 95 / 100) {
                tail += lv;
                ++tailN;
            }
            if (step % 50 == 0 || step + 1 == o.steps) {
                metrics << json{{"stage", name}, {"step", step + 1}, {"loss", lv}, {"loss_smooth", ema},
                                {"lr", opt.lr}, {"seconds", now() - t0}}.dump()
                        << "\n";
                metrics.flush();
            }
            if (progress && (step % 10 == 0 || step + 1 == o.steps)) progress(name, step + 1, o.steps, ema);
        }
        rep.finalLoss = tailN ? tail / tailN : ema;
        rep.seconds = now() - t0;
        return rep;
    }
};

std::vector<torch::Tensor> paramsOf(std::initializer_list<torch::nn::Module*> mods) {
    std::vector<torch::Tensor> out;
    for (auto* m : mods)
        for (auto& p : m->parameters()) out.push_back(p);
    return out;
}

void copyInto(torch::nn::Module& dst, const std::vector<torch::Tensor>& src) {
    torch::NoGradGuard ng;
    auto ps = dst.parameters();
    if (ps.size() != src.size()) throw Error("internal: parameter count mismatch while copying weights");
    for (size_t i = 0; i < ps.size(); ++i) ps[i].copy_(src[i]);
}

uint64_t folderBytes(const sfs::path& d) {
    uint64_t n = 0;
    std::error_code ec;
    for (const auto& e : sfs::recursive_directory_iterator(d, ec))
        if (e.is_regular_file(ec)) n += e.file_size(ec);
    return n;
}

} // namespace

BaseTrainResult trainBase(const Recipe& recipeIn, const std::string& outDir, const StageProgressFn& progress,
                          const CancelToken* cancel, const std::string& continueFrom) {
    const double t0 = now();
    Recipe r = recipeIn;
    const sfs::path out(outDir);
    std::error_code ec;
    if (sfs::exists(out, ec) && !sfs::is_empty(out, ec))
        throw FileError(outDir, "already exists and is not empty; choose a new output folder");
    const sfs::path work = sfs::path(outDir + ".partial");
    sfs::remove_all(work, ec);
    sfs::create_directories(work);
    std::ofstream metrics(work / "metrics.jsonl");
    BaseTrainResult res;
    res.outDir = outDir;
    torch::manual_seed(r.seed);
    std::mt19937_64 rng(r.seed);

    // 1. Data: studio renders with captions.
    double ts = now();
    std::vector<cv::Mat> imgs;
    std::vector<std::string> captions;
    imgs.reserve(static_cast<size_t>(r.images));
    for (int i = 0; i < r.images; ++i) {
        auto s = renderStudio(r, r.categories[static_cast<size_t>(i) % r.categories.size()], rng);
        imgs.push_back(s.rgb);
        captions.push_back(s.caption);
        if (i % 500 == 0) throwIfCancelled(cancel);
    }
    res.stages.push_back({"data", r.images, now() - ts, 0, std::to_string(r.images) + " studio renders"});

    // A finished folder to continue from: its parts are loaded instead of trained.
    std::unique_ptr<StableDiffusion> prev;
    if (!continueFrom.empty()) {
        LoadOptions plo;
        plo.device = "cpu";
        plo.dtype = "f32";
        prev = StableDiffusion::load(continueFrom, plo);
        r.vaeConfig = prev->vae->config;
        r.unetConfig = prev->unet->config;
        r.text = prev->text->config;
        r.scheduler = prev->scheduler;  // the schedule its UNet learned
    }

    // 2. Tokenizer: BPE on the captions plus the product's phrases.
    ts = now();
    const auto tokDir = work / "tokenizer";
    if (prev) {
        sfs::create_directories(tokDir);
        for (const auto& e : sfs::directory_iterator(sfs::path(continueFrom) / "tokenizer"))
            sfs::copy_file(e.path(), tokDir / e.path().filename());
    } else {
        std::vector<std::string> corpus = captions;
        for (const auto& e : r.extraCorpus) corpus.push_back(e);
        for (const auto& k : r.categoryNames())
            for (const char* c : {"beach", "space", "city"}) corpus.push_back(promptFor(k, c));
        const auto bpe = trainBpe(corpus, static_cast<size_t>(r.tokenizerMerges), tokDir.string());
        res.stages.push_back({"tokenizer", static_cast<int>(bpe.merges), now() - ts, 0,
                              "vocabulary " + std::to_string(bpe.vocabSize) + " (" + std::to_string(bpe.merges) + " merges)"});
    }
    const auto tok = ClipTokenizer::fromFolder(tokDir.string());
    r.text.vocabSize = static_cast<int>(tok.vocabSize());

    // 3. Autoencoder.
    AutoencoderKL vae(r.vaeConfig);
    if (prev) {
        copyInto(*vae, prev->vae->parameters());
        vae->eval();
        res.scalingFactor = r.vaeConfig.scalingFactor;
    } else {
        std::vector<cv::Mat> vimgs;
        const int fromStudio = static_cast<int>(std::lround(r.vaeImages * r.vaeStudioFraction));
        const int onScenes = static_cast<int>(std::lround(r.vaeImages * r.vaeSceneGarments));
        for (int i = 0; i < fromStudio && i < r.images; ++i) vimgs.push_back(imgs[static_cast<size_t>(i)]);
        for (int i = 0; i < onScenes; ++i) vimgs.push_back(renderGarmentOnScene(r, rng).rgb);
        while (static_cast<int>(vimgs.size()) < r.vaeImages) vimgs.push_back(renderScene(r, rng).rgb);
        auto data = toTensor(vimgs);  // [N, 3, H, W]
        auto gen = at::detail::createCPUGenerator(r.seed + 1);
        vae->train();
        StageLoop loop{r.vae, vae->parameters(), "vae", progress, cancel, metrics};
        auto rep = loop.run([&](int) {
            auto x = data.index_select(0, torch::randint(0, data.size(0), {r.vae.batch}, gen, torch::kInt64));
            x = torch::where(torch::rand({x.size(0), 1, 1, 1}, gen) < 0.5, x.flip({3}), x);
            if (r.vaeColorJitter > 0) {
                const int64_t b = x.size(0);
                auto perm = torch::rand({b, 3}, gen).argsort(int64_t{1}).view({b, 3, 1, 1}).expand_as(x);  // [B,3,H,W]
                auto gain = 0.7 + 0.5 * torch::rand({b, 3, 1, 1}, gen);
                auto offset = 0.4 * (torch::rand({b, 3, 1, 1}, gen) - 0.5);
                auto recoloured = (x.gather(1, perm) * gain + offset).clamp(-1, 1);
                x = torch::where(torch::rand({b, 1, 1, 1}, gen) < r.vaeColorJitter, recoloured, x);
            }
            auto d = vae->encode(x);
            auto z = d.mean + d.std * torch::randn(d.mean.sizes(), gen);
            auto rec = vae->decode(z);  // [B, 3, H, W]
            const double pixels = static_cast<double>(x[0].numel());
            auto recLoss = (rec - x).abs().sum({1, 2, 3}).mean() + (rec - x).pow(2).sum({1, 2, 3}).mean();
            auto kl = 0.5 * (d.mean.pow(2) + d.std.pow(2) - 1.0 - d.logvar).sum({1, 2, 3}).mean();
            return (recLoss + r.klWeight * kl) / pixels;
        });
        vae->eval();
        // Scaling factor: 1 / std of sampled latents, as SD's 0.18215 was chosen.
        torch::NoGradGuard ng;
        std::vector<torch::Tensor> zs;
        for (int64_t i = 0; i < std::min<int64_t>(data.size(0), 2048); i += 256) {
            auto d = vae->encode(data.slice(0, i, std::min<int64_t>(data.size(0), i + 256)));
            zs.push_back(d.mean + d.std * torch::randn(d.mean.sizes(), gen));
        }
        const double stdv = torch::cat(zs).std().item<double>();
        r.vaeConfig.scalingFactor = 1.0 / stdv;
        vae->config.scalingFactor = r.vaeConfig.scalingFactor;
        res.scalingFactor = r.vaeConfig.scalingFactor;
        rep.detail = "scaling factor " + std::to_string(r.vaeConfig.scalingFactor);
        res.stages.push_back(rep);
        // What the autoencoder does to 8 training images spread over the studio, garment-on-scene
        // and scene parts: originals above, round trips below.
        std::vector<int64_t> shown;
        for (int64_t i = 0; i < 8; ++i) shown.push_back(i * data.size(0) / 8);
        auto x = data.index_select(0, torch::tensor(shown, torch::kInt64));
        auto back = vae->decode(vae->encode(x).mean).clamp(-1, 1);
        cv::Mat top, bottom, sheet;
        cv::hconcat(toImages(x), top);
        cv::hconcat(toImages(back), bottom);
        cv::vconcat(top, bottom, sheet);
        cv::cvtColor(sheet, sheet, cv::COLOR_RGB2BGR);
        sfs::create_directories(work / "samples");
        cv::imwrite((work / "samples" / "vae_roundtrip.png").string(), sheet);
    }

    // 4. Latent distributions of the studio renders (cached once, sampled each step).
    ts = now();
    torch::Tensor means, stds;
    {
        torch::NoGradGuard ng;
        std::vector<torch::Tensor> ms, ss;
        for (size_t i = 0; i < imgs.size(); i += 256) {
            std::vector<cv::Mat> chunk(imgs.begin() + static_cast<long>(i),
                                       imgs.begin() + static_cast<long>(std::min(imgs.size(), i + 256)));
            auto d = vae->encode(toTensor(chunk));
            ms.push_back(d.mean);
            ss.push_back(d.std);
            throwIfCancelled(cancel);
        }
        means = torch::cat(ms);
        stds = torch::cat(ss);
    }
    std::vector<torch::Tensor> idRows;
    for (const auto& c : captions) idRows.push_back(torch::tensor(tok(c, r.text.maxPositions)));
    auto ids = torch::stack(idRows);  // [N, 77]
    imgs.clear();
    res.stages.push_back({"latents", static_cast<int>(means.size(0)), now() - ts, 0, ""});

    // 5. Text encoder + UNet, epsilon prediction, min-SNR weighting, EMA weights shipped.
    ClipTextModel text(r.text);
    UNet2DConditionModel unet(r.unetConfig);
    text->train();
    unet->train();
    if (prev) {
        copyInto(*text, prev->text->parameters());
        copyInto(*unet, prev->unet->parameters());
    }
    auto params = paramsOf({text.get(), unet.get()});
    std::vector<torch::Tensor> ema;
    for (auto& p : params) ema.push_back(p.detach().clone());
    const SchedulerConfig sc = r.scheduler;
    const auto sched = NoiseSchedule::fromConfig(sc);
    auto gen = at::detail::createCPUGenerator(r.seed + 2);
    const double sf = r.vaeConfig.scalingFactor;
    int emaStep = 0;
    auto diffusionLoss = [&](double noiseOffset) {
            auto idx = torch::randint(0, means.size(0), {r.unet.batch}, gen, torch::kInt64);
            auto m = means.index_select(0, idx), s = stds.index_select(0, idx);
            auto latents = (m + s * torch::randn(m.sizes(), gen)) * sf;  // [B, 4, h, w]
            auto noise = torch::randn(latents.sizes(), gen);
            if (noiseOffset > 0) noise = noise + noiseOffset * torch::randn({latents.size(0), latents.size(1), 1, 1}, gen);
            auto t = torch::randint(0, sc.numTrainTimesteps, {latents.size(0)}, gen, torch::kInt64);
            auto noisy = sched.addNoise(latents, noise, t);
            auto ctx = text->forward(ids.index_select(0, idx)).lastHiddenState;  // [B, 77, D]
            auto pred = unet->forward(noisy, t, ctx);
            auto target = sched.target(sc.predictionType, latents, noise, t);  // [B, 4, h, w]
            auto perSample = (pred - target).pow(2).mean({1, 2, 3});             // [B]
            if (r.snrGamma > 0)
                perSample = perSample * train::snrLossWeights(sched.snr(t), sc.predictionType == "v_prediction",
                                                              r.snrGamma, false);
            return perSample.mean();
    };
    auto emaUpdate = [&]() {
        torch::NoGradGuard ng;
        ++emaStep;
        const double d = std::min(r.emaDecay, (1.0 + emaStep) / (10.0 + emaStep));
        for (size_t i = 0; i < params.size(); ++i) ema[i].mul_(d).add_(params[i].detach(), 1 - d);
    };
    if (!prev) {
        StageLoop loop{r.unet, params, "diffusion", progress, cancel, metrics};
        auto rep = loop.run([&](int) { return diffusionLoss(0.0); }, emaUpdate);
        rep.detail = "EMA decay " + std::to_string(r.emaDecay);
        res.stages.push_back(rep);
    }
    if (r.refine.steps > 0) {
        // Continue from the EMA weights, fresh optimizer, offset noise.
        {
            torch::NoGradGuard ng;
            for (size_t i = 0; i < params.size(); ++i) params[i].copy_(ema[i]);
        }
        emaStep = 0;
        StageLoop loop{r.refine, params, "refine", progress, cancel, metrics};
        auto rep = loop.run([&](int) { return diffusionLoss(r.refineNoiseOffset); }, emaUpdate);
        rep.detail = "noise offset " + std::to_string(r.refineNoiseOffset);
        res.stages.push_back(rep);
    }

    // 6. Write the diffusers folder with the EMA weights.
    LoadOptions lo;
    lo.device = "cpu";
    lo.dtype = "f32";
    auto sd = StableDiffusion::random(r.unetConfig, r.vaeConfig, r.text, lo);
    {
        std::vector<torch::Tensor> textEma(ema.begin(), ema.begin() + static_cast<long>(text->parameters().size()));
        std::vector<torch::Tensor> unetEma(ema.begin() + static_cast<long>(text->parameters().size()), ema.end());
        copyInto(*sd->text, textEma);
        copyInto(*sd->unet, unetEma);
        copyInto(*sd->vae, vae->parameters());
    }
    sd->scheduler = r.scheduler;
    saveDiffusers(*sd, work.string(), r.storeDtype == "f16" ? torch::kFloat16 : torch::kFloat32, tokDir.string());

    // 7. The judge, trained on ground truth (half of it through this autoencoder).
    if (prev) {
        sfs::create_directories(work / "judge");
        for (const auto& e : sfs::directory_iterator(sfs::path(continueFrom) / "judge"))
            sfs::copy_file(e.path(), work / "judge" / e.path().filename());
        std::error_code ec2;
        sfs::create_directories(work / "samples");
        sfs::copy_file(sfs::path(continueFrom) / "samples" / "vae_roundtrip.png", work / "samples" / "vae_roundtrip.png", ec2);
        res.stages.push_back({"continued", 0, 0, 0, "tokenizer, autoencoder, text encoder, UNet and judge from " + continueFrom});
    } else {
        JudgeTrainReport jr;
        auto judge = trainJudge(
            r,
            [&](const torch::Tensor& x) {
                auto d = vae->encode(x);
                return vae->decode(d.mean);
            },
            jr, [&](int s, int n, double l) { if (progress) progress("judge", s, n, l); }, cancel);
        judge.save((work / "judge").string());
        char buf[160];
        std::snprintf(buf, sizeof buf, "held-out accuracy: category %.3f, background %.3f",
                      jr.heldOutCategoryAccuracy, jr.heldOutConditionAccuracy);
        res.stages.push_back({"judge", jr.steps, jr.seconds, jr.finalLoss, buf});
    }

    res.seconds = now() - t0;
    fs::writeFileAtomic(work / "recipe.json", r.toJsonText());
    json stages = json::array();
    for (const auto& s : res.stages)
        stages.push_back({{"stage", s.name}, {"steps", s.steps}, {"seconds", s.seconds}, {"final_loss", s.finalLoss},
                          {"detail", s.detail}});
    fs::writeFileAtomic(work / "training.json",
                        json{{"name", r.name}, {"seconds", res.seconds}, {"threads", torch::get_num_threads()},
                             {"stages", stages}, {"continued_from", continueFrom}}.dump(2));
    metrics.close();
    sfs::remove(out, ec);  // an empty folder may exist
    sfs::rename(work, out);
    res.bytes = folderBytes(out);
    return res;
}

} // namespace adv::base
