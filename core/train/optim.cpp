#include "train/optim.h"

#include "util/error.h"

#include <torch/torch.h>

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

} // namespace adv::train
