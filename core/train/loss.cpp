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

} // namespace adv::train
