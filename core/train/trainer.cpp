#include "train/trainer.h"

#include "util/device.h"

#include "dist/process_group.h"
#include "io/safetensors.h"
#include "lora/lora.h"
#include "model/layers.h"
#include "pipeline/image_convert.h"
#include "pipeline/sd_pipeline.h"
#include "train/lcm_distill.h"
#include "train/loss.h"
#include "train/optim.h"
#include "train/train_data.h"
#include "util/device.h"
#include "util/error.h"
#include "util/json_read.h"
#include "util/fs.h"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>
#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <thread>

namespace adv::train {

namespace sfs = std::filesystem;
using json = nlohmann::json;

namespace {

double now() { return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count(); }

std::string stepName(int step) {
    char b[32];
    std::snprintf(b, sizeof b, "step-%07d", step);
    return b;
}

// Everything that must survive a kill -9 to continue the same run.
struct RunState {
    int step = 0;
    std::mt19937_64 order{0};
    std::vector<uint32_t> perm;
    size_t pos = 0;
    double lrScale = 1.0;
    int rollbacks = 0;
    int consecutiveBad = 0;
    double ema = 0, emaWeight = 0;
};

class Run {
public:
    Run(const TrainConfig& c, const TrainEvents& ev, TrainControl* ctl, const dist::LaunchEnv& launch)
        : c_(c), ev_(ev), ctl_(ctl), launch_(launch) {}

    TrainResult go(bool resume);

private:
    bool isMain() const { return rank_ == 0; }
    // Data parallel: a collective over the ranks (no-ops in a single process).
    void barrier(std::chrono::seconds timeout) {
        if (pg_) pg_->barrier(timeout);
    }
    bool anyRank(bool flag) {
        if (!pg_) return flag;
        auto t = torch::full({1}, flag ? 1.0f : 0.0f);
        pg_->allreduceSum({t});
        return t.item<float>() > 0;
    }
    void joinGroup();
    void event(const std::string& kind, const std::string& msg) {
        if (!isMain()) {  // one voice per run: rank 0 speaks for all
            spdlog::debug("[train rank {}] {}: {}", rank_, kind, msg);
            return;
        }
        spdlog::info("[train] {}: {}", kind, msg);
        if (ev_.onEvent) ev_.onEvent(kind, msg);
        appendLine(sfs::path(c_.outDir) / "events.log", kind + ": " + msg);
    }
    static void appendLine(const sfs::path& p, const std::string& line) {
        std::ofstream out(p, std::ios::app);
        out << line << "\n";
    }
    std::vector<uint32_t> nextBatch();
    // The latents of idx[lo, hi) (random draws made for all of idx, so every rank's generator stays in step).
    torch::Tensor latentsFor(const std::vector<uint32_t>& idx, torch::Tensor* masks, size_t lo, size_t hi);  // masks: [b, 1, h, w] or undefined
    torch::Tensor contextFor(const std::vector<uint32_t>& idx);
    void saveCheckpoint();
    void loadCheckpoint(const std::string& dir);
    void pruneCheckpoints();
    void writeFinalLora(const std::string& path);
    void validate();
    void truncateMetrics(int upToStep);
    // go()'s parts, in the order they run.
    void prepare(bool resume);               // model, cached latents, LoRA, optimizer, resume point
    void prepareRunFolder(bool resume);      // rank 0: the run folder, config.json, metrics.jsonl
    void prepareLora();
    bool accumulate(double* lossSum);        // forward/backward over the micro-batches; false on a non-finite loss
    // One micro-batch's per-sample loss [b]: the denoising loss, or the consistency distillation loss.
    torch::Tensor denoisingLossFor(const torch::Tensor& latents, const torch::Tensor& subject, const torch::Tensor& ctx,
                                   int64_t B, size_t lo, size_t hi);
    torch::Tensor distillationLossFor(const torch::Tensor& latents, const torch::Tensor& ctx, int64_t B, size_t lo, size_t hi);
    double unscaleAndClip(bool bad);         // gradient norm (NaN when bad); adjusts the dynamic loss scale
    bool handleBadStep(StepMetrics& m, bool badLoss, TrainResult& res);  // false: training failed
    void record(const StepMetrics& m);       // metrics.jsonl and the step callback

    TrainConfig c_;
    torch::Tensor tWeights_;  // [T] timestep sampling weights, undefined = uniform
    const TrainEvents& ev_;
    TrainControl* ctl_;
    std::unique_ptr<StableDiffusion> sd_;
    std::vector<TrainItem> items_;
    LoraWeights lora_;
    std::vector<torch::Tensor> params_;
    std::unique_ptr<AdamW> opt_;
    at::Generator gen_;
    RunState st_;
    std::string lastCheckpoint_;
    std::unique_ptr<NoiseSchedule> sched_;
    std::unique_ptr<DdimSolver> solver_;  // lcm_distill: the teacher's solver
    std::vector<torch::Tensor> uncond_;   // lcm_distill: the empty prompt's embedding [1, 77, D] per stack (0: base)
    std::vector<LoraWeights> teacherLoras_;  // lcm_distill: LoRAs the LCM-LoRA learns to stack on (frozen)
    int stacked_ = 0;                        // this micro-batch: 0 the base alone, k: teacherLoras_[k - 1] attached
    // lcm_distill with teacher LoRAs: draws this micro-batch's stack (the same on every rank) and attaches it.
    void chooseStack();
    void attachStack(int k);
    std::set<int> poisoned_;
    double lossScale_ = 1.0;  // dynamic loss scaling (f16 on CUDA)
    int goodSinceScale_ = 0;
    bool overflowed_ = false;  // this step's f16 gradients overflowed: skipped, not a divergence
    double stepTimeAvg_ = 0;
    dist::LaunchEnv launch_;
    std::unique_ptr<dist::ProcessGroup> pg_;  // data parallel: set when world > 1
    int rank_ = 0, world_ = 1;
    std::string device_;  // data parallel on CUDA: this rank's GPU ("cuda:<local rank>")
};

std::vector<uint32_t> Run::nextBatch() {
    std::vector<uint32_t> idx;
    while (static_cast<int>(idx.size()) < c_.batch) {
        if (st_.pos >= st_.perm.size()) {
            st_.perm.resize(items_.size());
            for (uint32_t i = 0; i < st_.perm.size(); ++i) st_.perm[i] = i;
            std::shuffle(st_.perm.begin(), st_.perm.end(), st_.order);
            st_.pos = 0;
        }
        idx.push_back(st_.perm[st_.pos++]);
    }
    return idx;
}

torch::Tensor Run::latentsFor(const std::vector<uint32_t>& idx, torch::Tensor* masks, size_t lo, size_t hi) {
    const bool masked = c_.subjectLossWeight < 1.0;
    std::vector<torch::Tensor> out, maskOut;
    for (size_t k = 0; k < idx.size(); ++k) {
        auto& it = items_[idx[k]];
        const bool mine = k >= lo && k < hi;
        const bool flip = c_.randomFlip && torch::rand({1}, gen_).item<float>() < 0.5f;
        torch::Tensor mean, std;
        if (!c_.centerCrop) {
            torch::NoGradGuard ng;
            const auto off = torch::rand({2}, gen_);
            if (!mine) {  // another rank's sample: the same draws, no encode
                (void)torch::randn({sd_->vae->config.latentChannels, c_.resolution / sd_->vae->config.downscale(),
                                    c_.resolution / sd_->vae->config.downscale()}, gen_, torch::kFloat32);
                continue;
            }
            auto img = prepareImage(it.image, c_.resolution, off[0].item<double>(), off[1].item<double>(), flip);
            auto d = sd_->vae->encode(img.unsqueeze(0).to(sd_->device()));
            mean = d.mean[0].to(torch::kCPU), std = d.std[0].to(torch::kCPU);
            if (masked)  // cacheItems checked that every pair has one
                maskOut.push_back(maskToLatent(prepareMask(it.maskPath, c_.resolution, off[0].item<double>(),
                                                           off[1].item<double>(), flip),
                                               mean.size(1), mean.size(2)));
        } else {
            mean = flip ? it.meanFlip : it.mean;
            std = flip ? it.stdFlip : it.std;
            if (masked && mine) maskOut.push_back(flip ? it.maskFlip : it.mask);
        }
        // latent_dist.sample() * scaling_factor, drawn from the run's generator.
        auto z = (mean + std * torch::randn(mean.sizes(), gen_, torch::kFloat32)) * sd_->vae->config.scalingFactor;
        if (mine) out.push_back(z);
    }
    if (masks) *masks = masked ? torch::stack(maskOut).to(sd_->device(), torch::kFloat32) : torch::Tensor();
    return torch::stack(out).to(sd_->device(), sd_->dtype());  // [B, 4, h, w]
}

torch::Tensor Run::contextFor(const std::vector<uint32_t>& idx) {
    // The cached embeddings are the base text encoder's: an adapted one (trained, or a stacked teacher LoRA's
    // frozen adapters) encodes the captions anew.
    if (c_.trainTextEncoder || stacked_ > 0) {
        std::optional<torch::NoGradGuard> frozen;
        if (!c_.trainTextEncoder) frozen.emplace();
        std::vector<torch::Tensor> ids;
        for (uint32_t i : idx) ids.push_back(items_[i].ids);
        return sd_->text->forward(torch::stack(ids).to(sd_->device())).lastHiddenState.to(sd_->dtype());
    }
    std::vector<torch::Tensor> e;
    for (uint32_t i : idx) e.push_back(items_[i].embedding);
    return torch::stack(e).to(sd_->device(), sd_->dtype());  // [B, 77, D]
}

void Run::saveCheckpoint() {
    const sfs::path root = sfs::path(c_.outDir) / "checkpoints";
    const sfs::path final = root / stepName(st_.step);
    if (!isMain()) {  // rank 0 writes; the others know where it is once it is there
        barrier(std::chrono::seconds(c_.distTimeoutSeconds));
        lastCheckpoint_ = final.string();
        return;
    }
    const sfs::path tmp = root / (".tmp-" + stepName(st_.step));
    std::error_code ec;
    sfs::remove_all(tmp, ec);
    sfs::create_directories(tmp);
    std::map<std::string, torch::Tensor> w;
    for (size_t i = 0; i < lora_.modules.size(); ++i) {
        w["down." + std::to_string(i)] = lora_.modules[i].down;
        w["up." + std::to_string(i)] = lora_.modules[i].up;
    }
    for (const auto& t : w)
        if (!torch::isfinite(t.second).all().item<bool>())
            throw Error("refusing to checkpoint non-finite LoRA weights at step " + std::to_string(st_.step));
    // adapter_state: the exact tensors a resume restores. lora.safetensors: the same adapter as a LoRA
    // file any loader reads (kohya naming, as the final one), so a user can render from any saved step.
    saveSafeTensors((tmp / "adapter_state.safetensors").string(), w);
    writeFinalLora((tmp / "lora.safetensors").string());
    auto os = opt_->state();
    os["rng.torch"] = gen_.get_state();
    os["rng.global"] = at::detail::getDefaultCPUGenerator().get_state();
    saveSafeTensors((tmp / "optimizer.safetensors").string(), os);
    std::ostringstream order;
    order << st_.order;
    json s{{"step", st_.step},        {"order_rng", order.str()}, {"perm", st_.perm},
           {"pos", st_.pos},          {"lr_scale", st_.lrScale},  {"rollbacks", st_.rollbacks},
           {"ema", st_.ema},          {"ema_weight", st_.emaWeight}, {"modules", lora_.modules.size()},
           {"world_size", world_}};  // informational: the state is the same for any number of ranks
    fs::writeFileAtomic(tmp / "state.json", s.dump());
    sfs::remove_all(final, ec);
    sfs::rename(tmp, final, ec);
    if (ec) throw FileError(final.string(), "cannot finish checkpoint: " + ec.message());
    lastCheckpoint_ = final.string();
    pruneCheckpoints();
    barrier(std::chrono::seconds(c_.distTimeoutSeconds));
}

void Run::pruneCheckpoints() {
    std::vector<sfs::path> all;
    std::error_code ec;
    for (const auto& e : sfs::directory_iterator(sfs::path(c_.outDir) / "checkpoints", ec))
        if (e.is_directory() && e.path().filename().string().rfind("step-", 0) == 0) all.push_back(e.path());
    std::sort(all.begin(), all.end());
    while (static_cast<int>(all.size()) > c_.keepCheckpoints) {
        sfs::remove_all(all.front(), ec);
        all.erase(all.begin());
    }
}

void Run::loadCheckpoint(const std::string& dir) {
    torch::NoGradGuard ng;
    // Runs checkpointed before adapter_state.safetensors existed kept the same tensors in lora.safetensors.
    const sfs::path state = sfs::path(dir) / "adapter_state.safetensors";
    std::error_code ec;
    const auto w = loadSafeTensors((sfs::exists(state, ec) ? state : sfs::path(dir) / "lora.safetensors").string());
    for (size_t i = 0; i < lora_.modules.size(); ++i) {
        if (!w.count("down." + std::to_string(i)) || !w.count("up." + std::to_string(i)))
            throw FileError(dir, "checkpoint misses adapter tensors of module " + std::to_string(i));
        lora_.modules[i].down.copy_(w.at("down." + std::to_string(i)));
        lora_.modules[i].up.copy_(w.at("up." + std::to_string(i)));
    }
    const std::string osPath = (sfs::path(dir) / "optimizer.safetensors").string();
    const auto os = loadSafeTensors(osPath);
    for (const char* k : {"rng.torch", "rng.global"})
        if (!os.count(k)) throw FileError(osPath, std::string("missing tensor '") + k + "'");
    opt_->restore(os);
    gen_.set_state(os.at("rng.torch"));
    {
        auto global = at::detail::getDefaultCPUGenerator();
        global.set_state(os.at("rng.global"));
    }
    const std::string statePath = (sfs::path(dir) / "state.json").string();
    try {
        const json s = json::parse(fs::readFile(statePath));
        size_t modules = 0;
        jsonread::readRequired(s, "modules", modules, statePath);
        if (modules != lora_.modules.size())
            throw FileError(dir, "checkpoint does not match this LoRA configuration");
        jsonread::readRequired(s, "step", st_.step, statePath);
        std::istringstream order(s.at("order_rng").get<std::string>());
        order >> st_.order;
        if (order.fail()) throw FileError(statePath, "order_rng is not a generator state");
        st_.perm = s.at("perm").get<std::vector<uint32_t>>();
        jsonread::readRequired(s, "pos", st_.pos, statePath);
        jsonread::readRequired(s, "lr_scale", st_.lrScale, statePath);
        jsonread::readRequired(s, "rollbacks", st_.rollbacks, statePath);
        jsonread::readRequired(s, "ema", st_.ema, statePath);
        jsonread::readRequired(s, "ema_weight", st_.emaWeight, statePath);
    } catch (const json::exception& e) {
        throw FileError(statePath, jsonErrorText(e));
    }
    // The data order indexes the pair set as it was: a set that changed since (pairs added, removed
    // or rejected) cannot continue this order. Say so instead of reading past the end.
    const size_t n = items_.size();
    if (!st_.perm.empty() && st_.perm.size() != n)
        throw FileError(dir, "the training data changed since this checkpoint (" + std::to_string(st_.perm.size()) +
                                 " items then, " + std::to_string(n) + " now): resume with the same pair set, or start a new run");
    for (uint32_t i : st_.perm)
        if (i >= n) throw FileError(statePath, "perm names item " + std::to_string(i) + " of " + std::to_string(n));
    if (st_.pos > st_.perm.size()) throw FileError(statePath, "pos is past the end of perm");
    if (st_.step < 0) throw FileError(statePath, "step " + std::to_string(st_.step) + " is negative");
    if (!std::isfinite(st_.lrScale) || !std::isfinite(st_.ema) || !std::isfinite(st_.emaWeight))
        throw FileError(statePath, "lr_scale, ema or ema_weight is not a finite number");
    st_.consecutiveBad = 0;
    lastCheckpoint_ = dir;
}

void Run::truncateMetrics(int upTo) {
    if (!isMain()) return;
    const sfs::path p = sfs::path(c_.outDir) / "metrics.jsonl";
    std::error_code ec;
    if (!sfs::exists(p, ec)) return;
    std::istringstream in(fs::readFile(p));
    std::string line, kept;
    while (std::getline(in, line)) {
        try {
            int step = 0;
            jsonread::readOptional(json::parse(line), "step", step, p);
            if (step <= upTo) kept += line + "\n";
        } catch (const json::exception&) {
            // a line cut by a crash is dropped
        }
    }
    fs::writeFileAtomic(p, kept);
}

void Run::writeFinalLora(const std::string& path) {
    LoraWeights out = lora_;
    out.modules.clear();
    for (const auto& m : lora_.modules) {
        LoraModule copy = m;
        copy.down = m.down.detach().to(torch::kCPU, torch::kFloat32).clone();
        copy.up = m.up.detach().to(torch::kCPU, torch::kFloat32).clone();
        out.modules.push_back(copy);
    }
    const std::string conv = c_.convRank > 0 ? json{{"conv_dim", std::to_string(c_.convRank)},
                                                    {"conv_alpha", std::to_string(c_.convAlpha > 0 ? c_.convAlpha : c_.convRank)}}
                                                   .dump()
                                             : "{}";
    std::map<std::string, std::string> md{
        {"ss_network_dim", std::to_string(c_.rank)},
        {"ss_network_alpha", std::to_string(c_.alpha)},
        {"ss_network_args", conv},
        {"ss_steps", std::to_string(st_.step)},
        // The base model by name (kohya's key and ours), not by a path on the training machine.
        {"ss_sd_model_name", sfs::path(c_.model).filename().string()},
        {"advariant_base_model", sfs::path(c_.model).filename().string()},
        {"advariant_mode", c_.mode}};
    if (c_.mode == "lcm_distill") {  // what the model library reads to offer it for Fast mode
        md["ss_training_comment"] = "LCM-LoRA: latent consistency distillation of " + md["advariant_base_model"] +
                                    " (sample with the lcm sampler, 2-8 steps, CFG 1)";
        md["advariant_lcm_w"] = std::to_string(c_.lcmWMin) + "-" + std::to_string(c_.lcmWMax);
        std::string stacks;
        for (const auto& f : c_.lcmTeacherLoras) stacks += (stacks.empty() ? "" : ",") + sfs::path(f).filename().string();
        if (!stacks.empty()) md["advariant_lcm_teacher_loras"] = stacks;
    }
    saveLora(path, out, keymap::LoraNaming::Kohya, md);
}

void Run::validate() {
    if (c_.validationPrompts.empty()) return;
    sd_->unet->eval();
    std::vector<ValidationImage> imgs;
    const sfs::path dir = sfs::path(c_.outDir) / "validation";
    sfs::create_directories(dir);
    for (size_t p = 0; p < c_.validationPrompts.size(); ++p) {
        for (int64_t seed : c_.validationSeeds) {
            GenerateParams gp;
            gp.prompt = c_.validationPrompts[p];
            gp.steps = c_.validationSteps;
            gp.cfg = c_.validationCfg;
            gp.sampler = "dpmpp_2m";
            if (c_.mode == "lcm_distill") {  // what the LoRA is for: 4 LCM steps at CFG 1
                gp.steps = 4;
                gp.cfg = 1.0;
                gp.sampler = "lcm";
            }
            gp.seed = seed;
            gp.width = gp.height = c_.resolution;
            auto res = sd_->generate(gp);
            const std::string file = (dir / (stepName(st_.step) + "_p" + std::to_string(p) + "_s" + std::to_string(seed) + ".png")).string();
            png::write(file, tensorToImage(res.images[0]), variantRecord(gp, seed, gp.width, gp.height, "", sd_->name()).pngText());
            imgs.push_back({st_.step, gp.prompt, seed, file});
        }
    }
    sd_->unet->train();
    if (ev_.onValidation) ev_.onValidation(imgs);
}

void Run::joinGroup() {
    if (!launch_.distributed()) return;
    if (c_.batch % launch_.world != 0)
        throw Error("batch " + std::to_string(c_.batch) + " cannot be split evenly over " + std::to_string(launch_.world) +
                    " ranks: make the (global) batch a multiple of the number of ranks");
    const bool cuda = resolveDevice(c_.device) == "cuda";
    if (cuda && (c_.device == "auto" || c_.device == "cuda")) device_ = "cuda:" + std::to_string(launch_.localRank);  // one GPU per local rank
    pg_ = dist::ProcessGroup::join(launch_, std::chrono::seconds(c_.distTimeoutSeconds), cuda);
    rank_ = pg_->rank();
    world_ = pg_->world();
    if (isMain())
        spdlog::info("[train] data parallel: {} ranks, {} samples each per micro-batch", world_, c_.batch / world_);
}

void Run::prepare(bool resume) {
    if (isMain()) prepareRunFolder(resume);
    LoadOptions lo;
    lo.device = device_.empty() ? c_.device : device_;
    lo.dtype = resolveDevice(c_.device) == "cuda" ? "auto" : "f32";  // CPU training stays f32, never bf16
    lo.tokenizerDir = c_.tokenizer;
    if (c_.model.empty()) c_.model = fs::embeddedModelDir();
    sd_ = StableDiffusion::load(c_.model, lo);
    if (c_.resolution == 0) {  // the model's native size, recorded so a resume uses the same
        c_.resolution = sd_->nativeResolution();
        if (isMain()) fs::writeFileAtomic(sfs::path(c_.outDir) / "config.json", c_.toJsonText());
    }
    sched_ = std::make_unique<NoiseSchedule>(NoiseSchedule::fromConfig(sd_->scheduler));
    items_ = readManifest(c_.manifest);
    const std::string cacheDir = c_.cacheDir.empty() ? (sfs::path(c_.outDir) / "cache").string() : c_.cacheDir;
    // Rank 0 encodes what is missing; the others wait (as long as that takes), then read the cache (or, on
    // machines without a shared folder, encode their own).
    const int computed = isMain() ? cacheItems(items_, *sd_, c_, cacheDir, ev_.onPrepare, nullptr) : 0;
    barrier(std::chrono::hours(24));
    if (!isMain()) cacheItems(items_, *sd_, c_, cacheDir, nullptr, nullptr);
    event("data", std::to_string(items_.size()) + " pairs, " + std::to_string(computed) + " encoded, " +
                      std::to_string(items_.size() - computed) + " from cache");

    torch::manual_seed(c_.seed);
    gen_ = at::detail::createCPUGenerator(c_.seed);
    st_.order.seed(c_.seed);
    prepareLora();
    if (resume) {
        const std::string ck = latestCheckpoint(c_.outDir);
        if (ck.empty()) throw FileError(c_.outDir, "nothing to resume: the run has no checkpoint yet");
        loadCheckpoint(ck);
        truncateMetrics(st_.step);
        event("resume", "continuing from " + ck + " at step " + std::to_string(st_.step) +
                            (world_ > 1 ? " on " + std::to_string(world_) + " ranks" : std::string()));
    } else {
        saveCheckpoint();  // step 0: the rollback target before the first real checkpoint
    }
    if (pg_) {
        pg_->broadcast(params_, 0);  // every rank starts from rank 0's adapters
        // LoRA dropout masks come from the global generator: independent per rank, keyed to the global step.
        torch::manual_seed(c_.seed + 1000003ull * static_cast<uint64_t>(rank_) + static_cast<uint64_t>(st_.step));
    }
    // Mixed precision on CUDA: f16 base weights, f32 LoRA weights and optimizer, scaled loss.
    if (c_.mixedPrecision && sd_->device().is_cuda() && sd_->dtype() == torch::kFloat16) lossScale_ = 65536.0;
    sd_->unet->train();
    sd_->text->eval();
    if (c_.trainTextEncoder) sd_->text->train();
    tWeights_ = timestepWeights(c_, sched_->numTrainTimesteps);
    if (c_.mode == "lcm_distill") {
        solver_ = std::make_unique<DdimSolver>(*sched_, c_.lcmSolverSteps);
        torch::NoGradGuard ng;
        const auto ids = torch::tensor((*sd_->tokenizer)("", sd_->text->config.maxPositions), torch::kInt64);
        auto encodeEmpty = [&] {  // [1, 77, D]
            return sd_->text->forward(ids.unsqueeze(0).to(sd_->device())).lastHiddenState.to(sd_->dtype());
        };
        uncond_.push_back(encodeEmpty());
        for (const auto& f : c_.lcmTeacherLoras) {
            teacherLoras_.push_back(readLora(f, *sd_->unet, sd_->text.get()));
            if (teacherLoras_.back().modules.empty()) throw FileError(f, "no adapter of this file fits the base model");
            attachStack(static_cast<int>(teacherLoras_.size()));  // the empty prompt through its text encoder, once
            uncond_.push_back(encodeEmpty());
            event("distill", "also teaching the LCM-LoRA on top of " + sfs::path(f).filename().string() + " (" +
                                 std::to_string(teacherLoras_.back().modules.size()) + " modules)");
        }
        attachStack(0);
        std::ostringstream what;
        what << "latent consistency distillation: teacher CFG " << 1 + c_.lcmWMin << " to " << 1 + c_.lcmWMax
             << " over a " << c_.lcmSolverSteps << "-step DDIM solver, " << c_.lcmLossType << " loss";
        event("distill", what.str());
    }
}

void Run::prepareRunFolder(bool resume) {
    sfs::create_directories(c_.outDir);
    if (!resume) {
        std::error_code ec;
        if (sfs::exists(sfs::path(c_.outDir) / "checkpoints", ec) && !sfs::is_empty(sfs::path(c_.outDir) / "checkpoints", ec))
            throw FileError(c_.outDir, "run folder already has checkpoints: resume it (--resume) or choose a new folder");
        fs::writeFileAtomic(sfs::path(c_.outDir) / "config.json", c_.toJsonText());
        fs::writeFileAtomic(sfs::path(c_.outDir) / "metrics.jsonl", "");
    }
}

void Run::prepareLora() {
    LoraSpec spec;
    spec.rank = c_.rank;
    spec.alpha = c_.alpha;
    spec.dropout = c_.dropout;
    spec.targets = c_.targets;
    spec.textEncoder = c_.trainTextEncoder;
    spec.convRank = c_.convRank;
    spec.convAlpha = c_.convAlpha;
    spec.seed = c_.seed;
    lora_ = createLora(spec, *sd_->unet, sd_->text.get());
    for (auto& m : lora_.modules) params_.push_back(m.down), params_.push_back(m.up);
    opt_ = std::make_unique<AdamW>(params_, c_.learningRate, c_.beta1, c_.beta2, c_.eps, c_.weightDecay);
    int64_t trainable = 0;
    for (const auto& p : params_) trainable += p.numel();
    event("lora", std::to_string(lora_.modules.size()) + " modules, " + std::to_string(trainable) + " trainable parameters");
}

bool Run::accumulate(double* lossSum) {
    // Test hook: a step's batch is poisoned the first time that step runs.
    const bool poison = std::find(c_.debugPoisonSteps.begin(), c_.debugPoisonSteps.end(), st_.step + 1) !=
                            c_.debugPoisonSteps.end() &&
                        poisoned_.insert(st_.step + 1).second;
    bool finite = true;
    for (int micro = 0; micro < c_.gradAccum; ++micro) {
        const auto idx = nextBatch();  // the global batch: [B]
        // This rank's rows: all of them in a single process, B / world consecutive ones per rank otherwise.
        const size_t per = idx.size() / static_cast<size_t>(world_);
        const size_t lo = per * static_cast<size_t>(rank_), hi = lo + per;
        const int64_t B = static_cast<int64_t>(idx.size());
        torch::Tensor subject;                             // [b, 1, h, w] when masked
        auto latents = latentsFor(idx, &subject, lo, hi);  // [b, 4, h, w]
        if (poison) latents = latents * std::numeric_limits<float>::quiet_NaN();
        if (!teacherLoras_.empty()) chooseStack();
        const std::vector<uint32_t> mine(idx.begin() + static_cast<std::ptrdiff_t>(lo), idx.begin() + static_cast<std::ptrdiff_t>(hi));
        auto ctx = contextFor(mine);  // [b, 77, D]
        auto perSample = solver_ ? distillationLossFor(latents, ctx, B, lo, hi)
                                 : denoisingLossFor(latents, subject, ctx, B, lo, hi);  // [b]
        // The global batch's mean: this rank's share of it (the ranks' gradients are summed afterwards).
        auto loss = (world_ > 1 ? perSample.sum() / static_cast<double>(B) : perSample.mean()) / c_.gradAccum;
        const double lv = loss.item<double>();
        if (!std::isfinite(lv)) {
            finite = false;
            if (world_ == 1) return false;
            continue;  // the other ranks still run their micro-batches; the step is dropped by all together
        }
        (lossScale_ != 1.0 ? loss * lossScale_ : loss).backward();
        *lossSum += lv;
    }
    if (world_ > 1) {
        // One all-reduce for the gradients (bucketed), one for the loss and the "any rank non-finite" flag.
        std::vector<torch::Tensor> grads;
        for (auto& p : params_) {
            if (!p.grad().defined()) p.mutable_grad() = torch::zeros_like(p);
            grads.push_back(p.grad());
        }
        pg_->allreduceSum(grads);
        auto stats = torch::tensor({finite ? *lossSum : 0.0, finite ? 0.0 : 1.0}, torch::kFloat64);
        pg_->allreduceSum({stats});
        *lossSum = stats[0].item<double>();
        finite = stats[1].item<double>() == 0;
    }
    return finite;
}

torch::Tensor Run::denoisingLossFor(const torch::Tensor& latents, const torch::Tensor& subject, const torch::Tensor& ctx,
                                   int64_t B, size_t lo, size_t hi) {
    const int T = sched_->numTrainTimesteps;
    // Noise and timesteps are drawn for the whole global batch (every rank the same), then sliced.
    auto noise = torch::randn({B, latents.size(1), latents.size(2), latents.size(3)}, gen_, torch::kFloat32);
    if (c_.multiresNoiseIterations > 0)
        noise = multiresNoise(noise, c_.multiresNoiseIterations, c_.multiresNoiseDiscount, gen_);
    if (c_.noiseOffset > 0)
        noise = noise + c_.noiseOffset * torch::randn({B, latents.size(1), 1, 1}, gen_, torch::kFloat32);
    auto t = tWeights_.defined() ? torch::multinomial(tWeights_, B, true, gen_)
                                 : torch::randint(0, T, {B}, gen_, torch::kInt64);  // [B]
    if (world_ > 1) {
        noise = noise.slice(0, static_cast<int64_t>(lo), static_cast<int64_t>(hi));
        t = t.slice(0, static_cast<int64_t>(lo), static_cast<int64_t>(hi));
    }
    noise = noise.to(latents.device(), latents.scalar_type());
    auto noisy = sched_->addNoise(latents, noise, t.to(latents.device()));
    auto pred = sd_->unet->forward(noisy, t.to(latents.device()), ctx);  // [B, 4, h, w]
    const auto& prediction = sd_->scheduler.predictionType;
    auto target = sched_->target(prediction, latents, noise, t.to(latents.device()));  // [B, 4, h, w]
    auto perSample = denoisingLoss(pred, target, subject, c_.subjectLossWeight);       // [B]
    if (c_.snrGamma > 0 || c_.debiasedEstimation)
        perSample = perSample * snrLossWeights(sched_->snr(t), prediction == "v_prediction", c_.snrGamma,
                                               c_.debiasedEstimation)
                                    .to(perSample.device());
    return perSample;
}

void Run::chooseStack() {
    attachStack(static_cast<int>(torch::randint(0, static_cast<int64_t>(teacherLoras_.size()) + 1, {1}, gen_).item<int64_t>()));
}

void Run::attachStack(int k) {
    if (k == stacked_) return;
    detachLora("teacher", *sd_->unet, sd_->text.get());
    if (k > 0) attachLora(teacherLoras_[static_cast<size_t>(k - 1)], 1.0, "teacher", *sd_->unet, sd_->text.get());
    stacked_ = k;
}

torch::Tensor Run::distillationLossFor(const torch::Tensor& latents, const torch::Tensor& ctx, int64_t B, size_t lo, size_t hi) {
    // Drawn for the whole global batch (every rank the same), then sliced: the start timestep's solver index,
    // the guidance weight, the noise.
    auto index = torch::randint(0, static_cast<int64_t>(solver_->timesteps.size()), {B}, gen_, torch::kInt64);  // [B]
    auto w = torch::rand({B}, gen_, torch::kFloat64) * (c_.lcmWMax - c_.lcmWMin) + c_.lcmWMin;                  // [B]
    auto noise = torch::randn({B, latents.size(1), latents.size(2), latents.size(3)}, gen_, torch::kFloat32);
    if (world_ > 1) {
        const auto a = static_cast<int64_t>(lo), b = static_cast<int64_t>(hi);
        index = index.slice(0, a, b), w = w.slice(0, a, b), noise = noise.slice(0, a, b);
    }
    LcmDistillBatch batch;
    batch.latents = latents;
    batch.noise = noise.to(latents.device(), latents.scalar_type());
    batch.index = index;
    batch.w = w;
    batch.context = ctx;
    const auto& uncond = uncond_[static_cast<size_t>(stacked_)];
    batch.uncond = uncond.expand({ctx.size(0), uncond.size(1), uncond.size(2)});
    auto& unet = *sd_->unet;
    LcmDistillModels m;
    m.student = [&](const torch::Tensor& x, const torch::Tensor& t, const torch::Tensor& c) { return unet.forward(x, t, c); };
    m.teacher = [&](const torch::Tensor& x, const torch::Tensor& t, const torch::Tensor& c) {
        LoraSuspension off("train", unet);  // the frozen base
        return unet.forward(x, t, c);
    };
    m.target = m.student;  // called under no_grad: the same LoRA as a stop-gradient target
    LcmDistillOptions o;
    o.predictionType = sd_->scheduler.predictionType;
    o.lossType = c_.lcmLossType;
    o.huberC = c_.lcmHuberC;
    return lcmDistillLoss(batch, m, *sched_, *solver_, o);  // [b]
}

double Run::unscaleAndClip(bool bad) {
    overflowed_ = false;
    if (bad) return std::numeric_limits<double>::quiet_NaN();
    if (lossScale_ != 1.0) {
        torch::NoGradGuard g;
        for (auto& p : params_)
            if (p.grad().defined()) p.mutable_grad().div_(lossScale_);
    }
    const double gnorm = clipGradNorm(params_, c_.maxGradNorm);
    if (!std::isfinite(gnorm) && lossScale_ > 1.0) {
        // f16 gradients overflowed at this scale: halve it and skip the step (not a divergence).
        lossScale_ /= 2;
        goodSinceScale_ = 0;
        opt_->zeroGrad();
        overflowed_ = true;
        event("loss_scale", "gradient overflow at loss scale " + std::to_string(lossScale_ * 2) + "; now " +
                                std::to_string(lossScale_));
    } else if (lossScale_ > 1.0 && ++goodSinceScale_ >= 2000) {
        lossScale_ *= 2;
        goodSinceScale_ = 0;
    }
    return gnorm;
}

bool Run::handleBadStep(StepMetrics& m, bool badLoss, TrainResult& res) {
    opt_->zeroGrad();
    ++st_.step;
    ++st_.consecutiveBad;
    m.skipped = true;
    m.loss = std::numeric_limits<double>::quiet_NaN();
    m.event = "nan";
    event("nan", std::string("non-finite ") + (badLoss ? "loss" : "gradient") + " at step " + std::to_string(st_.step) +
                     ": step skipped");
    if (st_.consecutiveBad < c_.nanPatience) return true;
    if (st_.rollbacks >= c_.maxRollbacks) {
        res.failure = "training diverged: " + std::to_string(st_.consecutiveBad) + " non-finite steps in a row after " +
                      std::to_string(st_.rollbacks) + " rollbacks; last good LoRA kept in " + lastCheckpoint_;
        event("failed", res.failure);
        return false;
    }
    const double scale = st_.lrScale * c_.nanLrFactor;
    const int rollbacks = st_.rollbacks + 1;
    loadCheckpoint(lastCheckpoint_);
    truncateMetrics(st_.step);
    st_.lrScale = scale;
    st_.rollbacks = rollbacks;
    // Do not replay the exact batches that diverged: draw a new data order from here.
    st_.order.discard(1000003ull * rollbacks);
    st_.pos = st_.perm.size();
    m.event = "rollback";
    event("rollback", "rolled back to " + lastCheckpoint_ + " (step " + std::to_string(st_.step) +
                          "), learning rate x" + std::to_string(scale));
    return true;
}

void Run::record(const StepMetrics& m) {
    if (!isMain()) return;
    json line{{"step", m.step}, {"lr", m.lr}, {"step_time", m.stepSeconds}, {"eta", m.etaSeconds}};
    line["loss"] = std::isfinite(m.loss) ? json(m.loss) : json(nullptr);
    line["smooth_loss"] = std::isfinite(m.smoothLoss) ? json(m.smoothLoss) : json(nullptr);
    line["grad_norm"] = std::isfinite(m.gradNorm) ? json(m.gradNorm) : json(nullptr);
    if (!m.event.empty()) line["event"] = m.event;
    if (m.event != "rollback") appendLine(sfs::path(c_.outDir) / "metrics.jsonl", line.dump());
    if (ev_.onStep) ev_.onStep(m);
}

TrainResult Run::go(bool resume) {
    const double t0 = now();
    TrainResult res;
    joinGroup();
    prepare(resume);
    while (st_.step < c_.steps) {
        while (!pg_ && ctl_ && ctl_->pause && !ctl_->stop) std::this_thread::sleep_for(std::chrono::milliseconds(50));
        // A stop (Ctrl-C, SIGTERM from a scheduler) on any rank stops every rank at the same step.
        if (anyRank(ctl_ && ctl_->stop)) {
            saveCheckpoint();
            res.stopped = true;
            event("stop", "stopped at step " + std::to_string(st_.step) + "; checkpoint written");
            break;
        }
        const double ts = now();
        const double lr = c_.learningRate * st_.lrScale * lrFactor(c_.lrSchedule, st_.step, c_.warmupSteps, c_.steps);
        opt_->lr = lr;
        opt_->zeroGrad();
        double lossSum = 0;
        const bool bad = !accumulate(&lossSum);
        const double gnorm = unscaleAndClip(bad);
        if (overflowed_) continue;
        StepMetrics m;
        m.totalSteps = c_.steps;
        m.lr = lr;
        m.gradNorm = gnorm;
        if (bad || !std::isfinite(gnorm)) {
            if (!handleBadStep(m, bad, res)) break;
        } else {
            opt_->step();
            ++st_.step;
            st_.consecutiveBad = 0;
            m.loss = lossSum;
            st_.ema = 0.98 * st_.ema + 0.02 * lossSum;
            st_.emaWeight = 0.98 * st_.emaWeight + 0.02;
        }
        m.step = st_.step;
        m.smoothLoss = st_.emaWeight > 0 ? st_.ema / st_.emaWeight : m.loss;
        m.stepSeconds = now() - ts;
        stepTimeAvg_ = stepTimeAvg_ == 0 ? m.stepSeconds : 0.9 * stepTimeAvg_ + 0.1 * m.stepSeconds;
        m.etaSeconds = stepTimeAvg_ * (c_.steps - st_.step);
        record(m);
        if (c_.debugStepDelayMs > 0) std::this_thread::sleep_for(std::chrono::milliseconds(c_.debugStepDelayMs));
        if (m.event == "rollback") continue;
        if (!m.skipped && (st_.step % c_.checkpointEvery == 0 || st_.step == c_.steps)) saveCheckpoint();
        if (!m.skipped && c_.validateEvery > 0 && st_.step % c_.validateEvery == 0) {
            if (isMain()) validate();
            barrier(std::chrono::hours(24));  // the others wait for rank 0's images
        }
    }
    res.finalStep = st_.step;
    res.completed = st_.step >= c_.steps && res.failure.empty();
    if (res.failure.empty()) {
        res.loraPath = (sfs::path(c_.outDir) / "lora.safetensors").string();
        if (isMain()) writeFinalLora(res.loraPath);
        barrier(std::chrono::seconds(c_.distTimeoutSeconds));
    }
    res.seconds = now() - t0;
    return res;
}

} // namespace

std::string latestCheckpoint(const std::string& runDir) {
    std::vector<std::string> all;
    std::error_code ec;
    for (const auto& e : sfs::directory_iterator(sfs::path(runDir) / "checkpoints", ec))
        if (e.is_directory() && e.path().filename().string().rfind("step-", 0) == 0 &&
            sfs::exists(e.path() / "state.json", ec))
            all.push_back(e.path().string());
    std::sort(all.begin(), all.end());
    return all.empty() ? std::string() : all.back();
}

TrainConfig runConfig(const std::string& runDir) {
    return TrainConfig::fromFile((sfs::path(runDir) / "config.json").string());
}

std::vector<StepMetrics> readMetrics(const std::string& runDir) {
    const std::string path = (sfs::path(runDir) / "metrics.jsonl").string();
    std::istringstream in(fs::readFile(path));
    std::vector<StepMetrics> out;
    std::string line;
    auto num = [](const json& j, const char* k) {
        return j.contains(k) && j[k].is_number() ? j[k].get<double>() : std::numeric_limits<double>::quiet_NaN();
    };
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        try {
            const json j = json::parse(line);
            StepMetrics m;
            jsonread::readOptional(j, "step", m.step, path);
            m.loss = num(j, "loss");
            m.smoothLoss = num(j, "smooth_loss");
            m.lr = num(j, "lr");
            m.stepSeconds = num(j, "step_time");
            m.etaSeconds = num(j, "eta");
            m.gradNorm = num(j, "grad_norm");
            m.event = j.value("event", "");
            m.skipped = m.event == "nan";
            out.push_back(m);
        } catch (const json::exception&) {
            // a line cut off by a crash
        }
    }
    return out;
}

TrainResult runTraining(const TrainConfig& config, const TrainEvents& events, TrainControl* control, bool resume,
                        const dist::LaunchEnv& launch) {
    Run run(config, events, control, launch);
    return run.go(resume);
}

} // namespace adv::train
