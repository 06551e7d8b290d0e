// COCO masks with pycocotools semantics: real compressed RLE strings from
// Fashionpedia, polygon rasterisation against the areas the files state,
// round trips, and clear errors for malformed masks.
#include "core/refdata.h"

#include "dataset/coco.h"
#include "dataset/mask.h"
#include "util/error.h"
#include "util/fs.h"

#include <opencv2/imgproc.hpp>

using namespace adv::coco;

class TestRle : public QObject {
    Q_OBJECT
    nlohmann::json excerpt = nlohmann::json::parse(adv::fs::readFile(advtest::dataDir() + "/fashionpedia/excerpt.json"));

private Q_SLOTS:
    void realRleStringsDecode() {
        const auto& ex = excerpt["issue2_rle_example"]["segmentation"];
        const int h = ex["size"][0], w = ex["size"][1];
        Rle r = rleFromString(ex["counts"].get<std::string>(), h, w);
        QCOMPARE(r.area(), uint64_t(11845));  // stated by the dataset's maintainers
        const cv::Mat m = toMat(r);
        QCOMPARE(m.rows, 1024);
        QCOMPARE(m.cols, 688);
        QCOMPARE(static_cast<uint64_t>(cv::countNonZero(m)), uint64_t(11845));
        for (const auto& rec : excerpt["fake_results_excerpt"]) {
            const auto& s = rec["segmentation"];
            Rle x = rleFromString(s["counts"].get<std::string>(), s["size"][0], s["size"][1]);
            QVERIFY(x.area() > 0);
            QCOMPARE(x.toString(), s["counts"].get<std::string>());  // encode(decode(s)) == s
        }
    }

    void maskRoundTrip() {
        cv::Mat m = cv::Mat::zeros(37, 23, CV_8U);
        cv::circle(m, {11, 18}, 9, cv::Scalar(1), cv::FILLED);
        m.at<uint8_t>(0, 0) = 1;
        m.at<uint8_t>(36, 22) = 1;
        Rle r = rleFromMask(m);
        QCOMPARE(r.area(), static_cast<uint64_t>(cv::countNonZero(m)));
        r.validate("test");
        const Rle back = rleFromString(r.toString(), r.h, r.w);
        QCOMPARE(back.counts, r.counts);
        QCOMPARE(cv::countNonZero(toMat(back) != m), 0);
        // Column-major: the first run counts down the first column.
        cv::Mat col = cv::Mat::zeros(4, 3, CV_8U);
        col.at<uint8_t>(1, 0) = 1;
        QCOMPARE(rleFromMask(col).counts, (std::vector<uint32_t>{1, 1, 10}));
        const auto bb = rleFromMask(col).bbox();
        QCOMPARE(bb, (std::vector<double>{0, 1, 1, 1}));
    }

    void polygonsMatchStatedAreas() {
        const auto& s = excerpt["sample_json_excerpt"];
        std::map<int64_t, std::pair<int, int>> sizes;
        for (const auto& im : s["images"]) sizes[im["id"]] = {im["height"], im["width"]};
        for (const auto& a : s["annotations"]) {
            const auto [h, w] = sizes[a["image_id"]];
            std::vector<Rle> parts;
            double perimeter = 0;
            for (const auto& poly : a["segmentation"]) {
                auto xy = poly.get<std::vector<double>>();
                parts.push_back(rleFromPolygon(xy, h, w));
                for (size_t i = 0; i < xy.size(); i += 2) {
                    const size_t j = (i + 2) % xy.size();
                    perimeter += std::hypot(xy[j] - xy[i], xy[j + 1] - xy[i + 1]);
                }
            }
            const double pixels = static_cast<double>(rleMerge(parts).area());
            const double stated = a["area"];
            // Pixel-centre rasterisation differs from the exact area by a fraction of the perimeter.
            QVERIFY2(std::abs(pixels - stated) <= 0.25 * perimeter + 2,
                     (std::to_string(a["id"].get<int>()) + ": " + std::to_string(pixels) + " px vs stated " +
                      std::to_string(stated) + ", perimeter " + std::to_string(perimeter)).c_str());
        }
    }

    void squareRasterisesLikePycocotools() {
        // pycocotools: a 10x10 square from (2,3) covers columns 2..11 and rows 3..12 exactly.
        const Rle r = rleFromPolygon({2, 3, 12, 3, 12, 13, 2, 13}, 20, 20);
        QCOMPARE(r.area(), uint64_t(100));
        QCOMPARE(r.bbox(), (std::vector<double>{2, 3, 10, 10}));
    }

    void malformedMasksAreClearErrors() {
        auto expect = [](auto fn, const char* fragment) {
            try {
                fn();
            } catch (const adv::Error& e) {
                QVERIFY2(std::string(e.what()).find(fragment) != std::string::npos, e.what());
                return;
            }
            QFAIL(fragment);
        };
        expect([] { rleFromString("ab{c", 10, 10, "annotation 5"); }, "invalid character '{'");
        expect([] { rleFromString("52", 10, 10, "annotation 6"); }, "sum to 7 but the mask has 10x10");
        expect([] {
            Rle r;
            r.h = 4, r.w = 4, r.counts = {3, 3};
            r.validate("annotation 7");
        }, "annotation 7");
        expect([] { rleFromString("1a", 10, 10, "annotation 8"); }, "annotation 8");
    }
};

QTEST_GUILESS_MAIN(TestRle)
#include "test_rle.moc"
