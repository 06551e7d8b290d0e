// COCO run-length masks with pycocotools semantics: column-major runs that
// alternate starting with background; compressed strings use 6-bit characters
// (48..111) with counts from index 3 on stored as deltas from two counts back.
// Polygons rasterise exactly as pycocotools' rleFrPoly does.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace adv::coco {

struct Rle {
    int h = 0, w = 0;
    std::vector<uint32_t> counts;

    uint64_t area() const;                  // foreground pixels (odd-index runs)
    std::vector<uint8_t> toBitmap() const;  // row-major h x w, 0/1 (dataset/mask.h has the cv::Mat form)
    std::vector<double> bbox() const;       // [x, y, w, h] as pycocotools' toBbox
    std::string toString() const;           // compressed counts
    void validate(const std::string& what) const;  // sum == h*w, else throws Error
};

// Decodes a compressed counts string; throws Error naming `what` for bad characters or sums.
Rle rleFromString(const std::string& s, int h, int w, const std::string& what = "RLE");
// From a row-major h x w bitmap (any non-zero byte is foreground).
Rle rleFromBitmap(const std::vector<uint8_t>& bitmap, int h, int w);
// One polygon [x0,y0,x1,y1,...] (at least 3 points) as pycocotools rasterises it.
Rle rleFromPolygon(const std::vector<double>& xy, int h, int w);
// Union of several masks of one size.
Rle rleMerge(const std::vector<Rle>& rles);

struct Point {
    int x = 0, y = 0;
};
// Outer contours of the mask's foreground, for drawing outlines (implemented with OpenCV in dataset/mask.cpp).
std::vector<std::vector<Point>> maskContours(const Rle& rle);

} // namespace adv::coco
