#include "model/key_map.h"

#include <torch/torch.h>


namespace adv::keymap {

namespace {

bool startsWith(const std::string& s, const std::string& p) { return s.compare(0, p.size(), p) == 0; }

std::vector<std::string> split(const std::string& s) {
    std::vector<std::string> out;
    size_t start = 0;
    for (size_t i = 0; i <= s.size(); ++i) {
        if (i == s.size() || s[i] == '.') {
            out.push_back(s.substr(start, i - start));
            start = i + 1;
        }
    }
    return out;
}

std::string join(const std::vector<std::string>& parts, size_t from) {
    std::string out;
    for (size_t i = from; i < parts.size(); ++i) out += (out.empty() ? "" : ".") + parts[i];
    return out;
}

// Resnet submodule names: diffusers -> LDM (UNet).
std::string unetResnetRest(const std::string& rest) {
    static const std::vector<std::pair<std::string, std::string>> m = {
        {"norm1.", "in_layers.0."}, {"conv1.", "in_layers.2."}, {"time_emb_proj.", "emb_layers.1."},
        {"norm2.", "out_layers.0."}, {"conv2.", "out_layers.3."}, {"conv_shortcut.", "skip_connection."}};
    for (const auto& [d, l] : m)
        if (startsWith(rest, d)) return l + rest.substr(d.size());
    return rest;
}

std::string vaeResnetRest(const std::string& rest) {
    if (startsWith(rest, "conv_shortcut.")) return "nin_shortcut." + rest.substr(14);
    return rest;
}

std::string vaeMidRest(const std::vector<std::string>& p, size_t i) {
    // p[i] = "resnets"|"attentions", p[i+1] = index
    if (p[i] == "resnets") return "mid.block_" + std::to_string(std::stoi(p[i + 1]) + 1) + "." + vaeResnetRest(join(p, i + 2));
    std::string rest = join(p, i + 2);
    static const std::vector<std::pair<std::string, std::string>> m = {
        {"group_norm.", "norm."}, {"to_q.", "q."}, {"to_k.", "k."}, {"to_v.", "v."}, {"to_out.0.", "proj_out."}};
    for (const auto& [d, l] : m)
        if (startsWith(rest, d)) return "mid.attn_1." + l + rest.substr(d.size());
    return "mid.attn_1." + rest;
}

int cumulative(const std::vector<int>& layers, size_t upTo, int extra) {
    int s = 0;
    for (size_t i = 0; i < upTo; ++i) s += layers[i] + extra;
    return s;
}

} // namespace

std::string unetToLdm(const std::string& key, const UNetConfig& c) {
    const std::string pre = "model.diffusion_model.";
    auto p = split(key);
    if (p[0] == "conv_in") return pre + "input_blocks.0.0." + join(p, 1);
    if (p[0] == "time_embedding") return pre + "time_embed." + (p[1] == "linear_1" ? "0." : "2.") + join(p, 2);
    if (p[0] == "conv_norm_out") return pre + "out.0." + join(p, 1);
    if (p[0] == "conv_out") return pre + "out.2." + join(p, 1);
    if (p[0] == "mid_block") {
        const int idx = p[1] == "attentions" ? 1 : (std::stoi(p[2]) == 0 ? 0 : 2);
        std::string rest = join(p, 3);
        return pre + "middle_block." + std::to_string(idx) + "." + (p[1] == "resnets" ? unetResnetRest(rest) : rest);
    }
    if (p[0] == "down_blocks") {
        const size_t i = std::stoul(p[1]);
        const int base = 1 + cumulative(c.layersPerBlock, i, 1);
        if (p[2] == "downsamplers")  // downsamplers.0.conv.X
            return pre + "input_blocks." + std::to_string(base + c.layersPerBlock[i]) + ".0.op." + join(p, 5);
        const int j = std::stoi(p[3]);
        std::string rest = join(p, 4);
        if (p[2] == "resnets") return pre + "input_blocks." + std::to_string(base + j) + ".0." + unetResnetRest(rest);
        return pre + "input_blocks." + std::to_string(base + j) + ".1." + rest;
    }
    if (p[0] == "up_blocks") {
        const size_t i = std::stoul(p[1]);
        std::vector<int> rev(c.layersPerBlock.rbegin(), c.layersPerBlock.rend());
        const int base = cumulative(rev, i, 1);
        const bool cross = c.upBlockTypes[i] == "CrossAttnUpBlock2D";
        if (p[2] == "upsamplers")
            return pre + "output_blocks." + std::to_string(base + rev[i]) + (cross ? ".2." : ".1.") + join(p, 4);
        const int j = std::stoi(p[3]);
        std::string rest = join(p, 4);
        if (p[2] == "resnets") return pre + "output_blocks." + std::to_string(base + j) + ".0." + unetResnetRest(rest);
        return pre + "output_blocks." + std::to_string(base + j) + ".1." + rest;
    }
    return pre + key;
}

std::string vaeToLdm(const std::string& key, const VaeConfig& c) {
    const std::string pre = "first_stage_model.";
    auto p = split(key);
    const size_t n = c.blockOutChannels.size();
    if (p[0] == "encoder" || p[0] == "decoder") {
        const std::string side = p[0] + ".";
        if (p[1] == "conv_norm_out") return pre + side + "norm_out." + join(p, 2);
        if (p[1] == "mid_block") return pre + side + vaeMidRest(p, 2);
        if (p[1] == "down_blocks" || p[1] == "up_blocks") {
            const size_t i = std::stoul(p[2]);
            const std::string lvl = p[1] == "down_blocks" ? "down." + std::to_string(i) : "up." + std::to_string(n - 1 - i);
            if (p[3] == "resnets") return pre + side + lvl + ".block." + p[4] + "." + vaeResnetRest(join(p, 5));
            if (p[3] == "downsamplers") return pre + side + lvl + ".downsample." + join(p, 5);
            if (p[3] == "upsamplers") return pre + side + lvl + ".upsample." + join(p, 5);
        }
    }
    return pre + key;
}

std::string textToLdm(const std::string& key) { return "cond_stage_model.transformer." + key; }

bool looksLikeLdm(const StateDict& state) {
    for (const auto& kv : state)
        if (startsWith(kv.first, "model.diffusion_model.")) return true;
    return false;
}

SplitCheckpoint splitLdmCheckpoint(const StateDict& ldm, const UNetConfig& uc, const std::vector<std::string>& unetKeys,
                                   const VaeConfig& vc, const std::vector<std::string>& vaeKeys,
                                   const std::vector<std::string>& textKeys) {
    std::map<std::string, std::pair<int, std::string>> table;  // ldm key -> (component, diffusers key)
    for (const auto& k : unetKeys) table[unetToLdm(k, uc)] = {0, k};
    for (const auto& k : vaeKeys) table[vaeToLdm(k, vc)] = {1, k};
    for (const auto& k : textKeys) table[textToLdm(k)] = {2, k};
    SplitCheckpoint out;
    for (const auto& [key, t] : ldm) {
        std::string k = key;
        // Older transformers layouts lack the "text_model." level.
        if (startsWith(k, "cond_stage_model.transformer.") && !startsWith(k, "cond_stage_model.transformer.text_model."))
            k = "cond_stage_model.transformer.text_model." + k.substr(29);
        auto it = table.find(k);
        if (it == table.end()) {
            const bool model = startsWith(k, "model.diffusion_model.") || startsWith(k, "first_stage_model.") ||
                               startsWith(k, "cond_stage_model.");
            if (model && k.find("position_ids") == std::string::npos) out.unmatched.push_back(key);
            continue;
        }
        StateDict& dst = it->second.first == 0 ? out.unet : it->second.first == 1 ? out.vae : out.text;
        dst[it->second.second] = t;
    }
    return out;
}

StateDict modernizeVaeKeys(const StateDict& state) {
    static const std::vector<std::pair<std::string, std::string>> m = {
        {".query.", ".to_q."}, {".key.", ".to_k."}, {".value.", ".to_v."}, {".proj_attn.", ".to_out.0."}};
    StateDict out;
    for (const auto& [k, v] : state) {
        std::string nk = k;
        if (nk.find("attentions.") != std::string::npos)
            for (const auto& [o, n] : m)
                if (auto pos = nk.find(o); pos != std::string::npos) nk = nk.substr(0, pos) + n + nk.substr(pos + o.size());
        out[nk] = v;
    }
    return out;
}

// ---- LoRA ----

const char* loraNamingName(LoraNaming n) {
    switch (n) {
    case LoraNaming::Diffusers: return "diffusers";
    case LoraNaming::Peft: return "peft";
    case LoraNaming::Kohya: return "kohya";
    default: return "unknown";
    }
}

std::string kohyaName(const std::string& module) {
    std::string s = module;
    for (auto& ch : s)
        if (ch == '.') ch = '_';
    return s;
}

LoraNaming detectLoraNaming(const std::vector<std::string>& keys) {
    for (const auto& k : keys) {
        if (startsWith(k, "lora_unet_") || startsWith(k, "lora_te_") || startsWith(k, "lora_te1_")) return LoraNaming::Kohya;
        if (k.find(".lora_A.") != std::string::npos || k.find(".lora_B.") != std::string::npos) return LoraNaming::Peft;
        if (k.find(".lora.down.") != std::string::npos || k.find(".lora.up.") != std::string::npos ||
            k.find(".lora_linear_layer.") != std::string::npos)
            return LoraNaming::Diffusers;
    }
    return LoraNaming::Unknown;
}

std::optional<LoraKey> parseLoraKey(const std::string& key, LoraNaming naming,
                                    const std::map<std::string, std::string>& kohyaUnet,
                                    const std::map<std::string, std::string>& kohyaText) {
    LoraKey out;
    auto stripTarget = [&](std::string s) -> std::string {
        for (const char* p : {"unet.", "text_encoder."}) {
            if (startsWith(s, p)) {
                out.target = std::string(p).substr(0, std::string(p).size() - 1);
                return s.substr(std::string(p).size());
            }
        }
        out.target = "unet";
        return s;
    };
    if (naming == LoraNaming::Kohya) {
        std::string prefix, lookupTarget;
        const std::map<std::string, std::string>* table = nullptr;
        if (startsWith(key, "lora_unet_")) prefix = "lora_unet_", out.target = "unet", table = &kohyaUnet;
        else if (startsWith(key, "lora_te_")) prefix = "lora_te_", out.target = "text_encoder", table = &kohyaText;
        else return std::nullopt;
        const auto dot = key.find('.');
        if (dot == std::string::npos) return std::nullopt;
        const std::string name = key.substr(prefix.size(), dot - prefix.size());
        const std::string suffix = key.substr(dot + 1);
        if (suffix == "lora_down.weight") out.part = "down";
        else if (suffix == "lora_up.weight") out.part = "up";
        else if (suffix == "alpha") out.part = "alpha";
        else return std::nullopt;
        auto it = table->find(name);
        if (it == table->end()) return std::nullopt;
        out.module = it->second;
        return out;
    }
    std::string s = stripTarget(key);
    static const std::vector<std::pair<std::string, std::string>> suffixes = {
        {".lora.down.weight", "down"}, {".lora.up.weight", "up"},
        {".lora_A.weight", "down"},    {".lora_B.weight", "up"},
        {".lora_linear_layer.down.weight", "down"}, {".lora_linear_layer.up.weight", "up"},
        {".alpha", "alpha"}};
    for (const auto& [suf, part] : suffixes) {
        if (s.size() > suf.size() && s.compare(s.size() - suf.size(), suf.size(), suf) == 0) {
            out.module = s.substr(0, s.size() - suf.size());
            out.part = part;
            // diffusers' processor-style names: attn1.processor.to_q_lora -> attn1.to_q
            // (plain suffix tests: std::regex recurses per character and overflows the stack on long keys)
            for (const char* proj : {"to_q", "to_k", "to_v", "to_out"}) {
                const std::string tail = std::string(".processor.") + proj + "_lora";
                const std::string& m = out.module;
                if (m.size() > tail.size() && m.compare(m.size() - tail.size(), tail.size(), tail) == 0) {
                    out.module = m.substr(0, m.size() - tail.size()) + "." + (std::string(proj) == "to_out" ? "to_out.0" : proj);
                    break;
                }
            }
            return out;
        }
    }
    return std::nullopt;
}

std::string loraKey(const LoraKey& k, LoraNaming naming) {
    switch (naming) {
    case LoraNaming::Kohya: {
        const std::string pre = k.target == "unet" ? "lora_unet_" : "lora_te_";
        if (k.part == "alpha") return pre + kohyaName(k.module) + ".alpha";
        return pre + kohyaName(k.module) + (k.part == "down" ? ".lora_down.weight" : ".lora_up.weight");
    }
    case LoraNaming::Peft:
        if (k.part == "alpha") return k.target + "." + k.module + ".alpha";
        return k.target + "." + k.module + (k.part == "down" ? ".lora_A.weight" : ".lora_B.weight");
    default:
        if (k.part == "alpha") return k.target + "." + k.module + ".alpha";
        return k.target + "." + k.module + (k.part == "down" ? ".lora.down.weight" : ".lora.up.weight");
    }
}

} // namespace adv::keymap
