// Every tensor-name conversion lives here: the original Stable Diffusion
// (CompVis/LDM single-file) layout <-> diffusers, old diffusers VAE attention
// names, and LoRA namings (diffusers, PEFT, kohya/A1111).
#pragma once

#include "model/config.h"
#include "model/weights.h"

#include <optional>
#include <string>
#include <vector>

namespace adv::keymap {

// diffusers key -> LDM single-file key (with its "model.diffusion_model." /
// "first_stage_model." / "cond_stage_model.transformer." prefix).
std::string unetToLdm(const std::string& diffusersKey, const UNetConfig& c);
std::string vaeToLdm(const std::string& diffusersKey, const VaeConfig& c);
std::string textToLdm(const std::string& diffusersKey);

struct SplitCheckpoint {
    StateDict unet, vae, text;
    std::vector<std::string> unmatched;  // model weights in the file that map to nothing
};

// Splits and renames an LDM single-file checkpoint for the given model keys.
// Unknown non-model entries (EMA copies, schedule buffers) are dropped silently.
SplitCheckpoint splitLdmCheckpoint(const StateDict& ldm, const UNetConfig& uc, const std::vector<std::string>& unetKeys,
                                   const VaeConfig& vc, const std::vector<std::string>& vaeKeys,
                                   const std::vector<std::string>& textKeys);

// True for a file in the LDM layout (model.diffusion_model.* keys).
bool looksLikeLdm(const StateDict& state);

// Old diffusers VAE attention names (query/key/value/proj_attn) -> current ones.
StateDict modernizeVaeKeys(const StateDict& state);

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
