// Outpainting for ad sizes: when a reframe needs more canvas than the picture has, the export can generate
// the new area by inpainting instead of blurring or mirroring the edges (Fill::Outpaint). The export plans
// the canvas and keeps the picture's own pixels; whoever holds a model does the inpainting through an
// Outpainter (studio::Renderer::inpaint for the CLI and the studio). Torch- and OpenCV-free.
#pragma once

#include "studio/renderer.h"
#include "studio/variant_record.h"
#include "util/cancel.h"

#include <cstdint>
#include <functional>
#include <vector>

namespace adv::exportset {

struct OutpaintRequest {
    studio::RgbImage canvas;       // the picture placed on the new canvas, the rest a blurred first fill
    std::vector<uint8_t> repaint;  // canvas.width x canvas.height, 255 = generate, 0 = keep
    studio::VariantRecord record;  // the picture's prompt, seed, sampler and LoRAs; width/height = the canvas's
};

struct Outpainter {
    int nativeSide = 512;  // the model's native resolution: a generated canvas has at most about 1.5x its area
    int multiple = 8;      // generated sides are multiples of this (the VAE's downscale)
    // Returns the canvas with the repaint area generated (same size). Throws adv::Error on failure.
    std::function<studio::RgbImage(const OutpaintRequest&, const CancelToken*)> fill;
    explicit operator bool() const { return static_cast<bool>(fill); }
};

// An Outpainter over a renderer (which must outlive it): the request's record drives the inpainting at
// strength 1, `steps` > 0 overrides its step count.
Outpainter rendererOutpainter(studio::Renderer& renderer, int steps = 0);

// The size the new canvas is generated at for a placement of width x height whose picture was scaled by
// `scale`: the picture's own pixel density (nothing is generated finer than the picture), at most about
// 1.5x the model's native area and never larger than the placement; sides multiples of `multiple`.
struct CanvasSize {
    int width = 0, height = 0;
};
CanvasSize outpaintCanvasSize(int width, int height, double scale, const Outpainter& o);

} // namespace adv::exportset
