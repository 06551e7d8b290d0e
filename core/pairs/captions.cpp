#include "pairs/captions.h"

namespace adv::pairs {

std::string defaultTemplate(const std::string& c) {
    if (c.empty() || c == "studio") return "a {category}";
    if (c == "beach") return "a {category} on the beach";
    if (c == "space") return "a {category} in space";
    if (c == "city") return "a {category} in the city";
    return "a {category} in the " + c;
}

Condition makeCondition(const std::string& name, const std::string& photoDir) {
    return Condition{name, defaultTemplate(name), photoDir, true};
}

bool isPluralGarment(const std::string& concept) {
    static const char* kPlural[] = {"pants", "shorts", "tights", "socks", "glasses", "leg warmers", "jeans", "trousers",
                                    "leggings", "shoes", "boots", "sneakers", "sandals", "gloves", "sunglasses"};
    for (const char* p : kPlural) {
        const std::string w(p);
        if (concept.size() >= w.size() && concept.compare(concept.size() - w.size(), w.size(), w) == 0 &&
            (concept.size() == w.size() || concept[concept.size() - w.size() - 1] == ' '))
            return true;
    }
    return false;
}

std::string applyTemplate(const std::string& tmpl, const std::string& category) {
    std::string out = tmpl;
    // Plural garments take no article: "pants on the beach", not "a pants on the beach".
    if (isPluralGarment(category) && out.rfind("a {category}", 0) == 0) out.erase(0, 2);
    const std::string key = "{category}";
    for (size_t p = 0; (p = out.find(key, p)) != std::string::npos; p += category.size()) out.replace(p, key.size(), category);
    return out;
}

std::string caption(const std::string& concept, const std::string& condition) {
    return applyTemplate(defaultTemplate(condition), concept);
}

std::vector<std::string> proceduralConditions() { return {"beach", "space", "city"}; }

} // namespace adv::pairs
