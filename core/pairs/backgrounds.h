// Background conditions ("beach", "space", "city", or any the user adds): a
// folder of the user's photos and/or a built-in procedural generator, varied
// per seed so the studio works offline with no photos at all.
#pragma once

#include <opencv2/core.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace adv::pairs {

struct Condition {
    std::string name;             // "beach"
    std::string captionTemplate;  // "a {category} on the beach"
    std::string photoDir;         // optional folder of photos
    bool procedural = true;       // use the generator when there are no photos (or mixed)
};

// Default caption template for a condition name.
std::string defaultTemplate(const std::string& condition);
Condition makeCondition(const std::string& name, const std::string& photoDir = "");
// "a {category} on the beach" with {category} replaced.
std::string applyTemplate(const std::string& tmpl, const std::string& category);

struct Background {
    cv::Mat rgb;         // CV_8UC3
    std::string source;  // "procedural:beach#<seed>" or the photo path
    double groundLine;   // y of the ground (fraction of height) where a garment may stand
};

// A background of `w` x `h` for the condition, chosen/generated from `seed`.
Background makeBackground(const Condition& c, int w, int h, uint64_t seed);
// Names with a dedicated generator (others get a generic tinted scene).
std::vector<std::string> proceduralConditions();

} // namespace adv::pairs
