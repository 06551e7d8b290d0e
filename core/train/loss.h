// The fine-tune's denoising loss per sample: the plain mean squared error, or,
// for masked training, weighted by the subject's mask.
#pragma once

#include <torch/torch.h>

namespace adv::train {

// pred, target: [B, C, h, w]. subject: [B, 1, h, w] share of each latent pixel covered by the
// subject (the garment), or undefined for the plain loss. The subject's pixels weigh
// `subjectWeight` (in [0, 1]), the rest 1, and the weighted mean keeps the loss on the plain
// loss's scale: subjectWeight 1 is the plain loss, 0 the loss on the backdrop alone. Returns [B], f32.
torch::Tensor denoisingLoss(const torch::Tensor& pred, const torch::Tensor& target, const torch::Tensor& subject,
                            double subjectWeight);

// Per-sample loss weights from the signal-to-noise ratio at each sample's timestep (snr: [B]).
// snrGamma > 0: min-SNR-gamma (Hang et al. 2023): min(snr, gamma) / snr for epsilon models,
// min(snr, gamma) / (snr + 1) for v-prediction (the same weight on the x0 error). debiased:
// kohya's debiased estimation, 1 / sqrt(snr) for epsilon, 1 / (snr + 1) for v-prediction
// (snr capped at 1000). Both may apply; neither gives ones. Returns [B], f32.
torch::Tensor snrLossWeights(const torch::Tensor& snr, bool vPrediction, double snrGamma, bool debiased);

} // namespace adv::train
