// The demo's product-kept grid: real dataset garments (not generated) on each background by inpainting.
#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace adv {
class StableDiffusion;
namespace base { class Judge; }
namespace coco { class Dataset; }
} // namespace adv

namespace adv::cli {

// For each category the largest non-crowd instance of the dataset, placed on the canvas and kept pixel
// for pixel; the background generated for each condition with `sd` as it is (LoRA merged). Writes
// dir/<category>_<condition>.png and dir/../grid_product.png; returns cells, the judge's background
// adherence on the cells, the largest pixel difference inside the eroded masks, seconds.
struct ProductGridOptions {
    std::vector<std::string> categories, conditions;
    int steps = 20;
    double cfg = 5.0;
    std::optional<std::string> negative;  // negative prompt of every cell (none: studio::productNegativeFor)
    int seeds = 4;         // per cell for the adherence figure (the grid picture shows the first)
    int64_t firstSeed = 1;
    double scale = 0.85;   // product height / canvas height (as the demo's training pairs)
    double bottom = 0.92;  // the product's lowest row / canvas height
};

nlohmann::json renderProductGrid(StableDiffusion& sd, const base::Judge& judge, const coco::Dataset& ds,
                                 const std::string& imagesDir, const ProductGridOptions& options,
                                 const std::filesystem::path& dir);

} // namespace adv::cli
