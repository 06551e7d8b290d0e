#include "train/loss.h"

namespace adv::train {

torch::Tensor denoisingLoss(const torch::Tensor& pred, const torch::Tensor& target, const torch::Tensor& subject,
                            double subjectWeight) {
    auto sq = (pred.to(torch::kFloat32) - target.to(torch::kFloat32)).pow(2);  // [B, C, h, w]
    if (!subject.defined()) return sq.mean({1, 2, 3});                          // [B]
    auto w = 1.0 - (1.0 - subjectWeight) * subject.to(sq.device(), torch::kFloat32);  // [B, 1, h, w]
    // An all-subject image at weight 0 has nothing to learn from: its loss is 0, not 0/0.
    return (sq * w).sum({1, 2, 3}) / (w.sum({1, 2, 3}) * sq.size(1)).clamp_min(1e-6);  // [B]
}

torch::Tensor snrLossWeights(const torch::Tensor& snr, bool vPrediction, double snrGamma, bool debiased) {
    auto s = snr.to(torch::kFloat32);       // [B]
    auto w = torch::ones_like(s);            // [B]
    if (snrGamma > 0) w = w * torch::clamp_max(s, snrGamma) / (vPrediction ? s + 1 : s);
    if (debiased) {
        auto c = torch::clamp_max(s, 1000.0);
        w = w * (vPrediction ? 1.0 / (c + 1) : 1.0 / torch::sqrt(c));
    }
    return w;
}

} // namespace adv::train
