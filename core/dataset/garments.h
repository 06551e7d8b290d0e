// Procedural garments of the real Fashionpedia main categories, drawn as
// polygons with colours and textile patterns on studio backgrounds. Used by the
// sample-dataset generator and to make the embedded model's training data.
#pragma once

#include <opencv2/core.hpp>

#include <random>
#include <string>
#include <vector>

namespace adv::synth {

enum class Slot { Upper, Lower, Full };

struct GarmentKind {
    int categoryId;         // Fashionpedia id (0-based)
    std::string name;       // Fashionpedia name, e.g. "shirt, blouse"
    std::string supercategory;
    Slot slot;
};
// The 12 main garments Fashionpedia ids 0..11 (shirt, top, sweater, cardigan,
// jacket, vest, pants, shorts, skirt, coat, dress, jumpsuit).
const std::vector<GarmentKind>& garmentKinds();
const GarmentKind* garmentKind(int categoryId);
// Width / height of a garment's box, laid flat or worn: upper body 0.9, pants 0.6, shorts 0.9,
// skirt 0.75, whole body 0.6. Both the synthetic dataset and the embedded model's product shots
// draw garments in these proportions (the shape inside the box tells pants from shorts).
double garmentAspect(int categoryId);

struct NamedColor {
    std::string name;
    cv::Vec3b rgb;
};
const std::vector<NamedColor>& palette();

enum class Pattern { Plain, Stripe, Dot, Check };
std::string patternName(Pattern p);

// Fashionpedia attribute ids the generator assigns (checked against the real taxonomy in tests).
struct AttributeRef {
    int id;
    std::string name, supercategory;
};
const std::vector<AttributeRef>& usedAttributes();

struct GarmentSpec {
    int categoryId = 10;
    int color = 0;                 // index into palette()
    Pattern pattern = Pattern::Plain;
    double sleeve = 1.0;           // 0 none, ~0.35 short, 1 long
    double flare = 0.6;            // hem width for skirts/dresses (0..1)
    double length = 1.0;           // relative length within the box
};

GarmentSpec randomSpec(int categoryId, std::mt19937_64& rng);
std::vector<int> specAttributes(const GarmentSpec& s);
// "a red dress", "a blue striped shirt"
std::string caption(const GarmentSpec& s, bool withPattern = true);

struct DrawnGarment {
    std::vector<std::vector<cv::Point2f>> outline;  // polygons (image pixels)
    std::vector<std::vector<cv::Point2f>> sleeves;  // "sleeve" part polygons (category 31)
    cv::Mat mask;                                   // CV_8U 0/1 of the outline
};

// Draws onto an RGB 8-bit canvas inside `box`.
DrawnGarment drawGarment(cv::Mat& rgb, const GarmentSpec& spec, const cv::Rect2f& box, std::mt19937_64& rng);
// A plain studio backdrop (light, soft gradient and floor shadow).
cv::Mat studioBackground(int width, int height, std::mt19937_64& rng);

} // namespace adv::synth
