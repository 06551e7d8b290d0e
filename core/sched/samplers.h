// Noise schedules and samplers, each matching diffusers' timesteps and update
// math (DDPM, DDIM, PNDM/PLMS, Euler, Euler ancestral, DPM-Solver++ 2M with
// and without Karras sigmas). A sampler only sees a denoise callback.
#pragma once

#include "model/config.h"
#include "sched/sampler_names.h"
#include "util/cancel.h"

#include <torch/types.h>

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace adv {

// betas / alphas_cumprod of the training schedule (float32, as diffusers).
struct NoiseSchedule {
    torch::Tensor betas;          // [T]
    torch::Tensor alphasCumprod;  // [T]
    std::vector<double> acp;      // alphasCumprod as doubles, for scalar math
    double finalAlphaCumprod = 1.0;
    int numTrainTimesteps = 1000;

    static NoiseSchedule fromConfig(const SchedulerConfig& c);
    // sqrt(acp[t]) * x0 + sqrt(1 - acp[t]) * noise, t per batch row [B]
    torch::Tensor addNoise(const torch::Tensor& x0, const torch::Tensor& noise, const torch::Tensor& t) const;
    // sqrt((1 - acp) / acp) for every training timestep, ascending in t
    std::vector<double> sigmas() const;
    // What a model of this prediction type learns to predict: the noise ("epsilon") or the velocity
    // sqrt(acp[t]) * noise - sqrt(1 - acp[t]) * x0 ("v_prediction"), t per batch row [B].
    torch::Tensor target(const std::string& predictionType, const torch::Tensor& x0, const torch::Tensor& noise,
                         const torch::Tensor& t) const;
    // acp / (1 - acp) at t [B], float32 on t's device.
    torch::Tensor snr(const torch::Tensor& t) const;
};


// Draws standard normal noise of a given shape (stochastic samplers).
using NoiseFn = std::function<torch::Tensor(at::IntArrayRef shape)>;
// The model's output (noise or velocity, as its prediction type) for the scaled model input at timestep t.
using DenoiseFn = std::function<torch::Tensor(const torch::Tensor& xIn, double t)>;
// Called after every step with the new sample.
using StepFn = std::function<void(int step, int total, const torch::Tensor& x)>;

class Sampler {
public:
    virtual ~Sampler() = default;
    virtual void setTimesteps(int steps) = 0;
    const std::vector<double>& timesteps() const { return timesteps_; }
    const std::vector<double>& sigmas() const { return sigmas_; }  // sigma samplers only
    virtual double initNoiseSigma() const { return 1.0; }
    virtual torch::Tensor scaleModelInput(const torch::Tensor& x, size_t stepIndex) const { return x; }
    // The noise the model's output at step `stepIndex` stands for; xIn is that step's scaled model input.
    // Epsilon models: the output itself; v-prediction: sqrt(acp) * v + sqrt(1 - acp) * xIn.
    torch::Tensor toEpsilon(const torch::Tensor& modelOutput, const torch::Tensor& xIn, size_t stepIndex) const;
    // One update from step `stepIndex`; `noise` is only called by stochastic samplers.
    virtual torch::Tensor step(const torch::Tensor& modelOutput, size_t stepIndex, const torch::Tensor& x,
                               const NoiseFn& noise) = 0;
    // Clean latents x0 noised to the level of step `stepIndex` with `noise` (diffusers' add_noise, float32):
    // sqrt(acp) x0 + sqrt(1 - acp) n for timestep samplers, x0 + sigma n (Euler) or alpha_t x0 + sigma_t n
    // (DPM-Solver++) for sigma samplers.
    virtual torch::Tensor addNoise(const torch::Tensor& x0, const torch::Tensor& noise, size_t stepIndex) const;
    // Image-to-image and inpainting run the schedule from this index (diffusers: init_timestep =
    // min(int(steps * strength), steps), t_start = steps - init_timestep; Python int() truncates the double).
    // Throws when the strength leaves no step to run.
    size_t startIndexForStrength(double strength) const;
    SamplerKind kind() const { return kind_; }

protected:
    // acp at the noise level of step `stepIndex`: from the timestep, or from the sigma for sigma samplers.
    virtual double alphaCumprodAt(size_t stepIndex) const;
    Sampler(SamplerKind k, const SchedulerConfig& c) : kind_(k), config_(c), sched_(NoiseSchedule::fromConfig(c)) {}
    SamplerKind kind_;
    SchedulerConfig config_;
    NoiseSchedule sched_;
    std::vector<double> timesteps_;
    std::vector<double> sigmas_;
    int steps_ = 0;
};

std::unique_ptr<Sampler> makeSampler(SamplerKind kind, const SchedulerConfig& config);
// LCM's boundary-condition scalings (c_skip, c_out) at timestep t: denoised = c_out * x0 + c_skip * x.
std::pair<double, double> lcmScalings(int t);

// Where the loop starts and what happens after each step (inpainting re-imposes the known region).
struct SamplerLoop {
    size_t start = 0;  // first step index (image-to-image strength)
    // Maps the sampler's output of step i to the latents the loop continues with.
    std::function<torch::Tensor(size_t stepIndex, const torch::Tensor& x)> afterStep;
};

// The whole loop: x starts as unit noise * initNoiseSigma (the caller scales), or as clean latents noised
// to step loop.start with addNoise. onStep gets (steps done, steps to do) counted from loop.start.
torch::Tensor runSampler(Sampler& sampler, torch::Tensor x, const DenoiseFn& denoise, const NoiseFn& noise,
                         const StepFn& onStep = {}, const CancelToken* cancel = nullptr, const SamplerLoop& loop = {});

} // namespace adv
