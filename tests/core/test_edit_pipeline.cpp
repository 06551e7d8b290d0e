// Image-to-image and inpainting (4-channel blend, 9-channel inpainting UNet) against diffusers 0.23.1's
// StableDiffusionImg2ImgPipeline / StableDiffusionInpaintPipeline (tests/data/refdata/edit, from
// ../shared/refdata/public/edit). Every run of edit_vectors.json with one of those pipelines is replayed
// through `advariant-cli generate --init-image --strength [--mask] [--unet] --noise-draws --dump-tensors`;
// sizes, steps, strengths and draws come from the file, not from this test.
#include "core/refdata.h"

#include "io/safetensors.h"
#include "pipeline/edit_inputs.h"
#include "pipeline/sd_pipeline.h"
#include "sched/samplers.h"
#include "util/fs.h"

#include <QProcess>

#include <map>

using namespace adv;
using nlohmann::json;

namespace {

std::string editDir() { return advtest::refDir() + "/edit"; }

int imageSide(int axis) { return advtest::editVectors().at("sizes").at("image_hw").at(axis).get<int>(); }

std::string samplerFor(const std::string& scheduler) {
    if (scheduler == "DDIMScheduler") return "ddim";
    if (scheduler == "DPMSolverMultistepScheduler") return "dpmpp_2m";
    if (scheduler == "EulerDiscreteScheduler") return "euler";
    if (scheduler == "PNDMScheduler") return "pndm";
    return "";
}

bool isEditRun(const json& run) {
    const auto p = run.at("pipeline").get<std::string>();
    return p == "StableDiffusionImg2ImgPipeline" || p == "StableDiffusionInpaintPipeline";
}

bool hasTensor(const std::string& name) { return advtest::editVectors().at("tensors").contains(name); }

// The latent rule of the README: 1e-4 + 1e-5 * max|ref|.
double latentTol(const torch::Tensor& ref) { return 1e-4 + 1e-5 * ref.abs().max().item<double>(); }

struct CliRun {
    int exitCode = -1;
    QString err;
};

CliRun runCli(const QStringList& args) {
    QProcess proc;
    proc.start(ADV_CLI_PATH, args);
    if (!proc.waitForFinished(advtest::kChildProcessMs)) return {};
    return {proc.exitCode(), QString::fromUtf8(proc.readAllStandardError())};
}

} // namespace

class TestEditPipeline : public QObject {
    Q_OBJECT
    std::string dir = advtest::tempDir();

    // The CLI arguments that replay run `r`, its draws written to a file (all of them, or `keep` first).
    QStringList argsFor(const std::string& r, int keep = -1) {
        const json& run = advtest::editVectors().at("runs").at(r);
        const json& call = run.at("call");
        std::map<std::string, torch::Tensor> draws;
        for (const auto& d : run.at("draws")) {
            if (keep >= 0 && static_cast<int>(draws.size()) >= keep) break;
            draws[d.at("name").get<std::string>()] = advtest::editRef(d.at("name").get<std::string>());
        }
        const std::string drawFile = dir + "/" + r + ".draws.safetensors";
        saveSafeTensors(drawFile, draws);
        QStringList args{"generate", "--model", QString::fromStdString(advtest::refDir()), "--prompt",
                         QString::fromStdString(call.at("prompt").get<std::string>()),
                         "--negative", QString::fromStdString(call.value("negative_prompt", std::string())),
                         "--sampler", QString::fromStdString(samplerFor(run.at("scheduler").get<std::string>())),
                         "--steps", QString::number(call.at("num_inference_steps").get<int>()),
                         "--cfg", QString::number(call.at("guidance_scale").get<double>(), 'g', 17),
                         "--strength", QString::number(call.at("strength").get<double>(), 'g', 17),
                         "--init-image", QString::fromStdString(editDir() + "/init_image.png"),
                         "--noise-draws", QString::fromStdString(drawFile),
                         "--device", "cpu", "--dtype", "f32", "--out", QString::fromStdString(dir + "/" + r)};
        if (call.contains("mask_image")) args << "--mask" << QString::fromStdString(editDir() + "/mask.png");
        if (hasTensor(r + ".unet_input_step0") &&
            advtest::editRef(r + ".unet_input_step0").size(1) != advtest::editRef(r + ".latents_final").size(1))
            args << "--unet" << QString::fromStdString(editDir() + "/" + advtest::editVectors().at("inpaint_unet").at("folder").get<std::string>());
        return args;
    }

private Q_SLOTS:
    // The pictures the pipelines consume, exactly: u8 / 255 * 2 - 1, the mask binarised at 0.5, the masked
    // picture and the nearest-downsampled latent mask.
    void inputsAreExact() {
        const int H = imageSide(0), W = imageSide(1);
        auto img = readInitImage(editDir() + "/init_image.png", W, H);  // [1, 3, H, W] in [0, 1]
        ADV_COMPARE_TENSORS(img * 2.0f - 1.0f, advtest::editRef("input.init_image"), 0.0, 0.0);
        auto raw = readMask(editDir() + "/mask.png", W, H);  // [1, 1, H, W]
        ADV_COMPARE_TENSORS((raw * 255).round(), advtest::editRef("input.mask_u8").unsqueeze(0).unsqueeze(0).to(torch::kFloat32), 0.0, 0.0);
        auto m = (raw >= 0.5f).to(torch::kFloat32);
        ADV_COMPARE_TENSORS(m, advtest::editRef("input.mask"), 0.0, 0.0);
        ADV_COMPARE_TENSORS((img * 2.0f - 1.0f) * (m < 0.5f), advtest::editRef("input.masked_image"), 0.0, 0.0);
        const int f = advtest::editVectors().at("sizes").at("vae_scale_factor").get<int>();
        using torch::indexing::None;
        using torch::indexing::Slice;
        ADV_COMPARE_TENSORS(m.index({Slice(), Slice(), Slice(0, None, f), Slice(0, None, f)}),
                            advtest::editRef("input.mask_latent"), 0.0, 0.0);
    }

    // Strength -> the timesteps the loop runs, for every edit run, and Python's int() truncation.
    void strengthCutsTheScheduleAsDiffusers() {
        SchedulerConfig cfg = SchedulerConfig::fromFile(advtest::refDir() + "/scheduler/scheduler_config.json");
        int checked = 0;
        for (const auto& [r, run] : advtest::editVectors().at("runs").items()) {
            if (!isEditRun(run)) continue;
            auto s = makeSampler(samplerFromName(samplerFor(run.at("scheduler").get<std::string>())), cfg);
            s->setTimesteps(run.at("call").at("num_inference_steps").get<int>());
            const size_t start = s->startIndexForStrength(run.at("call").at("strength").get<double>());
            std::vector<double> got(s->timesteps().begin() + static_cast<long>(start), s->timesteps().end());
            auto want = advtest::editRef(r + ".timesteps").to(torch::kFloat64);
            ADV_COMPARE_TENSORS(torch::tensor(got, torch::kFloat64), want, 0.0, 0.0);
            ++checked;
        }
        QVERIFY(checked >= 4);
        auto s = makeSampler(SamplerKind::DDIM, cfg);
        s->setTimesteps(100);
        QCOMPARE(s->startIndexForStrength(0.29), size_t(72));  // 100 * 0.29 = 28.999999999999996 -> 28 steps
        s->setTimesteps(10);
        QCOMPARE(s->startIndexForStrength(0.3), size_t(7));  // 3.0000000000000004 -> 3
        QVERIFY_THROWS_EXCEPTION(std::exception, s->startIndexForStrength(0.05));  // no step to run
        QVERIFY_THROWS_EXCEPTION(std::exception, s->startIndexForStrength(0.0));
        QVERIFY_THROWS_EXCEPTION(std::exception, s->startIndexForStrength(std::nan("")));
    }

    void cliReproducesDiffusers_data() {
        QTest::addColumn<QString>("run");
        for (const auto& [r, run] : advtest::editVectors().at("runs").items())
            if (isEditRun(run)) QTest::newRow(r.c_str()) << QString::fromStdString(r);
    }
    void cliReproducesDiffusers() {
        QFETCH(QString, run);
        const std::string r = run.toStdString();
        const std::string dump = dir + "/" + r + ".dump.safetensors";
        auto args = argsFor(r);
        args << "--dump-tensors" << QString::fromStdString(dump);
        const auto res = runCli(args);
        QVERIFY2(res.exitCode == 0, qPrintable(res.err));
        SafeTensors st(dump);
        const auto start = advtest::editRef(r + ".latents_start");
        ADV_COMPARE_TENSORS(st.tensor("latents_start"), start, 1e-4, 0.0);
        const auto want = advtest::editRef(r + ".latents_final");
        ADV_COMPARE_TENSORS(st.tensor("latents"), want, latentTol(want), 0.0);
        ADV_COMPARE_TENSORS(st.tensor("image"), advtest::editRef(r + ".image").permute({0, 3, 1, 2}), 1e-3, 0.0);
    }

    // A recorded run one draw short fails with one line naming the shortage; nothing is written.
    void missingDrawIsAnError() {
        for (const auto& [r, run] : advtest::editVectors().at("runs").items()) {
            if (!isEditRun(run)) continue;
            const int n = static_cast<int>(run.at("draws").size());
            auto args = argsFor(r, n - 1);
            const QString out = QString::fromStdString(dir + "/short-" + r);
            args[args.indexOf("--out") + 1] = out;
            const auto res = runCli(args);
            QVERIFY(res.exitCode != 0);
            QVERIFY2(res.err.contains("recorded draws"), qPrintable(res.err));
            QVERIFY2(res.err.trimmed().count('\n') == 0, qPrintable(res.err));  // one line
            QVERIFY(!QFileInfo::exists(out + "/seed0.png"));
            return;
        }
        QFAIL("no edit run");
    }

    // In process: the 9-channel UNet refuses text-to-image; a mask without a picture is refused; the record
    // carries the strength.
    void misuseIsRefusedClearly() {
        LoadOptions o;
        o.device = "cpu";
        o.unetDir = editDir() + "/" + advtest::editVectors().at("inpaint_unet").at("folder").get<std::string>();
        auto sd = StableDiffusion::load(advtest::refDir(), o);
        QVERIFY(sd->isInpaintingUnet());
        GenerateParams p;
        p.prompt = "a shirt on the beach";
        p.steps = 2;
        try {
            sd->generate(p);
            QFAIL("expected an error");
        } catch (const std::exception& e) {
            QVERIFY2(std::string(e.what()).find("inpainting UNet") != std::string::npos, e.what());
        }
        o.unetDir.clear();
        auto plain = StableDiffusion::load(advtest::refDir(), o);
        QVERIFY(!plain->isInpaintingUnet());
        p.mask = torch::ones({1, 1, imageSide(0), imageSide(1)});
        QVERIFY_THROWS_EXCEPTION(std::exception, plain->generate(p));
        p.mask = torch::Tensor();
        p.initImage = torch::rand({1, 3, imageSide(0), imageSide(1)});
        p.strength = 0.5;
        auto res = plain->generate(p);
        QCOMPARE(res.images.size(2), imageSide(0));
        QCOMPARE(variantRecord(p, 0, 32, 32, "", "").denoisingStrength, 0.5);
        p.initImage = torch::rand({1, 3, imageSide(0) + 8, imageSide(1)});
        QVERIFY_THROWS_EXCEPTION(std::exception, plain->generate(p));
    }

    // Hires fix on the embedded model (64 -> 128 px): the second pass refines the bicubic enlargement
    // (close to it, not equal), at the larger size, and is the image-to-image pass it claims to be.
    void hiresRefinesTheEnlargement() {
        auto sd = StableDiffusion::load(fs::embeddedModelDir());
        GenerateParams p;
        p.prompt = "a dress";
        p.seed = 6;
        p.steps = 12;
        HiresParams h;
        h.scale = 2;
        h.strength = 0.35;
        const auto first = sd->generate(p);
        const auto hires = generateHires(*sd, p, h);
        const int64_t S = sd->nativeResolution();
        QCOMPARE(hires.images.size(2), 2 * S);
        QCOMPARE(hires.images.size(3), 2 * S);
        namespace F = torch::nn::functional;
        auto up = F::interpolate(first.images, F::InterpolateFuncOptions()
                                                   .size(std::vector<int64_t>{2 * S, 2 * S})
                                                   .mode(torch::kBicubic)
                                                   .align_corners(false))
                      .clamp(0, 1);
        const double d = (hires.images - up).abs().mean().item<double>();
        QVERIFY2(d > 0.003 && d < 0.12, qPrintable(QString("mean |hires - bicubic| = %1").arg(d)));
        GenerateParams second = p;
        second.width = second.height = static_cast<int>(2 * S);
        second.initImage = up;
        second.strength = h.strength;
        ADV_COMPARE_TENSORS(sd->generate(second).images, hires.images, 1e-6, 0.0);
        QVERIFY_THROWS_EXCEPTION(std::exception, generateHires(*sd, p, HiresParams{0.5, 0.4, 0}));
    }
};

QTEST_GUILESS_MAIN(TestEditPipeline)
#include "test_edit_pipeline.moc"
