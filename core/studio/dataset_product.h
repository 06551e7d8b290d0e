// A dataset instance as a product concept: the garment an annotation outlines, cut from its image as a product
// photo with its own mask beside it, so the studio's product rows and the CLI's `product` can keep it pixel for
// pixel. Torch-free and OpenCV-free: ui/ calls it from a worker thread.
#pragma once

#include <cstddef>
#include <string>

namespace adv::coco {
class Dataset;
}

namespace adv::studio {

// Room left around the instance, of its box's longer side: what the studio's picker previews and writes.
constexpr double kDatasetProductMargin = 0.08;

struct DatasetProduct {
    std::string name;   // the readable category ("shirt, blouse" -> "shirt"): the caption's subject
    std::string photo;  // <outDir>/<category>_<annotation id>.png, RGB
    std::string mask;   // maskFileFor(photo): 255 = this instance only (other garments of the image are background)
    int width = 0, height = 0;  // of both files
    int x = 0, y = 0;           // where the crop starts in the dataset image
};

// Cuts annotation `annotationIndex` (into ds.annotations) out of its image: the box around its mask, grown by
// `margin` of the box's longer side on every side and clamped to the image, written as a PNG photo with the
// instance's mask beside it (both atomically; the photo's pixels are the image's exactly). Throws adv::Error in
// one line naming the image file or the annotation: a missing or undecodable image, an image whose size is not
// the one the annotation file states, a malformed or empty mask, an index out of range.
DatasetProduct writeDatasetProduct(const coco::Dataset& ds, size_t annotationIndex, const std::string& imagesDir,
                                   const std::string& outDir, double margin = kDatasetProductMargin);

} // namespace adv::studio
