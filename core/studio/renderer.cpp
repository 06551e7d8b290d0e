#include "studio/renderer.h"

#include "util/fs.h"

#include "io/png.h"
#include "pipeline/image_convert.h"
#include "pipeline/sd_pipeline.h"
#include "util/sha256.h"

#include <torch/torch.h>

#include <filesystem>
#include <map>

namespace adv::studio {

struct Renderer::Impl {
    std::unique_ptr<StableDiffusion> sd;
    std::string path;
    std::vector<std::pair<std::string, double>> loras;  // currently attached
    std::map<std::string, std::string> loraHashes;
};

namespace {
RgbImage toRgb(const torch::Tensor& chw) {
    const png::Image p = tensorToImage(chw);
    return RgbImage{p.width, p.height, p.pixels};
}
} // namespace

Renderer::Renderer(const std::string& modelPath, const std::string& device, const std::string& tokenizerDir)
    : d_(std::make_unique<Impl>()) {
    LoadOptions lo;
    lo.device = device;
    lo.tokenizerDir = tokenizerDir;
    const std::string path = modelPath.empty() ? fs::embeddedModelDir() : modelPath;
    d_->sd = StableDiffusion::load(path, lo);
    d_->path = path;
}

Renderer::~Renderer() = default;

std::string Renderer::modelName() const { return d_->sd->name(); }
std::string Renderer::modelPath() const { return d_->path; }
int Renderer::nativeResolution() const { return d_->sd->nativeResolution(); }
std::string Renderer::deviceDescription() const { return d_->sd->device().str() + " " + c10::toString(d_->sd->dtype()); }

RenderOutput Renderer::render(const VariantRecord& job, const std::function<void(int, int, const RgbImage&)>& preview,
                              const CancelToken* cancel) {
    std::vector<std::pair<std::string, double>> loras;
    for (const auto& l : job.loras) loras.emplace_back(l.file, l.scale);
    if (loras != d_->loras) {
        d_->sd->clearLoras();
        d_->loras.clear();
        for (const auto& [file, scale] : loras) {
            d_->sd->addLora(file, scale);
            if (!d_->loraHashes.count(file)) d_->loraHashes[file] = sha256File(file).substr(0, 12);
        }
        d_->loras = loras;
    }
    GenerateParams gp;
    gp.prompt = job.prompt;
    gp.negativePrompt = job.negativePrompt;
    gp.sampler = job.sampler;
    gp.steps = job.steps;
    gp.cfg = job.cfg;
    gp.seed = job.seed;
    gp.width = job.width;
    gp.height = job.height;
    gp.clipSkip = job.clipSkip;
    auto res = d_->sd->generate(gp, [&](int s, int t, const torch::Tensor& p) {
        if (preview) preview(s, t, toRgb(p[0]));
    }, cancel);
    RenderOutput out;
    out.image = toRgb(res.images[0]);
    out.seconds = res.seconds;
    out.record = job;
    out.record.seed = res.seeds[0];
    out.record.width = out.image.width;
    out.record.height = out.image.height;
    out.record.model = d_->sd->name();
    out.record.modelHash = d_->sd->modelHash();
    for (auto& l : out.record.loras) l.sha256 = d_->loraHashes[l.file];
    return out;
}

void savePng(const std::string& path, const RenderOutput& out) {
    png::write(path, png::Image{out.image.width, out.image.height, 3, out.image.rgb}, out.record.pngText());
}

} // namespace adv::studio
