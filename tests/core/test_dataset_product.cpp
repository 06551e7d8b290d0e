// studio::writeDatasetProduct: a dataset instance becomes a product photo + mask whose pixels are the dataset
// image's and the annotation's exactly; hostile datasets (missing or resized images, empty or malformed masks,
// a bad index) get one line naming the file or annotation, and write nothing. Torch-free, as ui/ calls it.
#include "dataset/coco.h"
#include "dataset/query.h"
#include "io/png.h"
#include "studio/dataset_product.h"
#include "studio/variant_record.h"
#include "util/error.h"

#include <QtTest>

#include <filesystem>
#include <fstream>

using adv::studio::writeDatasetProduct;
namespace stdfs = std::filesystem;

namespace {
// A 60x40 picture whose every pixel differs, so a shifted crop cannot pass.
adv::png::Image pattern(int w, int h) {
    adv::png::Image img{w, h, 3, std::vector<uint8_t>(size_t(w) * h * 3)};
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            uint8_t* p = img.pixels.data() + (size_t(y) * w + x) * 3;
            p[0] = uint8_t(x * 4);
            p[1] = uint8_t(y * 6);
            p[2] = uint8_t((x * 7 + y * 13) & 0xff);
        }
    return img;
}

void writeText(const stdfs::path& p, const std::string& s) {
    std::ofstream f(p, std::ios::binary);
    f << s;
}
} // namespace

class TestDatasetProduct : public QObject {
    Q_OBJECT
    QTemporaryDir tmp;
    stdfs::path root, images, json;

private Q_SLOTS:
    void initTestCase() {
        root = tmp.path().toStdString();
        images = root / "images";
        stdfs::create_directories(images);
        adv::png::write((images / "a.png").string(), pattern(60, 40));
        adv::png::write((images / "small.png").string(), pattern(30, 20));  // the file says 60x40
        json = root / "instances.json";
        // 1: a triangle-ish polygon garment; 2: an RLE whose runs are all background (empty); 3: an image
        // whose file is missing; 4: an image whose file is smaller than stated; 5: counts that do not add up.
        writeText(json, R"({
          "images": [{"id": 1, "file_name": "a.png", "width": 60, "height": 40},
                     {"id": 2, "file_name": "gone.png", "width": 60, "height": 40},
                     {"id": 3, "file_name": "small.png", "width": 60, "height": 40}],
          "categories": [{"id": 7, "name": "shirt, blouse", "supercategory": "upperbody"}],
          "annotations": [
            {"id": 11, "image_id": 1, "category_id": 7, "iscrowd": 0, "area": 300,
             "segmentation": [[20, 10, 44, 10, 44, 30, 20, 30]], "bbox": [20, 10, 24, 20]},
            {"id": 12, "image_id": 1, "category_id": 7, "iscrowd": 0, "area": 0,
             "segmentation": {"counts": [2400], "size": [40, 60]}},
            {"id": 13, "image_id": 2, "category_id": 7, "iscrowd": 0, "area": 300,
             "segmentation": [[20, 10, 44, 10, 44, 30, 20, 30]]},
            {"id": 14, "image_id": 3, "category_id": 7, "iscrowd": 0, "area": 300,
             "segmentation": [[20, 10, 44, 10, 44, 30, 20, 30]]},
            {"id": 15, "image_id": 1, "category_id": 7, "iscrowd": 0, "area": 10,
             "segmentation": {"counts": [5, 5], "size": [40, 60]}}]})");
    }

    void cropAndMaskAreTheDatasets() {
        const auto ds = adv::coco::loadCoco(json.string());
        const stdfs::path out = root / "products";
        const auto p = writeDatasetProduct(ds, 0, images.string(), out.string(), 0.25);
        QCOMPARE(p.name, std::string("shirt"));  // the caption's subject, not "shirt, blouse"
        QCOMPARE(p.photo, (out / "shirt_11.png").string());
        QCOMPARE(p.mask, adv::studio::maskFileFor(p.photo));
        const auto rle = ds.rle(ds.annotations[0]);
        const auto box = rle.bbox();  // the mask's own box, grown by a quarter of its longer side (clamped)
        const int grow = int(std::lround(0.25 * std::max(box[2], box[3])));
        QCOMPARE(p.x, std::max(0, int(box[0]) - grow));
        QCOMPARE(p.y, std::max(0, int(box[1]) - grow));
        QCOMPARE(p.x + p.width, std::min(60, int(box[0] + box[2]) + grow));
        QCOMPARE(p.y + p.height, std::min(40, int(box[1] + box[3]) + grow));
        QCOMPARE(p.y, 4);  // clamped at neither edge here: 10 - 6
        const auto photo = adv::png::read(p.photo), mask = adv::png::read(p.mask), src = pattern(60, 40);
        QCOMPARE(photo.width, p.width);
        QCOMPARE(photo.height, p.height);
        QCOMPARE(mask.width, p.width);
        QCOMPARE(mask.height, p.height);
        const auto bits = rle.toBitmap();
        size_t kept = 0;
        for (int y = 0; y < p.height; ++y)
            for (int x = 0; x < p.width; ++x) {
                const size_t at = (size_t(y) * p.width + x) * 3, from = (size_t(y + p.y) * 60 + (x + p.x)) * 3;
                QVERIFY2(std::equal(photo.pixels.begin() + at, photo.pixels.begin() + at + 3, src.pixels.begin() + from),
                         qPrintable(QStringLiteral("photo pixel %1,%2").arg(x).arg(y)));
                const uint8_t want = bits[size_t(y + p.y) * 60 + (x + p.x)] ? 255 : 0;
                QCOMPARE(mask.pixels[at], want);  // read back as grey expanded to RGB
                kept += want != 0;
            }
        QCOMPARE(kept, size_t(rle.area()));  // the whole instance is inside the crop

        // A margin larger than the room there is: clamped to the picture.
        const auto wide = writeDatasetProduct(ds, 0, images.string(), out.string(), 1.0);
        QCOMPARE(wide.x, 0);
        QCOMPARE(wide.y, 0);
        QCOMPARE(wide.width, 60);
        QCOMPARE(wide.height, 40);
    }

    void badInputsNameTheFileAndWriteNothing_data() {
        QTest::addColumn<int>("index");
        QTest::addColumn<QString>("names");
        QTest::newRow("empty mask") << 1 << "annotation 12 has an empty mask";
        QTest::newRow("missing image") << 2 << "gone.png";
        QTest::newRow("resized image") << 3 << "small.png: the picture is 30x20 but the annotation file says 60x40";
        QTest::newRow("malformed mask") << 4 << "annotation 15";
        QTest::newRow("index out of range") << 99 << "instances.json: no annotation number 99";
    }
    void badInputsNameTheFileAndWriteNothing() {
        QFETCH(int, index);
        QFETCH(QString, names);
        const auto ds = adv::coco::loadCoco(json.string());
        const stdfs::path out = root / ("bad-" + std::to_string(index));
        try {
            writeDatasetProduct(ds, size_t(index), images.string(), out.string());
            QFAIL("no error");
        } catch (const adv::Error& e) {
            const std::string what = e.what();
            QVERIFY2(what.find(names.toStdString()) != std::string::npos, e.what());
            QVERIFY2(what.find('\n') == std::string::npos, e.what());  // one line
        }
        QVERIFY(!stdfs::exists(out) || stdfs::is_empty(out));
    }
};

QTEST_GUILESS_MAIN(TestDatasetProduct)
#include "test_dataset_product.moc"
