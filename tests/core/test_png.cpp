// PNG text chunks (A1111 "parameters", UTF-8 iTXt) survive a round trip.
#include "core/refdata.h"

#include "io/png.h"
#include "pipeline/image_convert.h"
#include "util/error.h"

#include <fstream>

class TestPng : public QObject {
    Q_OBJECT
    std::string dir = advtest::tempDir();

private Q_SLOTS:
    void textChunksRoundTrip() {
        auto t = torch::rand({3, 17, 9});
        auto img = adv::tensorToImage(t);
        QCOMPARE(img.width, 9);
        QCOMPARE(img.height, 17);
        const std::string p = dir + "/x.png";
        adv::png::write(p, img, {{"parameters", "a dress on the beach\nSteps: 20"}, {"advariant", u8"{\"prompt\":\"caf\u00e9 \U0001F457\"}"}});
        auto text = adv::png::readText(p);
        QCOMPARE(text.at("parameters"), std::string("a dress on the beach\nSteps: 20"));
        QCOMPARE(text.at("advariant"), std::string(u8"{\"prompt\":\"caf\u00e9 \U0001F457\"}"));
        auto back = adv::png::read(p);
        QCOMPARE(back.pixels, img.pixels);
        auto tt = adv::imageToTensor(back);
        QVERIFY((tt - t).abs().max().item<float>() <= 0.5f / 255 + 1e-6);
    }

    // A mask file: one grey channel in the PNG (a third of an RGB file's pixel data), read back as RGB.
    void greyEncodesAsGrey() {
        adv::png::Image m{5, 3, 1, {0, 255, 7, 128, 3, 1, 2, 250, 4, 5, 9, 8, 255, 0, 6}};
        const std::string bytes = adv::png::encode(m);
        QCOMPARE(int(uint8_t(bytes[25])), 0);  // IHDR colour type 0: greyscale
        const std::string p = dir + "/grey.png";
        adv::png::write(p, m);
        const auto back = adv::png::read(p);
        QCOMPARE(back.channels, 3);
        for (size_t i = 0; i < m.pixels.size(); ++i)
            for (int c = 0; c < 3; ++c) QCOMPARE(back.pixels[i * 3 + c], m.pixels[i]);
        adv::png::Image two{2, 2, 2, std::vector<uint8_t>(8)};  // grey + alpha: not a format we write
        QVERIFY_EXCEPTION_THROWN(adv::png::encode(two), adv::Error);
    }

    void notAPng() {
        const std::string p = dir + "/bad.png";
        std::ofstream(p) << "hello";
        QVERIFY_EXCEPTION_THROWN(adv::png::readText(p), adv::FileError);
        QVERIFY_EXCEPTION_THROWN(adv::png::read(p), adv::FileError);
    }
};

QTEST_GUILESS_MAIN(TestPng)
#include "test_png.moc"
