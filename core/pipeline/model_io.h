// Writing models: a diffusers folder (model_index.json + one folder per part)
// or a single-file SD1.x checkpoint in the original layout, in f32/f16/bf16.
#pragma once

#include "pipeline/sd_pipeline.h"

#include <string>

namespace adv {

void saveDiffusers(StableDiffusion& sd, const std::string& dir, torch::ScalarType dtype = torch::kFloat32,
                   const std::string& tokenizerSource = "");
void saveSingleFile(StableDiffusion& sd, const std::string& path, torch::ScalarType dtype = torch::kFloat16);

} // namespace adv
