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

std::map<std::string, LoraHost> loraHosts(torch::nn::Module& root) {
    std::map<std::string, LoraHost> out;
    for (const auto& item : root.named_modules()) {
        if (auto* lin = item.value()->as<nn::LinearImpl>())
            out[item.key()] = LoraHost{lin->inFeatures, lin->outFeatures, 0, lin->weight, &lin->adapters};
        else if (auto* c = item.value()->as<nn::Conv2dImpl>())
            out[item.key()] = LoraHost{c->weight.size(1), c->weight.size(0), c->kernel(), c->weight, &c->adapters};
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
    for (const auto& [name, host] : loraHosts(*root)) {
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

using Hosts = std::map<std::string, LoraHost>;

const LoraHost* findHost(const Hosts& unetHosts, const Hosts& textHosts, const LoraModule& m) {
    const auto& table = m.target == "unet" ? unetHosts : textHosts;
    auto it = table.find(m.module);
    return it == table.end() ? nullptr : &it->second;
}

// The module's down/up in the host's layout ([rank, in] / [out, rank] for a Linear,
// [rank, in, k, k] / [out, rank, 1, 1] for a Conv2d), or false when they don't fit it.
bool fitToHost(const LoraHost& h, const LoraModule& m, torch::Tensor& down, torch::Tensor& up) {
    const bool linearOrConv = (m.down.dim() == 2 || m.down.dim() == 4) && (m.up.dim() == 2 || m.up.dim() == 4);
    if (!linearOrConv) return false;
    const int64_t r = m.rank();
    const int64_t k = m.down.dim() == 4 ? m.down.size(2) : 1;
    if (m.down.size(1) != h.in || m.up.size(0) != h.out || m.up.numel() != h.out * r) return false;
    if (m.down.dim() == 4 && (m.down.size(3) != k || (h.isConv() ? h.kernel != k : k != 1))) return false;
    if (m.down.dim() == 2 && h.isConv() && h.kernel != 1) return false;
    down = h.isConv() ? m.down.reshape({r, h.in, h.kernel, h.kernel}) : m.down.reshape({r, h.in});
    up = h.isConv() ? m.up.reshape({h.out, r, 1, 1}) : m.up.reshape({h.out, r});
    return true;
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
    if (st.names().size() > kMaxLoraTensors)
        throw FileError(path, std::to_string(st.names().size()) + " tensors; a LoRA has at most " +
                                  std::to_string(kMaxLoraTensors));
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
        if (k->part == "alpha") {
            if (t.numel() != 1) throw FileError(path, name + ": alpha has " + std::to_string(t.numel()) + " values, not 1");
            m.alpha = t.item<double>();
            if (!std::isfinite(m.alpha) || std::fabs(m.alpha) > 1e6)
                throw FileError(path, name + ": alpha " + std::to_string(m.alpha) + " is not a usable number");
        } else {
            if (t.dim() != 2 && t.dim() != 4)
                throw FileError(path, name + ": a LoRA " + k->part + " matrix must have 2 or 4 dimensions, not " +
                                          std::to_string(t.dim()));
            (k->part == "down" ? m.down : m.up) = t;
        }
    }
    for (auto& [key, m] : mods) {
        if (!m.down.defined() || !m.up.defined()) {
            w.unmatchedKeys.push_back(m.target + "." + m.module + " (has only one of down/up)");
            continue;
        }
        if (m.down.size(0) < 1 || m.down.size(0) > 4096)
            throw FileError(path, "LoRA module " + m.module + ": rank " + std::to_string(m.down.size(0)) +
                                      " is outside 1..4096");
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
    const auto ul = loraHosts(unet);
    const auto tl = text ? loraHosts(*text) : Hosts{};
    for (const auto& m : lora.modules) {
        const LoraHost* h = findHost(ul, tl, m);
        torch::Tensor down, up;
        if (!h || !fitToHost(*h, m, down, up)) {
            r.unmatchedModules.push_back(m.target + "." + m.module);
            continue;
        }
        nn::LoraAdapter a;
        a.down = down.to(h->weight.device(), h->weight.scalar_type());
        a.up = up.to(h->weight.device(), h->weight.scalar_type());
        a.scale = scale * m.factor();
        a.tag = tag;
        h->adapters->push_back(a);
        ++r.applied;
    }
    return r;
}

void detachLora(const std::string& tag, torch::nn::Module& unet, torch::nn::Module* text) {
    auto strip = [&](torch::nn::Module& root) {
        for (auto& [name, host] : loraHosts(root)) {
            auto& v = *host.adapters;
            v.erase(std::remove_if(v.begin(), v.end(), [&](const nn::LoraAdapter& a) { return a.tag == tag; }), v.end());
        }
    };
    strip(unet);
    if (text) strip(*text);
}

LoraSuspension::LoraSuspension(const std::string& tag, torch::nn::Module& root) {
    for (auto& [name, host] : loraHosts(root)) {
        auto& v = *host.adapters;
        const auto tagged = std::count_if(v.begin(), v.end(), [&](const nn::LoraAdapter& a) { return a.tag == tag; });
        if (tagged == 0) continue;
        held_.emplace_back(&v, v);
        v.erase(std::remove_if(v.begin(), v.end(), [&](const nn::LoraAdapter& a) { return a.tag == tag; }), v.end());
        suspended_ += static_cast<size_t>(tagged);
    }
}

LoraSuspension::~LoraSuspension() {
    for (auto& [where, adapters] : held_) *where = std::move(adapters);
}

LoraApplyReport mergeLora(const LoraWeights& lora, double scale, torch::nn::Module& unet, torch::nn::Module* text,
                          double sign) {
    torch::NoGradGuard ng;
    LoraApplyReport r;
    const auto ul = loraHosts(unet);
    const auto tl = text ? loraHosts(*text) : Hosts{};
    for (const auto& m : lora.modules) {
        const LoraHost* h = findHost(ul, tl, m);
        torch::Tensor down, up;
        if (!h || !fitToHost(*h, m, down, up)) {
            r.unmatchedModules.push_back(m.target + "." + m.module);
            continue;
        }
        // A 1x1 up conv after a k x k down conv is the k x k conv up @ down.
        auto delta = torch::matmul(up.flatten(1), down.flatten(1)).view(h->weight.sizes()) *
                     (sign * scale * m.factor());  // [out, in] or [out, in, k, k]
        auto w = h->weight;
        w.copy_(w.to(torch::kFloat32).add_(delta.to(w.device())));  // one rounding to a bf16/f16 weight
        ++r.applied;
    }
    return r;
}

namespace {
// Attention projections (to_q, to_k, to_v, to_out.0) are matched inside attn1/attn2 only;
// the other targets kohya and PEFT offer (ff.net.0.proj, ff.net.2, proj_in/proj_out, a
// Linear or a 1x1 conv) inside the transformer blocks.
bool inTransformer(const std::string& name, const std::string& target) {
    if (target.rfind("to_", 0) == 0)
        return name.find(".attn1.") != std::string::npos || name.find(".attn2.") != std::string::npos;
    return name.find(".attentions.") != std::string::npos;
}

// LoCon's convs: those of the ResNet blocks and the down/upsamplers (kohya's
// ResnetBlock2D/Downsample2D/Upsample2D targets), not conv_in/conv_out.
bool isLoconConv(const std::string& name) {
    return name.find(".resnets.") != std::string::npos || name.find(".downsamplers.") != std::string::npos ||
           name.find(".upsamplers.") != std::string::npos;
}

struct Target {
    std::string model;  // "unet" | "text_encoder"
    std::string name;
    LoraHost host;
    int rank;
    double alpha;
};

std::vector<Target> targetsOf(const LoraSpec& spec, torch::nn::Module& unet, torch::nn::Module* text) {
    std::vector<Target> out;
    for (const auto& [name, host] : loraHosts(unet)) {
        if (spec.convRank > 0 && host.isConv() && isLoconConv(name)) {
            out.push_back({"unet", name, host, spec.convRank, spec.convAlpha > 0 ? spec.convAlpha : spec.convRank});
            continue;
        }
        for (const auto& t : spec.targets)
            if (endsWith(name, "." + t) && inTransformer(name, t)) {
                out.push_back({"unet", name, host, spec.rank, spec.alpha});
                break;
            }
    }
    if (spec.textEncoder && text)
        for (const auto& [name, host] : loraHosts(*text))
            for (const char* t : {".q_proj", ".k_proj", ".v_proj", ".out_proj"})
                if (endsWith(name, t)) {
                    out.push_back({"text_encoder", name, host, spec.rank, spec.alpha});
                    break;
                }
    return out;
}

int64_t kernelArea(const LoraHost& h) { return h.isConv() ? h.kernel * h.kernel : 1; }
} // namespace

int64_t countLoraParameters(const LoraSpec& spec, torch::nn::Module& unet, torch::nn::Module* text) {
    int64_t n = 0;
    for (const auto& t : targetsOf(spec, unet, text)) n += t.rank * (t.host.in * kernelArea(t.host) + t.host.out);
    return n;
}

LoraWeights createLora(const LoraSpec& spec, torch::nn::Module& unet, torch::nn::Module* text) {
    for (auto& p : unet.parameters()) p.set_requires_grad(false);
    if (text)
        for (auto& p : text->parameters()) p.set_requires_grad(false);
    auto gen = at::detail::createCPUGenerator(spec.seed);
    LoraWeights w;
    w.naming = keymap::LoraNaming::Peft;
    for (const auto& t : targetsOf(spec, unet, text)) {
        const LoraHost& h = t.host;
        LoraModule m;
        m.target = t.model;
        m.module = t.name;
        m.alpha = t.alpha;
        const auto dev = torch::TensorOptions().device(h.weight.device());
        const double bound = 1.0 / std::sqrt(static_cast<double>(h.in * kernelArea(h)));  // kaiming_uniform(a=sqrt(5))
        if (h.isConv()) {
            m.down = torch::empty({t.rank, h.in, h.kernel, h.kernel}).uniform_(-bound, bound, gen);  // [r, in, k, k]
            m.up = torch::zeros({h.out, t.rank, 1, 1}, dev);                                          // [out, r, 1, 1]
        } else {
            m.down = torch::empty({t.rank, h.in}).uniform_(-bound, bound, gen);  // [r, in]
            m.up = torch::zeros({h.out, t.rank}, dev);                            // [out, r]
        }
        m.down = m.down.to(h.weight.device()).set_requires_grad(true);
        m.up.set_requires_grad(true);
        nn::LoraAdapter a;
        a.down = m.down;
        a.up = m.up;
        a.scale = m.factor();
        a.dropout = spec.dropout;
        a.tag = "train";
        h.adapters->push_back(a);
        w.modules.push_back(m);
    }
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
