// Latent consistency distillation into a LoRA (LCM-LoRA: Luo et al. 2023, "LCM-LoRA: A Universal
// Stable-Diffusion Acceleration Module"; the recipe of diffusers' train_lcm_distill_lora_sd.py):
//
//   teacher  the frozen base, guided (CFG with weight w, the empty prompt as the unconditional side),
//            takes one skipping-step DDIM step from t_{n+k} to t_n;
//   student  base + LoRA, maps the noisy latent at t_{n+k} through the consistency function
//            f(x, t) = c_skip(t) x + c_out(t) x0(x, t);
//   target   the same LoRA under stop-gradient, f at the teacher's x_{t_n};
//   loss     pseudo-Huber (or squared) distance between the student's and the target's f.
//
// The boundary-condition scalings are the LCM sampler's (timestep scaling 10, sigma_data 0.5), so a LoRA
// trained here is what `--sampler lcm` expects at 2 to 8 steps and CFG 1 (the guidance is distilled in).
#pragma once

#include "sched/samplers.h"

#include <torch/torch.h>

#include <functional>
#include <string>
#include <vector>

namespace adv::train {

// The teacher's solver: DDIM over N evenly skipped timesteps of the schedule's T.
struct DdimSolver {
    DdimSolver(const NoiseSchedule& schedule, int steps);
    std::vector<int64_t> timesteps;  // [N] ascending: k * (T / N) - 1 for k = 1..N (19, 39, ..., 999 for N = 50)
    std::vector<double> alphaPrev;   // [N] alphas_cumprod at the previous solver timestep (acp[0] for the first)
    int64_t skip = 0;                // T / N: the teacher's step in training timesteps
    // sqrt(aPrev) * x0 + sqrt(1 - aPrev) * eps, aPrev per row from index [B] (int64).
    torch::Tensor step(const torch::Tensor& x0, const torch::Tensor& eps, const torch::Tensor& index) const;
};

// The clean latent and the noise a model output stands for at timesteps t [B] (int64) and sample x
// [B, C, h, w]: epsilon or v_prediction.
torch::Tensor predictedOriginal(const torch::Tensor& out, const torch::Tensor& t, const torch::Tensor& x,
                                const NoiseSchedule& schedule, const std::string& predictionType);
torch::Tensor predictedNoise(const torch::Tensor& out, const torch::Tensor& t, const torch::Tensor& x,
                             const NoiseSchedule& schedule, const std::string& predictionType);

// The consistency function's boundary-condition scalings at t [B] (lcmScalings per row), as [B, 1, 1, 1].
std::pair<torch::Tensor, torch::Tensor> boundaryScalings(const torch::Tensor& t);

// Pseudo-Huber distance per sample: mean(sqrt((a - b)^2 + c^2) - c) over all but the first dimension.
// c = 0 gives the mean absolute error; the squared error is lossType "l2". Returns [B], f32.
torch::Tensor consistencyDistance(const torch::Tensor& a, const torch::Tensor& b, const std::string& lossType, double huberC);

// A UNet pass: noise (or velocity) prediction for sample x [B, 4, h, w] at timesteps t [B] under context [B, L, D].
using UnetFn = std::function<torch::Tensor(const torch::Tensor& x, const torch::Tensor& t, const torch::Tensor& context)>;

struct LcmDistillBatch {
    torch::Tensor latents;  // [B, 4, h, w] clean latents (scaled by the VAE's factor)
    torch::Tensor noise;    // [B, 4, h, w] unit normal
    torch::Tensor index;    // [B] int64: solver index n + k of the start timestep, in [0, N)
    torch::Tensor w;        // [B] guidance weight; the teacher's CFG scale is 1 + w
    torch::Tensor context;  // [B, L, D] the captions' embeddings
    torch::Tensor uncond;   // [B, L, D] the empty prompt's embedding
};

struct LcmDistillModels {
    UnetFn student;  // base + LoRA, with gradients
    UnetFn teacher;  // the frozen base (LoRA off); called once on the conditional and unconditional halves
    UnetFn target;   // base + LoRA, no gradients
};

struct LcmDistillOptions {
    std::string predictionType = "epsilon";
    std::string lossType = "huber";  // huber | l2
    double huberC = 0.001;
};

// The per-sample consistency distillation loss [B] (f32, the student's graph attached).
torch::Tensor lcmDistillLoss(const LcmDistillBatch& batch, const LcmDistillModels& models, const NoiseSchedule& schedule,
                             const DdimSolver& solver, const LcmDistillOptions& options);

} // namespace adv::train
