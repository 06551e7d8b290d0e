#include "lora/lora.h"

#include "io/safetensors.h"
#include "model/layers.h"
#include "model/unet.h"
#include "util/error.h"

#include <torch/torch.h>

#include <cmath>

namespace adv {

int64_t LoraWeights::parameterCount() const {
    int64_t n = 0;
    for (const auto& m : modules) n += m.down.numel() + m.up.numel();
    return n;
}

std::map<std::string, nn::LinearImpl*> linearModules(torch::nn::Module& root) {
    std::map<std::string, nn::LinearImpl*> out;
    for (const auto& item : root.named_modules()) {
        if (auto* lin = item.value()->as<nn::LinearImpl>()) out[item.key()] = lin;
    }
    return out;
}

namespace {

bool endsWith(const std::string& s, const std::string& suf) {
    return s.size() >= suf.size() && s.compare(s.size() - suf.size(), suf.size(), suf) == 0;
}

std::map<std::string, std::string> kohyaTable(torch::nn::Module* root, bool unet) {
    std::map<std::string, std::string> t;
    if (!root) return t;
    auto* u = unet ? root->as<UNet2DConditionModelImpl>() : nullptr;
    for (const auto& [name, lin] : linearModules(*root)) {
        t[keymap::kohyaName(name)] = name;
        if (u) {  // LDM-style kohya names (lora_unet_input_blocks_1_1_...)
            std::string ldm = keymap::unetToLdm(name + ".weight", u->config);
            ldm = ldm.substr(std::string("model.diffusion_model.").size());
            ldm = ldm.substr(0, ldm.size() - std::string(".weight").size());
            t[keymap::kohyaName(ldm)] = name;
        }
    }
    return t;
}

nn::LinearImpl* findLinear(const std::map<std::string, nn::LinearImpl*>& unetLin,
                           const std::map<std::string, nn::LinearImpl*>& textLin, const LoraModule& m) {
    const auto& table = m.target == "unet" ? unetLin : textLin;
    auto it = table.find(m.module);
    return it == table.end() ? nullptr : it->second;
}

} // namespace

LoraWeights readLora(const std::string& path, torch::nn::Module& unet, torch::nn::Module* text) {
    SafeTensors st(path);
    LoraWeights w;
    w.path = path;
    w.metadata = st.metadata();
    w.naming = keymap::detectLoraNaming(st.names());
    if (w.naming == keymap::LoraNaming::Unknown)
        throw FileError(path, "no LoRA tensors found (expected diffusers '.lora.down.weight', PEFT '.lora_A.weight' "
                              "or kohya 'lora_unet_...lora_down.weight' keys)");
    const auto ku = kohyaTable(&unet, true);
    const auto kt = kohyaTable(text, false);
    std::map<std::pair<std::string, std::string>, LoraModule> mods;
    for (const auto& name : st.names()) {
        auto k = keymap::parseLoraKey(name, w.naming, ku, kt);
        if (!k) {
            w.unmatchedKeys.push_back(name);
            continue;
        }
        auto& m = mods[{k->target, k->module}];
        m.target = k->target;
        m.module = k->module;
        auto t = st.tensor(name).to(torch::kFloat32).clone();
        if (k->part == "down") m.down = t.dim() == 4 ? t.flatten(1) : t;
        else if (k->part == "up") m.up = t.dim() == 4 ? t.flatten(1) : t;
        else m.alpha = t.item<double>();
    }
    for (auto& [key, m] : mods) {
        if (!m.down.defined() || !m.up.defined()) {
            w.unmatchedKeys.push_back(m.target + "." + m.module + " (has only one of down/up)");
            continue;
        }
        if (m.down.size(0) != m.up.size(1))
            throw FileError(path, "LoRA module " + m.module + ": down rank " + std::to_string(m.down.size(0)) +
                                      " differs from up rank " + std::to_string(m.up.size(1)));
        if (!torch::isfinite(m.down).all().item<bool>() || !torch::isfinite(m.up).all().item<bool>())
            throw FileError(path, "LoRA module " + m.module + " holds non-finite values");
        w.modules.push_back(m);
    }
    return w;
}

LoraApplyReport attachLora(const LoraWeights& lora, double scale, const std::string& tag, torch::nn::Module& unet,
                           torch::nn::Module* text) {
    LoraApplyReport r;
    const auto ul = linearModules(unet);
    const auto tl = text ? linearModules(*text) : std::map<std::string, nn::LinearImpl*>{};
    for (const auto& m : lora.modules) {
        nn::LinearImpl* lin = findLinear(ul, tl, m);
        if (!lin || lin->inFeatures != m.down.size(1) || lin->outFeatures != m.up.size(0)) {
            r.unmatchedModules.push_back(m.target + "." + m.module);
            continue;
        }
        nn::LoraAdapter a;
        a.down = m.down.to(lin->weight.device(), lin->weight.scalar_type());
        a.up = m.up.to(lin->weight.device(), lin->weight.scalar_type());
        a.scale = scale * m.factor();
        a.tag = tag;
        lin->adapters.push_back(a);
        ++r.applied;
    }
    return r;
}

void detachLora(const std::string& tag, torch::nn::Module& unet, torch::nn::Module* text) {
    auto strip = [&](torch::nn::Module& root) {
        for (auto& [name, lin] : linearModules(root)) {
            auto& v = lin->adapters;
            v.erase(std::remove_if(v.begin(), v.end(), [&](const nn::LoraAdapter& a) { return a.tag == tag; }), v.end());
        }
    };
    strip(unet);
    if (text) strip(*text);
}

LoraApplyReport mergeLora(const LoraWeights& lora, double scale, torch::nn::Module& unet, torch::nn::Module* text,
                          double sign) {
    torch::NoGradGuard ng;
    LoraApplyReport r;
    const auto ul = linearModules(unet);
    const auto tl = text ? linearModules(*text) : std::map<std::string, nn::LinearImpl*>{};
    for (const auto& m : lora.modules) {
        nn::LinearImpl* lin = findLinear(ul, tl, m);
        if (!lin || lin->inFeatures != m.down.size(1) || lin->outFeatures != m.up.size(0)) {
            r.unmatchedModules.push_back(m.target + "." + m.module);
            continue;
        }
        auto delta = torch::matmul(m.up, m.down) * (sign * scale * m.factor());  // [out, in]
        lin->weight.add_(delta.to(lin->weight.device(), lin->weight.scalar_type()));
        ++r.applied;
    }
    return r;
}

namespace {
// Attention projections (to_q, to_k, to_v, to_out.0) are matched inside attn1/attn2 only;
// the other targets kohya and PEFT offer (ff.net.0.proj, ff.net.2, proj_in/proj_out when
// linear) inside the transformer blocks.
bool inTransformer(const std::string& name, const std::string& target) {
    if (target.rfind("to_", 0) == 0)
        return name.find(".attn1.") != std::string::npos || name.find(".attn2.") != std::string::npos;
    return name.find(".attentions.") != std::string::npos;
}

template <typename Fn>
void forEachTarget(const LoraSpec& spec, torch::nn::Module& unet, torch::nn::Module* text, Fn fn) {
    for (const auto& [name, lin] : linearModules(unet))
        for (const auto& t : spec.targets)
            if (endsWith(name, "." + t) && inTransformer(name, t)) {
                fn("unet", name, lin);
                break;
            }
    if (spec.textEncoder && text)
        for (const auto& [name, lin] : linearModules(*text))
            for (const char* t : {".q_proj", ".k_proj", ".v_proj", ".out_proj"})
                if (endsWith(name, t)) {
                    fn("text_encoder", name, lin);
                    break;
                }
}
} // namespace

int64_t countLoraParameters(const LoraSpec& spec, torch::nn::Module& unet, torch::nn::Module* text) {
    int64_t n = 0;
    forEachTarget(spec, unet, text, [&](const std::string&, const std::string&, nn::LinearImpl* lin) {
        n += spec.rank * (lin->inFeatures + lin->outFeatures);
    });
    return n;
}

LoraWeights createLora(const LoraSpec& spec, torch::nn::Module& unet, torch::nn::Module* text) {
    for (auto& p : unet.parameters()) p.set_requires_grad(false);
    if (text)
        for (auto& p : text->parameters()) p.set_requires_grad(false);
    auto gen = at::detail::createCPUGenerator(spec.seed);
    LoraWeights w;
    w.naming = keymap::LoraNaming::Peft;
    forEachTarget(spec, unet, text, [&](const std::string& target, const std::string& name, nn::LinearImpl* lin) {
        LoraModule m;
        m.target = target;
        m.module = name;
        m.alpha = spec.alpha;
        const double bound = 1.0 / std::sqrt(static_cast<double>(lin->inFeatures));  // kaiming_uniform(a=sqrt(5))
        m.down = torch::empty({spec.rank, lin->inFeatures}).uniform_(-bound, bound, gen)
                     .to(lin->weight.device()).set_requires_grad(true);
        m.up = torch::zeros({lin->outFeatures, spec.rank}, torch::TensorOptions().device(lin->weight.device()))
                   .set_requires_grad(true);
        nn::LoraAdapter a;
        a.down = m.down;
        a.up = m.up;
        a.scale = m.factor();
        a.dropout = spec.dropout;
        a.tag = "train";
        lin->adapters.push_back(a);
        w.modules.push_back(m);
    });
    return w;
}

void saveLora(const std::string& path, const LoraWeights& lora, keymap::LoraNaming naming,
              const std::map<std::string, std::string>& metadata) {
    std::map<std::string, torch::Tensor> out;
    for (const auto& m : lora.modules) {
        auto down = m.down.detach().to(torch::kCPU, torch::kFloat32);
        auto up = m.up.detach().to(torch::kCPU, torch::kFloat32);
        if (!torch::isfinite(down).all().item<bool>() || !torch::isfinite(up).all().item<bool>())
            throw FileError(path, "refusing to write a LoRA with non-finite values (module " + m.module + ")");
        keymap::LoraKey k{m.module, "down", m.target};
        if (naming != keymap::LoraNaming::Kohya && m.alpha > 0 && m.alpha != static_cast<double>(m.rank()))
            up = up * m.factor();  // diffusers/PEFT files carry no alpha: fold it in
        out[keymap::loraKey(k, naming)] = down.contiguous();
        k.part = "up";
        out[keymap::loraKey(k, naming)] = up.contiguous();
        if (naming == keymap::LoraNaming::Kohya) {
            k.part = "alpha";
            out[keymap::loraKey(k, naming)] = torch::tensor(m.alpha > 0 ? m.alpha : static_cast<double>(m.rank()),
                                                            torch::kFloat32);
        }
    }
    auto meta = metadata;
    meta["format"] = keymap::loraNamingName(naming);
    saveSafeTensors(path, out, meta);
}

} // namespace adv
