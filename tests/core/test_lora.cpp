// LoRA: both reference files reproduce diffusers' UNet output; merge equals
// attach; saving in every naming loads back to the same outputs; conv LoRA
// (LoCon) on the ResNet and resampler convs.
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

    // A LoCon with random (non-zero) up weights on top of the reference LoRA.
    LoraWeights locon(UNet2DConditionModel& m, int convRank) {
        LoraSpec spec;
        spec.targets = {};
        spec.convRank = convRank;
        spec.convAlpha = 2.0;
        spec.seed = 7;
        auto w = createLora(spec, *m);
        detachLora("train", *m);
        torch::manual_seed(3);
        for (auto& mod : w.modules) {
            mod.down = mod.down.detach().clone();
            mod.up = torch::randn(mod.up.sizes()) * 0.05;
        }
        return w;
    }

    void convLoraCoversResnetAndResamplerConvs() {
        auto m = unet();
        LoraSpec spec;
        spec.targets = {};
        spec.convRank = 3;
        auto w = createLora(spec, *m);
        int64_t want = 0;
        size_t convs = 0;
        for (const auto& p : m->named_parameters()) {
            const auto& k = p.key();
            const bool resample = k.find("samplers.") != std::string::npos;
            if (p.value().dim() != 4 || (k.find(".resnets.") == std::string::npos && !resample)) continue;
            want += 3 * (p.value().size(1) * p.value().size(2) * p.value().size(3) + p.value().size(0));
            ++convs;
        }
        QVERIFY(convs > 10);
        QCOMPARE(w.modules.size(), convs);
        QCOMPARE(w.parameterCount(), want);
        QCOMPARE(countLoraParameters(spec, *m), want);
        for (const auto& mod : w.modules) {
            QVERIFY(mod.module.find("conv_in") == std::string::npos && mod.module.find("conv_out") == std::string::npos);
            QCOMPARE(mod.down.dim(), int64_t(4));
            QCOMPARE(mod.up.size(2), int64_t(1));
        }
        ADV_COMPARE_TENSORS(run(m), advtest::ref("unet.out"), 1e-4, 0.0);  // up = 0: no change yet
    }

    void convLoraAttachEqualsMerge() {
        auto m = unet();
        auto w = locon(m, 4);
        auto r = attachLora(w, 0.8, "c", *m);
        QCOMPARE(r.applied, w.modules.size());
        QVERIFY(r.unmatchedModules.empty());
        auto attached = run(m);
        const double moved = (attached - advtest::ref("unet.out")).abs().max().item<double>();
        QVERIFY2(moved > 1e-3, std::to_string(moved).c_str());
        detachLora("c", *m);
        ADV_COMPARE_TENSORS(run(m), advtest::ref("unet.out"), 1e-4, 0.0);
        // The 1x1 up conv after the k x k down conv is one k x k conv: merging gives the same output.
        mergeLora(w, 0.8, *m);
        ADV_COMPARE_TENSORS(run(m), attached, 1e-4, 0.0);
        mergeLora(w, 0.8, *m, nullptr, -1.0);
        ADV_COMPARE_TENSORS(run(m), advtest::ref("unet.out"), 1e-4, 0.0);
    }

    void convLoraSavesAndReloadsInEveryNaming_data() { saveAndReloadInEveryNaming_data(); }
    void convLoraSavesAndReloadsInEveryNaming() {
        QFETCH(int, naming);
        auto m = unet();
        auto w = locon(m, 2);
        auto lin = readLora(advtest::refDir() + "/lora_kohya.safetensors", *m);
        w.modules.insert(w.modules.end(), lin.modules.begin(), lin.modules.end());
        attachLora(w, 1.0, "a", *m);
        auto want = run(m);
        detachLora("a", *m);
        const std::string p = dir + "/locon" + std::to_string(naming) + ".safetensors";
        saveLora(p, w, static_cast<keymap::LoraNaming>(naming));
        SafeTensors st(p);
        bool sawConvDown = false;
        for (const auto& name : st.names())
            if (name.find("resnets") != std::string::npos && name.find("conv1") != std::string::npos &&
                (name.find("lora_down") != std::string::npos || name.find("lora_A") != std::string::npos ||
                 name.find("lora.down") != std::string::npos)) {
                QCOMPARE(st.tensor(name).dim(), int64_t(4));  // [rank, in, 3, 3], as kohya and PEFT write it
                QCOMPARE(st.tensor(name).size(3), int64_t(3));
                sawConvDown = true;
            }
        QVERIFY(sawConvDown);
        auto back = readLora(p, *m);
        QVERIFY(back.unmatchedKeys.empty());
        QCOMPARE(back.modules.size(), w.modules.size());
        auto r = attachLora(back, 1.0, "b", *m);
        QVERIFY(r.unmatchedModules.empty());
        ADV_COMPARE_TENSORS(run(m), want, 1e-5, 0.0);
    }

    void kohyaLdmConvNamesResolve() {
        // A1111/kohya files of original-SD checkpoints name ResNet convs after the LDM layout.
        auto m = unet();
        auto w = locon(m, 2);
        std::map<std::string, torch::Tensor> file;
        std::string ldmConv1;
        for (const auto& mod : w.modules) {
            if (mod.module != "down_blocks.0.resnets.0.conv1") continue;
            ldmConv1 = "lora_unet_input_blocks_1_0_in_layers_2";
            file[ldmConv1 + ".lora_down.weight"] = mod.down;
            file[ldmConv1 + ".lora_up.weight"] = mod.up;
            file[ldmConv1 + ".alpha"] = torch::tensor(2.0f);
        }
        QVERIFY(!ldmConv1.empty());
        const std::string p = dir + "/ldm_conv.safetensors";
        saveSafeTensors(p, file);
        auto back = readLora(p, *m);
        QVERIFY(back.unmatchedKeys.empty());
        QCOMPARE(back.modules.size(), size_t(1));
        QCOMPARE(back.modules[0].module, std::string("down_blocks.0.resnets.0.conv1"));
        QCOMPARE(attachLora(back, 1.0, "k", *m).applied, size_t(1));
    }

    void wrongShapedConvLoraIsReportedNotApplied() {
        auto m = unet();
        auto w = locon(m, 2);
        auto it = std::find_if(w.modules.begin(), w.modules.end(), [](const LoraModule& x) { return x.down.size(3) == 3; });
        QVERIFY(it != w.modules.end());
        LoraModule bad = *it;
        bad.down = torch::zeros({2, bad.down.size(1), 1, 1});  // a 1x1 down on a 3x3 conv
        w.modules = {bad};
        auto r = attachLora(w, 1.0, "x", *m);
        QCOMPARE(r.applied, size_t(0));
        QCOMPARE(r.unmatchedModules.size(), size_t(1));
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
