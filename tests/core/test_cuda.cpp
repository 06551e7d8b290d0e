// The engine on a CUDA GPU (built against a CUDA LibTorch 2.x: scripts/build.sh --torch DIR): the
// reference tensors (diffusers) in f32 and f16, CPU/GPU agreement for one seed, the f16 pipeline, a LoRA
// training run on the GPU with f16 base weights and dynamic loss scaling, and a stopped GPU run resumed on
// the GPU ending where the uninterrupted one ends.
//
// Without a usable CUDA device it prints one line and exits 77, which CTest reports as skipped
// (SKIP_RETURN_CODE); that is what every CPU-only build (Debian's LibTorch 1.13 included) does.
// Speed on the GPU is measured by `advariant-cli bench gpu`, not here.
#include "core/refdata.h"

#include "dataset/coco.h"
#include "dataset/synth.h"
#include "io/safetensors.h"
#include "lora/lora.h"
#include "model/weights.h"
#include "pairs/pair_set.h"
#include "pipeline/sd_pipeline.h"
#include "train/trainer.h"
#include "util/device.h"

#include <torch/torch.h>

#include <QCoreApplication>

#include <cmath>
#include <cstdio>
#include <filesystem>

using namespace adv;

class TestCuda : public QObject {
    Q_OBJECT
    std::string ref = advtest::refDir();
    std::string dir = advtest::tempDir();
    std::string manifest;

    torch::Tensor R(const char* name) {
        static SafeTensors v(ref + "/vectors.safetensors");
        return v.tensor(name).clone();
    }
    static double maxDiff(const torch::Tensor& a, const torch::Tensor& b) {
        return (a.detach().to(torch::kCPU, torch::kFloat64) - b.detach().to(torch::kCPU, torch::kFloat64)).abs().max().item<double>();
    }
    train::TrainConfig config(const std::string& out) {
        train::TrainConfig c;
        c.model = ref;
        c.manifest = manifest;
        c.outDir = dir + "/" + out;
        c.cacheDir = dir + "/cache";
        c.device = "cuda";
        c.mixedPrecision = true;
        c.resolution = 32;
        c.steps = 12;
        c.batch = 2;
        c.learningRate = 1e-3;
        c.checkpointEvery = 3;
        c.seed = 11;
        c.snrGamma = 5;
        return c;
    }

private Q_SLOTS:
    void initTestCase() {
        std::printf("device: %s, LibTorch %s\n", deviceInfo().describe().c_str(), deviceInfo().torchVersion.c_str());
        synth::SynthOptions o;
        o.images = 16;
        o.seed = 5;
        auto data = synth::writeDataset(dir + "/data", o);
        auto ds = coco::loadCoco(data.annotationPath);
        pairs::PairSetOptions po;
        po.perCategory = 2;
        po.resolution = 32;
        auto set = pairs::buildPairs(ds, data.imagesDir, po, dir + "/pairs");
        QVERIFY(set.pairs.size() >= 6);
        manifest = set.manifestPath();
    }

    // diffusers' tensors on the GPU: f32 within the CPU tolerance, f16 within half precision's.
    void referenceParity_data() {
        QTest::addColumn<QString>("dtype");
        QTest::newRow("f32") << "f32";
        QTest::newRow("f16") << "f16";
    }
    void referenceParity() {
        QFETCH(QString, dtype);
        const bool half = dtype == "f16";
        const double tol = half ? 3e-2 : 1e-4, vaeTol = half ? 1e-2 : 1e-4;
        LoadOptions lo;
        lo.device = "cuda";
        lo.dtype = dtype.toStdString();
        auto sd = StableDiffusion::load(ref, lo);
        QCOMPARE(sd->dtype(), half ? torch::kFloat16 : torch::kFloat32);
        torch::NoGradGuard ng;
        const auto dev = torch::Device(torch::kCUDA);
        const auto tdt = half ? torch::kFloat16 : torch::kFloat32;
        QVERIFY(maxDiff(sd->text->forward(R("text_encoder.input_ids").to(dev)).lastHiddenState,
                        R("text_encoder.last_hidden_state")) <= tol);
        const auto u = sd->unet->forward(R("unet.sample").to(dev, tdt), R("unet.timestep").to(dev),
                                         R("unet.encoder_hidden_states").to(dev, tdt));
        QVERIFY(u.is_cuda());
        QVERIFY(maxDiff(u, R("unet.out")) <= tol);
        QVERIFY(maxDiff(sd->vae->decode(R("vae.decode.latent").to(dev)), R("vae.decode.image")) <= vaeTol);
        QVERIFY(maxDiff(sd->vae->encode(R("vae.encode.image").to(dev)).mean, R("vae.encode.mean")) <= vaeTol);
        // The whole pipeline (10 DDIM steps, CFG 7.5) against diffusers' image.
        GenerateParams gp;
        gp.prompt = "a shirt on the beach";
        gp.sampler = "ddim";
        gp.steps = 10;
        gp.cfg = 7.5;
        gp.initLatents = R("pipe.latents_init");
        const auto img = sd->generate(gp).images;
        QVERIFY(torch::isfinite(img).all().item<bool>());
        QVERIFY(maxDiff(img, R("pipe.image").permute({0, 3, 1, 2})) <= (half ? 5e-2 : 1e-3));
        // A kohya LoRA applies on the GPU in either precision.
        sd->addLora(ref + "/lora_kohya.safetensors", 1.0);
        const auto ul = sd->unet->forward(R("unet.sample").to(dev, tdt), R("unet.timestep").to(dev),
                                          R("unet.encoder_hidden_states").to(dev, tdt));
        QVERIFY(maxDiff(ul, R("unet.lora.out")) <= tol);
    }

    // One seed, one picture: the GPU (f32) draws the same noise and renders the same image as the CPU.
    void cpuAndGpuAgree() {
        LoadOptions c, g;
        c.device = "cpu";
        g.device = "cuda";
        g.dtype = "f32";
        auto a = StableDiffusion::load(ref, c), b = StableDiffusion::load(ref, g);
        GenerateParams gp;
        gp.prompt = "a red dress in space";
        gp.seed = 1234;
        gp.steps = 8;
        gp.sampler = "dpmpp_2m_karras";
        QVERIFY(maxDiff(b->generate(gp).images, a->generate(gp).images) <= 1e-3);
    }

    // LoRA training on the GPU: f16 base weights, f32 adapters and AdamW, dynamic loss scaling; the LoRA
    // learns (finite, non-zero), every step is in the metrics, and the saved file loads on the CPU.
    void loraTrainingOnTheGpu() {
        auto c = config("gpu-straight");
        const auto res = train::runTraining(c);
        QVERIFY(res.completed);
        const auto m = train::readMetrics(c.outDir);
        QCOMPARE(static_cast<int>(m.size()), c.steps);
        for (const auto& s : m) QVERIFY(std::isfinite(s.loss));
        const auto lora = loadSafeTensors(c.outDir + "/lora.safetensors");
        bool learned = false;
        for (const auto& [k, t] : lora) {
            QVERIFY(!t.is_cuda());
            QVERIFY(torch::isfinite(t).all().item<bool>());
            if (k.find("lora_up") != std::string::npos) learned |= t.abs().max().item<float>() > 0;
        }
        QVERIFY(learned);
        LoadOptions lo;
        lo.device = "cpu";
        auto sd = StableDiffusion::load(ref, lo);
        const auto rep = attachLora(readLora(c.outDir + "/lora.safetensors", *sd->unet, sd->text.get()), 1.0, "gpu",
                                    *sd->unet, sd->text.get());
        QVERIFY(rep.unmatchedModules.empty());
    }

    // A GPU run stopped at step 6 and resumed on the GPU ends with the uninterrupted run's LoRA.
    void stoppedGpuRunResumes() {
        auto straight = config("gpu-straight");
        if (!std::filesystem::exists(straight.outDir + "/lora.safetensors")) QVERIFY(train::runTraining(straight).completed);
        auto c = config("gpu-stopped");
        train::TrainControl ctl;
        train::TrainEvents ev;
        ev.onStep = [&](const train::StepMetrics& s) {
            if (s.step == 6) ctl.stop = true;
        };
        QVERIFY(train::runTraining(c, ev, &ctl).stopped);
        const auto res = train::runTraining(train::runConfig(c.outDir), {}, nullptr, true);
        QVERIFY(res.completed);
        QCOMPARE(res.finalStep, c.steps);
        const auto a = loadSafeTensors(straight.outDir + "/lora.safetensors");
        const auto b = loadSafeTensors(c.outDir + "/lora.safetensors");
        QCOMPARE(a.size(), b.size());
        // cuDNN/cuBLAS reductions are not bit-reproducible across runs; the data order, noise and optimizer
        // state are, so the two end close together.
        for (const auto& [k, t] : a) QVERIFY2(maxDiff(b.at(k), t) <= 1e-3, k.c_str());
    }
};

int main(int argc, char** argv) {
    if (!torch::cuda::is_available()) {
        std::printf("SKIPPED: no CUDA device (%s, LibTorch %s)\n", deviceInfo().describe().c_str(),
                    deviceInfo().torchVersion.c_str());
        return 77;
    }
    QCoreApplication app(argc, argv);
    TestCuda t;
    return QTest::qExec(&t, argc, argv);
}

#include "test_cuda.moc"
