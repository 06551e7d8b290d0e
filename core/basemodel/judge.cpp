#include "basemodel/judge.h"

#include "basemodel/base_data.h"
#include "io/safetensors.h"
#include "train/optim.h"
#include "util/error.h"
#include "util/json_read.h"
#include "util/fs.h"

#include <nlohmann/json.hpp>
#include <opencv2/imgproc.hpp>
#include <torch/torch.h>

#include <algorithm>

#include <chrono>
#include <filesystem>

namespace adv::base {

namespace {

void block(torch::nn::Sequential& s, int in, int out, int stride) {
    s->push_back(torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, 3).stride(stride).padding(1)));
    s->push_back(torch::nn::GroupNorm(torch::nn::GroupNormOptions(8, out)));
    s->push_back(torch::nn::SiLU());
}

int indexOf(const std::vector<std::string>& v, const std::string& s) {
    auto it = std::find(v.begin(), v.end(), s);
    return it == v.end() ? -1 : static_cast<int>(it - v.begin());
}

int argmax(const std::vector<float>& p) { return static_cast<int>(std::max_element(p.begin(), p.end()) - p.begin()); }

} // namespace

JudgeNetImpl::JudgeNetImpl(int categories, int conditions) {
    torch::nn::Sequential f;
    block(f, 3, 32, 1);
    block(f, 32, 48, 2);
    block(f, 48, 64, 2);
    block(f, 64, 96, 2);
    block(f, 96, 128, 2);
    features = register_module("features", f);
    category_head = register_module("category_head", torch::nn::Linear(128, categories));
    condition_head = register_module("condition_head", torch::nn::Linear(128, conditions));
}

std::pair<torch::Tensor, torch::Tensor> JudgeNetImpl::forward(const torch::Tensor& images) {
    auto f = features->forward(images).mean({2, 3});  // [B, 128]
    return {category_head->forward(f), condition_head->forward(f)};
}

int JudgeVerdict::topCategory() const { return argmax(category); }
int JudgeVerdict::topCondition() const { return argmax(condition); }
int Judge::categoryIndex(const std::string& name) const { return indexOf(categories, name); }
int Judge::conditionIndex(const std::string& name) const { return indexOf(conditions, name); }

Judge Judge::load(const std::string& dir) {
    const auto d = std::filesystem::path(dir);
    nlohmann::json j;
    const auto cfg = (d / "config.json").string();
    try {
        j = nlohmann::json::parse(fs::readFile(cfg));
    } catch (const nlohmann::json::exception& e) {
        throw FileError(cfg, jsonErrorText(e));
    }
    Judge out;
    try {
        out.categories = j.at("categories").get<std::vector<std::string>>();
        out.conditions = j.at("conditions").get<std::vector<std::string>>();
        out.resolution = 64;
        jsonread::readOptional(j, "resolution", out.resolution, cfg);
        if (out.resolution < 8 || out.resolution > 1024) throw FileError(cfg, "resolution must be 8..1024");
    } catch (const nlohmann::json::exception& e) {
        throw FileError(cfg, "bad judge config: " + jsonErrorText(e));
    }
    out.net = JudgeNet(static_cast<int>(out.categories.size()), static_cast<int>(out.conditions.size()));
    const auto weights = (d / "model.safetensors").string();
    auto tensors = loadSafeTensors(weights);
    torch::NoGradGuard ng;
    for (auto& item : out.net->named_parameters()) {
        const auto& name = item.key();
        auto& p = item.value();
        auto it = tensors.find(name);
        if (it == tensors.end()) throw FileError(weights, "missing tensor '" + name + "'");
        if (it->second.sizes() != p.sizes()) throw FileError(weights, "tensor '" + name + "' has the wrong shape");
        p.copy_(it->second.to(torch::kFloat32));
    }
    out.net->eval();
    return out;
}

void Judge::save(const std::string& dir) const {
    std::filesystem::create_directories(dir);
    nlohmann::json j{{"architecture", "advariant-judge-cnn"}, {"categories", categories},
                     {"conditions", conditions}, {"resolution", resolution}};
    fs::writeFileAtomic(std::filesystem::path(dir) / "config.json", j.dump(2));
    std::map<std::string, torch::Tensor> state;
    for (const auto& item : net->named_parameters()) state[item.key()] = item.value().detach().to(torch::kFloat32).contiguous();
    saveSafeTensors((std::filesystem::path(dir) / "model.safetensors").string(), state);
}

std::vector<JudgeVerdict> Judge::classify(const torch::Tensor& images) const {
    torch::NoGradGuard ng;
    auto x = images.to(torch::kCPU, torch::kFloat32);
    if (x.size(2) != resolution || x.size(3) != resolution)
        x = torch::nn::functional::interpolate(
            x, torch::nn::functional::InterpolateFuncOptions().size(std::vector<int64_t>{resolution, resolution})
                   .mode(torch::kArea));
    auto [c, b] = net->forward(x);
    c = torch::softmax(c, 1).contiguous();
    b = torch::softmax(b, 1).contiguous();
    std::vector<JudgeVerdict> out(static_cast<size_t>(x.size(0)));
    for (int64_t i = 0; i < x.size(0); ++i) {
        out[i].category.assign(c[i].data_ptr<float>(), c[i].data_ptr<float>() + c.size(1));
        out[i].condition.assign(b[i].data_ptr<float>(), b[i].data_ptr<float>() + b.size(1));
    }
    return out;
}

Judge trainJudge(const Recipe& r, const ImageTransform& roundTrip, JudgeTrainReport& report,
                 const std::function<void(int, int, double)>& progress, const CancelToken* cancel) {
    const auto t0 = std::chrono::steady_clock::now();
    Judge judge;
    judge.categories = r.categoryNames();
    judge.conditions = r.judgeConditions;
    judge.resolution = r.resolution;
    const int K = static_cast<int>(r.categories.size()), C = static_cast<int>(r.judgeConditions.size());
    // Ground truth: every category on every condition, drawn straight on the background or
    // composited as training pairs are (the recipe's share); 10 % held out.
    std::mt19937_64 rng(r.seed + 7);
    std::vector<cv::Mat> images;
    std::vector<int64_t> cat, cond;
    const int composited = static_cast<int>(std::lround(r.judgeImagesPerClass * r.judgeComposited));
    for (int n = 0; n < r.judgeImagesPerClass; ++n)
        for (int k = 0; k < K; ++k)
            for (int c = 0; c < C; ++c) {
                auto s = n < composited ? renderComposited(r, r.categories[k], r.judgeConditions[c], rng)
                                        : renderOnCondition(r, r.categories[k], r.judgeConditions[c], rng);
                images.push_back(s.rgb);
                cat.push_back(k);
                cond.push_back(c);
            }
    throwIfCancelled(cancel);
    auto all = toTensor(images);  // [N, 3, H, W]
    images.clear();
    if (roundTrip) {
        // Every other image through the round trip, in batches.
        torch::NoGradGuard ng;
        for (int64_t i = 0; i < all.size(0); i += 128) {
            const int64_t e = std::min<int64_t>(all.size(0), i + 128);
            auto idx = torch::arange(i, e, 2);
            all.index_copy_(0, idx, roundTrip(all.index_select(0, idx)).clamp(-1, 1));
            throwIfCancelled(cancel);
        }
    }
    auto catT = torch::tensor(cat), condT = torch::tensor(cond);
    const int64_t N = all.size(0), held = N / 10;
    auto perm = torch::randperm(N, torch::TensorOptions().dtype(torch::kInt64));
    auto testIdx = perm.slice(0, 0, held), trainIdx = perm.slice(0, held);

    torch::manual_seed(r.seed + 11);
    judge.net = JudgeNet(K, C);
    train::AdamW opt(judge.net->parameters(), r.judge.learningRate, 0.9, 0.999, 1e-8, r.judge.weightDecay);
    auto gen = at::detail::createCPUGenerator(r.seed + 13);
    double ema = 0;
    std::vector<double> tail;
    judge.net->train();
    for (int step = 0; step < r.judge.steps; ++step) {
        throwIfCancelled(cancel);
        opt.lr = r.judge.learningRate * train::lrFactor(r.judge.schedule, step, r.judge.warmupSteps, r.judge.steps);
        auto pick = trainIdx.index_select(0, torch::randint(0, trainIdx.size(0), {r.judge.batch}, gen, torch::kInt64));
        auto x = all.index_select(0, pick);
        // Augment: mirror, brightness/contrast, blur, noise.
        auto flip = torch::rand({x.size(0), 1, 1, 1}, gen) < 0.5;
        x = torch::where(flip, x.flip({3}), x);
        x = x * (1 + 0.15 * (torch::rand({x.size(0), 1, 1, 1}, gen) - 0.5)) +
            0.1 * (torch::rand({x.size(0), 1, 1, 1}, gen) - 0.5);
        auto blurred = torch::avg_pool2d(torch::nn::functional::pad(x, torch::nn::functional::PadFuncOptions({1, 1, 1, 1})
                                                                           .mode(torch::kReplicate)),
                                         3, 1);
        x = torch::where(torch::rand({x.size(0), 1, 1, 1}, gen) < 0.3, blurred, x);
        x = x + 0.04 * torch::rand({x.size(0), 1, 1, 1}, gen) * torch::randn(x.sizes(), gen);
        auto [lc, lb] = judge.net->forward(x);
        auto loss = torch::cross_entropy_loss(lc, catT.index_select(0, pick)) +
                    torch::cross_entropy_loss(lb, condT.index_select(0, pick));
        opt.zeroGrad();
        loss.backward();
        opt.step();
        const double lv = loss.item<double>();
        ema = step == 0 ? lv : 0.95 * ema + 0.05 * lv;
        if (step >= r.judge.steps * 95 / 100) tail.push_back(lv);
        if (progress && (step % 10 == 0 || step + 1 == r.judge.steps)) progress(step + 1, r.judge.steps, ema);
    }
    judge.net->eval();
    {
        torch::NoGradGuard ng;
        auto [lc, lb] = judge.net->forward(all.index_select(0, testIdx));
        report.heldOutCategoryAccuracy =
            lc.argmax(1).eq(catT.index_select(0, testIdx)).to(torch::kFloat64).mean().item<double>();
        report.heldOutConditionAccuracy =
            lb.argmax(1).eq(condT.index_select(0, testIdx)).to(torch::kFloat64).mean().item<double>();
    }
    report.steps = r.judge.steps;
    double s = 0;
    for (double v : tail) s += v;
    report.finalLoss = tail.empty() ? ema : s / static_cast<double>(tail.size());
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return judge;
}

} // namespace adv::base
