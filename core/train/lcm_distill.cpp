#include "train/lcm_distill.h"

#include "util/error.h"

#include <cmath>

namespace adv::train {

namespace {

// Per-row schedule values at t [B] as [B, 1, 1, 1] on x's device and dtype.
torch::Tensor rows(const torch::Tensor& values, const torch::Tensor& like) {
    return values.to(like.device(), like.scalar_type()).view({-1, 1, 1, 1});
}

std::pair<torch::Tensor, torch::Tensor> alphaSigma(const NoiseSchedule& s, const torch::Tensor& t, const torch::Tensor& x) {
    const auto acp = s.alphasCumprod.to(torch::kFloat64).index_select(0, t.to(torch::kCPU, torch::kInt64));  // [B]
    return {rows(acp.sqrt(), x), rows((1 - acp).sqrt(), x)};
}

} // namespace

DdimSolver::DdimSolver(const NoiseSchedule& s, int steps) {
    const int T = s.numTrainTimesteps;
    if (steps < 2 || steps > T) throw Error("the distillation solver takes 2 to " + std::to_string(T) + " steps, not " + std::to_string(steps));
    skip = T / steps;
    for (int k = 1; k <= steps; ++k) timesteps.push_back(static_cast<int64_t>(k) * skip - 1);
    alphaPrev.push_back(s.acp.front());
    for (size_t i = 0; i + 1 < timesteps.size(); ++i) alphaPrev.push_back(s.acp[static_cast<size_t>(timesteps[i])]);
}

torch::Tensor DdimSolver::step(const torch::Tensor& x0, const torch::Tensor& eps, const torch::Tensor& index) const {
    const auto prev = torch::tensor(alphaPrev, torch::kFloat64).index_select(0, index.to(torch::kCPU, torch::kInt64));  // [B]
    return rows(prev.sqrt(), x0) * x0 + rows((1 - prev).sqrt(), x0) * eps;  // [B, 4, h, w]
}

torch::Tensor predictedOriginal(const torch::Tensor& out, const torch::Tensor& t, const torch::Tensor& x,
                                const NoiseSchedule& s, const std::string& predictionType) {
    const auto [alpha, sigma] = alphaSigma(s, t, x);
    if (predictionType == "epsilon") return (x - sigma * out) / alpha;
    if (predictionType == "v_prediction") return alpha * x - sigma * out;
    throw Error("unsupported prediction_type '" + predictionType + "' (epsilon or v_prediction)");
}

torch::Tensor predictedNoise(const torch::Tensor& out, const torch::Tensor& t, const torch::Tensor& x,
                             const NoiseSchedule& s, const std::string& predictionType) {
    const auto [alpha, sigma] = alphaSigma(s, t, x);
    if (predictionType == "epsilon") return out;
    if (predictionType == "v_prediction") return alpha * out + sigma * x;
    throw Error("unsupported prediction_type '" + predictionType + "' (epsilon or v_prediction)");
}

std::pair<torch::Tensor, torch::Tensor> boundaryScalings(const torch::Tensor& t) {
    const auto tc = t.to(torch::kCPU, torch::kInt64);
    std::vector<double> skip, out;
    for (int64_t i = 0; i < tc.size(0); ++i) {
        const auto [cs, co] = lcmScalings(static_cast<int>(tc[i].item<int64_t>()));
        skip.push_back(cs);
        out.push_back(co);
    }
    return {torch::tensor(skip, torch::kFloat64).view({-1, 1, 1, 1}), torch::tensor(out, torch::kFloat64).view({-1, 1, 1, 1})};
}

torch::Tensor consistencyDistance(const torch::Tensor& a, const torch::Tensor& b, const std::string& lossType, double huberC) {
    const auto d = a.to(torch::kFloat32) - b.to(torch::kFloat32);
    torch::Tensor per;
    if (lossType == "l2") per = d.pow(2);
    else if (lossType == "huber") per = (d.pow(2) + huberC * huberC).sqrt() - huberC;
    else throw Error("unknown consistency loss '" + lossType + "' (huber or l2)");
    return per.flatten(1).mean(1);  // [B]
}

torch::Tensor lcmDistillLoss(const LcmDistillBatch& b, const LcmDistillModels& m, const NoiseSchedule& s,
                             const DdimSolver& solver, const LcmDistillOptions& o) {
    const auto dev = b.latents.device();
    const auto index = b.index.to(torch::kCPU, torch::kInt64);                                                 // [B]
    const auto start = torch::tensor(solver.timesteps, torch::kInt64).index_select(0, index);                  // t_{n+k}
    const auto prev = (start - solver.skip).clamp_min(0);                                                      // t_n
    const auto [skipStart, outStart] = boundaryScalings(start);
    const auto [skipPrev, outPrev] = boundaryScalings(prev);
    auto like = [&](const torch::Tensor& v) { return v.to(dev, b.latents.scalar_type()); };
    const auto startDev = start.to(dev), prevDev = prev.to(dev);

    const auto noisy = s.addNoise(b.latents, b.noise, startDev);  // [B, 4, h, w]
    // Student: the consistency function at the start timestep.
    const auto studentOut = m.student(noisy, startDev, b.context);
    const auto studentX0 = predictedOriginal(studentOut, start, noisy, s, o.predictionType);
    const auto studentF = like(skipStart) * noisy + like(outStart) * studentX0;  // [B, 4, h, w]

    torch::Tensor targetF;
    {
        torch::NoGradGuard ng;
        // Teacher: one guided DDIM step from t_{n+k} to t_n, conditional and unconditional halves in one pass.
        const int64_t B = noisy.size(0);
        const auto both = m.teacher(torch::cat({noisy, noisy}), torch::cat({startDev, startDev}),
                                    torch::cat({b.context, b.uncond}));                                  // [2B, 4, h, w]
        const auto cond = both.slice(0, 0, B), uncond = both.slice(0, B, 2 * B);
        const auto w = rows(b.w, noisy);
        const auto condX0 = predictedOriginal(cond, start, noisy, s, o.predictionType);
        const auto uncondX0 = predictedOriginal(uncond, start, noisy, s, o.predictionType);
        const auto condEps = predictedNoise(cond, start, noisy, s, o.predictionType);
        const auto uncondEps = predictedNoise(uncond, start, noisy, s, o.predictionType);
        const auto x0 = condX0 + w * (condX0 - uncondX0);
        const auto eps = condEps + w * (condEps - uncondEps);
        const auto xPrev = solver.step(x0, eps, index);  // [B, 4, h, w]
        // Target: the same LoRA, without gradients, at the teacher's point.
        const auto targetOut = m.target(xPrev, prevDev, b.context);
        const auto targetX0 = predictedOriginal(targetOut, prev, xPrev, s, o.predictionType);
        targetF = like(skipPrev) * xPrev + like(outPrev) * targetX0;
    }
    return consistencyDistance(studentF, targetF, o.lossType, o.huberC);
}

} // namespace adv::train
