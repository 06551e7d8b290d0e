#include "basemodel/base_data.h"

#include "dataset/garments.h"
#include "pairs/backgrounds.h"
#include "pairs/compositor.h"

#include <opencv2/imgproc.hpp>
#include <torch/torch.h>

#include <algorithm>

namespace adv::base {

namespace {

double uniform(std::mt19937_64& rng) { return std::uniform_real_distribution<double>(0, 1)(rng); }

bool isPlural(const std::string& name) { return name == "pants" || name == "shorts"; }

// Garment box inside a size x size canvas: height 60-86 % of it, width by silhouette, slight jitter.
cv::Rect2f garmentBox(int categoryId, int size, std::mt19937_64& rng) {
    const double h = size * (0.60 + 0.26 * uniform(rng));
    const double aspect = synth::garmentAspect(categoryId);  // width / height
    const double w = std::min(size * 0.92, h * aspect * (0.9 + 0.2 * uniform(rng)));
    const double cx = size * (0.5 + 0.06 * (uniform(rng) - 0.5));
    const double top = std::max(size * 0.03, size * 0.94 - h - size * 0.06 * uniform(rng));
    return cv::Rect2f(static_cast<float>(cx - w / 2), static_cast<float>(top), static_cast<float>(w),
                      static_cast<float>(h));
}

cv::Mat downsample(const cv::Mat& big, int size) {
    cv::Mat out;
    cv::resize(big, out, cv::Size(size, size), 0, 0, cv::INTER_AREA);
    return out;
}

// "studio" (the base model's backdrop) or a background generator's picture, with its ground line.
pairs::Background conditionBackground(const std::string& condition, int size, std::mt19937_64& rng) {
    if (condition != "studio") return pairs::makeBackground(pairs::makeCondition(condition), size, size, rng());
    pairs::Background bg;
    bg.rgb = synth::studioBackground(size, size, rng);
    bg.source = "studio";
    bg.groundLine = 0.92;
    return bg;
}

} // namespace

std::string promptFor(const std::string& category, const std::string& condition) {
    return pairs::caption(category, condition);
}

std::string studioCaption(const Recipe& r, int categoryId, int color, const std::string& pattern, std::mt19937_64& rng) {
    const std::string name = shortCategoryName(categoryId);
    std::string words;
    if (uniform(rng) < r.colorInCaption) words += synth::palette()[color].name + " ";
    if (!pattern.empty() && pattern != "plain" && uniform(rng) < r.patternInCaption) words += pattern + " ";
    std::string c = (isPlural(name) ? "" : "a ") + words + name;
    if (uniform(rng) < r.studioSuffix) {
        static const char* kSuffix[] = {" in the studio", " on a white background", " on a plain backdrop",
                                        ", product photo"};
        c += kSuffix[rng() % 4];
    }
    return c;
}

Sample renderOnCondition(const Recipe& r, int categoryId, const std::string& condition, std::mt19937_64& rng) {
    const int big = r.resolution * r.renderScale;
    cv::Mat canvas = conditionBackground(condition, big, rng).rgb;
    const auto spec = synth::randomSpec(categoryId, rng);
    synth::drawGarment(canvas, spec, garmentBox(categoryId, big, rng), rng);
    Sample s;
    s.rgb = downsample(canvas, r.resolution);
    s.category = categoryId;
    s.condition = condition;
    s.caption = studioCaption(r, categoryId, spec.color, synth::patternName(spec.pattern), rng);
    return s;
}

Sample renderComposited(const Recipe& r, int categoryId, const std::string& condition, std::mt19937_64& rng) {
    // The garment on a studio render, cut out with its own mask as the curation step does.
    const int big = r.resolution * r.renderScale;
    cv::Mat source = synth::studioBackground(big, big, rng);
    const auto spec = synth::randomSpec(categoryId, rng);
    const auto drawn = synth::drawGarment(source, spec, garmentBox(categoryId, big, rng), rng);
    const pairs::Cutout cut = pairs::cutOut(source, drawn.mask);
    const pairs::Background bg = conditionBackground(condition, r.resolution, rng);
    pairs::CompositeOptions co;
    co.width = co.height = r.resolution;
    co.placement = uniform(rng) < 0.7 ? pairs::Placement::Ground : pairs::Placement::Jittered;
    co.scale = 0.55 + 0.3 * uniform(rng);
    co.shadow = uniform(rng) < 0.8;
    co.harmonize = 0.25 * uniform(rng);
    Sample s;
    s.rgb = pairs::composite(cut, bg, co, rng()).rgb;
    s.category = categoryId;
    s.condition = condition;
    s.caption = promptFor(shortCategoryName(categoryId), condition);
    return s;
}

Sample renderStudio(const Recipe& r, int categoryId, std::mt19937_64& rng) {
    Sample s = renderOnCondition(r, categoryId, "studio", rng);
    if (uniform(rng) < r.captionDropout) s.caption.clear();
    return s;
}

const std::vector<std::string>& genericScenes() {
    static const std::vector<std::string> kScenes{"meadow", "sunset", "wall", "street", "forest", "snow", "desert", "night"};
    return kScenes;
}

Sample renderGarmentOnScene(const Recipe& r, std::mt19937_64& rng) {
    const int category = r.categories[rng() % r.categories.size()];
    const auto& scene = genericScenes()[rng() % genericScenes().size()];
    return renderOnCondition(r, category, scene, rng);
}

Sample renderScene(const Recipe& r, std::mt19937_64& rng) {
    const int big = r.resolution * r.renderScale;
    Sample s;
    s.condition = genericScenes()[rng() % genericScenes().size()];
    cv::Mat canvas = pairs::makeBackground(pairs::makeCondition(s.condition), big, big, rng()).rgb;
    const int shapes = static_cast<int>(rng() % 6);
    for (int i = 0; i < shapes; ++i) {
        const auto& c = synth::palette()[rng() % synth::palette().size()].rgb;
        const cv::Point p(static_cast<int>(uniform(rng) * big), static_cast<int>(uniform(rng) * big));
        const int rad = static_cast<int>(big * (0.04 + 0.2 * uniform(rng)));
        if (rng() % 2) cv::circle(canvas, p, rad, cv::Scalar(c[0], c[1], c[2]), cv::FILLED, cv::LINE_AA);
        else cv::rectangle(canvas, cv::Rect(p.x, p.y, rad, rad * 2), cv::Scalar(c[0], c[1], c[2]), cv::FILLED);
    }
    s.rgb = downsample(canvas, r.resolution);
    return s;
}

torch::Tensor toTensor(const std::vector<cv::Mat>& images) {
    std::vector<torch::Tensor> ts;
    ts.reserve(images.size());
    for (const auto& m : images) {
        cv::Mat c = m.isContinuous() ? m : m.clone();
        ts.push_back(torch::from_blob(c.data, {c.rows, c.cols, 3}, torch::kUInt8).clone().permute({2, 0, 1}));
    }
    return torch::stack(ts).to(torch::kFloat32).div(127.5).sub(1.0);  // [B, 3, H, W]
}

std::vector<cv::Mat> toImages(const torch::Tensor& batch, bool zeroOne) {
    auto x = zeroOne ? batch : (batch.detach().to(torch::kFloat32).cpu() + 1.0) / 2.0;
    x = x.to(torch::kFloat32).cpu().clamp(0, 1).mul(255).round().to(torch::kUInt8).permute({0, 2, 3, 1}).contiguous();
    std::vector<cv::Mat> out;
    for (int64_t i = 0; i < x.size(0); ++i) {
        cv::Mat m(static_cast<int>(x.size(1)), static_cast<int>(x.size(2)), CV_8UC3, x[i].data_ptr());
        out.push_back(m.clone());
    }
    return out;
}

} // namespace adv::base
