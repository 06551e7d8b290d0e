// Loading state dicts into modules with a report of missing, unexpected and
// wrong-shape tensors; refusing pickled checkpoints.
#pragma once

#include "model/config.h"

#include <torch/nn/module.h>

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace adv {

using StateDict = std::map<std::string, torch::Tensor>;

struct LoadReport {
    std::string component;                  // "unet", "vae", "text_encoder", "lora"...
    std::string source;                     // file it came from
    size_t loaded = 0;
    std::vector<std::string> missing;       // module keys the file lacks
    std::vector<std::string> unexpected;    // file keys the module lacks
    std::vector<std::string> wrongShape;    // "key: file [..] vs model [..]"
    bool ok() const { return missing.empty() && wrongShape.empty(); }
    std::string summary() const;            // one line, plus up to 5 examples per list
};

// Reads a weights file. Only .safetensors is accepted: a pickled .ckpt/.pt/.pth/.bin
// is refused with an explanation (it can run code) and how to convert it.
// Tensors are zero-copy views into the mapped file.
StateDict readWeights(const std::string& path);

// Copies `state` into `module`'s parameters and buffers (converting dtype).
// Keys for which `ignorable` returns true are never reported as unexpected.
// Throws Error with the summary when `strict` and the report is not ok().
LoadReport loadStateDict(torch::nn::Module& module, const StateDict& state, const std::string& component,
                         const std::string& source, bool strict = true,
                         const std::function<bool(const std::string&)>& ignorable = {});

// The key rules of model/key_map.h applied to state dicts.
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

// Every parameter and buffer key of `module` (the diffusers names).
std::vector<std::string> stateKeys(torch::nn::Module& module);

// Converts a module's floating-point parameters and buffers to `dt` one tensor at a time
// (Module::to() holds both copies of the whole module at once).
void convertParameters(torch::nn::Module& module, torch::ScalarType dt);

} // namespace adv
