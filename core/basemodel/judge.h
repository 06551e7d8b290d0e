// The judge: a small CNN, independent of the generator, that tells a garment
// image's background condition and garment category. Trained on synthetic
// ground truth (garments drawn on studio / beach / space / city backgrounds),
// shipped beside the embedded model in judge/ (config.json + model.safetensors).
#pragma once

#include "basemodel/recipe.h"
#include "util/cancel.h"

#include <torch/nn/module.h>
#include <torch/nn/modules/container/sequential.h>
#include <torch/nn/modules/linear.h>

#include <functional>
#include <string>
#include <vector>

namespace adv::base {

class JudgeNetImpl : public torch::nn::Module {
public:
    JudgeNetImpl(int categories, int conditions);
    // images [B, 3, H, W] in [-1, 1] -> {category logits [B, K], condition logits [B, C]}
    std::pair<torch::Tensor, torch::Tensor> forward(const torch::Tensor& images);
    torch::nn::Sequential features{nullptr};
    torch::nn::Linear category_head{nullptr}, condition_head{nullptr};
};
TORCH_MODULE(JudgeNet);

struct JudgeVerdict {
    std::vector<float> category;   // probabilities, judge category order
    std::vector<float> condition;  // probabilities, judge condition order
    int topCategory() const;       // index of the most probable
    int topCondition() const;
};

class Judge {
public:
    static Judge load(const std::string& dir);  // <model>/judge
    void save(const std::string& dir) const;
    std::vector<JudgeVerdict> classify(const torch::Tensor& images) const;  // [B,3,H,W] in [-1,1], any size
    int categoryIndex(const std::string& name) const;   // -1 when the judge does not know it
    int conditionIndex(const std::string& name) const;

    std::vector<std::string> categories;  // short names ("dress")
    std::vector<std::string> conditions;  // "studio", "beach", ...
    int resolution = 64;
    mutable JudgeNet net{nullptr};
};

struct JudgeTrainReport {
    int steps = 0;
    double seconds = 0, finalLoss = 0;
    double heldOutCategoryAccuracy = 0, heldOutConditionAccuracy = 0;
};

// Optional transform applied to a share of training images (e.g. an autoencoder round trip),
// so the judge also knows what decoded images look like: [B,3,H,W] -> same.
using ImageTransform = std::function<torch::Tensor(const torch::Tensor&)>;

Judge trainJudge(const Recipe& r, const ImageTransform& roundTrip, JudgeTrainReport& report,
                 const std::function<void(int, int, double)>& progress = {}, const CancelToken* cancel = nullptr);

} // namespace adv::base
