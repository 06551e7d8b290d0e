// Every tensor-name conversion lives here: the original Stable Diffusion
// (CompVis/LDM single-file) layout <-> diffusers, old diffusers VAE attention
// names, and LoRA namings (diffusers, PEFT, kohya/A1111). Names only, no tensors
// (no torch: the fuzz harnesses run these rules on arbitrary keys); weights.h
// applies them to state dicts.
#pragma once

#include "model/config.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace adv::keymap {

// diffusers key -> LDM single-file key (with its "model.diffusion_model." /
// "first_stage_model." / "cond_stage_model.transformer." prefix).
std::string unetToLdm(const std::string& diffusersKey, const UNetConfig& c);
std::string vaeToLdm(const std::string& diffusersKey, const VaeConfig& c);
std::string textToLdm(const std::string& diffusersKey);

// Where the keys of an LDM single-file checkpoint go, for the given model keys.
class LdmRouter {
public:
    enum class Part { Unet, Vae, Text };
    struct Route {
        Part part;
        std::string key;  // the diffusers key
    };
    LdmRouter(const UNetConfig& uc, const std::vector<std::string>& unetKeys, const VaeConfig& vc,
              const std::vector<std::string>& vaeKeys, const std::vector<std::string>& textKeys);
    // The component and diffusers key of one file key; nullopt for a key of none of the models. Then
    // `unmatched` tells a model weight that maps to nothing (reported) from a non-model entry (EMA copies,
    // schedule buffers, position ids: dropped silently).
    std::optional<Route> route(const std::string& ldmKey, bool* unmatched = nullptr) const;

private:
    std::map<std::string, Route> table_;  // ldm key -> route
};

// True for a key of the LDM layout (model.diffusion_model.*).
bool isLdmUnetKey(const std::string& key);

// An old diffusers VAE attention name (query/key/value/proj_attn) -> the current one.
std::string modernizeVaeKey(const std::string& key);

// ---- LoRA ----
enum class LoraNaming { Diffusers, Peft, Kohya, Unknown };
const char* loraNamingName(LoraNaming n);

struct LoraKey {
    std::string module;  // diffusers module path, e.g. down_blocks.0.attentions.0.transformer_blocks.0.attn1.to_q
    std::string part;    // "down", "up" or "alpha"
    std::string target;  // "unet" or "text_encoder"
};

// Parses one LoRA file key in any known naming. `kohyaLookup` maps
// "<module with . replaced by _>" to the module path for each target.
std::optional<LoraKey> parseLoraKey(const std::string& key, LoraNaming naming,
                                    const std::map<std::string, std::string>& kohyaUnet,
                                    const std::map<std::string, std::string>& kohyaText);
LoraNaming detectLoraNaming(const std::vector<std::string>& keys);
// The key a LoRA tensor gets when written in `naming`.
std::string loraKey(const LoraKey& k, LoraNaming naming);
// "a.b.c" -> "a_b_c" (kohya module names)
std::string kohyaName(const std::string& module);

} // namespace adv::keymap
