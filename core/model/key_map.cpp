#include "model/key_map.h"

#include <algorithm>


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

// p[i] as a block or layer index below `limit`; nullopt for a missing part, a non-number or one out of range.
// The rules run on any key (a model's own, or arbitrary ones), so a key of an unexpected shape falls back
// to the plain prefix instead of reading past the model's block list.
std::optional<size_t> index(const std::vector<std::string>& p, size_t i, size_t limit) {
    if (i >= p.size() || p[i].empty() || p[i].size() > 9) return std::nullopt;
    size_t v = 0;
    for (char ch : p[i]) {
        if (ch < '0' || ch > '9') return std::nullopt;
        v = v * 10 + static_cast<size_t>(ch - '0');
    }
    if (v >= limit) return std::nullopt;
    return v;
}

const std::string& at(const std::vector<std::string>& p, size_t i) {
    static const std::string none;
    return i < p.size() ? p[i] : none;
}

constexpr size_t kAnyIndex = 1000000;

std::optional<std::string> vaeMidRest(const std::vector<std::string>& p, size_t i) {
    // p[i] = "resnets"|"attentions", p[i+1] = index
    if (at(p, i) == "resnets") {
        const auto r = index(p, i + 1, kAnyIndex);
        if (!r) return std::nullopt;
        return "mid.block_" + std::to_string(*r + 1) + "." + vaeResnetRest(join(p, i + 2));
    }
    std::string rest = join(p, i + 2);
    static const std::vector<std::pair<std::string, std::string>> m = {
        {"group_norm.", "norm."}, {"to_q.", "q."}, {"to_k.", "k."}, {"to_v.", "v."}, {"to_out.0.", "proj_out."}};
    for (const auto& [d, l] : m)
        if (startsWith(rest, d)) return "mid.attn_1." + l + rest.substr(d.size());
    return "mid.attn_1." + rest;
}

int cumulative(const std::vector<int>& layers, size_t upTo, int extra) {
    int s = 0;
    for (size_t i = 0; i < upTo && i < layers.size(); ++i) s += layers[i] + extra;
    return s;
}

std::optional<std::string> unetBlockToLdm(const std::vector<std::string>& p, const UNetConfig& c) {
    const size_t blocks = c.layersPerBlock.size();
    if (p[0] == "mid_block") {
        if (at(p, 1) != "attentions" && at(p, 1) != "resnets") return std::nullopt;
        const auto j = index(p, 2, kAnyIndex);
        if (!j) return std::nullopt;
        const int idx = p[1] == "attentions" ? 1 : (*j == 0 ? 0 : 2);
        std::string rest = join(p, 3);
        return "middle_block." + std::to_string(idx) + "." + (p[1] == "resnets" ? unetResnetRest(rest) : rest);
    }
    if (p[0] == "down_blocks") {
        const auto i = index(p, 1, blocks);
        if (!i) return std::nullopt;
        const int base = 1 + cumulative(c.layersPerBlock, *i, 1);
        if (at(p, 2) == "downsamplers")  // downsamplers.0.conv.X
            return "input_blocks." + std::to_string(base + c.layersPerBlock[*i]) + ".0.op." + join(p, 5);
        const auto j = index(p, 3, kAnyIndex);
        if (!j) return std::nullopt;
        std::string rest = join(p, 4);
        const std::string b = std::to_string(base + static_cast<int>(*j));
        if (at(p, 2) == "resnets") return "input_blocks." + b + ".0." + unetResnetRest(rest);
        return "input_blocks." + b + ".1." + rest;
    }
    if (p[0] == "up_blocks") {
        const auto i = index(p, 1, std::min(blocks, c.upBlockTypes.size()));
        if (!i) return std::nullopt;
        std::vector<int> rev(c.layersPerBlock.rbegin(), c.layersPerBlock.rend());
        const int base = cumulative(rev, *i, 1);
        const bool cross = c.upBlockTypes[*i] == "CrossAttnUpBlock2D";
        if (at(p, 2) == "upsamplers")
            return "output_blocks." + std::to_string(base + rev[*i]) + (cross ? ".2." : ".1.") + join(p, 4);
        const auto j = index(p, 3, kAnyIndex);
        if (!j) return std::nullopt;
        std::string rest = join(p, 4);
        const std::string b = std::to_string(base + static_cast<int>(*j));
        if (at(p, 2) == "resnets") return "output_blocks." + b + ".0." + unetResnetRest(rest);
        return "output_blocks." + b + ".1." + rest;
    }
    return std::nullopt;
}

} // namespace

std::string unetToLdm(const std::string& key, const UNetConfig& c) {
    const std::string pre = "model.diffusion_model.";
    auto p = split(key);
    if (p[0] == "conv_in") return pre + "input_blocks.0.0." + join(p, 1);
    if (p[0] == "time_embedding") return pre + "time_embed." + (at(p, 1) == "linear_1" ? "0." : "2.") + join(p, 2);
    if (p[0] == "conv_norm_out") return pre + "out.0." + join(p, 1);
    if (p[0] == "conv_out") return pre + "out.2." + join(p, 1);
    if (const auto b = unetBlockToLdm(p, c)) return pre + *b;
    return pre + key;
}

std::string vaeToLdm(const std::string& key, const VaeConfig& c) {
    const std::string pre = "first_stage_model.";
    auto p = split(key);
    const size_t n = c.blockOutChannels.size();
    if (p[0] == "encoder" || p[0] == "decoder") {
        const std::string side = p[0] + ".";
        if (at(p, 1) == "conv_norm_out") return pre + side + "norm_out." + join(p, 2);
        if (at(p, 1) == "mid_block") {
            if (const auto m = vaeMidRest(p, 2)) return pre + side + *m;
        }
        if (at(p, 1) == "down_blocks" || at(p, 1) == "up_blocks") {
            if (const auto i = index(p, 2, n)) {
                const std::string lvl = p[1] == "down_blocks" ? "down." + std::to_string(*i) : "up." + std::to_string(n - 1 - *i);
                if (at(p, 3) == "resnets") return pre + side + lvl + ".block." + at(p, 4) + "." + vaeResnetRest(join(p, 5));
                if (at(p, 3) == "downsamplers") return pre + side + lvl + ".downsample." + join(p, 5);
                if (at(p, 3) == "upsamplers") return pre + side + lvl + ".upsample." + join(p, 5);
            }
        }
    }
    return pre + key;
}

std::string textToLdm(const std::string& key) { return "cond_stage_model.transformer." + key; }

bool isLdmUnetKey(const std::string& key) { return startsWith(key, "model.diffusion_model."); }

LdmRouter::LdmRouter(const UNetConfig& uc, const std::vector<std::string>& unetKeys, const VaeConfig& vc,
                     const std::vector<std::string>& vaeKeys, const std::vector<std::string>& textKeys) {
    for (const auto& k : unetKeys) table_[unetToLdm(k, uc)] = {Part::Unet, k};
    for (const auto& k : vaeKeys) table_[vaeToLdm(k, vc)] = {Part::Vae, k};
    for (const auto& k : textKeys) table_[textToLdm(k)] = {Part::Text, k};
}

std::optional<LdmRouter::Route> LdmRouter::route(const std::string& key, bool* unmatched) const {
    if (unmatched) *unmatched = false;
    std::string k = key;
    // Older transformers layouts lack the "text_model." level.
    static const std::string te = "cond_stage_model.transformer.";
    if (startsWith(k, te) && !startsWith(k, te + "text_model.")) k = te + "text_model." + k.substr(te.size());
    auto it = table_.find(k);
    if (it != table_.end()) return it->second;
    const bool model =
        startsWith(k, "model.diffusion_model.") || startsWith(k, "first_stage_model.") || startsWith(k, "cond_stage_model.");
    if (unmatched) *unmatched = model && k.find("position_ids") == std::string::npos;
    return std::nullopt;
}

std::string modernizeVaeKey(const std::string& k) {
    static const std::vector<std::pair<std::string, std::string>> m = {
        {".query.", ".to_q."}, {".key.", ".to_k."}, {".value.", ".to_v."}, {".proj_attn.", ".to_out.0."}};
    std::string nk = k;
    if (nk.find("attentions.") != std::string::npos)
        for (const auto& [o, n] : m)
            if (auto pos = nk.find(o); pos != std::string::npos) nk = nk.substr(0, pos) + n + nk.substr(pos + o.size());
    return nk;
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
