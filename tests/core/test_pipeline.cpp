// The whole text-to-image pipeline against diffusers' StableDiffusionPipeline
// (DDIM, 10 steps, CFG 7.5, given latents), in-process and through
// `advariant-cli generate --init-latents --dump-tensors`.
#include "core/refdata.h"

#include "io/png.h"
#include "io/safetensors.h"
#include "pipeline/sd_pipeline.h"

#include <QProcess>

#include <map>

#include <fstream>

using namespace adv;

namespace {
LoadOptions onCpu() {
    LoadOptions o;
    o.device = "cpu";
    return o;
}
} // namespace

class TestPipeline : public QObject {
    Q_OBJECT
    std::string dir = advtest::tempDir();

    GenerateParams params() {
        GenerateParams p;
        p.prompt = "a shirt on the beach";
        p.sampler = "ddim";
        p.steps = 10;
        p.cfg = 7.5;
        p.initLatents = advtest::ref("pipe.latents_init");
        return p;
    }

private Q_SLOTS:
    void matchesDiffusersInProcess() {
        auto sd = StableDiffusion::load(advtest::refDir(), onCpu());
        QCOMPARE(sd->nativeResolution(), 32);
        std::vector<torch::Tensor> previews;
        auto res = sd->generate(params(), [&](int, int, const torch::Tensor& p) { previews.push_back(p); });
        QCOMPARE(previews.size(), size_t(10));
        auto emb = torch::cat({advtest::ref("pipe.negative_prompt_embeds"), advtest::ref("pipe.prompt_embeds")}, 0);
        ADV_COMPARE_TENSORS(res.promptEmbeds, emb, 1e-4, 0.0);
        ADV_COMPARE_TENSORS(res.latents, advtest::ref("pipe.latents_steps")[9], 1e-3, 0.0);
        auto img = advtest::ref("pipe.image").permute({0, 3, 1, 2});
        ADV_COMPARE_TENSORS(res.images, img, 1e-3, 0.0);
    }

    void loraPipelineMatches() {
        auto sd = StableDiffusion::load(advtest::refDir(), onCpu());
        auto r = sd->addLora(advtest::refDir() + "/lora.safetensors", 1.0);
        QCOMPARE(r.applied, size_t(128));
        auto res = sd->generate(params());
        ADV_COMPARE_TENSORS(res.latents, advtest::ref("pipe.lora.latents_steps")[9], 1e-3, 0.0);
        ADV_COMPARE_TENSORS(res.images, advtest::ref("pipe.lora.image").permute({0, 3, 1, 2}), 1e-3, 0.0);
        sd->clearLoras();
        auto base = sd->generate(params());
        ADV_COMPARE_TENSORS(base.images, advtest::ref("pipe.image").permute({0, 3, 1, 2}), 1e-3, 0.0);
    }

    void fusedLorasComeOffExactly() {
        // addLora merges into the weights; clearLoras must give back the very same weights,
        // also after stacking two LoRAs (one of them on the text encoder's modules too, if any).
        auto sd = StableDiffusion::load(advtest::refDir(), onCpu());
        auto snapshot = [&] {
            std::map<std::string, torch::Tensor> w;
            for (const auto& p : sd->unet->named_parameters()) w["unet." + p.key()] = p.value().detach().clone();
            for (const auto& p : sd->text->named_parameters()) w["text." + p.key()] = p.value().detach().clone();
            return w;
        };
        const auto before = snapshot();
        sd->addLora(advtest::refDir() + "/lora.safetensors", 1.0);
        sd->addLora(advtest::refDir() + "/lora_kohya.safetensors", -0.5);
        size_t changed = 0;
        for (const auto& [k, t] : snapshot()) changed += !torch::equal(t, before.at(k));
        QCOMPARE(changed, size_t(128));  // every LoRA module's weight, nothing else
        sd->clearLoras();
        for (const auto& [k, t] : snapshot()) QVERIFY2(torch::equal(t, before.at(k)), k.c_str());
        // And a LoRA added after the clear starts from the clean weights.
        sd->addLora(advtest::refDir() + "/lora.safetensors", 1.0);
        auto res = sd->generate(params());
        ADV_COMPARE_TENSORS(res.images, advtest::ref("pipe.lora.image").permute({0, 3, 1, 2}), 1e-3, 0.0);
    }

    void cancelStopsBetweenSteps() {
        auto sd = StableDiffusion::load(advtest::refDir(), onCpu());
        CancelToken token;
        int seen = 0;
        auto p = params();
        QVERIFY_EXCEPTION_THROWN(sd->generate(p, [&](int step, int, const torch::Tensor&) {
            seen = step;
            if (step == 3) token.cancel();
        }, &token), Cancelled);
        QCOMPARE(seen, 3);
    }

    void seedsAreReproducible() {
        auto sd = StableDiffusion::load(advtest::refDir(), onCpu());
        GenerateParams p;
        p.prompt = "a red dress";
        p.sampler = "euler_a";
        p.steps = 4;
        p.seed = 42;
        p.batch = 2;
        auto a = sd->generate(p), b = sd->generate(p);
        QVERIFY(torch::equal(a.images, b.images));
        QCOMPARE(a.seeds, (std::vector<int64_t>{42, 43}));
        p.batch = 1;
        p.seed = 43;
        auto c = sd->generate(p);  // image 2 of the batch == seed 43 alone
        ADV_COMPARE_TENSORS(c.images[0], a.images[1], 1e-5, 0.0);
    }

    // DeepCache in the pipeline: interval 1 is the plain run; interval 2 runs the shallow branch on every
    // second step (with and without CFG) and lands near the plain picture; out-of-range intervals are refused.
    void featureCachingStaysNearThePlainRun() {
        auto sd = StableDiffusion::load(advtest::refDir(), onCpu());
        for (double cfg : {1.0, 7.5}) {
            GenerateParams p;
            p.prompt = "a red dress";
            p.sampler = "dpmpp_2m";
            p.steps = 8;
            p.cfg = cfg;
            p.seed = 5;
            const auto plain = sd->generate(p);
            p.cacheInterval = 1;
            QVERIFY(torch::equal(sd->generate(p).images, plain.images));
            p.cacheInterval = 2;
            const auto cached = sd->generate(p);
            const auto d = (cached.images - plain.images).abs();
            QVERIFY2(d.max().item<double>() > 0, "the shallow branch ran on no step");
            QVERIFY2(d.pow(2).mean().sqrt().item<double>() < 0.1, std::to_string(d.pow(2).mean().sqrt().item<double>()).c_str());
        }
        GenerateParams bad;
        bad.prompt = "x";
        bad.cacheInterval = -1;
        QVERIFY_EXCEPTION_THROWN(validateGenerateParams(bad), std::exception);
    }

    void cliGenerateReproducesDiffusers() {
        const QString latents = QString::fromStdString(dir + "/latents.safetensors");
        const QString dump = QString::fromStdString(dir + "/dump.safetensors");
        saveSafeTensors(latents.toStdString(), {{"latents", advtest::ref("pipe.latents_init")}});
        QProcess proc;
        proc.start(ADV_CLI_PATH, {"generate", "--model", QString::fromStdString(advtest::refDir()), "--prompt",
                                  "a shirt on the beach", "--sampler", "ddim", "--steps", "10", "--cfg", "7.5",
                                  "--init-latents", latents, "--dump-tensors", dump, "--device", "cpu", "--out",
                                  QString::fromStdString(dir + "/out")});
        QVERIFY(proc.waitForFinished(advtest::kChildProcessMs));
        QVERIFY2(proc.exitCode() == 0, proc.readAllStandardError().constData());
        SafeTensors st(dump.toStdString());
        auto emb = torch::cat({advtest::ref("pipe.negative_prompt_embeds"), advtest::ref("pipe.prompt_embeds")}, 0);
        ADV_COMPARE_TENSORS(st.tensor("prompt_embeds"), emb, 1e-4, 0.0);
        ADV_COMPARE_TENSORS(st.tensor("latents"), advtest::ref("pipe.latents_steps")[9], 1e-3, 0.0);
        ADV_COMPARE_TENSORS(st.tensor("image"), advtest::ref("pipe.image").permute({0, 3, 1, 2}), 1e-3, 0.0);
        const auto text = png::readText(dir + "/out/seed0.png");
        QVERIFY(text.count("parameters"));
        const auto& params = text.at("parameters");
        QVERIFY2(params.find("Steps: 10, Sampler: DDIM, CFG scale: 7.5, Seed: 0, Size: 32x32, Model hash: ") !=
                     std::string::npos, params.c_str());
    }

    // LCM through the CLI against diffusers' StableDiffusionPipeline + LCMScheduler (tests/data/refdata/edit):
    // 4 steps at CFG 1 (one UNet pass per step) and 1.5, and with the LoRA attached; the scheduler's noise
    // between steps is replayed from the recorded draws.
    void cliLcmReproducesDiffusers_data() {
        QTest::addColumn<QString>("run");
        QTest::addColumn<QString>("cfg");
        QTest::addColumn<bool>("lora");
        QTest::newRow("lcm.g1p0") << "lcm.g1p0" << "1.0" << false;
        QTest::newRow("lcm.g1p5") << "lcm.g1p5" << "1.5" << false;
        QTest::newRow("lcm.lora.g1p0") << "lcm.lora.g1p0" << "1.0" << true;
    }
    void cliLcmReproducesDiffusers() {
        QFETCH(QString, run);
        QFETCH(QString, cfg);
        QFETCH(bool, lora);
        const std::string r = run.toStdString();
        const QString latents = QString::fromStdString(dir + "/" + r + ".latents.safetensors");
        const QString draws = QString::fromStdString(dir + "/" + r + ".draws.safetensors");
        const QString dump = QString::fromStdString(dir + "/" + r + ".dump.safetensors");
        saveSafeTensors(latents.toStdString(), {{"latents", advtest::editRef("lcm.latents_init")}});
        std::map<std::string, torch::Tensor> d;
        for (int i = 0; i < 3; ++i) {
            const std::string n = r + ".noise_draw_00" + std::to_string(i);
            d[n] = advtest::editRef(n);
        }
        saveSafeTensors(draws.toStdString(), d);
        QStringList args{"generate", "--model", QString::fromStdString(advtest::refDir()), "--prompt",
                         "a shirt on the beach", "--sampler", "lcm", "--steps", "4", "--cfg", cfg,
                         "--init-latents", latents, "--noise-draws", draws, "--dump-tensors", dump, "--device", "cpu",
                         "--dtype", "f32", "--out", QString::fromStdString(dir + "/" + r)};
        if (lora) args << "--lora" << QString::fromStdString(advtest::refDir() + "/lora.safetensors:1.0");
        QProcess proc;
        proc.start(ADV_CLI_PATH, args);
        QVERIFY(proc.waitForFinished(advtest::kChildProcessMs));
        QVERIFY2(proc.exitCode() == 0, proc.readAllStandardError().constData());
        SafeTensors st(dump.toStdString());
        const auto want = advtest::editRef(r + ".latents_final");
        ADV_COMPARE_TENSORS(st.tensor("latents"), want, 1e-4 + 1e-5 * want.abs().max().item<double>(), 0.0);
        ADV_COMPARE_TENSORS(st.tensor("image"), advtest::editRef(r + ".image").permute({0, 3, 1, 2}), 1e-3, 0.0);
        const auto text = png::readText(dir + "/" + r + "/seed0.png");
        QVERIFY2(text.at("parameters").find("Steps: 4, Sampler: LCM, CFG scale: " + std::string(cfg == "1.0" ? "1," : "1.5,")) !=
                     std::string::npos, text.at("parameters").c_str());
    }

    void pickledCheckpointIsRefused() {
        const std::string p = dir + "/model.ckpt";
        std::ofstream(p) << "x";
        try {
            StableDiffusion::load(p);
            QFAIL("expected an error");
        } catch (const std::exception& e) {
            const std::string m = e.what();
            QVERIFY2(m.find("arbitrary code") != std::string::npos && m.find(".safetensors") != std::string::npos, m.c_str());
        }
    }
};

QTEST_GUILESS_MAIN(TestPipeline)
#include "test_pipeline.moc"
