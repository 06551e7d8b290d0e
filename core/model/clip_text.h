// CLIPTextModel (transformers): token + position embeddings, pre-LN encoder
// with causal self-attention, final layer norm. Keys "text_model.*".
#pragma once

#include "model/config.h"
#include "model/layers.h"

#include <torch/nn/modules/embedding.h>

namespace adv {

class ClipEncoderLayerImpl : public torch::nn::Module {
public:
    explicit ClipEncoderLayerImpl(const ClipTextConfig& c);
    torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& causalMask);

    torch::nn::LayerNorm layer_norm1{nullptr}, layer_norm2{nullptr};
    nn::Linear q_proj{nullptr}, k_proj{nullptr}, v_proj{nullptr}, out_proj{nullptr};  // self_attn.*
    nn::Linear fc1{nullptr}, fc2{nullptr};                                              // mlp.*
    int64_t heads;
    bool quickGelu;
};
TORCH_MODULE(ClipEncoderLayer);

struct ClipTextOutput {
    torch::Tensor lastHiddenState;  // [B, 77, hidden] after final_layer_norm
    torch::Tensor pooled;           // [B, hidden]
};

class ClipTextModelImpl : public torch::nn::Module {
public:
    explicit ClipTextModelImpl(const ClipTextConfig& config);
    // ids [B, L] int64. clipSkip 1 = last layer (default), 2 = penultimate (A1111 "Clip skip").
    ClipTextOutput forward(const torch::Tensor& ids, int clipSkip = 1);

    ClipTextConfig config;
    torch::nn::Embedding token_embedding{nullptr}, position_embedding{nullptr};
    torch::nn::ModuleList layers;
    torch::nn::LayerNorm final_layer_norm{nullptr};
};
TORCH_MODULE(ClipTextModel);

} // namespace adv
