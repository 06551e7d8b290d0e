#include "train/optim.h"

#include "train/train_config.h"
#include "util/error.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>

namespace adv::train {

double lrFactor(const std::string& s, int step, int warmup, int total) {
    if (s == "constant") return 1.0;
    if (step < warmup) return static_cast<double>(step) / std::max(1, warmup);
    if (s == "constant_with_warmup") return 1.0;
    const double progress = static_cast<double>(step - warmup) / std::max(1, total - warmup);
    if (s == "linear") return std::max(0.0, 1.0 - progress);
    if (s == "cosine") return std::max(0.0, 0.5 * (1.0 + std::cos(M_PI * progress)));
    throw Error("unknown learning-rate schedule '" + s + "'");
}

AdamW::AdamW(std::vector<torch::Tensor> params, double lrIn, double b1, double b2, double eps, double wd)
    : lr(lrIn), params_(std::move(params)), b1_(b1), b2_(b2), eps_(eps), wd_(wd) {
    for (const auto& p : params_) {
        m_.push_back(torch::zeros_like(p));
        v_.push_back(torch::zeros_like(p));
    }
}

void AdamW::zeroGrad() {
    for (auto& p : params_)
        if (p.grad().defined()) p.mutable_grad().zero_();
}

void AdamW::step() {
    torch::NoGradGuard ng;
    ++t_;
    const double bc1 = 1 - std::pow(b1_, static_cast<double>(t_));
    const double bc2 = 1 - std::pow(b2_, static_cast<double>(t_));
    for (size_t i = 0; i < params_.size(); ++i) {
        auto& p = params_[i];
        if (!p.grad().defined()) continue;
        const auto& g = p.grad();
        p.mul_(1 - lr * wd_);
        m_[i].mul_(b1_).add_(g, 1 - b1_);
        v_[i].mul_(b2_).addcmul_(g, g, 1 - b2_);
        auto denom = (v_[i].sqrt() / std::sqrt(bc2)).add_(eps_);
        p.addcdiv_(m_[i], denom, -lr / bc1);
    }
}

std::map<std::string, torch::Tensor> AdamW::state() const {
    std::map<std::string, torch::Tensor> s;
    for (size_t i = 0; i < params_.size(); ++i) {
        s["m." + std::to_string(i)] = m_[i];
        s["v." + std::to_string(i)] = v_[i];
    }
    s["step"] = torch::tensor(t_, torch::kInt64);
    return s;
}

void AdamW::restore(const std::map<std::string, torch::Tensor>& s) {
    torch::NoGradGuard ng;
    for (size_t i = 0; i < params_.size(); ++i) {
        for (auto* pair : {&m_, &v_}) {
            const std::string key = (pair == &m_ ? "m." : "v.") + std::to_string(i);
            auto it = s.find(key);
            if (it == s.end() || !it->second.sizes().equals((*pair)[i].sizes()))
                throw Error("optimizer state does not match the LoRA (" + key + ")");
            (*pair)[i].copy_(it->second);
        }
    }
    auto it = s.find("step");
    if (it == s.end()) throw Error("optimizer state lacks its step count");
    t_ = it->second.item<int64_t>();
}

double clipGradNorm(const std::vector<torch::Tensor>& params, double maxNorm) {
    torch::NoGradGuard ng;
    double sq = 0;
    for (const auto& p : params)
        if (p.grad().defined()) sq += p.grad().to(torch::kFloat64).pow(2).sum().item<double>();
    const double norm = std::sqrt(sq);
    if (maxNorm > 0 && std::isfinite(norm) && norm > maxNorm) {
        const double f = maxNorm / (norm + 1e-6);
        for (const auto& p : params)
            if (p.grad().defined()) p.grad().mul_(f);
    }
    return norm;
}

torch::Tensor timestepWeights(const TrainConfig& c, int T) {
    if (c.timestepBias == "none" || c.timestepBiasMultiplier == 1.0) return {};
    auto w = torch::ones({T}, torch::kFloat64);
    const int n = std::clamp(static_cast<int>(c.timestepBiasPortion * T), 1, T);
    int b = 0, e = T;
    if (c.timestepBias == "later") b = T - n;
    else if (c.timestepBias == "earlier") e = n;
    else b = std::clamp(c.timestepBiasBegin, 0, T - 1), e = std::clamp(c.timestepBiasEnd, b + 1, T);
    w.slice(0, b, e).mul_(c.timestepBiasMultiplier);
    if (w.sum().item<double>() <= 0) throw Error("timestep bias leaves no timestep to train on");
    return w / w.sum();
}

torch::Tensor multiresNoise(const torch::Tensor& noise, int iterations, double discount, at::Generator& gen) {
    namespace F = torch::nn::functional;
    const int64_t b = noise.size(0), c = noise.size(1), h = noise.size(2), w = noise.size(3);
    auto out = noise.clone();
    for (int i = 1; i < iterations; ++i) {  // level 0 is the noise itself
        const double r = 2.0 + 2.0 * torch::rand({1}, gen).item<double>();
        const int64_t hn = std::max<int64_t>(1, static_cast<int64_t>(h / std::pow(r, i)));
        const int64_t wn = std::max<int64_t>(1, static_cast<int64_t>(w / std::pow(r, i)));
        auto coarse = torch::randn({b, c, hn, wn}, gen, noise.scalar_type()).to(noise.device());
        out += F::interpolate(coarse, F::InterpolateFuncOptions().size(std::vector<int64_t>{h, w})
                                          .mode(torch::kBilinear).align_corners(false)) * std::pow(discount, i);
        if (hn == 1 || wn == 1) break;
    }
    return out / out.std();
}

} // namespace adv::train
