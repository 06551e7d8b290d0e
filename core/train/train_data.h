// Training data: rows of a pair manifest, images prepared at the training
// resolution, VAE latent distributions and text embeddings cached on disk
// (reused across runs when model, image, caption and resolution match).
#pragma once

#include "pipeline/sd_pipeline.h"
#include "train/train_config.h"

#include <string>
#include <vector>

namespace adv::train {

struct TrainItem {
    std::string image;    // absolute path
    std::string caption;
    torch::Tensor mean, std;           // [4, h, w] latent distribution (unscaled)
    torch::Tensor meanFlip, stdFlip;   // of the mirrored image (random_flip)
    torch::Tensor embedding;           // [77, D] (empty when the text encoder trains)
    torch::Tensor ids;                 // [77] token ids
    std::string maskPath;              // absolute path of the subject's mask ("" when the manifest has none)
    torch::Tensor mask, maskFlip;      // [1, h, w] subject share of each latent pixel in [0, 1] (masked training)
};

// Rows with state != "rejected"; image paths resolved against the manifest's folder.
std::vector<TrainItem> readManifest(const std::string& path);

// [3, res, res] in [-1, 1]: shorter side scaled to res, then centre (or offset) crop, optional mirror.
torch::Tensor prepareImage(const std::string& path, int resolution, double cropX = 0.5, double cropY = 0.5,
                           bool flip = false);

// [1, res, res] in [0, 1]: a mask prepared exactly as prepareImage prepares its image.
torch::Tensor prepareMask(const std::string& path, int resolution, double cropX = 0.5, double cropY = 0.5,
                          bool flip = false);

// A prepared mask [1, res, res] averaged down to a latent's [1, h, w].
torch::Tensor maskToLatent(const torch::Tensor& mask, int64_t h, int64_t w);

// Fills latents / embeddings, from the cache when it matches, and the subject masks when
// c.subjectLossWeight < 1 (FileError when a pair has none). Returns how many were computed.
int cacheItems(std::vector<TrainItem>& items, StableDiffusion& sd, const TrainConfig& c, const std::string& cacheDir,
               const ProgressFn& progress, const CancelToken* cancel);

} // namespace adv::train
