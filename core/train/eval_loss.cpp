#include "train/eval_loss.h"

#include "sched/samplers.h"
#include "train/train_data.h"
#include "util/error.h"

#include <torch/torch.h>

namespace adv::train {

namespace {
double meanOf(const std::vector<LossEvalRow>& rows, double LossEvalRow::*field) {
    double s = 0;
    for (const auto& r : rows) s += r.*field;
    return rows.empty() ? 0 : s / rows.size();
}
} // namespace

double LossEvalReport::meanLoss() const { return meanOf(rows, &LossEvalRow::loss); }
double LossEvalReport::meanSwapped() const { return meanOf(rows, &LossEvalRow::lossSwapped); }

LossEvalReport evalDenoisingLoss(StableDiffusion& sd, const std::string& manifest, const LossEvalOptions& o,
                                 const ProgressFn& progress, const CancelToken* cancel) {
    torch::NoGradGuard ng;
    auto all = readManifest(manifest);
    std::vector<TrainItem> items;
    const size_t n = std::min<size_t>(all.size(), static_cast<size_t>(std::max(1, o.maxItems)));
    for (size_t i = 0; i < n; ++i) items.push_back(all[i * all.size() / n]);
    const int res = o.resolution > 0 ? o.resolution : sd.nativeResolution();
    const auto sched = NoiseSchedule::fromConfig(sd.scheduler);
    for (int t : o.timesteps)
        if (t < 0 || t >= sched.numTrainTimesteps)
            throw Error("timestep " + std::to_string(t) + " outside the model's 0.." +
                        std::to_string(sched.numTrainTimesteps - 1));

    // Latents (distribution means, as diffusers' validation does) and the two contexts.
    std::vector<torch::Tensor> lat, ctx, ctxSwap;
    auto encodeText = [&](const std::string& caption) {
        auto ids = torch::tensor((*sd.tokenizer)(caption, sd.text->config.maxPositions), torch::kInt64);
        return sd.text->forward(ids.unsqueeze(0).to(sd.device())).lastHiddenState[0];  // [77, D]
    };
    for (size_t i = 0; i < items.size(); ++i) {
        throwIfCancelled(cancel);
        auto img = prepareImage(items[i].image, res).unsqueeze(0).to(sd.device(), sd.vaeDtype());
        lat.push_back(sd.vae->encode(img).mean[0].to(torch::kFloat32) * sd.vae->config.scalingFactor);  // [4, h, w]
        ctx.push_back(encodeText(items[i].caption));
        if (progress) progress(static_cast<int>(i + 1), static_cast<int>(items.size()) * 2, "encoding");
    }
    for (size_t i = 0; i < items.size(); ++i) {
        // The context of the next item (cyclically) whose caption differs.
        size_t j = i;
        for (size_t k = 1; k < items.size() && items[j].caption == items[i].caption; ++k) j = (i + k) % items.size();
        ctxSwap.push_back(ctx[j]);
    }
    auto x0 = torch::stack(lat).to(sd.dtype());   // [N, 4, h, w]
    auto c = torch::stack(ctx).to(sd.dtype());     // [N, 77, D]
    auto cs = torch::stack(ctxSwap).to(sd.dtype());
    auto gen = at::detail::createCPUGenerator(o.seed);
    LossEvalReport rep;
    rep.items = static_cast<int>(items.size());
    const int64_t chunk = 16;
    for (size_t ti = 0; ti < o.timesteps.size(); ++ti) {
        LossEvalRow row;
        row.timestep = o.timesteps[ti];
        double sum = 0, sumSwap = 0;
        int64_t count = 0;
        for (int d = 0; d < o.noiseDraws; ++d) {
            auto noise = torch::randn(x0.sizes(), gen, torch::kFloat32).to(x0.device(), x0.scalar_type());
            for (int64_t b = 0; b < x0.size(0); b += chunk) {
                throwIfCancelled(cancel);
                const int64_t e = std::min(x0.size(0), b + chunk);
                auto eps = noise.slice(0, b, e);
                auto t = torch::full({e - b}, row.timestep, torch::kInt64).to(x0.device());
                auto noisy = sched.addNoise(x0.slice(0, b, e), eps, t);
                auto target = sched.target(sd.scheduler.predictionType, x0.slice(0, b, e), eps, t).to(torch::kFloat32);
                auto err = [&](const torch::Tensor& context) {
                    auto pred = sd.unet->forward(noisy, t, context);
                    return (pred.to(torch::kFloat32) - target).pow(2).mean({1, 2, 3}).sum().item<double>();
                };
                sum += err(c.slice(0, b, e));
                sumSwap += err(cs.slice(0, b, e));
                count += e - b;
            }
        }
        row.loss = sum / count;
        row.lossSwapped = sumSwap / count;
        rep.rows.push_back(row);
        if (progress)
            progress(static_cast<int>(items.size() + (ti + 1) * items.size() / o.timesteps.size()),
                     static_cast<int>(items.size()) * 2, "timesteps");
    }
    return rep;
}

} // namespace adv::train
