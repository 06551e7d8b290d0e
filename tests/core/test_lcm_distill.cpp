// Latent consistency distillation (train/lcm_distill.h, the trainer's "lcm_distill" mode): the teacher's
// skipping-step DDIM solver, the prediction-type conversions, the boundary conditions shared with the LCM
// sampler, the guided teacher step and the stop-gradient target checked against hand computations with
// oracle models, the LoRA switched off for the teacher, and a run on the reference pipeline that writes a
// LoRA the model library offers for Fast mode.
#include "core/refdata.h"

#include "dataset/coco.h"
#include "dataset/synth.h"
#include "io/safetensors.h"
#include "lora/lora.h"
#include "model/unet.h"
#include "pairs/pair_set.h"
#include "pipeline/sd_pipeline.h"
#include "sched/samplers.h"
#include "studio/model_library.h"
#include "train/lcm_distill.h"
#include "train/train_presets.h"
#include "train/trainer.h"
#include "util/error.h"

#include <cmath>

using namespace adv;

namespace {

NoiseSchedule sdSchedule() { return NoiseSchedule::fromConfig(SchedulerConfig{}); }

bool mentions(const std::vector<std::string>& problems, const std::string& what) {
    for (const auto& p : problems)
        if (p.find(what) != std::string::npos) return true;
    return false;
}

} // namespace

class TestLcmDistill : public QObject {
    Q_OBJECT
    std::string dir = advtest::tempDir();

private Q_SLOTS:
    void solverSkipsEvenly() {
        const auto s = sdSchedule();
        train::DdimSolver fifty(s, 50);
        QCOMPARE(fifty.skip, int64_t{20});
        QCOMPARE(fifty.timesteps.size(), size_t{50});
        QCOMPARE(fifty.timesteps.front(), int64_t{19});
        QCOMPARE(fifty.timesteps[1], int64_t{39});
        QCOMPARE(fifty.timesteps.back(), int64_t{999});
        // The previous timestep's alpha: acp[0] below the first, then the solver's own timesteps.
        QCOMPARE(fifty.alphaPrev[0], s.acp[0]);
        QCOMPARE(fifty.alphaPrev[1], s.acp[19]);
        QCOMPARE(fifty.alphaPrev[49], s.acp[979]);
        // The LCM sampler's timesteps at 4 steps are solver timesteps: a 50-step solver serves it.
        auto lcm = makeSampler(SamplerKind::LCM, SchedulerConfig{});
        lcm->setTimesteps(4);
        for (double t : lcm->timesteps())
            QVERIFY(std::find(fifty.timesteps.begin(), fifty.timesteps.end(), static_cast<int64_t>(t)) != fifty.timesteps.end());
        train::DdimSolver four(s, 4);
        QCOMPARE(four.timesteps, (std::vector<int64_t>{249, 499, 749, 999}));
        QVERIFY_EXCEPTION_THROWN(train::DdimSolver(s, 1), Error);
        QVERIFY_EXCEPTION_THROWN(train::DdimSolver(s, 1001), Error);
        // The DDIM step: sqrt(aPrev) x0 + sqrt(1 - aPrev) eps, per row.
        const auto x0 = torch::randn({2, 4, 3, 3}, torch::kFloat64), eps = torch::randn({2, 4, 3, 3}, torch::kFloat64);
        const auto got = fifty.step(x0, eps, torch::tensor({0, 30}, torch::kInt64));
        ADV_COMPARE_TENSORS(got[0], std::sqrt(s.acp[0]) * x0[0] + std::sqrt(1 - s.acp[0]) * eps[0], 1e-12, 0);
        ADV_COMPARE_TENSORS(got[1], std::sqrt(s.acp[599]) * x0[1] + std::sqrt(1 - s.acp[599]) * eps[1], 1e-12, 0);
    }

    void predictionTypesRoundTrip() {
        const auto s = sdSchedule();
        torch::manual_seed(3);
        const auto x0 = torch::randn({3, 4, 5, 5}, torch::kFloat64), eps = torch::randn({3, 4, 5, 5}, torch::kFloat64);
        const auto t = torch::tensor({0, 400, 999}, torch::kInt64);
        const auto x = s.addNoise(x0, eps, t);
        for (const std::string type : {"epsilon", "v_prediction"}) {
            const auto out = s.target(type, x0, eps, t);  // what a perfect model of this type outputs
            ADV_COMPARE_TENSORS(train::predictedOriginal(out, t, x, s, type), x0, 1e-9, 1e-9);
            ADV_COMPARE_TENSORS(train::predictedNoise(out, t, x, s, type), eps, 1e-9, 1e-9);
        }
        QVERIFY_EXCEPTION_THROWN(train::predictedOriginal(x, t, x, s, "sample"), Error);
    }

    void boundaryConditionIsTheSamplers() {
        const auto [skip, out] = train::boundaryScalings(torch::tensor({0, 19, 999}, torch::kInt64));
        QCOMPARE(skip.sizes().vec(), (std::vector<int64_t>{3, 1, 1, 1}));
        // f(x, 0) = x: the consistency function is the identity at the boundary.
        QCOMPARE(skip[0].item<double>(), 1.0);
        QCOMPARE(out[0].item<double>(), 0.0);
        for (int i : {1, 2}) {
            const auto [cs, co] = lcmScalings(i == 1 ? 19 : 999);
            QCOMPARE(skip[i].item<double>(), cs);
            QCOMPARE(out[i].item<double>(), co);
        }
    }

    void consistencyDistances() {
        const auto a = torch::tensor({0.0, 2.0, -3.0, 0.0}).view({2, 2}), b = torch::zeros({2, 2});
        const auto l2 = train::consistencyDistance(a, b, "l2", 0.001);
        QCOMPARE(l2[0].item<float>(), 2.0f);   // (0 + 4) / 2
        QCOMPARE(l2[1].item<float>(), 4.5f);   // (9 + 0) / 2
        const double c = 0.001;
        const auto h = train::consistencyDistance(a, b, "huber", c);
        QVERIFY(std::abs(h[0].item<double>() - (std::sqrt(4 + c * c) - c) / 2) < 1e-6);
        QCOMPARE(train::consistencyDistance(b, b, "huber", c)[0].item<float>(), 0.0f);
        QVERIFY_EXCEPTION_THROWN(train::consistencyDistance(a, b, "l1", c), Error);
    }

    // Oracle models that know the clean latents: the teacher's guided DDIM step, the target's input and
    // timestep, the student's boundary-condition output and the loss all follow the recipe, computed by hand.
    void guidedTeacherStepAndTarget() {
        const auto s = sdSchedule();
        const train::DdimSolver solver(s, 50);
        torch::manual_seed(5);
        const int64_t B = 2;
        train::LcmDistillBatch b;
        b.latents = torch::randn({B, 4, 4, 4});
        b.noise = torch::randn({B, 4, 4, 4});
        b.index = torch::tensor({0, 37}, torch::kInt64);  // t_{n+k} = 19 (t_n clamps to 0) and 759 (t_n = 739)
        b.w = torch::tensor({2.0, 7.5}, torch::kFloat64);
        b.context = torch::ones({B, 3, 2});
        b.uncond = torch::zeros({B, 3, 2});
        // The conditional half sees x0, the unconditional half 0.5 x0: guidance pushes x0 to (1 + w/2) x0.
        auto oracle = [&](const torch::Tensor& x, const torch::Tensor& t, const torch::Tensor& ctx, const torch::Tensor& x0) {
            const auto acp = s.alphasCumprod.index_select(0, t.to(torch::kInt64)).view({-1, 1, 1, 1});
            return (x - acp.sqrt() * x0) / (1 - acp).sqrt();  // the noise that leads to x0
            (void)ctx;
        };
        std::vector<torch::Tensor> targetX, targetT;
        bool teacherGrad = true, targetGrad = true;
        train::LcmDistillModels m;
        m.student = [&](const torch::Tensor& x, const torch::Tensor& t, const torch::Tensor& ctx) { return oracle(x, t, ctx, b.latents); };
        m.teacher = [&](const torch::Tensor& x, const torch::Tensor& t, const torch::Tensor& ctx) {
            teacherGrad = torch::GradMode::is_enabled();
            const auto cond = ctx.select(1, 0).select(1, 0).view({-1, 1, 1, 1});  // 1 for the caption, 0 for the empty prompt
            const auto x0 = torch::cat({b.latents, b.latents}) * (0.5 + 0.5 * cond);
            return oracle(x, t, ctx, x0);
        };
        m.target = [&](const torch::Tensor& x, const torch::Tensor& t, const torch::Tensor& ctx) {
            targetGrad = torch::GradMode::is_enabled();
            targetX.push_back(x.clone());
            targetT.push_back(t.clone());
            return oracle(x, t, ctx, b.latents);
        };
        train::LcmDistillOptions o;
        o.lossType = "l2";
        const auto loss = train::lcmDistillLoss(b, m, s, solver, o);
        QVERIFY(!teacherGrad);
        QVERIFY(!targetGrad);
        QVERIFY(torch::equal(targetT.at(0).to(torch::kInt64), torch::tensor({0, 739}, torch::kInt64)));

        for (int64_t i = 0; i < B; ++i) {
            const int start = i == 0 ? 19 : 759, prev = i == 0 ? 0 : 739;
            const double w = b.w[i].item<double>();
            const auto x0 = b.latents[i].to(torch::kFloat64), eps = b.noise[i].to(torch::kFloat64);
            const auto xt = std::sqrt(s.acp[start]) * x0 + std::sqrt(1 - s.acp[start]) * eps;
            // Guided teacher: x0 = x0c + w (x0c - x0u), eps likewise; then DDIM to the previous solver timestep.
            const auto x0c = x0, x0u = 0.5 * x0;
            const auto epsOf = [&](const torch::Tensor& xz) { return (xt - std::sqrt(s.acp[start]) * xz) / std::sqrt(1 - s.acp[start]); };
            const auto gx0 = x0c + w * (x0c - x0u);
            const auto geps = epsOf(x0c) + w * (epsOf(x0c) - epsOf(x0u));
            const double aPrev = i == 0 ? s.acp[0] : s.acp[739];
            const auto xPrev = std::sqrt(aPrev) * gx0 + std::sqrt(1 - aPrev) * geps;
            ADV_COMPARE_TENSORS(targetX.at(0)[i], xPrev, 1e-4, 1e-4);
            const auto [csS, coS] = lcmScalings(start);
            const auto [csP, coP] = lcmScalings(prev);
            const auto student = csS * xt + coS * x0;
            const auto target = csP * xPrev + coP * x0;
            const double want = (student - target).pow(2).mean().item<double>();
            QVERIFY2(std::abs(loss[i].item<double>() - want) < 1e-4 * std::max(1.0, want),
                     (std::to_string(loss[i].item<double>()) + " vs " + std::to_string(want)).c_str());
        }
    }

    // Only the student's pass carries gradients.
    void onlyTheStudentLearns() {
        const auto s = sdSchedule();
        const train::DdimSolver solver(s, 50);
        auto p = torch::full({1}, 0.5, torch::requires_grad());
        train::LcmDistillBatch b;
        b.latents = torch::randn({2, 4, 4, 4});
        b.noise = torch::randn({2, 4, 4, 4});
        b.index = torch::tensor({10, 40}, torch::kInt64);
        b.w = torch::tensor({3.0, 3.0}, torch::kFloat64);
        b.context = torch::ones({2, 3, 2});
        b.uncond = torch::zeros({2, 3, 2});
        train::LcmDistillModels m;
        m.student = [&](const torch::Tensor& x, const torch::Tensor&, const torch::Tensor&) { return x * p; };
        m.teacher = [&](const torch::Tensor& x, const torch::Tensor&, const torch::Tensor&) { return x * 0.3; };
        m.target = m.student;
        const auto loss = train::lcmDistillLoss(b, m, s, solver, {});
        QVERIFY(loss.requires_grad());
        loss.sum().backward();
        QVERIFY(p.grad().defined());
        QVERIFY(std::isfinite(p.grad().item<double>()) && p.grad().item<double>() != 0);
    }

    // The teacher's passes run the frozen base: a suspended LoRA changes nothing, and comes back afterwards.
    void suspendedLoraIsTheBase() {
        auto sd = StableDiffusion::load(advtest::refDir());
        torch::NoGradGuard ng;
        torch::manual_seed(1);
        const auto x = torch::randn({1, 4, 8, 8}), t = torch::tensor({500}, torch::kInt64), ctx = torch::randn({1, 77, sd->text->config.hiddenSize});
        const auto base = sd->unet->forward(x, t, ctx);
        LoraSpec spec;
        spec.rank = 4;
        spec.seed = 3;
        auto lora = createLora(spec, *sd->unet);
        for (auto& mod : lora.modules) mod.up.normal_(0, 0.5);  // make the adapters matter
        const auto with = sd->unet->forward(x, t, ctx);
        QVERIFY((with - base).abs().max().item<double>() > 1e-3);
        {
            LoraSuspension off("train", *sd->unet);
            QCOMPARE(off.suspended(), lora.modules.size());
            ADV_COMPARE_TENSORS(sd->unet->forward(x, t, ctx), base, 0, 0);
        }
        ADV_COMPARE_TENSORS(sd->unet->forward(x, t, ctx), with, 0, 0);
        LoraSuspension none("no-such-tag", *sd->unet);
        QCOMPARE(none.suspended(), size_t{0});
    }

    void configRefusesWhatDistillationIgnores() {
        train::TrainConfig c;
        c.manifest = "m.jsonl";
        c.outDir = "out";
        QVERIFY(c.validate().empty());
        c.mode = "consistency";
        QVERIFY(mentions(c.validate(), "mode must be lora or lcm_distill"));
        train::applyTrainingPreset("lcm-distill", c);
        QCOMPARE(c.mode, std::string("lcm_distill"));
        QVERIFY2(c.validate().empty(), c.validate().empty() ? "" : c.validate().front().c_str());
        auto te = c;
        te.trainTextEncoder = true;
        QVERIFY(mentions(te.validate(), "text encoder frozen"));
        auto snr = c;
        snr.snrGamma = 5;
        QVERIFY(mentions(snr.validate(), "does not use snr_gamma"));
        auto w = c;
        w.lcmWMax = 1;
        QVERIFY(mentions(w.validate(), "lcm_w_max must be at least lcm_w_min"));
        auto stack = c;
        stack.lcmTeacherLoras = {"demo.safetensors"};
        QVERIFY(stack.validate().empty());
        stack.mode = "lora";
        QVERIFY(mentions(stack.validate(), "lcm_teacher_loras needs mode lcm_distill"));
        auto loss = c;
        loss.lcmLossType = "l1";
        QVERIFY(mentions(loss.validate(), "lcm_loss_type"));
        const auto back = train::TrainConfig::fromJsonText(c.toJsonText(), "rt");
        QCOMPARE(back.toJsonText(), c.toJsonText());
        QCOMPARE(back.lcmWMin, 3.0);
        // Another preset puts the mode back.
        train::applyTrainingPreset("demo", c);
        QCOMPARE(c.mode, std::string("lora"));
        train::applyTrainingPreset("sd15-lcm", c);
        QCOMPARE(c.rank, 64);
        QVERIFY(c.validate().empty());
    }

    // A distillation run on the reference pipeline: finite losses, an LCM-LoRA file whose metadata says
    // what it is (the model library offers it for Fast mode), validation previews made the LCM way.
    void distillationRunWritesAnLcmLora() {
        synth::SynthOptions so;
        so.images = 12;
        so.seed = 2;
        auto data = synth::writeDataset(dir + "/data", so);
        pairs::PairSetOptions po;
        po.perCategory = 2;
        po.resolution = 32;
        auto set = pairs::buildPairs(coco::loadCoco(data.annotationPath), data.imagesDir, po, dir + "/pairs");
        QVERIFY(set.pairs.size() >= 4);

        train::TrainConfig c;
        c.model = advtest::refDir();
        c.manifest = set.manifestPath();
        c.outDir = dir + "/run";
        c.resolution = 32;
        train::applyTrainingPreset("lcm-distill", c);
        c.steps = 6;
        c.warmupSteps = 1;
        c.batch = 2;
        c.checkpointEvery = 3;
        c.validateEvery = 6;
        c.validationPrompts = {"a dress"};
        std::vector<double> losses;
        std::vector<std::string> events;
        train::TrainEvents ev;
        ev.onStep = [&](const train::StepMetrics& m) { losses.push_back(m.loss); };
        ev.onEvent = [&](const std::string& kind, const std::string&) { events.push_back(kind); };
        const auto res = train::runTraining(c, ev);
        QVERIFY2(res.completed, res.failure.c_str());
        QCOMPARE(losses.size(), size_t{6});
        for (double l : losses) QVERIFY(std::isfinite(l) && l > 0);
        QVERIFY(std::find(events.begin(), events.end(), "distill") != events.end());

        auto sd = StableDiffusion::load(advtest::refDir());
        const auto lora = readLora(res.loraPath, *sd->unet, sd->text.get());
        QCOMPARE(lora.metadata.at("advariant_mode"), std::string("lcm_distill"));
        QVERIFY(lora.metadata.at("ss_training_comment").find("LCM-LoRA") != std::string::npos);
        QVERIFY(studio::describeModelPath(res.loraPath).lcm);
        QVERIFY(lora.unmatchedKeys.empty());
        QVERIFY(lora.modules.size() > 10);
        QVERIFY(std::filesystem::exists(dir + "/run/validation/step-0000006_p0_s1.png"));

        // Stack-aware: the LCM-LoRA also learns the base with a frozen LoRA on it (here the first run's).
        auto s = c;
        s.outDir = dir + "/stacked";
        s.steps = 4;
        s.validateEvery = 0;
        s.lcmTeacherLoras = {res.loraPath};
        std::vector<std::string> said;
        train::TrainEvents sev;
        sev.onEvent = [&](const std::string& kind, const std::string& msg) { said.push_back(kind + ": " + msg); };
        const auto stacked = train::runTraining(s, sev);
        QVERIFY2(stacked.completed, stacked.failure.c_str());
        QVERIFY(std::any_of(said.begin(), said.end(), [](const std::string& m) { return m.find("on top of lora.safetensors") != std::string::npos; }));
        const auto sl = readLora(stacked.loraPath, *sd->unet, sd->text.get());
        QCOMPARE(sl.metadata.at("advariant_lcm_teacher_loras"), std::string("lora.safetensors"));
        // A teacher LoRA that is not there: one line naming it, before any step.
        auto missing = c;
        missing.outDir = dir + "/missing";
        missing.lcmTeacherLoras = {dir + "/no-such.safetensors"};
        try {
            train::runTraining(missing);
            QFAIL("expected an error");
        } catch (const std::exception& e) {
            QVERIFY2(std::string(e.what()).find("no-such.safetensors") != std::string::npos, e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestLcmDistill)
#include "test_lcm_distill.moc"
