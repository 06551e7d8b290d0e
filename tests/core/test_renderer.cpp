// studio::Renderer, the studio's and the CLI's one door to the engine. Here: the hires fix (the picture
// enlarged and refined, the record saying the first pass's size so that it renders the same picture again),
// product shots (the photo's product pixels kept; feather 0 keeps the whole mask; the mask saved beside the
// render) and the checks on inpainting's inputs.
#include "core/refdata.h"

#include "io/png.h"
#include "studio/defaults.h"
#include "studio/renderer.h"
#include "util/error.h"

#include <QtTest>

#include <filesystem>

using namespace adv;
using adv::studio::Renderer;
using adv::studio::VariantRecord;

namespace {
VariantRecord request() {
    VariantRecord r;
    r.prompt = "a dress on the beach";
    r.sampler = "ddim";
    r.steps = 4;
    r.cfg = 5;
    r.seed = 3;
    r.width = r.height = 0;  // native
    return r;
}

// RGBA: a saturated ellipse (the product, opaque) on a transparent, textured background.
png::Image cutout(int S) {
    png::Image p{S, S, 4, std::vector<uint8_t>(static_cast<size_t>(S) * S * 4)};
    for (int y = 0; y < S; ++y)
        for (int x = 0; x < S; ++x) {
            const double dx = (x - S * 0.5) / (S * 0.28), dy = (y - S * 0.5) / (S * 0.38);
            const bool in = dx * dx + dy * dy <= 1;
            uint8_t* q = &p.pixels[(static_cast<size_t>(y) * S + x) * 4];
            q[0] = static_cast<uint8_t>(in ? 200 + x % 9 : 40 + 3 * x);
            q[1] = static_cast<uint8_t>(in ? 30 + y % 7 : 90);
            q[2] = static_cast<uint8_t>(in ? 50 : 200 - 2 * y);
            q[3] = in ? 255 : 0;
        }
    return p;
}
} // namespace

class TestRenderer : public QObject {
    Q_OBJECT
    std::string dir = advtest::tempDir();
    std::unique_ptr<Renderer> renderer;

private Q_SLOTS:
    void initTestCase() { renderer = std::make_unique<Renderer>(advtest::refDir(), "cpu"); }

    void hiresEnlargesAndRecordsTheFirstPass() {
        const int S = renderer->nativeResolution();
        const auto plain = renderer->render(request());
        QCOMPARE(plain.image.width, S);
        QCOMPARE(plain.record.hiresScale, 0.0);
        QCOMPARE(plain.record.denoisingStrength, 0.0);

        VariantRecord r = request();
        r.hiresScale = 2;
        const auto big = renderer->render(r);
        QCOMPARE(big.image.width, 2 * S);
        QCOMPARE(big.image.height, 2 * S);
        QCOMPARE(big.record.hiresScale, 2.0);
        QCOMPARE(big.record.width, S);  // A1111's "Size": the first pass's
        QCOMPARE(big.record.height, S);
        QCOMPARE(big.record.denoisingStrength, 0.4);
        // The record is the recipe: rendering it again gives the same picture, through its PNG text too.
        const auto again = renderer->render(big.record);
        QCOMPARE(again.image.rgb, big.image.rgb);
        const auto fromText = VariantRecord::fromA1111(big.record.toA1111());
        QCOMPARE(fromText.hiresScale, 2.0);
        QCOMPARE(fromText.width, S);
        QCOMPARE(renderer->render(fromText).image.rgb, big.image.rgb);
        // Another strength is used and recorded.
        r.denoisingStrength = 0.7;
        const auto stronger = renderer->render(r);
        QCOMPARE(stronger.record.denoisingStrength, 0.7);
        QVERIFY(stronger.image.rgb != big.image.rgb);
    }

    void productShotKeepsThePhotosProduct() {
        const int S = renderer->nativeResolution();
        const png::Image photo = cutout(S);
        const std::string file = dir + "/cutout.png";
        png::write(file, photo);
        studio::ProductInput in{file, "", true, -1};  // keep layout at the photo's size: placed == photo
        VariantRecord r = request();
        r.hiresScale = 2;  // not applied to a product shot (it would redraw the product)
        const auto soft = renderer->renderProduct(r, in);
        QCOMPARE(soft.image.width, S);
        QCOMPARE(soft.record.hiresScale, 0.0);
        QCOMPARE(soft.record.productSource, file);
        QCOMPARE(soft.record.denoisingStrength, 1.0);
        // No negative prompt asked: the product shot's own, away from a plain studio backdrop, and recorded.
        QCOMPARE(soft.record.negativePrompt, std::string(studio::GenerationDefaults::productNegative));
        QCOMPARE(studio::productNegativeFor("a dress in the studio"), std::string());
        QCOMPARE(studio::productNegativeFor("a bag on a plain backdrop"), std::string());
        QCOMPARE(soft.productMask.width, S);
        in.featherPx = 0;  // no feather: every pixel of the mask is the photo's
        const auto hard = renderer->renderProduct(r, in);
        int inside = 0, softDiffers = 0, outsideSame = 0, outside = 0;
        for (int i = 0; i < S * S; ++i) {
            const bool product = photo.pixels[size_t(i) * 4 + 3] == 255;
            QCOMPARE(hard.productMask.pixels[size_t(i)], uint8_t(product ? 255 : 0));
            bool same = true, softSame = true;
            for (int c = 0; c < 3; ++c) {
                same = same && hard.image.rgb[size_t(i) * 3 + c] == photo.pixels[size_t(i) * 4 + c];
                softSame = softSame && soft.image.rgb[size_t(i) * 3 + c] == photo.pixels[size_t(i) * 4 + c];
            }
            if (product) {
                ++inside;
                QVERIFY2(same, qPrintable(QString("pixel %1 of the product changed with feather 0").arg(i)));
                softDiffers += !softSame;  // the feathered edge blends into the background
            } else {
                ++outside;
                outsideSame += same;
            }
        }
        QVERIFY(inside > S * S / 5);
        QVERIFY2(softDiffers > 0, "the automatic feather blended no edge pixel");
        QVERIFY2(outsideSame < outside / 10, "the background was not generated");
        // Saved: the render and, beside it, the placed product's mask.
        studio::savePng(dir + "/shot.png", hard);
        const png::Image mask = png::read(dir + "/shot.mask.png");
        QCOMPARE(mask.width, S);
        for (int i = 0; i < S * S; ++i) QCOMPARE(mask.pixels[size_t(i) * mask.channels], hard.productMask.pixels[size_t(i)]);
    }

    void inpaintingChecksItsInputs() {
        const int S = renderer->nativeResolution();
        VariantRecord r = request();
        r.width = r.height = S;
        studio::RgbImage init{S, S, std::vector<uint8_t>(size_t(S) * S * 3, 128)};
        QVERIFY_THROWS_EXCEPTION(adv::Error, renderer->inpaint(r, init, std::vector<uint8_t>(size_t(S) * S - 1, 255)));
        r.width = S + 8;
        QVERIFY_THROWS_EXCEPTION(adv::Error, renderer->inpaint(r, init, std::vector<uint8_t>(size_t(S) * S, 255)));
        r.width = S;
        init.rgb.pop_back();
        QVERIFY_THROWS_EXCEPTION(adv::Error, renderer->inpaint(r, init, std::vector<uint8_t>(size_t(S) * S, 255)));
        // Well-formed inputs render, the strength recorded.
        init.rgb.push_back(128);
        const auto kept = renderer->inpaint(r, init, std::vector<uint8_t>(size_t(S) * S, 0), 1.0);
        QCOMPARE(kept.image.width, S);
        QCOMPARE(kept.record.denoisingStrength, 1.0);
    }
};

QTEST_GUILESS_MAIN(TestRenderer)
#include "test_renderer.moc"
