// Rendering for the studio's UI: plain structs in and out, no torch in this
// header, so ui/ can drive the engine from a worker thread.
#pragma once

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

struct RenderJob {
    std::string prompt, negativePrompt;
    std::string sampler = "dpmpp_2m_karras";
    int steps = 20;
    double cfg = 7.5;
    int64_t seed = 0;
    int width = 0, height = 0;  // 0: the model's native size
    std::vector<std::pair<std::string, double>> loras;  // file, scale
    std::string concept, condition;  // for provenance
};

struct RenderOutput {
    RgbImage image;
    int64_t seed = 0;
    double seconds = 0;
    std::string parameters;  // A1111 text
    std::string provenance;  // JSON ("advariant" PNG chunk)
};

class Renderer {
public:
    // Loads the model (diffusers folder or SD1.x .safetensors). Throws on failure.
    Renderer(const std::string& modelPath, const std::string& device = "auto", const std::string& tokenizerDir = "");
    ~Renderer();
    Renderer(const Renderer&) = delete;
    Renderer& operator=(const Renderer&) = delete;

    RenderOutput render(const RenderJob& job, const std::function<void(int step, int total, const RgbImage& preview)>& preview = {},
                        const CancelToken* cancel = nullptr);
    std::string modelName() const;
    std::string modelPath() const;
    int nativeResolution() const;
    std::string deviceDescription() const;

private:
    struct Impl;
    std::unique_ptr<Impl> d_;
};

// Writes a rendered image as PNG with its "parameters" and "advariant" chunks.
void savePng(const std::string& path, const RenderOutput& out);

} // namespace adv::studio
