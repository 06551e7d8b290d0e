#include "sched/samplers.h"

#include "util/error.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>

namespace adv {

// ---------------------------------------------------------------- schedule

NoiseSchedule NoiseSchedule::fromConfig(const SchedulerConfig& c) {
    NoiseSchedule s;
    s.numTrainTimesteps = c.numTrainTimesteps;
    const auto f32 = torch::TensorOptions().dtype(torch::kFloat32);
    if (c.betaSchedule == "scaled_linear")
        s.betas = torch::linspace(std::sqrt(c.betaStart), std::sqrt(c.betaEnd), c.numTrainTimesteps, f32).pow(2);
    else
        s.betas = torch::linspace(c.betaStart, c.betaEnd, c.numTrainTimesteps, f32);
    s.alphasCumprod = torch::cumprod(1.0 - s.betas, 0);
    auto acc = s.alphasCumprod.accessor<float, 1>();
    for (int64_t i = 0; i < acc.size(0); ++i) s.acp.push_back(acc[i]);
    s.finalAlphaCumprod = c.setAlphaToOne ? 1.0 : s.acp[0];
    return s;
}

namespace {
// acp[t] per batch row, shaped [B, 1, ...] to broadcast over `like` (its device and dtype).
torch::Tensor acpAt(const torch::Tensor& acp, const torch::Tensor& t, const torch::Tensor& like) {
    auto a = acp.to(like.device()).index_select(0, t.to(like.device(), torch::kLong)).to(like.scalar_type());
    auto shape = std::vector<int64_t>(like.dim(), 1);
    shape[0] = -1;
    return a.view(shape);
}
} // namespace

torch::Tensor NoiseSchedule::addNoise(const torch::Tensor& x0, const torch::Tensor& noise, const torch::Tensor& t) const {
    auto a = acpAt(alphasCumprod, t, x0);  // [B, 1, 1, 1]
    return a.sqrt() * x0 + (1 - a).sqrt() * noise;
}

std::vector<double> NoiseSchedule::sigmas() const {
    // diffusers computes ((1 - acp) / acp) ** 0.5 in float32
    auto s = ((1 - alphasCumprod) / alphasCumprod).pow(0.5);
    auto acc = s.accessor<float, 1>();
    std::vector<double> out;
    for (int64_t i = 0; i < acc.size(0); ++i) out.push_back(acc[i]);
    return out;
}

torch::Tensor NoiseSchedule::target(const std::string& predictionType, const torch::Tensor& x0,
                                    const torch::Tensor& noise, const torch::Tensor& t) const {
    if (predictionType == "epsilon") return noise;
    if (predictionType != "v_prediction") throw Error("unsupported prediction_type '" + predictionType + "'");
    auto a = acpAt(alphasCumprod, t, x0);              // [B, 1, 1, 1]
    return a.sqrt() * noise - (1 - a).sqrt() * x0;  // [B, C, h, w]
}

torch::Tensor NoiseSchedule::snr(const torch::Tensor& t) const {
    auto a = alphasCumprod.to(t.device()).index_select(0, t.to(torch::kLong));  // [B]
    return a / (1 - a);
}

// ---------------------------------------------------------------- sampler base

double Sampler::alphaCumprodAt(size_t i) const {
    const int t = std::clamp(static_cast<int>(std::lround(timesteps_.at(i))), 0, sched_.numTrainTimesteps - 1);
    return sched_.acp[static_cast<size_t>(t)];
}

torch::Tensor Sampler::addNoise(const torch::Tensor& x0, const torch::Tensor& noise, size_t i) const {
    // diffusers: alphas_cumprod[t] ** 0.5 and (1 - alphas_cumprod[t]) ** 0.5 in float32
    const float a = static_cast<float>(alphaCumprodAt(i));
    const float sa = std::sqrt(a), sb = std::sqrt(1.0f - a);
    return sa * x0 + sb * noise.to(x0.device(), x0.scalar_type());
}

size_t Sampler::startIndexForStrength(double strength) const {
    if (!(strength > 0.0 && strength <= 1.0))
        throw Error("strength must be in (0, 1], not " + std::to_string(strength));
    const int init = std::min(static_cast<int>(steps_ * strength), steps_);  // truncation, as Python's int()
    const size_t start = static_cast<size_t>(std::max(steps_ - init, 0));
    if (init <= 0 || start >= timesteps_.size())
        throw Error("strength " + std::to_string(strength) + " with " + std::to_string(steps_) +
                    " steps runs no step (steps x strength < 1): raise the strength or the steps");
    return start;
}

torch::Tensor Sampler::toEpsilon(const torch::Tensor& out, const torch::Tensor& xIn, size_t i) const {
    if (config_.predictionType == "epsilon") return out;
    const double a = alphaCumprodAt(i);
    return std::sqrt(a) * out + std::sqrt(1 - a) * xIn;
}

// ---------------------------------------------------------------- helpers

namespace {

// "leading" spacing + steps_offset (DDPM, DDIM, PNDM in the SD1.5 config)
std::vector<double> leadingTimesteps(int T, int n, int offset) {
    const int ratio = T / n;
    std::vector<double> t;
    for (int i = n - 1; i >= 0; --i) t.push_back(static_cast<double>(i * ratio + offset));
    return t;
}

// np.linspace(a, b, n)
std::vector<double> linspace(double a, double b, int n) {
    std::vector<double> v(n);
    for (int i = 0; i < n; ++i) v[i] = n == 1 ? a : a + (b - a) * i / (n - 1);
    if (n > 1) v[n - 1] = b;
    return v;
}

// np.interp(x, arange(len(fp)), fp)
double interp(double x, const std::vector<double>& fp) {
    if (x <= 0) return fp.front();
    if (x >= fp.size() - 1) return fp.back();
    const size_t i = static_cast<size_t>(std::floor(x));
    const double w = x - i;
    return fp[i] * (1 - w) + fp[i + 1] * w;
}

float f32(double v) { return static_cast<float>(v); }

// ---------------------------------------------------------------- DDIM / DDPM / PNDM

class DDIMSampler : public Sampler {
public:
    DDIMSampler(const SchedulerConfig& c, double eta = 0.0) : Sampler(SamplerKind::DDIM, c), eta_(eta) {}
    void setTimesteps(int n) override {
        steps_ = n;
        timesteps_ = leadingTimesteps(config_.numTrainTimesteps, n, config_.stepsOffset);
    }
    torch::Tensor step(const torch::Tensor& eps, size_t i, const torch::Tensor& x, const NoiseFn& noise) override {
        const int t = static_cast<int>(timesteps_[i]);
        const int prev = t - config_.numTrainTimesteps / steps_;
        const double at = sched_.acp[t];
        const double ap = prev >= 0 ? sched_.acp[prev] : sched_.finalAlphaCumprod;
        const double bt = 1 - at;
        auto x0 = (x - std::sqrt(bt) * eps) / std::sqrt(at);
        const double variance = (1 - ap) / bt * (1 - at / ap);
        const double std = eta_ * std::sqrt(variance);
        auto dir = std::sqrt(1 - ap - std * std) * eps;
        auto prevSample = std::sqrt(ap) * x0 + dir;
        if (eta_ > 0) prevSample = prevSample + std * noise(x.sizes()).to(x.device(), x.scalar_type());
        return prevSample;
    }

private:
    double eta_;
};

class DDPMSampler : public Sampler {
public:
    explicit DDPMSampler(const SchedulerConfig& c) : Sampler(SamplerKind::DDPM, c) {}
    void setTimesteps(int n) override {
        steps_ = n;
        timesteps_ = leadingTimesteps(config_.numTrainTimesteps, n, config_.stepsOffset);
    }
    torch::Tensor step(const torch::Tensor& eps, size_t i, const torch::Tensor& x, const NoiseFn& noise) override {
        const int t = static_cast<int>(timesteps_[i]);
        const int prev = t - config_.numTrainTimesteps / steps_;
        const double at = sched_.acp[t];
        const double ap = prev >= 0 ? sched_.acp[prev] : 1.0;
        const double bt = 1 - at, bp = 1 - ap;
        const double curAlpha = at / ap, curBeta = 1 - curAlpha;
        auto x0 = (x - std::sqrt(bt) * eps) / std::sqrt(at);
        auto mean = (std::sqrt(ap) * curBeta / bt) * x0 + (std::sqrt(curAlpha) * bp / bt) * x;
        if (t > 0) {
            const double variance = std::max(bp / bt * curBeta, 1e-20);
            mean = mean + std::sqrt(variance) * noise(x.sizes()).to(x.device(), x.scalar_type());
        }
        return mean;
    }
};

class PNDMSampler : public Sampler {
public:
    explicit PNDMSampler(const SchedulerConfig& c) : Sampler(SamplerKind::PNDM, c) {}
    void setTimesteps(int n) override {
        steps_ = n;
        auto lead = leadingTimesteps(config_.numTrainTimesteps, n, config_.stepsOffset);  // descending
        // plms: [t0 ... t_{n-2}, t_{n-2}, t_{n-1}] ascending, reversed -> repeat the second-highest
        timesteps_.clear();
        timesteps_.push_back(lead[0]);
        for (size_t k = 1; k < lead.size(); ++k) {
            timesteps_.push_back(lead[k]);
            if (k == 1) timesteps_.push_back(lead[k]);
        }
        if (lead.size() == 1) timesteps_ = lead;
        ets_.clear();
        counter_ = 0;
    }
    torch::Tensor step(const torch::Tensor& eps, size_t i, const torch::Tensor& xIn, const NoiseFn&) override {
        const int ratio = config_.numTrainTimesteps / steps_;
        int t = static_cast<int>(timesteps_[i]);  // diffusers takes the timestep it is given, the counter only orders ets
        int prev = t - ratio;
        torch::Tensor out = eps, x = xIn;
        if (counter_ != 1) {
            if (ets_.size() > 3) ets_.erase(ets_.begin(), ets_.end() - 3);
            ets_.push_back(eps);
        } else {
            prev = t;
            t = t + ratio;
        }
        const size_t n = ets_.size();
        if (n == 1 && counter_ == 0) {
            curSample_ = x;
        } else if (n == 1 && counter_ == 1) {
            out = (eps + ets_.back()) / 2;
            x = curSample_;
            curSample_ = torch::Tensor();
        } else if (n == 2) {
            out = (3 * ets_[1] - ets_[0]) / 2;
        } else if (n == 3) {
            out = (23 * ets_[2] - 16 * ets_[1] + 5 * ets_[0]) / 12;
        } else {
            out = (1.0 / 24) * (55 * ets_[n - 1] - 59 * ets_[n - 2] + 37 * ets_[n - 3] - 9 * ets_[n - 4]);
        }
        ++counter_;
        const double at = sched_.acp[t];
        const double ap = prev >= 0 ? sched_.acp[prev] : sched_.finalAlphaCumprod;
        const double bt = 1 - at, bp = 1 - ap;
        const double sampleCoeff = std::sqrt(ap / at);
        const double denom = at * std::sqrt(bp) + std::sqrt(at * bt * ap);
        return sampleCoeff * x - (ap - at) * out / denom;
    }

private:
    std::vector<torch::Tensor> ets_;
    torch::Tensor curSample_;
    size_t counter_ = 0;
};

// ---------------------------------------------------------------- sigma samplers

class EulerSampler : public Sampler {
public:
    EulerSampler(const SchedulerConfig& c, bool ancestral)
        : Sampler(ancestral ? SamplerKind::EulerAncestral : SamplerKind::Euler, c), ancestral_(ancestral) {}
    void setTimesteps(int n) override {
        steps_ = n;
        auto ts = linspace(0, config_.numTrainTimesteps - 1, n);
        std::reverse(ts.begin(), ts.end());
        const auto all = sched_.sigmas();
        timesteps_.clear();
        sigmas_.clear();
        for (double t : ts) {
            timesteps_.push_back(f32(t));
            sigmas_.push_back(f32(interp(t, all)));
        }
        sigmas_.push_back(0.0);
    }
    double initNoiseSigma() const override { return *std::max_element(sigmas_.begin(), sigmas_.end()); }
    double alphaCumprodAt(size_t i) const override { return 1.0 / (sigmas_[i] * sigmas_[i] + 1); }
    torch::Tensor addNoise(const torch::Tensor& x0, const torch::Tensor& noise, size_t i) const override {
        return x0 + noise.to(x0.device(), x0.scalar_type()) * static_cast<float>(sigmas_[i]);
    }
    torch::Tensor scaleModelInput(const torch::Tensor& x, size_t i) const override {
        return x / std::sqrt(sigmas_[i] * sigmas_[i] + 1);
    }
    torch::Tensor step(const torch::Tensor& eps, size_t i, const torch::Tensor& x, const NoiseFn& noise) override {
        const double sigma = sigmas_[i], next = sigmas_[i + 1];
        auto x0 = x - sigma * eps;
        auto derivative = (x - x0) / sigma;
        if (!ancestral_) return x + derivative * (next - sigma);
        const double up = std::sqrt(next * next * (sigma * sigma - next * next) / (sigma * sigma));
        const double down = std::sqrt(next * next - up * up);
        auto prev = x + derivative * (down - sigma);
        return prev + noise(x.sizes()).to(x.device(), x.scalar_type()) * up;
    }

private:
    bool ancestral_;
};

class DPMPP2MSampler : public Sampler {
public:
    DPMPP2MSampler(const SchedulerConfig& c, bool karras)
        : Sampler(karras ? SamplerKind::DPMPP2MKarras : SamplerKind::DPMPP2M, c), karras_(karras) {}
    void setTimesteps(int n) override {
        steps_ = n;
        const int T = config_.numTrainTimesteps;
        const auto all = sched_.sigmas();
        timesteps_.clear();
        sigmas_.clear();
        if (!karras_) {
            auto ls = linspace(0, T - 1, n + 1);
            for (int k = n; k >= 1; --k) timesteps_.push_back(std::nearbyint(ls[k]));  // round half to even
            for (double t : timesteps_) sigmas_.push_back(f32(interp(t, all)));
            sigmas_.push_back(f32(std::sqrt((1 - sched_.acp[0]) / sched_.acp[0])));
        } else {
            std::vector<double> logs;
            for (double s : all) logs.push_back(std::log(s));
            const double rho = 7.0, smin = all.front(), smax = all.back();
            const double minInv = std::pow(smin, 1 / rho), maxInv = std::pow(smax, 1 / rho);
            for (int k = 0; k < n; ++k) {
                const double ramp = n == 1 ? 0.0 : static_cast<double>(k) / (n - 1);
                const double s = std::pow(maxInv + ramp * (minInv - maxInv), rho);
                sigmas_.push_back(f32(s));
                timesteps_.push_back(std::nearbyint(sigmaToT(s, logs)));
            }
            sigmas_.push_back(sigmas_.back());
        }
        outputs_.clear();
        lowerOrderNums_ = 0;
    }
    double alphaCumprodAt(size_t i) const override { return 1.0 / (sigmas_[i] * sigmas_[i] + 1); }
    torch::Tensor addNoise(const torch::Tensor& x0, const torch::Tensor& noise, size_t i) const override {
        // diffusers: alpha_t = 1 / (sigma^2 + 1) ** 0.5, sigma_t = sigma * alpha_t, float32
        const float s = static_cast<float>(sigmas_[i]);
        const float at = 1.0f / std::sqrt(s * s + 1.0f), st = s * at;
        return at * x0 + st * noise.to(x0.device(), x0.scalar_type());
    }
    torch::Tensor step(const torch::Tensor& eps, size_t i, const torch::Tensor& x, const NoiseFn&) override {
        const size_t n = timesteps_.size();
        const bool lowerFinal = (i == n - 1) && n < 15;
        const bool lowerSecond = (i == n - 2) && n < 15;
        auto [a0, s0] = alphaSigma(sigmas_[i]);
        auto x0 = (x - s0 * eps) / a0;  // data prediction (dpmsolver++)
        outputs_.push_back(x0);
        if (outputs_.size() > 2) outputs_.erase(outputs_.begin());
        torch::Tensor prev;
        auto [at, st] = alphaSigma(sigmas_[i + 1]);
        const double lt = std::log(at) - std::log(st), ls0 = std::log(a0) - std::log(s0);
        const double h = lt - ls0;
        if (lowerOrderNums_ < 1 || lowerFinal) {
            prev = (st / s0) * x - at * (std::exp(-h) - 1.0) * x0;
        } else {
            auto [a1, s1] = alphaSigma(sigmas_[i - 1]);
            const double ls1 = std::log(a1) - std::log(s1);
            const double r0 = (ls0 - ls1) / h;
            auto d0 = outputs_[1];
            auto d1 = (1.0 / r0) * (outputs_[1] - outputs_[0]);
            prev = (st / s0) * x - at * (std::exp(-h) - 1.0) * d0 - 0.5 * at * (std::exp(-h) - 1.0) * d1;
        }
        (void)lowerSecond;
        if (lowerOrderNums_ < 2) ++lowerOrderNums_;
        return prev;
    }

private:
    static std::pair<double, double> alphaSigma(double sigma) {
        const double a = 1.0 / std::sqrt(sigma * sigma + 1);
        return {a, sigma * a};
    }
    static double sigmaToT(double sigma, const std::vector<double>& logs) {
        const double ls = std::log(std::max(sigma, 1e-10));
        int low = 0;
        for (size_t k = 0; k < logs.size(); ++k)
            if (ls - logs[k] >= 0) low = static_cast<int>(k);
        low = std::min<int>(low, static_cast<int>(logs.size()) - 2);
        const double lo = logs[low], hi = logs[low + 1];
        double w = std::clamp((lo - ls) / (lo - hi), 0.0, 1.0);
        return (1 - w) * low + w * (low + 1);
    }
    bool karras_;
    std::vector<torch::Tensor> outputs_;
    int lowerOrderNums_ = 0;
};

} // namespace

std::pair<double, double> lcmScalings(int t) {
    // sigma_data 0.5, timestep scaling 10 (diffusers' get_scalings_for_boundary_condition_discrete).
    const double scaled = t * 10.0, sd2 = 0.25;
    return {sd2 / (scaled * scaled + sd2), scaled / std::sqrt(scaled * scaled + sd2)};
}

// Latent consistency sampling (diffusers 0.23.1 LCMScheduler, original_inference_steps 50, timestep
// scaling 10): each step predicts the clean latent through the consistency function's boundary-condition
// scalings and, except at the last step, noises it back to the next timestep with a fresh draw.
class LCMSampler : public Sampler {
public:
    explicit LCMSampler(const SchedulerConfig& c) : Sampler(SamplerKind::LCM, c) {}
    void setTimesteps(int n) override {
        constexpr int kOriginalSteps = 50;
        if (n < 1 || n > kOriginalSteps)
            throw Error("lcm takes 1 to " + std::to_string(kOriginalSteps) + " steps (4 is typical), not " + std::to_string(n));
        steps_ = n;
        const int c = config_.numTrainTimesteps / kOriginalSteps;
        std::vector<int> origin;  // 19, 39, ..., 999
        for (int k = 1; k <= kOriginalSteps; ++k) origin.push_back(k * c - 1);
        const int skip = static_cast<int>(origin.size()) / n;
        timesteps_.clear();
        for (int i = static_cast<int>(origin.size()) - 1; i >= 0 && static_cast<int>(timesteps_.size()) < n; i -= skip)
            timesteps_.push_back(origin[static_cast<size_t>(i)]);
    }
    torch::Tensor step(const torch::Tensor& eps, size_t i, const torch::Tensor& x, const NoiseFn& noise) override {
        const int t = static_cast<int>(timesteps_[i]);
        const bool last = i + 1 >= timesteps_.size();
        const int prev = last ? t : static_cast<int>(timesteps_[i + 1]);
        const double at = sched_.acp[static_cast<size_t>(t)];
        const double ap = prev >= 0 ? sched_.acp[static_cast<size_t>(prev)] : sched_.finalAlphaCumprod;
        const auto [cSkip, cOut] = lcmScalings(t);
        auto x0 = (x - std::sqrt(1 - at) * eps) / std::sqrt(at);  // [B, 4, h, w]
        auto denoised = cOut * x0 + cSkip * x;
        if (last) return denoised;
        return std::sqrt(ap) * denoised + std::sqrt(1 - ap) * noise(x.sizes()).to(x.device(), x.scalar_type());
    }
};

std::unique_ptr<Sampler> makeSampler(SamplerKind kind, const SchedulerConfig& c) {
    if (c.predictionType != "epsilon" && c.predictionType != "v_prediction")
        throw Error("unsupported prediction_type '" + c.predictionType + "' (epsilon or v_prediction)");
    switch (kind) {
    case SamplerKind::DDPM: return std::make_unique<DDPMSampler>(c);
    case SamplerKind::DDIM: return std::make_unique<DDIMSampler>(c);
    case SamplerKind::PNDM: return std::make_unique<PNDMSampler>(c);
    case SamplerKind::Euler: return std::make_unique<EulerSampler>(c, false);
    case SamplerKind::EulerAncestral: return std::make_unique<EulerSampler>(c, true);
    case SamplerKind::DPMPP2M: return std::make_unique<DPMPP2MSampler>(c, false);
    case SamplerKind::DPMPP2MKarras: return std::make_unique<DPMPP2MSampler>(c, true);
    case SamplerKind::LCM: return std::make_unique<LCMSampler>(c);
    }
    throw Error("unknown sampler");
}

torch::Tensor runSampler(Sampler& s, torch::Tensor x, const DenoiseFn& denoise, const NoiseFn& noise,
                         const StepFn& onStep, const CancelToken* cancel, const SamplerLoop& loop) {
    const auto& ts = s.timesteps();
    const int total = static_cast<int>(ts.size() - std::min(loop.start, ts.size()));
    for (size_t i = loop.start; i < ts.size(); ++i) {
        throwIfCancelled(cancel);
        auto xIn = s.scaleModelInput(x, i);
        auto eps = s.toEpsilon(denoise(xIn, ts[i]), xIn, i);
        x = s.step(eps, i, x, noise);
        if (loop.afterStep) x = loop.afterStep(i, x);
        if (onStep) onStep(static_cast<int>(i + 1 - loop.start), total, x);
    }
    return x;
}

} // namespace adv
