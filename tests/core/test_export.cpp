// Ad-size export: reframing keeps the product inside each safe zone at exact
// sizes, budgets are met or reported, provenance and manifests are written.
#include "core/refdata.h"

#include "exportset/encode.h"
#include "exportset/export_job.h"
#include "exportset/outpaint.h"
#include "exportset/placement.h"
#include "exportset/preset.h"
#include "exportset/reframe.h"
#include "io/png.h"
#include "studio/renderer.h"
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

    void outpaintCanvasFollowsThePictureDensity() {
        Outpainter o;
        o.nativeSide = 512;
        o.multiple = 8;
        // A 512 px picture enlarged 3x for a story: generated at the picture's own density.
        auto c = outpaintCanvasSize(1080, 1920, 3.0, o);
        QCOMPARE(c.width, 360);
        QCOMPARE(c.height, 640);
        // Never larger than the placement, and never much over the model's native area.
        c = outpaintCanvasSize(728, 90, 0.5, o);
        QCOMPARE(c.width, 728);
        QCOMPARE(c.height, 88);
        c = outpaintCanvasSize(1080, 1920, 1.0, o);
        QVERIFY(double(c.width) * c.height <= 1.5 * 512 * 512 * 1.05);
        QCOMPARE(c.width % 8, 0);
        QCOMPARE(c.height % 8, 0);
        o.nativeSide = 64;  // the embedded model
        c = outpaintCanvasSize(1080, 1920, 20.0, o);
        QCOMPARE(c.width, 56);  // 1080 / 20 = 54, to the next multiple of 8
        QCOMPARE(c.height, 96);
    }

    // The export's side of outpainting, with a generator that paints a known pattern: what it is asked to
    // generate, and that the picture's pixels, the seam blend and the product come back as promised.
    void outpaintKeepsThePictureAndGeneratesTheRest() {
        const cv::Rect product(200, 150, 120, 260);
        const cv::Mat img = scene(512, 512, product);
        cv::Mat mask = cv::Mat::zeros(512, 512, CV_8U);
        mask(product).setTo(255);
        const Preset p = preset("story", 1080, 1920, {0.14, 0.20, 0.06, 0.06});
        ReframeOptions ro;
        ro.fill = Fill::Outpaint;
        Reframed f = reframe(img, locateSubject(img, mask), p, ro);
        QVERIFY(f.extended);
        QVERIFY(f.known.area() > 0 && f.known.area() < 1080 * 1920);
        const Reframed before = f;
        // Outpaint's first fill pastes the picture whole: its part is the picture, resized, bit for bit.
        cv::Mat resized;
        cv::resize(img, resized, cv::Size(int(std::lround(512 * f.scale)), int(std::lround(512 * f.scale))), 0, 0,
                   cv::INTER_LANCZOS4);
        const cv::Rect src(f.known.x - int(f.offset.x), f.known.y - int(f.offset.y), f.known.width, f.known.height);
        QCOMPARE(cv::norm(f.rgb(f.known), resized(src), cv::NORM_INF), 0.0);

        Outpainter o;
        o.nativeSide = 512;
        o.multiple = 8;
        OutpaintRequest asked;
        int calls = 0;
        o.fill = [&](const OutpaintRequest& q, const CancelToken*) {
            ++calls;
            asked = q;
            studio::RgbImage out = q.canvas;
            for (size_t i = 0; i < q.repaint.size(); ++i)
                if (q.repaint[i] >= 128) out.rgb[i * 3] = 10, out.rgb[i * 3 + 1] = 200, out.rgb[i * 3 + 2] = 30;
            return out;
        };
        studio::VariantRecord rec;
        rec.prompt = "a dress on the beach";
        rec.seed = 7;
        const cv::Mat productMask = reframeMask(mask, img.size(), f);
        QVERIFY(outpaintFrame(f, productMask, rec, o));
        QCOMPARE(calls, 1);
        const auto size = outpaintCanvasSize(1080, 1920, before.scale, o);
        QCOMPARE(asked.canvas.width, size.width);
        QCOMPARE(asked.canvas.height, size.height);
        QCOMPARE(asked.record.width, size.width);
        QCOMPARE(asked.record.prompt, rec.prompt);
        QCOMPARE(asked.record.seed, int64_t(7));
        // Generated: everything outside the picture and a seam one latent cell into it; kept: the rest.
        const double kx = double(size.width) / 1080, ky = double(size.height) / 1920;
        cv::Mat rep(size.height, size.width, CV_8U, asked.repaint.data());
        const cv::Rect keptSmall(int(std::ceil(f.known.x * kx)) + (f.known.x > 0 ? 8 : 0),
                                 int(std::ceil(f.known.y * ky)) + (f.known.y > 0 ? 8 : 0), 0, 0);
        QCOMPARE(int(rep.at<uint8_t>(size.height / 2, size.width / 2)), 0);
        // Each corner of the canvas is generated exactly when it lies outside the picture (the picture may reach
        // the canvas's edge: then nothing is generated there).
        int outside = 0;
        for (const cv::Point c : {cv::Point(0, 0), cv::Point(1079, 0), cv::Point(0, 1919), cv::Point(1079, 1919)}) {
            const bool gen = !f.known.contains(c);
            outside += gen;
            const int sx = std::min(size.width - 1, int(c.x * kx)), sy = std::min(size.height - 1, int(c.y * ky));
            QCOMPARE(int(rep.at<uint8_t>(sy, sx)), gen ? 255 : 0);
        }
        QVERIFY(outside >= 2);
        QCOMPARE(int(rep.at<uint8_t>(keptSmall.y, keptSmall.x)), 0);
        if (keptSmall.y > 0) QCOMPARE(int(rep.at<uint8_t>(keptSmall.y - 1, keptSmall.x)), 255);
        // The picture's part is bit-identical away from the seam band, the product everywhere; the new
        // canvas is the generator's (away from its own edge, where the enlargement mixes).
        const int band = int(std::ceil(8 / std::min(kx, ky))) + 1;
        cv::Rect inner = f.known;
        if (f.known.x > 0) inner.x += band, inner.width -= band;
        if (f.known.br().x < 1080) inner.width -= band;
        if (f.known.y > 0) inner.y += band, inner.height -= band;
        if (f.known.br().y < 1920) inner.height -= band;
        QCOMPARE(cv::norm(f.rgb(inner), before.rgb(inner), cv::NORM_INF), 0.0);
        cv::Mat diff;
        cv::absdiff(f.rgb, before.rgb, diff);
        cv::Mat changed;
        cv::cvtColor(diff, changed, cv::COLOR_RGB2GRAY);
        QCOMPARE(cv::countNonZero(changed & productMask), 0);
        int generated = 0, far = 0;
        for (int y = 0; y < 1920; y += 7)
            for (int x = 0; x < 1080; x += 7) {
                const cv::Rect grow(f.known.x - 3 * band, f.known.y - 3 * band, f.known.width + 6 * band, f.known.height + 6 * band);
                if (grow.contains({x, y})) continue;
                ++far;
                const auto v = f.rgb.at<cv::Vec3b>(y, x);
                if (v == cv::Vec3b(10, 200, 30)) ++generated;
            }
        QVERIFY(far > 100);
        QCOMPARE(generated, far);
        // Without a mask the seam band runs through the located subject too (its box is only an estimate: kept
        // whole it left a hard-edged rectangle across the seam); away from the band the picture is kept.
        // A garment cut by the picture's top and bottom edges, so that its box meets the seam.
        const cv::Mat tall = scene(512, 512, cv::Rect(200, 0, 120, 512));
        cv::Mat tallMask = cv::Mat::zeros(512, 512, CV_8U);
        tallMask(cv::Rect(200, 0, 120, 512)).setTo(255);
        Reframed g = reframe(tall, locateSubject(tall, tallMask), p, ro);
        const Reframed g0 = g;
        QVERIFY(outpaintFrame(g, cv::Mat(), rec, o));
        const cv::Rect box = g.subject & g.known;
        QVERIFY(box.width > 0);
        int seams = 0;
        for (const int row : {g.known.y, g.known.br().y - 1}) {  // the picture's outermost rows: alpha ~ 0
            if (row == 0 || row == 1919 || row < box.y || row >= box.br().y) continue;  // no new canvas there
            ++seams;
            int blended = 0;
            for (int x = box.x; x < box.br().x; ++x) blended += g.rgb.at<cv::Vec3b>(row, x) != g0.rgb.at<cv::Vec3b>(row, x);
            QCOMPARE(blended, box.width);
        }
        QVERIFY(seams > 0);

        // A crop (nothing added) is left alone.
        Reframed crop = reframe(img, locateSubject(img, mask), preset("sq", 256, 256), ro);
        QVERIFY(!crop.extended);
        QVERIFY(!outpaintFrame(crop, cv::Mat(), rec, o));
        QCOMPARE(calls, 2);
    }

    // Through the whole export with a real (tiny) model: the manifest says which placements were
    // outpainted, the same placement for two copy rows is generated once, and the picture's own pixels
    // match the blurred export away from the seam while the new canvas is the model's.
    void exportOutpaintsWithAModel() {
        const std::string in = dir + "/outpaint-in";
        std::filesystem::create_directories(in);
        const cv::Mat img = scene(64, 64, cv::Rect(24, 4, 16, 56));  // too tall for the story's safe zone: extended
        png::write(in + "/v0.png", png::Image{64, 64, 3, std::vector<uint8_t>(img.data, img.data + img.total() * 3)},
                   {{"parameters", "a dress on the beach\nSteps: 3, Sampler: DDIM, CFG scale: 1, Seed: 5, Size: 64x64"}});
        ExportOptions o;
        o.presets = {preset("story", 270, 480, {0.14, 0.20, 0.06, 0.06}), preset("sq", 128, 128)};
        o.outDir = dir + "/outpaint-blur";
        const auto variants = scanVariants(in);
        const auto blurred = exportVariants(variants, o);
        QCOMPARE(blurred.files.size(), size_t(2));
        studio::Renderer renderer(advtest::refDir(), "cpu");
        o.reframe.fill = Fill::Outpaint;
        o.outDir = dir + "/outpaint-gen";
        int generated = 0;
        auto inner = exportset::rendererOutpainter(renderer, 2);
        o.outpaint = inner;
        o.outpaint.fill = [&](const OutpaintRequest& q, const CancelToken* c) {
            ++generated;
            return inner.fill(q, c);
        };
        // Two copy rows laid out alike (same words): one generated canvas serves both.
        o.copy = {CopyRow{"c1", "Summer", "Shop now", "", "en", {}}, CopyRow{"c2", "Summer", "Shop now", "", "de", {}}};
        o.brand = true;
        const auto rep = exportVariants(variants, o);
        QVERIFY(rep.failures.empty());
        QCOMPARE(rep.files.size(), size_t(4));
        const auto mj = nlohmann::json::parse(fs::readFile(rep.manifestJson));
        std::map<std::string, int> outpainted;  // placement -> files
        for (const auto& e : mj["files"]) {
            const std::string fill = e["canvas_fill"].get<std::string>();
            QCOMPARE(fill == "outpaint", e["canvas_extended"].get<bool>());  // every added canvas was generated
            if (fill == "outpaint") ++outpainted[e["placement"].get<std::string>()];
        }
        QCOMPARE(outpainted["story"], 2);  // too tall for the story's safe zone: extended, once per copy row
        for (const auto& [placement, files] : outpainted) QCOMPARE(files, 2);
        QCOMPARE(generated, int(outpainted.size()));  // each placement generated once, for both copy rows

        // Without the brand layer, against the blurred export: the picture kept, the canvas new.
        o.brand = false;
        o.copy.clear();
        o.outDir = dir + "/outpaint-plain";
        const int before = generated;
        const auto plain = exportVariants(variants, o);
        int plainOutpainted = 0;
        for (const auto& f : plain.files) plainOutpainted += f.fill == "outpaint";
        QCOMPARE(plain.files[0].fill, std::string("outpaint"));
        QCOMPARE(generated - before, plainOutpainted);
        const cv::Mat a = cv::imread(o.outDir + "/" + plain.files[0].file);
        const cv::Mat b = cv::imread(dir + "/outpaint-blur/" + blurred.files[0].file);
        QCOMPARE(plain.files[0].file, blurred.files[0].file);
        QCOMPARE(a.size(), b.size());
        ReframeOptions ro;
        const Reframed fr = reframe(img, locateSubject(img), o.presets[0], ro);
        cv::Rect deep = fr.known;
        const int m = std::max(fr.known.width, fr.known.height) / 4;  // past blur's feather and the seam band
        deep.x += m, deep.y += m, deep.width -= 2 * m, deep.height -= 2 * m;
        QVERIFY(deep.area() > 0);
        QCOMPARE(cv::norm(a(deep), b(deep), cv::NORM_INF), 0.0);
        cv::Mat top(a, cv::Rect(0, 0, a.cols, std::max(1, fr.known.y / 2)));
        cv::Mat topB(b, cv::Rect(0, 0, b.cols, std::max(1, fr.known.y / 2)));
        QVERIFY2(cv::norm(top, topB, cv::NORM_L1) / top.total() > 3.0, "the new canvas is the model's, not the blur");
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
