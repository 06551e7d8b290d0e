#include "studio/dataset_product.h"

#include "dataset/coco.h"
#include "dataset/mask.h"
#include "dataset/query.h"
#include "io/image_file.h"
#include "io/png.h"
#include "studio/variant_record.h"
#include "util/error.h"
#include "util/fs.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>

namespace adv::studio {

namespace {

png::Image toPng(const cv::Mat& m) {  // continuous CV_8UC3 (RGB) or CV_8UC1
    png::Image img{m.cols, m.rows, m.channels(), {}};
    img.pixels.assign(m.data, m.data + m.total() * m.elemSize());
    return img;
}

// Crop rectangle: the mask's own box (not the file's stated bbox, which a hostile file may get wrong),
// grown by `margin` of its longer side and clamped to the image.
cv::Rect cropBox(const cv::Mat& mask, double margin) {
    const cv::Rect box = cv::boundingRect(mask);
    const int grow = static_cast<int>(std::lround(std::clamp(margin, 0.0, 1.0) * std::max(box.width, box.height)));
    const cv::Rect grown(box.x - grow, box.y - grow, box.width + 2 * grow, box.height + 2 * grow);
    return grown & cv::Rect(0, 0, mask.cols, mask.rows);
}

} // namespace

DatasetProduct writeDatasetProduct(const coco::Dataset& ds, size_t annotationIndex, const std::string& imagesDir,
                                   const std::string& outDir, double margin) {
    if (annotationIndex >= ds.annotations.size())
        throw Error(ds.path + ": no annotation number " + std::to_string(annotationIndex) + " (the file has " +
                    std::to_string(ds.annotations.size()) + ")");
    const coco::Annotation& a = ds.annotations[annotationIndex];
    const std::string what = ds.path + ": annotation " + std::to_string(a.id);
    const coco::Image* img = ds.image(a.imageId);
    if (!img) throw Error(what + " names image " + std::to_string(a.imageId) + ", which does not exist");
    const coco::Category* cat = ds.category(a.categoryId);
    const std::string path = ds.imagePath(imagesDir, *img);
    cv::Mat bgr = io::readImageFile(path, cv::IMREAD_COLOR);
    if (bgr.cols != img->width || bgr.rows != img->height)
        throw FileError(path, "the picture is " + std::to_string(bgr.cols) + "x" + std::to_string(bgr.rows) +
                                  " but the annotation file says " + std::to_string(img->width) + "x" +
                                  std::to_string(img->height));
    const cv::Mat mask = coco::annotationMask(ds, a);  // 0/1 at the stated size; throws naming the annotation
    if (cv::countNonZero(mask) == 0) throw Error(what + " has an empty mask: nothing to keep as a product");
    const cv::Rect r = cropBox(mask, margin);
    cv::Mat rgb, m8;
    cv::cvtColor(bgr(r), rgb, cv::COLOR_BGR2RGB);  // a fresh, continuous matrix
    mask(r).convertTo(m8, CV_8U, 255);

    DatasetProduct out;
    out.name = cat ? coco::readableCategory(cat->name) : std::string("product");
    if (out.name.empty()) out.name = "product";
    std::filesystem::create_directories(outDir);
    out.photo = (std::filesystem::path(outDir) / (fs::safeFileName(out.name) + "_" + std::to_string(a.id) + ".png")).string();
    out.mask = maskFileFor(out.photo);
    out.width = r.width;
    out.height = r.height;
    out.x = r.x;
    out.y = r.y;
    png::write(out.mask, toPng(m8));  // the mask first: a photo on disk always has its mask beside it
    png::write(out.photo, toPng(rgb));
    return out;
}

} // namespace adv::studio
