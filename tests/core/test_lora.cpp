// LoRA: both reference files reproduce diffusers' UNet output; merge equals
// attach; saving in every naming loads back to the same outputs.
#include "core/refdata.h"

#include "io/safetensors.h"
#include "lora/lora.h"
#include "model/unet.h"
#include "model/weights.h"

using namespace adv;

class TestLora : public QObject {
    Q_OBJECT
    std::string dir = advtest::tempDir();

    UNet2DConditionModel unet() {
        UNet2DConditionModel m(UNetConfig::fromFile(advtest::refDir() + "/unet/config.json"));
        const std::string w = advtest::refDir() + "/unet/diffusion_pytorch_model.safetensors";
        loadStateDict(*m, readWeights(w), "unet", w);
        m->eval();
        return m;
    }
    torch::Tensor run(UNet2DConditionModel& m) {
        torch::NoGradGuard ng;
        return m->forward(advtest::ref("unet.sample"), advtest::ref("unet.timestep"), advtest::ref("unet.encoder_hidden_states"));
    }

private Q_SLOTS:
    void bothNamingsMatchDiffusers_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("naming");
        QTest::newRow("diffusers") << "lora.safetensors" << "diffusers";
        QTest::newRow("kohya") << "lora_kohya.safetensors" << "kohya";
    }
    void bothNamingsMatchDiffusers() {
        QFETCH(QString, file);
        QFETCH(QString, naming);
        auto m = unet();
        auto w = readLora(advtest::refDir() + "/" + file.toStdString(), *m);
        QCOMPARE(std::string(keymap::loraNamingName(w.naming)), naming.toStdString());
        QCOMPARE(w.modules.size(), size_t(128));
        QCOMPARE(w.parameterCount(), int64_t(28288));
        QVERIFY(w.unmatchedKeys.empty());
        auto r = attachLora(w, 1.0, "t", *m);
        QCOMPARE(r.applied, size_t(128));
        ADV_COMPARE_TENSORS(run(m), advtest::ref("unet.lora.out"), 1e-4, 0.0);
        detachLora("t", *m);
        attachLora(w, 0.5, "t", *m);
        ADV_COMPARE_TENSORS(run(m), advtest::ref("unet.lora.out_scale0p5"), 1e-4, 0.0);
        detachLora("t", *m);
        ADV_COMPARE_TENSORS(run(m), advtest::ref("unet.out"), 1e-4, 0.0);
    }

    void mergeAndUnmerge() {
        auto m = unet();
        auto w = readLora(advtest::refDir() + "/lora.safetensors", *m);
        mergeLora(w, 1.0, *m);
        ADV_COMPARE_TENSORS(run(m), advtest::ref("unet.lora.out"), 1e-4, 0.0);
        mergeLora(w, 1.0, *m, nullptr, -1.0);
        ADV_COMPARE_TENSORS(run(m), advtest::ref("unet.out"), 1e-4, 0.0);
    }

    void saveAndReloadInEveryNaming_data() {
        QTest::addColumn<int>("naming");
        QTest::newRow("diffusers") << int(keymap::LoraNaming::Diffusers);
        QTest::newRow("peft") << int(keymap::LoraNaming::Peft);
        QTest::newRow("kohya") << int(keymap::LoraNaming::Kohya);
    }
    void saveAndReloadInEveryNaming() {
        QFETCH(int, naming);
        auto m = unet();
        auto w = readLora(advtest::refDir() + "/lora_kohya.safetensors", *m);
        for (auto& mod : w.modules) mod.alpha = 2.0;  // alpha != rank: must survive every naming
        attachLora(w, 1.0, "a", *m);
        auto want = run(m);
        detachLora("a", *m);
        const std::string p = dir + "/out" + std::to_string(naming) + ".safetensors";
        saveLora(p, w, static_cast<keymap::LoraNaming>(naming));
        auto back = readLora(p, *m);
        QCOMPARE(int(back.naming), naming);
        attachLora(back, 1.0, "b", *m);
        ADV_COMPARE_TENSORS(run(m), want, 1e-5, 0.0);
    }

    void nonFiniteLoraIsNeverWritten() {
        auto m = unet();
        auto w = readLora(advtest::refDir() + "/lora.safetensors", *m);
        w.modules[3].up[0][0] = std::numeric_limits<float>::quiet_NaN();
        const std::string p = dir + "/nan.safetensors";
        QVERIFY_EXCEPTION_THROWN(saveLora(p, w, keymap::LoraNaming::Kohya), std::exception);
        QVERIFY(!std::filesystem::exists(p));
    }

    void unknownKeysAreReported() {
        auto m = unet();
        auto state = loadSafeTensors(advtest::refDir() + "/lora.safetensors");
        state["unet.no_such_block.attn1.to_q.lora.down.weight"] = torch::zeros({4, 16});
        state["unet.no_such_block.attn1.to_q.lora.up.weight"] = torch::zeros({16, 4});
        const std::string p = dir + "/extra.safetensors";
        saveSafeTensors(p, state);
        auto w = readLora(p, *m);
        auto r = attachLora(w, 1.0, "x", *m);
        QCOMPARE(r.applied, size_t(128));
        QCOMPARE(r.unmatchedModules, std::vector<std::string>{"unet.no_such_block.attn1.to_q"});
    }

    void trainableCount() {
        auto m = unet();
        LoraSpec spec;
        spec.rank = 4;
        QCOMPARE(countLoraParameters(spec, *m), int64_t(28288));
        auto w = createLora(spec, *m);
        QCOMPARE(w.parameterCount(), int64_t(28288));
        for (const auto& p : m->parameters()) QVERIFY(!p.requires_grad());
        for (const auto& mod : w.modules) {
            QVERIFY(mod.down.requires_grad() && mod.up.requires_grad());
            QVERIFY(torch::all(mod.up == 0).item<bool>());
        }
        // A fresh LoRA (up = 0) leaves the output unchanged.
        ADV_COMPARE_TENSORS(run(m), advtest::ref("unet.out"), 1e-4, 0.0);
    }

    void sd15RankFourIsJustUnder800k() {
        UNet2DConditionModel m(UNetConfig::sd15());
        LoraSpec spec;
        QCOMPARE(countLoraParameters(spec, *m), int64_t(797184));
        spec.rank = 8;
        QCOMPARE(countLoraParameters(spec, *m), int64_t(2 * 797184));
    }
};

QTEST_GUILESS_MAIN(TestLora)
#include "test_lora.moc"
