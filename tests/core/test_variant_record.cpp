// studio::VariantRecord: the one record of a rendered variant, in JSON, A1111 text and PNG chunks.
// Torch-free: built against the core interface like ui/ is.
#include "studio/variant_record.h"
#include "util/error.h"

#include <QtTest>

using adv::studio::LoraUse;
using adv::studio::VariantRecord;

namespace {
VariantRecord sample() {
    VariantRecord r;
    r.prompt = "a dress on the beach";
    r.negativePrompt = "blurry";
    r.seed = 4242;
    r.sampler = "euler_a";
    r.steps = 8;
    r.cfg = 1.5;
    r.width = 512;
    r.height = 768;
    r.clipSkip = 2;
    r.model = "advariant-tiny";
    r.modelHash = "0123456789";
    r.loras = {{"demo.safetensors", "abcdef012345", 0.8}, {"style.safetensors", "", 1}};
    r.concept = "dress";
    r.condition = "beach";
    r.productSource = "catalog/sku-17.png";
    r.pairSet = "pairs-7f3a";
    r.denoisingStrength = 0.45;
    r.hiresScale = 2;
    return r;
}
} // namespace

class TestVariantRecord : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void jsonRoundTrip() {
        const VariantRecord r = sample();
        const VariantRecord back = VariantRecord::fromJson(r.toJson());
        QVERIFY(back == r);
    }

    void jsonErrorsNameTheKey() {
        try {
            VariantRecord::fromJson(R"({"seed": "not a number"})");
            QFAIL("accepted a string seed");
        } catch (const adv::Error& e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("seed")), e.what());
        }
        QVERIFY_EXCEPTION_THROWN(VariantRecord::fromJson("{\"prompt\": "), adv::Error);
        QVERIFY_EXCEPTION_THROWN(VariantRecord::fromJson("[1,2]"), adv::Error);
    }

    void a1111TextAsA1111WritesIt() {
        const std::string text = sample().toA1111();
        QVERIFY2(text.find("a dress on the beach <lora:demo:0.8> <lora:style:1>\n") == 0, text.c_str());
        QVERIFY2(text.find("Negative prompt: blurry\n") != std::string::npos, text.c_str());
        QVERIFY2(text.find("Steps: 8, Sampler: Euler a, CFG scale: 1.5, Seed: 4242, Size: 512x768") != std::string::npos,
                 text.c_str());
        QVERIFY2(text.find("Lora hashes: \"demo: abcdef012345\"") != std::string::npos, text.c_str());
        QVERIFY2(text.find(", Denoising strength: 0.45, Hires upscale: 2") != std::string::npos, text.c_str());
        const auto back = VariantRecord::fromA1111(text);
        QCOMPARE(back.denoisingStrength, 0.45);
        QCOMPARE(back.hiresScale, 2.0);
        QVERIFY_EXCEPTION_THROWN(VariantRecord::fromJson(R"({"denoising_strength": 3})"), adv::Error);
    }

    void a1111RoundTripKeepsLorasOutOfThePrompt() {
        const VariantRecord back = VariantRecord::fromA1111(sample().toA1111());
        QCOMPARE(back.prompt, std::string("a dress on the beach"));
        QCOMPARE(back.negativePrompt, std::string("blurry"));
        QCOMPARE(back.seed, int64_t(4242));
        QCOMPARE(back.sampler, std::string("euler_a"));
        QCOMPARE(back.steps, 8);
        QCOMPARE(back.cfg, 1.5);
        QCOMPARE(back.width, 512);
        QCOMPARE(back.height, 768);
        QCOMPARE(back.clipSkip, 2);
        QCOMPARE(back.modelHash, std::string("0123456789"));
        QCOMPARE(int(back.loras.size()), 2);
        QCOMPARE(back.loras[0], (LoraUse{"demo", "abcdef012345", 0.8}));
        QCOMPARE(back.loras[1], (LoraUse{"style", "", 1.0}));
        QCOMPARE(back.concept, std::string("dress"));
        QCOMPARE(back.condition, std::string("beach"));
    }

    void readsTextA1111Wrote() {
        // As A1111 1.x writes it: LoRA tags inside the prompt, the hashes quoted among the settings.
        const std::string a1111 =
            "masterpiece, a red shirt on the beach, <lora:beachStyle_v2:0.65>\n"
            "Negative prompt: lowres, bad anatomy\n"
            "Steps: 30, Sampler: DPM++ 2M Karras, CFG scale: 7, Seed: 1234567890, Size: 512x512, Model hash: 6ce0161689, "
            "Model: v1-5-pruned-emaonly, Lora hashes: \"beachStyle_v2: 9a7b3c2d1e0f\", Version: v1.6.0";
        const VariantRecord r = VariantRecord::fromA1111(a1111);
        QCOMPARE(r.prompt, std::string("masterpiece, a red shirt on the beach,"));
        QCOMPARE(r.negativePrompt, std::string("lowres, bad anatomy"));
        QCOMPARE(r.sampler, std::string("dpmpp_2m_karras"));
        QCOMPARE(r.steps, 30);
        QCOMPARE(r.cfg, 7.0);
        QCOMPARE(r.seed, int64_t(1234567890));
        QCOMPARE(r.model, std::string("v1-5-pruned-emaonly"));
        QCOMPARE(int(r.loras.size()), 1);
        QCOMPARE(r.loras[0], (LoraUse{"beachStyle_v2", "9a7b3c2d1e0f", 0.65}));
    }

    void hostileA1111TextDoesNotThrow() {
        for (const std::string& t : {std::string(), std::string("Steps: x, Seed: 99999999999999999999999, Size: 9x"),
                                    std::string("<lora:"), std::string("<lora::>"), std::string("<lora:a:b:c>"),
                                    std::string("Steps: 5, Lora hashes: \"unterminated"), std::string(5000, '<')}) {
            const VariantRecord r = VariantRecord::fromA1111(t);
            QVERIFY(r.steps >= 0);
        }
        QCOMPARE(VariantRecord::fromA1111("<lora:a:b:c>").loras.size(), size_t(1));
    }

    void pngTextPrefersTheRecordAndFallsBack() {
        const VariantRecord r = sample();
        std::map<std::string, std::string> chunks;
        for (const auto& [k, v] : r.pngText()) chunks[k] = v;
        QVERIFY(VariantRecord::fromPngText(chunks) == r);
        chunks["advariant"] = "{damaged";
        const VariantRecord fallback = VariantRecord::fromPngText(chunks);
        QCOMPARE(fallback.seed, r.seed);
        QCOMPARE(fallback.prompt, r.prompt);
        QVERIFY(VariantRecord::fromPngText({}) == VariantRecord{});
    }
};

QTEST_GUILESS_MAIN(TestVariantRecord)
#include "test_variant_record.moc"
