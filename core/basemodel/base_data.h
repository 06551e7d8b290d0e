// Synthetic images with ground truth for the embedded model: garments on
// studio backdrops (diffusion training), on condition backgrounds (the judge)
// and generic scenes (the autoencoder, a general image codec).
#pragma once

#include "basemodel/recipe.h"

#include <opencv2/core.hpp>
#include <torch/types.h>

#include <random>
#include <string>
#include <vector>

namespace adv::base {

struct Sample {
    cv::Mat rgb;            // CV_8UC3, resolution x resolution
    std::string caption;    // "a red dress", "" when dropped
    int category = -1;      // Fashionpedia id; -1 for a scene without garment
    std::string condition;  // "studio", "beach", ...
};

// The prompt the studio uses for a concept on a condition: "a dress on the beach",
// "pants in space", "a dress" for "studio" / empty conditions.
std::string promptFor(const std::string& category, const std::string& condition);

// One garment of `categoryId` on a studio backdrop, captioned per the recipe.
Sample renderStudio(const Recipe& r, int categoryId, std::mt19937_64& rng);
// One garment on a condition background ("studio" or a background generator name).
Sample renderOnCondition(const Recipe& r, int categoryId, const std::string& condition, std::mt19937_64& rng);
// One garment made the way training pairs are: drawn on a studio render, cut out with its
// mask and composited (pair scale, optional shadow and colour harmonisation) onto the
// condition's background ("studio" or a background generator name).
Sample renderComposited(const Recipe& r, int categoryId, const std::string& condition, std::mt19937_64& rng);
// A scene without a garment: generic backgrounds and coloured shapes.
Sample renderScene(const Recipe& r, std::mt19937_64& rng);
// A garment of one of the recipe's categories on a random generic scene (autoencoder data).
Sample renderGarmentOnScene(const Recipe& r, std::mt19937_64& rng);
// The generic scenes: never one of the conditions the judge scores or the demo teaches.
const std::vector<std::string>& genericScenes();

// The diffusion-stage caption for a spec ("a red striped dress", "red pants in the studio").
std::string studioCaption(const Recipe& r, int categoryId, int color, const std::string& pattern, std::mt19937_64& rng);

// RGB8 images -> [B, 3, H, W] float in [-1, 1].
torch::Tensor toTensor(const std::vector<cv::Mat>& images);
// [B, 3, H, W] in [-1, 1] (or [0, 1] with zeroOne) -> RGB8 images.
std::vector<cv::Mat> toImages(const torch::Tensor& batch, bool zeroOne = false);

} // namespace adv::base
