// LoRA adapters on nn::Linear and nn::Conv2d modules (LoCon: a k x k down conv and
// a 1x1 up conv): read (diffusers, PEFT, kohya naming, detected), attach with a
// scale, merge/unmerge, create for training, save.
#pragma once

#include "model/key_map.h"

#include <torch/nn/module.h>

#include <map>
#include <string>
#include <vector>

namespace adv {

namespace nn {
struct LoraAdapter;
}

// More tensors than any real LoRA has (SD 1.5 with every conv and the text encoder: ~2,000).
constexpr size_t kMaxLoraTensors = 100000;

struct LoraModule {
    std::string target;  // "unet" | "text_encoder"
    std::string module;  // diffusers module path
    torch::Tensor down;  // Linear: [rank, in]; Conv2d: [rank, in, k, k] (files may store 1x1 ones 2-D)
    torch::Tensor up;    // Linear: [out, rank]; Conv2d: [out, rank, 1, 1]
    double alpha = 0;    // 0: none stored (alpha = rank)
    int64_t rank() const { return down.size(0); }
    double factor() const { return alpha > 0 ? alpha / static_cast<double>(rank()) : 1.0; }
};

struct LoraWeights {
    std::string path;
    keymap::LoraNaming naming = keymap::LoraNaming::Unknown;
    std::vector<LoraModule> modules;
    std::vector<std::string> unmatchedKeys;  // file keys that name no module of the model
    std::map<std::string, std::string> metadata;
    int64_t parameterCount() const;
};

// A module that takes LoRA adapters: an nn::Linear (kernel 0) or an nn::Conv2d.
struct LoraHost {
    int64_t in = 0, out = 0;
    int64_t kernel = 0;  // 0: Linear; k: k x k Conv2d
    torch::Tensor weight;
    std::vector<nn::LoraAdapter>* adapters = nullptr;
    bool isConv() const { return kernel > 0; }
};
// Every Linear and Conv2d inside `root`, by module path.
std::map<std::string, LoraHost> loraHosts(torch::nn::Module& root);

// Reads a LoRA file against a model (needed to resolve kohya names). Throws
// FileError for unreadable files or keys of an unknown naming.
LoraWeights readLora(const std::string& path, torch::nn::Module& unet, torch::nn::Module* textEncoder = nullptr);

struct LoraApplyReport {
    size_t applied = 0;
    std::vector<std::string> unmatchedModules;  // modules in the file the model lacks or whose shape differs
};

// Attaches adapters (computed on the fly, W untouched) with strength `scale`.
LoraApplyReport attachLora(const LoraWeights& lora, double scale, const std::string& tag, torch::nn::Module& unet,
                           torch::nn::Module* textEncoder = nullptr);
void detachLora(const std::string& tag, torch::nn::Module& unet, torch::nn::Module* textEncoder = nullptr);
// Takes the adapters tagged `tag` off every module of `root` until it is destroyed, then puts each
// module's adapters back as they were (order included): a pass of the frozen base with a training
// LoRA attached (the teacher of a distillation). Not copyable.
class LoraSuspension {
public:
    LoraSuspension(const std::string& tag, torch::nn::Module& root);
    ~LoraSuspension();
    LoraSuspension(const LoraSuspension&) = delete;
    LoraSuspension& operator=(const LoraSuspension&) = delete;
    size_t suspended() const { return suspended_; }  // adapters taken off

private:
    std::vector<std::pair<std::vector<nn::LoraAdapter>*, std::vector<nn::LoraAdapter>>> held_;
    size_t suspended_ = 0;
};
// W += sign * scale * factor * up @ down for every module (sign -1 unmerges).
LoraApplyReport mergeLora(const LoraWeights& lora, double scale, torch::nn::Module& unet,
                          torch::nn::Module* textEncoder = nullptr, double sign = 1.0);

struct LoraSpec {
    int rank = 4;
    double alpha = 4.0;
    double dropout = 0.0;
    std::vector<std::string> targets{"to_q", "to_k", "to_v", "to_out.0"};  // module name suffixes
    bool textEncoder = false;  // also q_proj/k_proj/v_proj/out_proj of CLIP
    // LoCon (kohya's conv_dim/conv_alpha): > 0 also adapts the UNet's ResNet convs (conv1,
    // conv2, conv_shortcut) and the down/upsampler convs with this rank.
    int convRank = 0;
    double convAlpha = 0;  // 0: convRank (factor 1)
    uint64_t seed = 0;
};

// Creates trainable adapters (down ~ kaiming-uniform like PEFT, up = 0) and
// attaches them with tag "train". Base weights are frozen.
LoraWeights createLora(const LoraSpec& spec, torch::nn::Module& unet, torch::nn::Module* textEncoder = nullptr);
// Number of trainable parameters a spec adds (without creating tensors).
int64_t countLoraParameters(const LoraSpec& spec, torch::nn::Module& unet, torch::nn::Module* textEncoder = nullptr);

// Writes in `naming` (alpha keys written for kohya and PEFT; diffusers folds
// alpha into the up weights when alpha != rank). Refuses non-finite values.
void saveLora(const std::string& path, const LoraWeights& lora, keymap::LoraNaming naming,
              const std::map<std::string, std::string>& metadata = {});

} // namespace adv
