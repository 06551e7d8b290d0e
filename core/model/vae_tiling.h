// Tiled VAE decode and encode, as diffusers' AutoencoderKL.tiled_decode / tiled_encode do it: the picture
// is cut into overlapping tiles of the VAE's own sample size, each tile runs through the VAE alone, and
// neighbours are blended linearly across the overlap (a quarter of a tile), so memory is bounded by one
// tile's activations however large the picture. Unlike diffusers, the tiles of a row are blended into the
// output as the row is finished (only the previous row is kept), so the picture itself is the only
// full-size buffer. GroupNorm sees one tile's statistics: a tiled picture is close to, not equal to, an
// untiled one; the blending hides the seams.
#pragma once

#include "model/vae.h"

namespace adv {

struct VaeTiling {
    int64_t tilePixels = 512;  // the tile's side in pixels (diffusers: the VAE config's sample_size)
    double overlap = 0.25;     // fraction of a tile shared with each neighbour (diffusers' tile_overlap_factor)
};

// The policy the pipeline uses: tiles of the VAE's sample size (at least 64 px) for pictures of more than
// `maxUntiledPixels` (1024 x 1024 by default: a 1080 x 1920 story or a 2x hires result); whole otherwise.
bool vaeTilingPays(const VaeConfig& config, int64_t heightPx, int64_t widthPx, int64_t maxUntiledPixels = 1024 * 1024);
VaeTiling vaeTilingFor(const VaeConfig& config);

// z: raw latents (already divided by the scaling factor) [B, latent, h, w] -> [B, out, h*f, w*f], as
// vae.decode(z) gives.
torch::Tensor decodeTiled(AutoencoderKLImpl& vae, const torch::Tensor& z, const VaeTiling& tiling);
// image in [-1, 1] [B, 3, H, W] (H, W multiples of the downscale factor) -> moments [B, 2*latent, H/f, W/f],
// as vae.moments(image) gives.
torch::Tensor momentsTiled(AutoencoderKLImpl& vae, const torch::Tensor& image, const VaeTiling& tiling);

} // namespace adv
