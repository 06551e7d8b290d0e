// Selecting annotations: categories by name, attributes in/out, size limits,
// border-cut instances, at most N per category.
#pragma once

#include "dataset/coco.h"

#include <string>
#include <vector>

namespace adv::coco {

struct Query {
    std::vector<std::string> categories;  // names; "shirt" matches "shirt, blouse"; empty = all
    std::vector<int> withAttributes;       // all of these
    std::vector<int> withoutAttributes;    // none of these
    double minArea = 0;                    // stated area, pixels
    double minSide = 0;                    // shorter bbox side, pixels
    bool excludeBorder = false;            // drop instances whose box touches the image border
    bool excludeCrowd = true;
    int perCategory = 0;                   // 0 = no limit
};

// Indices into ds.annotations, in file order (the first N per category).
std::vector<size_t> select(const Dataset& ds, const Query& q);

// Category ids a name refers to (exact name, or one comma-separated part of it, case-insensitive).
std::vector<int> categoriesMatching(const Dataset& ds, const std::string& name);

// "shirt, blouse" -> "shirt"; "top, t-shirt, sweatshirt" -> "top"
std::string readableCategory(const std::string& name);

// Annotation bbox [x, y, w, h]: from the file, or from the mask when the file has none.
std::vector<double> annotationBox(const Dataset& ds, const Annotation& a);

} // namespace adv::coco
