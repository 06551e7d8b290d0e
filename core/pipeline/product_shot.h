// Product shots: the retailer's own product photo kept pixel for pixel, a new background generated
// around it by inpainting (any LoRA applies), the product pasted back through a feathered mask so every
// pixel inside the eroded product mask is exactly the (placed) photo's.
#pragma once

#include "io/png.h"
#include "pipeline/sd_pipeline.h"

#include <cstdint>
#include <string>
#include <vector>

namespace adv {

// A single-channel 8-bit mask, row-major, 255 = product (or as documented at each use).
struct Mask8 {
    int width = 0, height = 0;
    std::vector<uint8_t> pixels;
    bool empty() const { return pixels.empty(); }
    int count() const;  // pixels >= 128
};

// Where the product mask comes from.
Mask8 productMaskFromFile(const std::string& path, int width, int height);  // white = product (grey or luma)
Mask8 productMaskFromAlpha(const png::Image& rgba);                         // alpha >= 128 = product
// GrabCut seeded with the central 90 % of the picture (background: the border); a first guess for the
// user to correct.
Mask8 productMaskAuto(const png::Image& photo);

struct ProductShotOptions {
    int width = 0, height = 0;  // 0: the model's native size
    bool keepLayout = false;    // leave the product where it is (the photo scaled to cover the canvas)
    double scale = 0.7;         // placed: product height / canvas height (and at most 0.9 of its width)
    double bottom = 0.92;       // placed: the product's lowest row, as a fraction of the canvas height
    int erodePx = -1;           // the exact region is the product mask eroded by this (-1: 1 % of the side, >= 1)
    double featherPx = -1;      // Gaussian sigma of the paste-back edge inside the mask (-1: erodePx / 2; 0: none,
                                // the whole mask pasted with a hard edge)
};

struct ProductShot {
    png::Image image;   // the result (RGB, width x height)
    png::Image placed;  // the product on the canvas, grey elsewhere: the init image of the inpainting
    Mask8 product;      // the placed product's mask (255 = product)
    Mask8 exact;        // the eroded mask: here image == placed, bit for bit
    Mask8 repaint;      // the inpainting mask given to the pipeline (255 = repaint)
    int maxExactDiff = 0;  // largest |image - placed| inside `exact` (0 by construction; reported as a check)
    GenerateResult generated;
};

// params: prompt, seed, sampler, steps, cfg, strength (1 = a wholly new background); its size, init
// image and mask are set here. One image (batch 1).
ProductShot renderProductShot(StableDiffusion& sd, const png::Image& photo, const Mask8& productMask, GenerateParams params,
                              const ProductShotOptions& options, const PreviewFn& preview = {},
                              const CancelToken* cancel = nullptr);

} // namespace adv
