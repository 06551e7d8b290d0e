#include "model/vae_tiling.h"

#include "util/error.h"

#include <algorithm>
#include <vector>

namespace adv {

namespace {

// diffusers' blend_v / blend_h: the first `extent` rows (columns) of b fade in from the last ones of a.
// b is changed in place, as there (later neighbours blend against the blended tile).
void blend(const torch::Tensor& a, torch::Tensor& b, int64_t extent, int64_t dim) {
    const int64_t e = std::min({a.size(dim), b.size(dim), extent});
    if (e <= 0) return;
    std::vector<int64_t> shape{1, 1, 1, 1};
    shape[static_cast<size_t>(dim)] = e;
    const auto w = (torch::arange(e, torch::TensorOptions().dtype(torch::kFloat32)) / static_cast<double>(e))
                       .view(shape)
                       .to(b.device());                    // y / extent, [1,1,e,1] or [1,1,1,e]
    auto head = b.narrow(dim, 0, e);                       // [B, C, e, w] or [B, C, h, e]
    const auto tail = a.narrow(dim, a.size(dim) - e, e);   // the same shape
    head.copy_(tail.to(torch::kFloat32) * (1 - w) + head.to(torch::kFloat32) * w);
}

// The shared loop of tiled_decode and tiled_encode. tileIn/tileOut: a tile's side before and after `run`
// (latent and pixel sides for the decoder, the other way round for the encoder). Tiles start every
// tileIn * (1 - overlap); each is blended with its upper and left neighbours over tileOut * overlap and
// cropped to tileOut * (1 - overlap), which is exactly the stride in output units.
template <class Run>
torch::Tensor tiled(const torch::Tensor& x, int64_t tileIn, int64_t tileOut, double overlap, Run&& run) {
    const int64_t step = static_cast<int64_t>(static_cast<double>(tileIn) * (1 - overlap));
    const int64_t extent = static_cast<int64_t>(static_cast<double>(tileOut) * overlap);
    const int64_t limit = tileOut - extent;
    if (step < 1 || limit < 1 || step * tileOut != limit * tileIn)
        throw Error("VAE tiling: a tile of " + std::to_string(tileIn) + " with overlap " + std::to_string(overlap) +
                    " does not map onto whole output tiles");
    const int64_t H = x.size(2), W = x.size(3);
    torch::Tensor out;                                     // [B, C', H*tileOut/tileIn, W*tileOut/tileIn]
    std::vector<torch::Tensor> previous;                   // the row above, blended
    for (int64_t i = 0, r = 0; i < H; i += step, ++r) {
        std::vector<torch::Tensor> row;
        for (int64_t j = 0, c = 0; j < W; j += step, ++c) {
            auto tile = run(x.narrow(2, i, std::min(tileIn, H - i)).narrow(3, j, std::min(tileIn, W - j)));
            if (!out.defined())
                out = torch::empty({x.size(0), tile.size(1), H * tileOut / tileIn, W * tileOut / tileIn}, tile.options());
            if (r > 0) blend(previous[static_cast<size_t>(c)], tile, extent, 2);
            if (c > 0) blend(row.back(), tile, extent, 3);
            const int64_t h = std::min(limit, tile.size(2)), w = std::min(limit, tile.size(3));
            out.narrow(2, r * limit, h).narrow(3, c * limit, w).copy_(tile.narrow(2, 0, h).narrow(3, 0, w));
            row.push_back(tile);
        }
        previous = std::move(row);
    }
    return out;
}

} // namespace

VaeTiling vaeTilingFor(const VaeConfig& config) {
    const int f = config.downscale();
    VaeTiling t;
    t.tilePixels = std::max<int64_t>(64, config.sampleSize) / f * f;
    return t;
}

bool vaeTilingPays(const VaeConfig& config, int64_t heightPx, int64_t widthPx, int64_t maxUntiledPixels) {
    const int64_t tile = vaeTilingFor(config).tilePixels;
    return heightPx * widthPx > maxUntiledPixels && (heightPx > tile || widthPx > tile);
}

torch::Tensor decodeTiled(AutoencoderKLImpl& vae, const torch::Tensor& z, const VaeTiling& tiling) {
    const int64_t f = vae.config.downscale();
    if (tiling.tilePixels % f != 0 || tiling.tilePixels / f < 2)
        throw Error("VAE tiling: the tile side " + std::to_string(tiling.tilePixels) + " is not a multiple of " +
                    std::to_string(f) + " of at least two latent pixels");
    return tiled(z, tiling.tilePixels / f, tiling.tilePixels, tiling.overlap,
                 [&](const torch::Tensor& tile) { return vae.decode(tile); });  // [B, 3, th*f, tw*f]
}

torch::Tensor momentsTiled(AutoencoderKLImpl& vae, const torch::Tensor& image, const VaeTiling& tiling) {
    const int64_t f = vae.config.downscale();
    if (tiling.tilePixels % f != 0 || tiling.tilePixels / f < 2)
        throw Error("VAE tiling: the tile side " + std::to_string(tiling.tilePixels) + " is not a multiple of " +
                    std::to_string(f) + " of at least two latent pixels");
    if (image.size(2) % f != 0 || image.size(3) % f != 0)
        throw Error("VAE tiling: the picture's sides must be multiples of " + std::to_string(f));
    return tiled(image, tiling.tilePixels, tiling.tilePixels / f, tiling.overlap,
                 [&](const torch::Tensor& tile) { return vae.moments(tile); });  // [B, 2*latent, th/f, tw/f]
}

} // namespace adv
