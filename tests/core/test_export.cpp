// Ad-size export: reframing keeps the product inside each safe zone at exact
// sizes, budgets are met or reported, provenance and manifests are written.
#include "core/refdata.h"

#include "exportset/encode.h"
#include "exportset/export_job.h"
#include "exportset/preset.h"
#include "exportset/reframe.h"
#include "io/png.h"
#include "util/error.h"
#include "util/fs.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

using namespace adv;
using namespace adv::exportset;

namespace {
Preset preset(const std::string& id, int w, int h, Insets text = {}, Insets subject = {}, int64_t maxBytes = 0,
              std::vector<std::string> formats = {"png", "jpg"}) {
    return makePreset("test", id, id, w, h, text, subject, maxBytes, formats);
}

// A scene with a product (red rectangle) at a known place.
cv::Mat scene(int w, int h, cv::Rect product) {
    cv::Mat img(h, w, CV_8UC3);
    for (int y = 0; y < h; ++y) img.row(y).setTo(cv::Scalar(90 + 100 * y / h, 150, 220 - 80 * y / h));
    cv::rectangle(img, product, cv::Scalar(200, 30, 40), cv::FILLED);
    return img;
}
} // namespace

class TestExport : public QObject {
    Q_OBJECT
    std::string dir = advtest::tempDir();

private Q_SLOTS:
    void reframeKeepsSubjectInsideSafeZone_data() {
        QTest::addColumn<int>("w");
        QTest::addColumn<int>("h");
        QTest::addColumn<double>("top");
        QTest::addColumn<double>("bottom");
        QTest::addColumn<double>("centre");
        QTest::newRow("story") << 1080 << 1920 << 0.14 << 0.20 << 0.0;
        QTest::newRow("leaderboard") << 728 << 90 << 0.0 << 0.0 << 0.06;
        QTest::newRow("skyscraper") << 160 << 600 << 0.0 << 0.0 << 0.06;
        QTest::newRow("pmax") << 1200 << 628 << 0.0 << 0.0 << 0.10;
        QTest::newRow("square-up") << 1080 << 1080 << 0.0 << 0.0 << 0.04;
    }
    void reframeKeepsSubjectInsideSafeZone() {
        QFETCH(int, w);
        QFETCH(int, h);
        QFETCH(double, top);
        QFETCH(double, bottom);
        QFETCH(double, centre);
        const Preset p = preset("x", w, h, {top, bottom, 0.05, 0.05}, {centre, centre, centre, centre});
        for (const cv::Rect product : {cv::Rect(200, 150, 120, 260), cv::Rect(20, 300, 90, 150), cv::Rect(10, 10, 480, 480)}) {
            const cv::Mat img = scene(512, 512, product);
            cv::Mat mask = cv::Mat::zeros(512, 512, CV_8U);
            cv::rectangle(mask, product, cv::Scalar(255), cv::FILLED);
            const cv::Rect subject = locateSubject(img, mask);
            QCOMPARE(subject, product);
            const Reframed r = reframe(img, subject, p);
            QCOMPARE(r.rgb.cols, w);
            QCOMPARE(r.rgb.rows, h);
            int sx, sy, sw, sh;
            p.safeRect(sx, sy, sw, sh);
            const cv::Rect safe(sx - 1, sy - 1, sw + 2, sh + 2);
            QVERIFY2((r.subject & safe) == r.subject,
                     (std::to_string(r.subject.x) + "," + std::to_string(r.subject.y) + " " + std::to_string(r.subject.width) +
                      "x" + std::to_string(r.subject.height) + " outside safe " + std::to_string(sx) + "," +
                      std::to_string(sy) + " " + std::to_string(sw) + "x" + std::to_string(sh))
                         .c_str());
            // The product's red is where reframe says it is.
            const cv::Vec3b c = r.rgb.at<cv::Vec3b>(r.subject.y + r.subject.height / 2, r.subject.x + r.subject.width / 2);
            QVERIFY(c[0] > 150 && c[1] < 90);
        }
    }

    void saliencyFindsTheProductWithoutAMask() {
        const cv::Rect product(300, 120, 100, 220);
        const cv::Rect found = locateSubject(scene(512, 512, product));
        const double iou = static_cast<double>((found & product).area()) / (found | product).area();
        QVERIFY2(iou > 0.8, std::to_string(iou).c_str());
    }

    void budgetsAreMetOrReported() {
        // Photographic texture: smooth structure plus grain.
        cv::Mat noise(400, 400, CV_8UC3), grain(400, 400, CV_8UC3);
        cv::randu(noise, 0, 255);
        cv::GaussianBlur(noise, noise, cv::Size(0, 0), 3);
        cv::normalize(noise, noise, 0, 255, cv::NORM_MINMAX);
        cv::randu(grain, 0, 24);
        noise += grain;
        // PNG + palette cannot reach 40 KB with pure noise: JPEG is used where allowed.
        Encoded e = encodeForPreset(noise, preset("a", 400, 400, {}, {}, 40 * 1024), {{"advariant", "{\"x\":1}"}});
        QVERIFY(e.withinBudget);
        QCOMPARE(e.format, std::string("jpg"));
        QVERIFY(static_cast<int64_t>(e.bytes.size()) <= 40 * 1024);
        QCOMPARE(jpegComment(e.bytes), std::string("{\"x\":1}"));
        // PNG only and an impossible budget: reported, never silently exported.
        Encoded f = encodeForPreset(noise, preset("b", 400, 400, {}, {}, 2 * 1024, {"png"}), {});
        QVERIFY(!f.withinBudget);
        // A flat image fits as a plain PNG; a smooth one may need the palette.
        const cv::Mat flat = scene(300, 250, cv::Rect(100, 60, 80, 120));
        Encoded g = encodeForPreset(flat, preset("c", 300, 250, {}, {}, 150 * 1024), {{"parameters", "a dress"}});
        QVERIFY(g.withinBudget);
        QCOMPARE(g.format, std::string("png"));
        const std::string pal = encodePalettePng(flat, 64, {{"parameters", "caf\xc3\xa9"}});
        const auto text = png::readTextFromBytes(pal, "palette");
        QCOMPARE(text.at("parameters"), std::string("caf\xc3\xa9"));
    }

    void exportWritesExactSizesProvenanceAndManifest() {
        const std::string in = dir + "/in";
        std::filesystem::create_directories(in);
        for (int i = 0; i < 2; ++i) {
            const cv::Mat img = scene(256, 256, cv::Rect(90 + 10 * i, 60, 70, 150));
            png::Image pi{256, 256, 3, std::vector<uint8_t>(img.data, img.data + img.total() * 3)};
            png::write(in + "/v" + std::to_string(i) + ".png", pi,
                       {{"parameters", "a dress on the beach\nSteps: 20, Sampler: DDIM, CFG scale: 7.5, Seed: " +
                                           std::to_string(40 + i) + ", Size: 256x256, Model hash: abcdef1234"}});
        }
        ExportOptions o;
        o.outDir = dir + "/out";
        o.presets = {preset("meta-story", 1080, 1920, {0.14, 0.20, 0.06, 0.06}), preset("gdn-728x90", 728, 90, {}, {0.06, 0.06, 0.04, 0.04}, 150 * 1024),
                     preset("pmax-landscape", 1200, 628, {}, {0.1, 0.1, 0.1, 0.1}, 5 << 20)};
        const auto variants = scanVariants(in);
        QCOMPARE(variants.size(), size_t(2));
        QCOMPARE(variants[0].record.concept, std::string("dress"));
        QCOMPARE(variants[0].record.condition, std::string("beach"));
        QCOMPARE(variants[1].record.seed, int64_t(41));
        const auto rep = exportVariants(variants, o);
        QCOMPARE(rep.files.size(), size_t(6));
        QVERIFY(rep.overBudget.empty());
        for (const auto& f : rep.files) {
            const std::string path = o.outDir + "/" + f.file;
            cv::Mat m = cv::imread(path);
            QCOMPARE(m.cols, f.width);
            QCOMPARE(m.rows, f.height);
            QCOMPARE(static_cast<int64_t>(std::filesystem::file_size(path)), f.bytes);
            if (f.format == "png") {
                const auto t = png::readText(path);
                QVERIFY(t.at("parameters").find("Seed: ") != std::string::npos);
                const auto prov = nlohmann::json::parse(t.at("advariant"));
                QCOMPARE(prov["preset"]["id"].get<std::string>(), f.preset);
                QCOMPARE(prov["model_hash"].get<std::string>(), std::string("abcdef1234"));
                QCOMPARE(prov["concept"].get<std::string>(), std::string("dress"));
            }
        }
        QCOMPARE(rep.files[0].variantId, std::string("dress-beach-A"));
        QCOMPARE(rep.files[3].variantId, std::string("dress-beach-B"));
        const std::string csv = fs::readFile(rep.manifestCsv);
        QVERIFY(csv.rfind("file,platform,placement,width,height,bytes,format,concept,condition,seed,variant_id\n", 0) == 0);
        QCOMPARE(std::count(csv.begin(), csv.end(), '\n'), long(7));
        const auto mj = nlohmann::json::parse(fs::readFile(rep.manifestJson));
        QCOMPARE(mj["files"].size(), size_t(6));
    }

    void userPresetsFile() {
        const std::string good = dir + "/presets.json";
        fs::writeFileAtomic(good, R"J({"presets":[{"platform":"shop","id":"shop-hero","width":1600,"height":600,
            "subject_area":{"left":0.3,"right":0.3},"max_bytes":300000,"formats":["jpg"]}]})J");
        const auto ps = loadPresetsJson(good);
        QCOMPARE(ps.size(), size_t(1));
        QCOMPARE(ps[0].formats, std::vector<std::string>{"jpg"});
        int x, y, w, h;
        ps[0].safeRect(x, y, w, h);
        QCOMPARE(x, 480);
        QCOMPARE(w, 640);
        for (const char* bad : {R"J({"presets":[{"platform":"a","id":"b","width":5,"height":5}]})J",
                                R"J({"presets":[{"platform":"a","id":"b","width":100,"height":100,"formats":["gif"]}]})J",
                                R"J({"presets":[{"id":"b","width":100,"height":100}]})J", "{nope"}) {
            try {
                parsePresetsJson(bad, "user.json");
                QFAIL(bad);
            } catch (const FileError& e) {
                QVERIFY2(std::string(e.what()).find("user.json") == 0, e.what());
            }
        }
        QCOMPARE(abLetter(0), std::string("A"));
        QCOMPARE(abLetter(25), std::string("Z"));
        QCOMPARE(abLetter(26), std::string("AA"));
    }
};

QTEST_GUILESS_MAIN(TestExport)
#include "test_export.moc"
