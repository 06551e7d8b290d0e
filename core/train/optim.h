// AdamW (as torch.optim.AdamW) and learning-rate schedules (as diffusers'
// get_scheduler), with state that saves to safetensors for exact resume.
#pragma once

#include <torch/types.h>

#include <map>
#include <string>
#include <vector>

namespace adv::train {

// Learning-rate multiplier at optimizer step `step` (0-based).
double lrFactor(const std::string& schedule, int step, int warmup, int total);

struct TrainConfig;
// Sampling probabilities over the T training timesteps for the config's timestep bias;
// undefined when timesteps are drawn uniformly.
torch::Tensor timestepWeights(const TrainConfig& c, int T);
// kohya's pyramid_noise_like: `noise` [B, C, H, W] plus upsampled coarser noise at sizes shrinking
// by a random factor in [2, 4) per level, weighted discount^level, renormalised to unit std.
torch::Tensor multiresNoise(const torch::Tensor& noise, int iterations, double discount, at::Generator& gen);

class AdamW {
public:
    AdamW(std::vector<torch::Tensor> params, double lr, double beta1, double beta2, double eps, double weightDecay);
    void step();      // uses p.grad()
    void zeroGrad();
    double lr = 1e-4;
    int64_t steps() const { return t_; }
    // "m.<i>", "v.<i>" tensors and the step count; restore() checks shapes.
    std::map<std::string, torch::Tensor> state() const;
    void restore(const std::map<std::string, torch::Tensor>& s);

private:
    std::vector<torch::Tensor> params_, m_, v_;
    double b1_, b2_, eps_, wd_;
    int64_t t_ = 0;
};

// Total gradient norm of `params`; scales gradients down to maxNorm when above (maxNorm > 0).
double clipGradNorm(const std::vector<torch::Tensor>& params, double maxNorm);

} // namespace adv::train
