#include "studio/renderer.h"

#include "util/fs.h"

#include "io/png.h"
#include "pipeline/image_convert.h"
#include "pipeline/product_shot.h"
#include "pipeline/sd_pipeline.h"
#include "studio/defaults.h"
#include "util/error.h"
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

int Renderer::sizeMultiple() const { return d_->sd->vae->config.downscale(); }

RenderOutput Renderer::render(const VariantRecord& job, const std::function<void(int, int, const RgbImage&)>& preview,
                              const CancelToken* cancel) {
    return run(job, nullptr, nullptr, 1.0, preview, cancel);
}

RenderOutput Renderer::inpaint(const VariantRecord& job, const RgbImage& init, const std::vector<uint8_t>& repaint,
                               double strength, const std::function<void(int, int, const RgbImage&)>& preview,
                               const CancelToken* cancel) {
    if (init.width <= 0 || init.height <= 0 || init.rgb.size() != static_cast<size_t>(init.width) * init.height * 3)
        throw Error("inpainting: the picture is not " + std::to_string(init.width) + "x" + std::to_string(init.height) + " RGB");
    if (repaint.size() != static_cast<size_t>(init.width) * init.height)
        throw Error("inpainting: the mask has " + std::to_string(repaint.size()) + " pixels, the picture " +
                    std::to_string(static_cast<int64_t>(init.width) * init.height));
    if (job.width != init.width || job.height != init.height)
        throw Error("inpainting: the request is " + std::to_string(job.width) + "x" + std::to_string(job.height) +
                    ", the picture " + std::to_string(init.width) + "x" + std::to_string(init.height));
    return run(job, &init, &repaint, strength, preview, cancel);
}

void Renderer::attachLoras(const VariantRecord& job) {
    std::vector<std::pair<std::string, double>> loras;
    for (const auto& l : job.loras) loras.emplace_back(l.file, l.scale);
    if (loras == d_->loras) return;
    d_->sd->clearLoras();
    d_->loras.clear();
    for (const auto& [file, scale] : loras) {
        d_->sd->addLora(file, scale);
        if (!d_->loraHashes.count(file)) d_->loraHashes[file] = sha256File(file).substr(0, 12);
    }
    d_->loras = loras;
}

namespace {
GenerateParams paramsOf(const VariantRecord& job) {
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
    return gp;
}
} // namespace

RenderOutput Renderer::finish(const VariantRecord& job, const GenerateResult& res) {
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

RenderOutput Renderer::run(const VariantRecord& job, const RgbImage* init, const std::vector<uint8_t>* repaint,
                           double strength, const std::function<void(int, int, const RgbImage&)>& preview,
                           const CancelToken* cancel) {
    attachLoras(job);
    GenerateParams gp = paramsOf(job);
    if (init) {
        gp.initImage = imageToTensor(png::Image{init->width, init->height, 3, init->rgb}).unsqueeze(0);  // [1, 3, H, W]
        gp.mask = torch::from_blob(const_cast<uint8_t*>(repaint->data()), {1, 1, init->height, init->width}, torch::kUInt8)
                      .to(torch::kFloat32)
                      .div(255.0);  // [1, 1, H, W]
        gp.strength = strength;
    }
    const auto onStep = [&](int s, int t, const torch::Tensor& p) {
        if (preview) preview(s, t, toRgb(p[0]));
    };
    // Text-to-image with the hires fix: rendered at the requested size, enlarged, refined by image-to-image.
    const bool hires = !init && job.hiresScale > 1;
    HiresParams hp;
    if (hires) {
        hp.scale = job.hiresScale;
        hp.strength = job.denoisingStrength > 0 ? job.denoisingStrength : GenerationDefaults::hiresStrength;
    }
    const GenerateResult res = hires ? generateHires(*d_->sd, gp, hp, onStep, cancel) : d_->sd->generate(gp, onStep, cancel);
    RenderOutput out = finish(job, res);
    if (init) out.record.denoisingStrength = strength;
    if (hires) {
        // As A1111 records it: Size is the first pass's, the picture Size x Hires upscale, so the record
        // renders the same picture again.
        out.record.denoisingStrength = hp.strength;
        out.record.width = job.width > 0 ? job.width : nativeResolution();
        out.record.height = job.height > 0 ? job.height : nativeResolution();
    } else {
        out.record.hiresScale = 0;
    }
    return out;
}

namespace {

Mask8 maskFor(const ProductInput& p, const png::Image& photo) {
    try {
        if (!p.mask.empty()) return productMaskFromFile(p.mask, photo.width, photo.height);
        if (photo.channels == 4) return productMaskFromAlpha(photo);
        return productMaskAuto(photo);
    } catch (const FileError&) {
        throw;
    } catch (const Error& e) {
        throw FileError(p.mask.empty() ? p.photo : p.mask, e.what());
    }
}

} // namespace

ProductPreview loadProduct(const ProductInput& product) {
    const png::Image p = png::read(product.photo);
    Mask8 m = maskFor(product, p);
    ProductPreview out{RgbImage{p.width, p.height, {}}, MaskImage{m.width, m.height, std::move(m.pixels)}};
    out.photo.rgb.resize(static_cast<size_t>(p.width) * p.height * 3);
    for (size_t i = 0, n = static_cast<size_t>(p.width) * p.height; i < n; ++i)
        for (int c = 0; c < 3; ++c) out.photo.rgb[i * 3 + c] = p.pixels[i * p.channels + c];
    return out;
}

RenderOutput Renderer::renderProduct(const VariantRecord& job, const ProductInput& product,
                                     const std::function<void(int, int, const RgbImage&)>& preview, const CancelToken* cancel) {
    const png::Image photo = png::read(product.photo);  // RGB or RGBA (the alpha can be the mask)
    const Mask8 mask = maskFor(product, photo);
    attachLoras(job);
    GenerateParams gp = paramsOf(job);
    gp.strength = job.denoisingStrength > 0 ? job.denoisingStrength : 1.0;
    if (gp.negativePrompt.empty()) gp.negativePrompt = productNegativeFor(gp.prompt);
    ProductShotOptions o;
    o.width = job.width;
    o.height = job.height;
    o.keepLayout = product.keepLayout;
    o.featherPx = product.featherPx;
    const ProductShot shot = renderProductShot(*d_->sd, photo, mask, gp, o, [&](int s, int t, const torch::Tensor& p) {
        if (preview) preview(s, t, toRgb(p[0]));
    }, cancel);
    RenderOutput out = finish(job, shot.generated);
    out.image = RgbImage{shot.image.width, shot.image.height, shot.image.pixels};
    out.record.denoisingStrength = gp.strength;
    out.record.negativePrompt = gp.negativePrompt;
    out.record.productSource = product.photo;
    out.record.hiresScale = 0;  // a product shot is rendered at its size: a hires pass would redraw the product
    out.productMask = MaskImage{shot.product.width, shot.product.height, shot.product.pixels};
    return out;
}

void savePng(const std::string& path, const RenderOutput& out) {
    png::write(path, png::Image{out.image.width, out.image.height, 3, out.image.rgb}, out.record.pngText());
    if (!out.productMask.pixels.empty()) {
        png::write(maskFileFor(path), png::Image{out.productMask.width, out.productMask.height, 1, out.productMask.pixels});
    }
}

} // namespace adv::studio
