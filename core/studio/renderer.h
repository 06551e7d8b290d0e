// Rendering for the studio's UI: plain structs in and out, no torch in this
// header, so ui/ can drive the engine from a worker thread.
#pragma once

#include "studio/variant_record.h"
#include "util/cancel.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace adv {
struct GenerateResult;  // pipeline/sd_pipeline.h (torch): only named here
}

namespace adv::studio {

struct RgbImage {
    int width = 0, height = 0;
    std::vector<uint8_t> rgb;  // row-major RGB8
};

// A single-channel mask, row-major, 255 = product.
struct MaskImage {
    int width = 0, height = 0;
    std::vector<uint8_t> pixels;
};

struct RenderOutput {
    RgbImage image;
    VariantRecord record;  // the request, completed: seed, size, model and LoRA hashes
    MaskImage productMask; // product shots: where the kept product is in `image` (empty otherwise)
    double seconds = 0;
};

// A product concept: the retailer's photo, its product kept pixel for pixel on a generated background.
struct ProductInput {
    std::string photo;        // PNG or JPEG
    std::string mask;         // white = product; "" = the photo's alpha channel, else found automatically
    bool keepLayout = false;  // leave the product where it is in the photo (else placed like a catalogue shot)
    double featherPx = -1;    // softness of the paste-back edge inside the mask (Gaussian sigma, px); -1: automatic
};

// A product as the mask editor shows it, from one decode of the photo: the photo as RGB (an alpha channel
// dropped) and the mask it starts from, at the photo's size: its file, else the photo's alpha channel, else
// found by GrabCut (a first guess for the user to correct). Throws adv::Error naming the file.
struct ProductPreview {
    RgbImage photo;
    MaskImage mask;
};
ProductPreview loadProduct(const ProductInput& product);

class Renderer {
public:
    // Loads the model (diffusers folder or SD1.x .safetensors; "" = the embedded model). Throws on failure.
    Renderer(const std::string& modelPath, const std::string& device = "auto", const std::string& tokenizerDir = "");
    ~Renderer();
    Renderer(const Renderer&) = delete;
    Renderer& operator=(const Renderer&) = delete;

    // Renders one variant: prompt, negative, sampler, steps, CFG, seed, size (0 = native) and LoRAs (file, scale)
    // come from `request`; its hashes are filled in.
    RenderOutput render(const VariantRecord& request,
                        const std::function<void(int step, int total, const RgbImage& preview)>& preview = {},
                        const CancelToken* cancel = nullptr);
    // Inpaints `init` (the request's width x height): where `repaint` (one byte per pixel, 255 = repaint,
    // below 128 = keep) marks, a picture is generated from the request at `strength` (1 = from noise); kept
    // pixels guide it (a 9-channel inpainting UNet sees them, a 4-channel one has them re-imposed every step).
    RenderOutput inpaint(const VariantRecord& request, const RgbImage& init, const std::vector<uint8_t>& repaint,
                         double strength = 1.0,
                         const std::function<void(int step, int total, const RgbImage& preview)>& preview = {},
                         const CancelToken* cancel = nullptr);
    // A product shot: the request's prompt, seed and LoRAs generate the background around the product
    // (request.denoisingStrength in (0, 1], 0 = 1; no negative prompt: productNegativeFor(prompt)); every pixel inside the product's eroded mask is the
    // photo's. The output's record names the photo (productSource), its productMask the placed product.
    RenderOutput renderProduct(const VariantRecord& request, const ProductInput& product,
                               const std::function<void(int step, int total, const RgbImage& preview)>& preview = {},
                               const CancelToken* cancel = nullptr);
    std::string modelName() const;
    std::string modelPath() const;
    int nativeResolution() const;
    int sizeMultiple() const;  // rendered sides are multiples of this (the VAE's downscale)
    std::string deviceDescription() const;

private:
    void attachLoras(const VariantRecord& request);
    RenderOutput finish(const VariantRecord& request, const adv::GenerateResult& result);
    RenderOutput run(const VariantRecord& request, const RgbImage* init, const std::vector<uint8_t>* repaint, double strength,
                     const std::function<void(int, int, const RgbImage&)>& preview, const CancelToken* cancel);
    struct Impl;
    std::unique_ptr<Impl> d_;
};

// Writes a rendered image as PNG with its "parameters" and "advariant" chunks (atomically); a product shot's
// mask goes beside it as NAME.mask.png (the export keeps that product inside each safe zone).
void savePng(const std::string& path, const RenderOutput& out);

} // namespace adv::studio
