// Background conditions and the one caption rule ("a dress on the beach",
// "pants in space"): training pairs, the embedded model's data, the judge's
// grid and the studio's variant grid all caption through here. Torch- and
// OpenCV-free: part of the core interface.
#pragma once

#include <string>
#include <vector>

namespace adv::pairs {

struct Condition {
    std::string name;             // "beach"
    std::string captionTemplate;  // "a {category} on the beach"
    std::string photoDir;         // optional folder of photos
    bool procedural = true;       // use the generator when there are no photos (or mixed)
};

// Default caption template for a condition name ("" or "studio": "a {category}").
std::string defaultTemplate(const std::string& condition);
Condition makeCondition(const std::string& name, const std::string& photoDir = "");
// "a {category} on the beach" with {category} replaced; plural garments ("pants", "red shorts") take no article.
std::string applyTemplate(const std::string& tmpl, const std::string& category);
// The caption of a concept under a condition: applyTemplate(defaultTemplate(condition), concept).
std::string caption(const std::string& concept, const std::string& condition);
// True when the garment's last word is a plural noun ("pants", "navy striped jeans").
bool isPluralGarment(const std::string& concept);
// Names with a dedicated background generator (others get a generic tinted scene).
std::vector<std::string> proceduralConditions();

} // namespace adv::pairs
