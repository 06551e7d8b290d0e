// Built-in training presets: named recipes a user starts from (the studio's Preset list, the CLI's
// `train --preset`). A preset sets the recipe (ranks, targets, learning rate and schedule, loss and noise
// options, steps, batch); it never touches what names the run (model, manifest, output folder, cache,
// device). Plain code, no torch.
#pragma once

#include "train/train_config.h"

#include <string>
#include <vector>

namespace adv::train {

struct PresetInfo {
    std::string id;           // "demo", "sd15-product", ...
    std::string title;        // shown in the studio
    std::string description;  // one sentence: when to use it
};

const std::vector<PresetInfo>& trainingPresets();

// Applies preset `id` to `c`: the recipe fields are reset and set by the preset; the rest (model, tokenizer,
// manifest, folders, device, resolution, validation previews, NaN guard) is kept.
// Error naming the id and the known ones for an unknown id.
void applyTrainingPreset(const std::string& id, TrainConfig& c);

// The recipe of the embedded model's demo LoRA (`advariant-cli demo`): backdrops the base never drew,
// learned through attention, feed-forward and ResNet convs with the backdrop noise recipe.
void useDemoRecipe(TrainConfig& c);

// The recipe of the embedded model's LCM-LoRA (resources/models/advariant-tiny/loras/lcm.safetensors):
// latent consistency distillation of the base with its own guidance range.
void useLcmDistillRecipe(TrainConfig& c);

} // namespace adv::train
