// Product shots: the product photo's pixels inside the eroded mask come back bit-identical, the rest is
// generated; masks from a file, an alpha channel or GrabCut; the `product` command end to end.
#include "core/refdata.h"

#include "io/png.h"
#include "pipeline/product_shot.h"

#include <QProcess>

#include <random>

using namespace adv;

namespace {

LoadOptions onCpu() {
    LoadOptions o;
    o.device = "cpu";
    o.dtype = "f32";
    return o;
}

// A textured photo (gradients + noise) with an elliptical "product" in saturated colours.
struct Photo {
    png::Image rgb;
    Mask8 mask;
};

Photo makePhoto(int W, int H, uint32_t seed) {
    std::mt19937 rng(seed);
    std::uniform_int_distribution<int> n(-12, 12);
    Photo p;
    p.rgb = {W, H, 3, std::vector<uint8_t>(static_cast<size_t>(W) * H * 3)};
    p.mask = {W, H, std::vector<uint8_t>(static_cast<size_t>(W) * H)};
    for (int y = 0; y < H; ++y)
        for (int x = 0; x < W; ++x) {
            const double dx = (x - W * 0.5) / (W * 0.3), dy = (y - H * 0.55) / (H * 0.35);
            const bool in = dx * dx + dy * dy <= 1.0;
            const size_t i = static_cast<size_t>(y) * W + x;
            p.mask.pixels[i] = in ? 255 : 0;
            const int base[3] = {in ? 200 : 40 + 150 * x / W, in ? 30 + 100 * y / H : 120, in ? 60 : 200 - 100 * y / H};
            for (int c = 0; c < 3; ++c) p.rgb.pixels[i * 3 + c] = static_cast<uint8_t>(std::clamp(base[c] + n(rng), 0, 255));
        }
    return p;
}

GenerateParams params() {
    GenerateParams p;
    p.prompt = "a shirt on the beach";
    p.sampler = "ddim";
    p.steps = 6;
    p.cfg = 7.5;
    p.seed = 3;
    return p;
}

double meanAbsOutside(const png::Image& a, const png::Image& b, const Mask8& m) {
    double s = 0;
    int n = 0;
    for (size_t i = 0; i < m.pixels.size(); ++i)
        if (m.pixels[i] == 0) {
            for (int c = 0; c < 3; ++c) s += std::abs(a.pixels[i * 3 + c] - b.pixels[i * 3 + c]);
            ++n;
        }
    return n ? s / (3.0 * n) : 0;
}

} // namespace

class TestProductShot : public QObject {
    Q_OBJECT
    std::string dir = advtest::tempDir();
    std::unique_ptr<StableDiffusion> sd;

private Q_SLOTS:
    void initTestCase() { sd = StableDiffusion::load(advtest::refDir(), onCpu()); }

    // Keep-layout at the photo's own size: the photo is the canvas, so "exact" means the photo's bytes.
    void keptPixelsAreTheSourceBytes() {
        const int S = sd->nativeResolution();
        const auto photo = makePhoto(S, S, 7);
        ProductShotOptions o;
        o.keepLayout = true;
        const auto shot = renderProductShot(*sd, photo.rgb, photo.mask, params(), o);
        QCOMPARE(shot.image.width, S);
        QCOMPARE(shot.placed.pixels, photo.rgb.pixels);
        QVERIFY(shot.exact.count() > 0 && shot.exact.count() < photo.mask.count());  // eroded, not empty
        int exactPixels = 0;
        for (size_t i = 0; i < shot.exact.pixels.size(); ++i) {
            if (!shot.exact.pixels[i]) continue;
            ++exactPixels;
            for (int c = 0; c < 3; ++c) QCOMPARE(shot.image.pixels[i * 3 + c], photo.rgb.pixels[i * 3 + c]);
            QCOMPARE(photo.mask.pixels[i], uint8_t(255));  // the exact region lies inside the product
        }
        QCOMPARE(exactPixels, shot.exact.count());
        QCOMPARE(shot.maxExactDiff, 0);
        // The background is generated, not the photo's.
        QVERIFY2(meanAbsOutside(shot.image, photo.rgb, photo.mask) > 10, "the background was not repainted");
        // The repaint mask covers all of the background.
        for (size_t i = 0; i < photo.mask.pixels.size(); ++i)
            if (!photo.mask.pixels[i]) QCOMPARE(shot.repaint.pixels[i], uint8_t(255));
    }

    // Placed on a canvas of another size: scaled to the requested share of the height, centred, standing
    // near the bottom; exact against the placed product.
    void placedProductIsKeptExactly() {
        const auto photo = makePhoto(60, 44, 11);
        ProductShotOptions o;
        o.width = 32;
        o.height = 48;
        o.scale = 0.5;
        const auto shot = renderProductShot(*sd, photo.rgb, photo.mask, params(), o);
        QCOMPARE(shot.image.width, 32);
        QCOMPARE(shot.image.height, 48);
        QCOMPARE(shot.maxExactDiff, 0);
        int top = 48, bottom = -1, left = 32, right = -1;
        for (int y = 0; y < 48; ++y)
            for (int x = 0; x < 32; ++x)
                if (shot.product.pixels[static_cast<size_t>(y) * 32 + x]) {
                    top = std::min(top, y), bottom = std::max(bottom, y);
                    left = std::min(left, x), right = std::max(right, x);
                }
        QVERIFY(bottom - top + 1 >= 20 && bottom - top + 1 <= 26);  // ~ 0.5 * 48
        QVERIFY(std::abs((left + right) / 2 - 16) <= 2);           // centred
        QVERIFY(bottom >= 40);                                       // standing near the bottom
        for (size_t i = 0; i < shot.exact.pixels.size(); ++i)
            if (shot.exact.pixels[i])
                for (int c = 0; c < 3; ++c) QCOMPARE(shot.image.pixels[i * 3 + c], shot.placed.pixels[i * 3 + c]);
    }

    void masksFromAlphaAndGrabCut() {
        const auto photo = makePhoto(64, 64, 5);
        png::Image rgba{64, 64, 4, {}};
        for (size_t i = 0; i < photo.mask.pixels.size(); ++i)
            rgba.pixels.insert(rgba.pixels.end(), {photo.rgb.pixels[i * 3], photo.rgb.pixels[i * 3 + 1],
                                                   photo.rgb.pixels[i * 3 + 2], photo.mask.pixels[i]});
        QCOMPARE(productMaskFromAlpha(rgba).pixels, photo.mask.pixels);
        QVERIFY_THROWS_EXCEPTION(std::exception, productMaskFromAlpha(photo.rgb));
        const auto guess = productMaskAuto(photo.rgb);
        int inter = 0, uni = 0;
        for (size_t i = 0; i < guess.pixels.size(); ++i) {
            const bool a = guess.pixels[i] >= 128, b = photo.mask.pixels[i] >= 128;
            inter += a && b;
            uni += a || b;
        }
        QVERIFY2(inter > 0.8 * uni, qPrintable(QString("GrabCut IoU %1").arg(double(inter) / uni)));
    }

    void badMasksAreRefused() {
        const auto photo = makePhoto(32, 32, 2);
        Mask8 empty{32, 32, std::vector<uint8_t>(32 * 32, 0)};
        QVERIFY_THROWS_EXCEPTION(std::exception, renderProductShot(*sd, photo.rgb, empty, params(), {}));
        Mask8 wrong{16, 16, std::vector<uint8_t>(16 * 16, 255)};
        QVERIFY_THROWS_EXCEPTION(std::exception, renderProductShot(*sd, photo.rgb, wrong, params(), {}));
    }

    // The command: a photo and a mask file in, a PNG with provenance and the exact mask out; the kept
    // pixels of the written file equal the photo's.
    void productCommandKeepsThePhotosPixels() {
        const int S = sd->nativeResolution();
        const auto photo = makePhoto(S, S, 9);
        const std::string photoPath = dir + "/photo.png", maskPath = dir + "/mask.png";
        png::write(photoPath, photo.rgb);
        png::Image m{S, S, 3, {}};
        for (uint8_t v : photo.mask.pixels) m.pixels.insert(m.pixels.end(), {v, v, v});
        png::write(maskPath, m);
        QProcess proc;
        proc.start(ADV_CLI_PATH, {"product", "--model", QString::fromStdString(advtest::refDir()), "--image",
                                  QString::fromStdString(photoPath), "--mask", QString::fromStdString(maskPath),
                                  "--prompt", "a shirt on the beach", "--keep-layout", "--sampler", "ddim", "--steps", "4",
                                  "--seed", "5", "--seeds", "2", "--device", "cpu", "--dtype", "f32", "--json", "--out",
                                  QString::fromStdString(dir + "/out")});
        QVERIFY(proc.waitForFinished(advtest::kChildProcessMs));
        QVERIFY2(proc.exitCode() == 0, proc.readAllStandardError().constData());
        const auto summary = nlohmann::json::parse(proc.readAllStandardOutput().toStdString());
        QCOMPARE(summary.at("max_exact_diff").get<int>(), 0);
        QCOMPARE(summary.at("files").size(), size_t(2));
        for (int seed : {5, 6}) {
            const std::string base = dir + "/out/seed" + std::to_string(seed);
            const auto out = png::read(base + ".png");
            const auto exact = png::read(base + ".exact-mask.png");
            int kept = 0;
            for (size_t i = 0; i < photo.mask.pixels.size(); ++i)
                if (exact.pixels[i * 3]) {
                    ++kept;
                    for (int c = 0; c < 3; ++c) QCOMPARE(out.pixels[i * 3 + c], photo.rgb.pixels[i * 3 + c]);
                }
            QVERIFY(kept > photo.mask.count() / 3);
            const auto text = png::readText(base + ".png");
            QVERIFY(text.at("advariant").find("\"product_source\":\"photo.png\"") != std::string::npos);
            QVERIFY(text.at("parameters").find("Denoising strength: 1") != std::string::npos);
        }
        // No mask and no alpha: one clear line.
        QProcess bad;
        bad.start(ADV_CLI_PATH, {"product", "--model", QString::fromStdString(advtest::refDir()), "--image",
                                 QString::fromStdString(photoPath), "--prompt", "x", "--out", QString::fromStdString(dir + "/bad")});
        QVERIFY(bad.waitForFinished(advtest::kChildProcessMs));
        QVERIFY(bad.exitCode() != 0);
        QVERIFY(QString::fromUtf8(bad.readAllStandardError()).contains("--mask"));
    }
};

QTEST_GUILESS_MAIN(TestProductShot)
#include "test_product_shot.moc"
