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

// One training of the embedded model, stage by stage (each a method, in the order they run; the RNG
// draws happen in the same order as they always did, so a recipe reproduces its model).
class BaseTraining {
public:
    BaseTraining(const Recipe& recipe, const std::string& outDir, const StageProgressFn& progress,
                 const CancelToken* cancel, const std::string& continueFrom)
        : r_(recipe), out_(outDir), work_(outDir + ".partial"), progress_(progress), cancel_(cancel),
          continueFrom_(continueFrom), rng_(recipe.seed) {}

    BaseTrainResult run() {
        const double t0 = now();
        std::error_code ec;
        if (sfs::exists(out_, ec) && !sfs::is_empty(out_, ec))
            throw FileError(out_.string(), "already exists and is not empty; choose a new output folder");
        sfs::remove_all(work_, ec);
        sfs::create_directories(work_);
        metrics_.open(work_ / "metrics.jsonl");
        res_.outDir = out_.string();
        torch::manual_seed(r_.seed);

        renderData();
        loadContinued();
        tokenizer();
        autoencoder();
        cacheLatents();
        diffusion();
        writeModel();
        judge();

        res_.seconds = now() - t0;
        writeReports();
        sfs::remove(out_, ec);  // an empty folder may exist
        sfs::rename(work_, out_);
        res_.bytes = folderBytes(out_);
        return res_;
    }

private:
    // 1. Data: studio renders with captions.
    void renderData() {
        const double ts = now();
        imgs_.reserve(static_cast<size_t>(r_.images));
        for (int i = 0; i < r_.images; ++i) {
            auto s = renderStudio(r_, r_.categories[static_cast<size_t>(i) % r_.categories.size()], rng_);
            imgs_.push_back(s.rgb);
            captions_.push_back(s.caption);
            if (i % 500 == 0) throwIfCancelled(cancel_);
        }
        res_.stages.push_back({"data", r_.images, now() - ts, 0, std::to_string(r_.images) + " studio renders"});
    }

    // A finished folder to continue from: its parts are loaded instead of trained.
    void loadContinued() {
        if (continueFrom_.empty()) return;
        LoadOptions plo;
        plo.device = "cpu";
        plo.dtype = "f32";
        prev_ = StableDiffusion::load(continueFrom_, plo);
        r_.vaeConfig = prev_->vae->config;
        r_.unetConfig = prev_->unet->config;
        r_.text = prev_->text->config;
        r_.scheduler = prev_->scheduler;  // the schedule its UNet learned
    }

    // 2. Tokenizer: BPE on the captions plus the product's phrases.
    void tokenizer() {
        const double ts = now();
        tokDir_ = work_ / "tokenizer";
        if (prev_) {
            copyFolder(sfs::path(continueFrom_) / "tokenizer", tokDir_);
        } else {
            std::vector<std::string> corpus = captions_;
            for (const auto& e : r_.extraCorpus) corpus.push_back(e);
            for (const auto& k : r_.categoryNames())
                for (const char* c : {"beach", "space", "city"}) corpus.push_back(promptFor(k, c));
            const auto bpe = trainBpe(corpus, static_cast<size_t>(r_.tokenizerMerges), tokDir_.string());
            res_.stages.push_back({"tokenizer", static_cast<int>(bpe.merges), now() - ts, 0,
                                   "vocabulary " + std::to_string(bpe.vocabSize) + " (" + std::to_string(bpe.merges) +
                                       " merges)"});
        }
        tok_ = std::make_unique<ClipTokenizer>(ClipTokenizer::fromFolder(tokDir_.string()));
        r_.text.vocabSize = static_cast<int>(tok_->vocabSize());
    }

    // 3. Autoencoder.
    void autoencoder() {
        vae_ = AutoencoderKL(r_.vaeConfig);
        if (prev_) {
            copyInto(*vae_, prev_->vae->parameters());
            vae_->eval();
            res_.scalingFactor = r_.vaeConfig.scalingFactor;
            return;
        }
        std::vector<cv::Mat> vimgs;
        const int fromStudio = static_cast<int>(std::lround(r_.vaeImages * r_.vaeStudioFraction));
        const int onScenes = static_cast<int>(std::lround(r_.vaeImages * r_.vaeSceneGarments));
        for (int i = 0; i < fromStudio && i < r_.images; ++i) vimgs.push_back(imgs_[static_cast<size_t>(i)]);
        for (int i = 0; i < onScenes; ++i) vimgs.push_back(renderGarmentOnScene(r_, rng_).rgb);
        while (static_cast<int>(vimgs.size()) < r_.vaeImages) vimgs.push_back(renderScene(r_, rng_).rgb);
        auto data = toTensor(vimgs);  // [N, 3, H, W]
        auto gen = at::detail::createCPUGenerator(r_.seed + 1);
        vae_->train();
        StageLoop loop{r_.vae, vae_->parameters(), "vae", progress_, cancel_, metrics_};
        auto rep = loop.run([&](int) { return autoencoderLoss(data, gen); });
        vae_->eval();
        // Scaling factor: 1 / std of sampled latents, as SD's 0.18215 was chosen.
        torch::NoGradGuard ng;
        std::vector<torch::Tensor> zs;
        for (int64_t i = 0; i < std::min<int64_t>(data.size(0), 2048); i += 256) {
            auto d = vae_->encode(data.slice(0, i, std::min<int64_t>(data.size(0), i + 256)));
            zs.push_back(d.mean + d.std * torch::randn(d.mean.sizes(), gen));
        }
        const double stdv = torch::cat(zs).std().item<double>();
        r_.vaeConfig.scalingFactor = 1.0 / stdv;
        vae_->config.scalingFactor = r_.vaeConfig.scalingFactor;
        res_.scalingFactor = r_.vaeConfig.scalingFactor;
        rep.detail = "scaling factor " + std::to_string(r_.vaeConfig.scalingFactor);
        res_.stages.push_back(rep);
        writeRoundTripSheet(data);
    }

    torch::Tensor autoencoderLoss(const torch::Tensor& data, at::Generator& gen) {
        auto x = data.index_select(0, torch::randint(0, data.size(0), {r_.vae.batch}, gen, torch::kInt64));
        x = torch::where(torch::rand({x.size(0), 1, 1, 1}, gen) < 0.5, x.flip({3}), x);
        if (r_.vaeColorJitter > 0) {
            const int64_t b = x.size(0);
            auto perm = torch::rand({b, 3}, gen).argsort(int64_t{1}).view({b, 3, 1, 1}).expand_as(x);  // [B,3,H,W]
            auto gain = 0.7 + 0.5 * torch::rand({b, 3, 1, 1}, gen);
            auto offset = 0.4 * (torch::rand({b, 3, 1, 1}, gen) - 0.5);
            auto recoloured = (x.gather(1, perm) * gain + offset).clamp(-1, 1);
            x = torch::where(torch::rand({b, 1, 1, 1}, gen) < r_.vaeColorJitter, recoloured, x);
        }
        auto d = vae_->encode(x);
        auto z = d.mean + d.std * torch::randn(d.mean.sizes(), gen);
        auto rec = vae_->decode(z);  // [B, 3, H, W]
        const double pixels = static_cast<double>(x[0].numel());
        auto recLoss = (rec - x).abs().sum({1, 2, 3}).mean() + (rec - x).pow(2).sum({1, 2, 3}).mean();
        auto kl = 0.5 * (d.mean.pow(2) + d.std.pow(2) - 1.0 - d.logvar).sum({1, 2, 3}).mean();
        return (recLoss + r_.klWeight * kl) / pixels;
    }

    // What the autoencoder does to 8 training images spread over the studio, garment-on-scene and scene
    // parts: originals above, round trips below.
    void writeRoundTripSheet(const torch::Tensor& data) {
        torch::NoGradGuard ng;
        std::vector<int64_t> shown;
        for (int64_t i = 0; i < 8; ++i) shown.push_back(i * data.size(0) / 8);
        auto x = data.index_select(0, torch::tensor(shown, torch::kInt64));  // [8, 3, H, W]
        auto back = vae_->decode(vae_->encode(x).mean).clamp(-1, 1);
        cv::Mat top, bottom, sheet;
        cv::hconcat(toImages(x), top);
        cv::hconcat(toImages(back), bottom);
        cv::vconcat(top, bottom, sheet);
        cv::cvtColor(sheet, sheet, cv::COLOR_RGB2BGR);
        sfs::create_directories(work_ / "samples");
        cv::imwrite((work_ / "samples" / "vae_roundtrip.png").string(), sheet);
    }

    // 4. Latent distributions of the studio renders (cached once, sampled each step).
    void cacheLatents() {
        const double ts = now();
        {
            torch::NoGradGuard ng;
            std::vector<torch::Tensor> ms, ss;
            for (size_t i = 0; i < imgs_.size(); i += 256) {
                std::vector<cv::Mat> chunk(imgs_.begin() + static_cast<long>(i),
                                           imgs_.begin() + static_cast<long>(std::min(imgs_.size(), i + 256)));
                auto d = vae_->encode(toTensor(chunk));
                ms.push_back(d.mean);
                ss.push_back(d.std);
                throwIfCancelled(cancel_);
            }
            means_ = torch::cat(ms);  // [N, 4, h, w]
            stds_ = torch::cat(ss);
        }
        std::vector<torch::Tensor> idRows;
        for (const auto& c : captions_) idRows.push_back(torch::tensor((*tok_)(c, r_.text.maxPositions)));
        ids_ = torch::stack(idRows);  // [N, 77]
        imgs_.clear();
        res_.stages.push_back({"latents", static_cast<int>(means_.size(0)), now() - ts, 0, ""});
    }

    // 5. Text encoder + UNet, epsilon prediction, min-SNR weighting, EMA weights shipped.
    void diffusion() {
        text_ = ClipTextModel(r_.text);
        unet_ = UNet2DConditionModel(r_.unetConfig);
        text_->train();
        unet_->train();
        if (prev_) {
            copyInto(*text_, prev_->text->parameters());
            copyInto(*unet_, prev_->unet->parameters());
        }
        params_ = paramsOf({text_.get(), unet_.get()});
        for (auto& p : params_) ema_.push_back(p.detach().clone());
        const auto sched = NoiseSchedule::fromConfig(r_.scheduler);
        auto gen = at::detail::createCPUGenerator(r_.seed + 2);
        if (!prev_) {
            StageLoop loop{r_.unet, params_, "diffusion", progress_, cancel_, metrics_};
            auto rep = loop.run([&](int) { return diffusionLoss(sched, gen, 0.0); }, [&] { emaUpdate(); });
            rep.detail = "EMA decay " + std::to_string(r_.emaDecay);
            res_.stages.push_back(rep);
        }
        if (r_.refine.steps > 0) {
            // Continue from the EMA weights, fresh optimizer, offset noise.
            {
                torch::NoGradGuard ng;
                for (size_t i = 0; i < params_.size(); ++i) params_[i].copy_(ema_[i]);
            }
            emaStep_ = 0;
            StageLoop loop{r_.refine, params_, "refine", progress_, cancel_, metrics_};
            auto rep = loop.run([&](int) { return diffusionLoss(sched, gen, r_.refineNoiseOffset); },
                                [&] { emaUpdate(); });
            rep.detail = "noise offset " + std::to_string(r_.refineNoiseOffset);
            res_.stages.push_back(rep);
        }
    }

    torch::Tensor diffusionLoss(const NoiseSchedule& sched, at::Generator& gen, double noiseOffset) {
        const SchedulerConfig& sc = r_.scheduler;
        auto idx = torch::randint(0, means_.size(0), {r_.unet.batch}, gen, torch::kInt64);
        auto m = means_.index_select(0, idx), s = stds_.index_select(0, idx);
        auto latents = (m + s * torch::randn(m.sizes(), gen)) * r_.vaeConfig.scalingFactor;  // [B, 4, h, w]
        auto noise = torch::randn(latents.sizes(), gen);
        if (noiseOffset > 0) noise = noise + noiseOffset * torch::randn({latents.size(0), latents.size(1), 1, 1}, gen);
        auto t = torch::randint(0, sc.numTrainTimesteps, {latents.size(0)}, gen, torch::kInt64);
        auto noisy = sched.addNoise(latents, noise, t);
        auto ctx = text_->forward(ids_.index_select(0, idx)).lastHiddenState;  // [B, 77, D]
        auto pred = unet_->forward(noisy, t, ctx);
        auto target = sched.target(sc.predictionType, latents, noise, t);  // [B, 4, h, w]
        auto perSample = (pred - target).pow(2).mean({1, 2, 3});             // [B]
        if (r_.snrGamma > 0)
            perSample = perSample * train::snrLossWeights(sched.snr(t), sc.predictionType == "v_prediction",
                                                          r_.snrGamma, false);
        return perSample.mean();
    }

    void emaUpdate() {
        torch::NoGradGuard ng;
        ++emaStep_;
        const double d = std::min(r_.emaDecay, (1.0 + emaStep_) / (10.0 + emaStep_));
        for (size_t i = 0; i < params_.size(); ++i) ema_[i].mul_(d).add_(params_[i].detach(), 1 - d);
    }

    // 6. Write the diffusers folder with the EMA weights.
    void writeModel() {
        LoadOptions lo;
        lo.device = "cpu";
        lo.dtype = "f32";
        auto sd = StableDiffusion::random(r_.unetConfig, r_.vaeConfig, r_.text, lo);
        const auto nText = static_cast<long>(text_->parameters().size());
        copyInto(*sd->text, std::vector<torch::Tensor>(ema_.begin(), ema_.begin() + nText));
        copyInto(*sd->unet, std::vector<torch::Tensor>(ema_.begin() + nText, ema_.end()));
        copyInto(*sd->vae, vae_->parameters());
        sd->scheduler = r_.scheduler;
        saveDiffusers(*sd, work_.string(), r_.storeDtype == "f16" ? torch::kFloat16 : torch::kFloat32,
                      tokDir_.string());
    }

    // 7. The judge, trained on ground truth (half of it through this autoencoder).
    void judge() {
        if (prev_) {
            copyFolder(sfs::path(continueFrom_) / "judge", work_ / "judge");
            std::error_code ec;
            sfs::create_directories(work_ / "samples");
            sfs::copy_file(sfs::path(continueFrom_) / "samples" / "vae_roundtrip.png",
                           work_ / "samples" / "vae_roundtrip.png", ec);
            res_.stages.push_back(
                {"continued", 0, 0, 0, "tokenizer, autoencoder, text encoder, UNet and judge from " + continueFrom_});
            return;
        }
        JudgeTrainReport jr;
        auto j = trainJudge(
            r_, [&](const torch::Tensor& x) { return vae_->decode(vae_->encode(x).mean); }, jr,
            [&](int s, int n, double l) {
                if (progress_) progress_("judge", s, n, l);
            },
            cancel_);
        j.save((work_ / "judge").string());
        char buf[160];
        std::snprintf(buf, sizeof buf, "held-out accuracy: category %.3f, background %.3f", jr.heldOutCategoryAccuracy,
                      jr.heldOutConditionAccuracy);
        res_.stages.push_back({"judge", jr.steps, jr.seconds, jr.finalLoss, buf});
    }

    void writeReports() {
        fs::writeFileAtomic(work_ / "recipe.json", r_.toJsonText());
        json stages = json::array();
        for (const auto& s : res_.stages)
            stages.push_back({{"stage", s.name}, {"steps", s.steps}, {"seconds", s.seconds},
                              {"final_loss", s.finalLoss}, {"detail", s.detail}});
        fs::writeFileAtomic(work_ / "training.json",
                            json{{"name", r_.name}, {"seconds", res_.seconds}, {"threads", torch::get_num_threads()},
                                 {"stages", stages}, {"continued_from", continueFrom_}}
                                .dump(2));
        metrics_.close();
    }

    static void copyFolder(const sfs::path& from, const sfs::path& to) {
        sfs::create_directories(to);
        for (const auto& e : sfs::directory_iterator(from)) sfs::copy_file(e.path(), to / e.path().filename());
    }

    Recipe r_;
    const sfs::path out_, work_;
    const StageProgressFn& progress_;
    const CancelToken* cancel_;
    const std::string continueFrom_;
    std::mt19937_64 rng_;
    std::ofstream metrics_;
    BaseTrainResult res_;

    std::vector<cv::Mat> imgs_;
    std::vector<std::string> captions_;
    std::unique_ptr<StableDiffusion> prev_;
    sfs::path tokDir_;
    std::unique_ptr<ClipTokenizer> tok_;
    AutoencoderKL vae_{nullptr};
    torch::Tensor means_, stds_, ids_;
    ClipTextModel text_{nullptr};
    UNet2DConditionModel unet_{nullptr};
    std::vector<torch::Tensor> params_, ema_;
    int emaStep_ = 0;
};

} // namespace

BaseTrainResult trainBase(const Recipe& recipe, const std::string& outDir, const StageProgressFn& progress,
                          const CancelToken* cancel, const std::string& continueFrom) {
    return BaseTraining(recipe, outDir, progress, cancel, continueFrom).run();
}

} // namespace adv::base
