#include "model/clip_text.h"

#include <torch/torch.h>

namespace adv {

ClipEncoderLayerImpl::ClipEncoderLayerImpl(const ClipTextConfig& c)
    : heads(c.numHeads), quickGelu(c.hiddenAct == "quick_gelu") {
    const int64_t d = c.hiddenSize;
    auto ln = [&] { return torch::nn::LayerNorm(torch::nn::LayerNormOptions({d}).eps(c.layerNormEps)); };
    auto attn = std::make_shared<torch::nn::Module>();
    q_proj = attn->register_module("q_proj", nn::Linear(d, d));
    k_proj = attn->register_module("k_proj", nn::Linear(d, d));
    v_proj = attn->register_module("v_proj", nn::Linear(d, d));
    out_proj = attn->register_module("out_proj", nn::Linear(d, d));
    register_module("self_attn", attn);
    layer_norm1 = register_module("layer_norm1", ln());
    auto mlp = std::make_shared<torch::nn::Module>();
    fc1 = mlp->register_module("fc1", nn::Linear(d, c.intermediateSize));
    fc2 = mlp->register_module("fc2", nn::Linear(c.intermediateSize, d));
    register_module("mlp", mlp);
    layer_norm2 = register_module("layer_norm2", ln());
}

torch::Tensor ClipEncoderLayerImpl::forward(const torch::Tensor& x, const torch::Tensor& causalMask) {
    auto h = layer_norm1->forward(x);  // [B, L, D]
    auto a = nn::multiHeadAttention(q_proj->forward(h), k_proj->forward(h), v_proj->forward(h), heads, causalMask,
                                    /*upcast=*/true);
    auto r = x + out_proj->forward(a);  // [B, L, D]
    h = fc1->forward(layer_norm2->forward(r));  // [B, L, I]
    h = quickGelu ? h * torch::sigmoid(1.702 * h) : torch::gelu(h);
    return r + fc2->forward(h);  // [B, L, D]
}

ClipTextModelImpl::ClipTextModelImpl(const ClipTextConfig& c) : config(c) {
    auto text = std::make_shared<torch::nn::Module>();
    auto emb = std::make_shared<torch::nn::Module>();
    token_embedding = emb->register_module("token_embedding", torch::nn::Embedding(c.vocabSize, c.hiddenSize));
    position_embedding = emb->register_module("position_embedding", torch::nn::Embedding(c.maxPositions, c.hiddenSize));
    text->register_module("embeddings", emb);
    for (int i = 0; i < c.numLayers; ++i) layers->push_back(ClipEncoderLayer(c));
    auto enc = std::make_shared<torch::nn::Module>();
    enc->register_module("layers", layers);
    text->register_module("encoder", enc);
    final_layer_norm = text->register_module(
        "final_layer_norm", torch::nn::LayerNorm(torch::nn::LayerNormOptions({c.hiddenSize}).eps(c.layerNormEps)));
    register_module("text_model", text);
}

ClipTextOutput ClipTextModelImpl::forward(const torch::Tensor& ids, int clipSkip) {
    const int64_t L = ids.size(1);
    auto pos = torch::arange(L, torch::TensorOptions().dtype(torch::kInt64).device(ids.device()));
    auto x = token_embedding->forward(ids) + position_embedding->forward(pos).unsqueeze(0);  // [B, L, D]
    // Causal mask: -inf above the diagonal (transformers uses finfo.min; same softmax).
    auto mask = torch::full({L, L}, -std::numeric_limits<float>::infinity(),
                            torch::TensorOptions().dtype(torch::kFloat32).device(ids.device()))
                    .triu(1);  // [L, L]
    const int run = std::max(1, config.numLayers - std::max(0, clipSkip - 1));
    for (int i = 0; i < run; ++i) x = layers[i]->as<ClipEncoderLayerImpl>()->forward(x, mask);
    ClipTextOutput out;
    out.lastHiddenState = final_layer_norm->forward(x);  // [B, L, D]
    torch::Tensor eosPos = config.eosTokenId == 2 ? ids.argmax(-1)
                                                  : (ids == config.eosTokenId).to(torch::kInt32).argmax(-1);
    out.pooled = out.lastHiddenState.index({torch::arange(ids.size(0), ids.options()), eosPos});  // [B, D]
    return out;
}

} // namespace adv
