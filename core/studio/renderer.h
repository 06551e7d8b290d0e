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

namespace adv::studio {

struct RgbImage {
    int width = 0, height = 0;
    std::vector<uint8_t> rgb;  // row-major RGB8
};

struct RenderOutput {
    RgbImage image;
    VariantRecord record;  // the request, completed: seed, size, model and LoRA hashes
    double seconds = 0;
};

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
    std::string modelName() const;
    std::string modelPath() const;
    int nativeResolution() const;
    std::string deviceDescription() const;

private:
    struct Impl;
    std::unique_ptr<Impl> d_;
};

// Writes a rendered image as PNG with its "parameters" and "advariant" chunks (atomically).
void savePng(const std::string& path, const RenderOutput& out);

} // namespace adv::studio
