#include "dataset/query.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

namespace adv::coco {

namespace {
std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}
std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(' ');
    const auto e = s.find_last_not_of(' ');
    return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}
} // namespace

std::string readableCategory(const std::string& name) { return trim(name.substr(0, name.find(','))); }

std::vector<int> categoriesMatching(const Dataset& ds, const std::string& name) {
    const std::string want = lower(trim(name));
    std::vector<int> out;
    for (const auto& c : ds.categories) {
        const std::string n = lower(c.name);
        bool match = n == want;
        size_t start = 0;
        while (!match && start <= n.size()) {
            const size_t comma = n.find(',', start);
            match = trim(n.substr(start, comma == std::string::npos ? std::string::npos : comma - start)) == want;
            if (comma == std::string::npos) break;
            start = comma + 1;
        }
        if (match) out.push_back(c.id);
    }
    return out;
}

std::vector<double> annotationBox(const Dataset& ds, const Annotation& a) {
    if (a.hasBbox) return {a.bbox[0], a.bbox[1], a.bbox[2], a.bbox[3]};
    return ds.rle(a).bbox();
}

std::vector<size_t> select(const Dataset& ds, const Query& q) {
    std::set<int> cats;
    for (const auto& n : q.categories)
        for (int id : categoriesMatching(ds, n)) cats.insert(id);
    const bool anyCat = q.categories.empty();
    std::map<int, int> taken;
    std::vector<size_t> out;
    for (size_t i = 0; i < ds.annotations.size(); ++i) {
        const auto& a = ds.annotations[i];
        if (!anyCat && !cats.count(a.categoryId)) continue;
        if (q.excludeCrowd && a.iscrowd) continue;
        if (a.area < q.minArea) continue;
        const auto* attrBegin = ds.attrPool_.data() + a.attrOffset;
        const auto* attrEnd = attrBegin + a.attrCount;
        auto has = [&](int id) { return std::find(attrBegin, attrEnd, id) != attrEnd; };
        if (!std::all_of(q.withAttributes.begin(), q.withAttributes.end(), has)) continue;
        if (std::any_of(q.withoutAttributes.begin(), q.withoutAttributes.end(), has)) continue;
        if (q.minSide > 0 || q.excludeBorder) {
            std::vector<double> b;
            try {
                b = annotationBox(ds, a);
            } catch (const std::exception&) {
                continue;  // malformed mask: not selectable
            }
            if (std::min(b[2], b[3]) < q.minSide) continue;
            if (q.excludeBorder) {
                const Image* img = ds.image(a.imageId);
                if (img && (b[0] <= 1 || b[1] <= 1 || b[0] + b[2] >= img->width - 1 || b[1] + b[3] >= img->height - 1))
                    continue;
            }
        }
        if (q.perCategory > 0 && taken[a.categoryId] >= q.perCategory) continue;
        ++taken[a.categoryId];
        out.push_back(i);
    }
    return out;
}

} // namespace adv::coco
