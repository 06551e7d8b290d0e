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

    void notAPng() {
        const std::string p = dir + "/bad.png";
        std::ofstream(p) << "hello";
        QVERIFY_EXCEPTION_THROWN(adv::png::readText(p), adv::FileError);
        QVERIFY_EXCEPTION_THROWN(adv::png::read(p), adv::FileError);
    }
};

QTEST_GUILESS_MAIN(TestPng)
#include "test_png.moc"
