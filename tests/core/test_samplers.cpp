// Schedules and samplers against diffusers 0.23.1: timesteps, sigmas, and the
// 10-step loop with the stand-in model eps = 0.1*x_in + 0.05*sin(t/100).
#include "core/refdata.h"

#include "model/config.h"
#include "sched/samplers.h"
#include "util/error.h"
#include "util/fs.h"

using namespace adv;

namespace {
SchedulerConfig sd15() {
    return SchedulerConfig::fromFile(advtest::refDir() + "/scheduler/scheduler_config.json");
}

torch::Tensor loop(const std::string& name, const torch::Tensor& noiseSeq, torch::Tensor* trajectory) {
    auto s = makeSampler(samplerFromName(name), sd15());
    s->setTimesteps(10);
    auto x = advtest::ref("sched.x0") * s->initNoiseSigma();
    std::vector<torch::Tensor> traj;
    int draw = 0;
    auto noise = [&](at::IntArrayRef) { return noiseSeq[draw++]; };
    auto denoise = [](const torch::Tensor& xIn, double t) {
        return 0.1 * xIn + 0.05 * std::sin(static_cast<float>(t) / 100.0f);
    };
    x = runSampler(*s, x, denoise, noise, [&](int, int, const torch::Tensor& cur) { traj.push_back(cur.unsqueeze(0)); });
    *trajectory = torch::cat(traj, 0);
    return x;
}
} // namespace

class TestSamplers : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void scheduleMatches() {
        auto s = NoiseSchedule::fromConfig(sd15());
        ADV_COMPARE_TENSORS(s.betas, advtest::ref("sched.betas"), 0.0, 1e-6);
        ADV_COMPARE_TENSORS(s.alphasCumprod, advtest::ref("sched.alphas_cumprod"), 0.0, 1e-6);
    }

    void timestepsMatch_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("key");
        for (const char* n : {"ddpm", "ddim", "pndm", "euler", "dpmpp_2m"}) QTest::newRow(n) << QString(n) << QString(n);
    }
    void timestepsMatch() {
        QFETCH(QString, name);
        QFETCH(QString, key);
        for (int n : {10, 20, 50}) {
            auto s = makeSampler(samplerFromName(name.toStdString()), sd15());
            s->setTimesteps(n);
            auto want = advtest::ref("sched." + key.toStdString() + ".timesteps_" + std::to_string(n)).to(torch::kFloat64);
            auto got = torch::tensor(s->timesteps(), torch::kFloat64);
            ADV_COMPARE_TENSORS(got, want, 0.0, 1e-6);
            const double wantSigma =
                advtest::vectors()["schedulers"][key.toStdString()]["init_noise_sigma_" + std::to_string(n)].get<double>();
            QVERIFY(std::abs(s->initNoiseSigma() - wantSigma) <= 1e-6 * wantSigma);
        }
    }

    // LCM against diffusers 0.23.1's LCMScheduler (tests/data/refdata/edit): timesteps for 2/4/8 steps,
    // the boundary-condition scalings, and a 4-step loop with the stand-in model replaying its noise draws.
    void lcmTimestepsAndScalingsMatch() {
        for (int n : {2, 4, 8}) {
            auto s = makeSampler(SamplerKind::LCM, sd15());
            s->setTimesteps(n);
            const auto want = advtest::editRef("lcm.timesteps_" + std::to_string(n)).to(torch::kFloat64);
            ADV_COMPARE_TENSORS(torch::tensor(s->timesteps(), torch::kFloat64), want, 0.0, 0.0);
        }
        auto s = makeSampler(SamplerKind::LCM, sd15());
        s->setTimesteps(4);
        std::vector<double> cs, co;
        for (double t : s->timesteps()) {
            const auto [a, b] = lcmScalings(static_cast<int>(t));
            cs.push_back(a), co.push_back(b);
        }
        ADV_COMPARE_TENSORS(torch::tensor(cs, torch::kFloat64).to(torch::kFloat32), advtest::editRef("lcm.c_skip_4"), 0.0, 1e-6);
        ADV_COMPARE_TENSORS(torch::tensor(co, torch::kFloat64).to(torch::kFloat32), advtest::editRef("lcm.c_out_4"), 0.0, 1e-6);
        auto bad = makeSampler(SamplerKind::LCM, sd15());
        QVERIFY_EXCEPTION_THROWN(bad->setTimesteps(51), adv::Error);
    }

    void lcmLoopMatches() {
        auto s = makeSampler(SamplerKind::LCM, sd15());
        s->setTimesteps(4);
        int draw = 0;
        auto noise = [&](at::IntArrayRef) { return advtest::editRef("lcm.loop4.noise_draw_00" + std::to_string(draw++)); };
        auto denoise = [](const torch::Tensor& xIn, double t) {
            return 0.1 * xIn + 0.05 * std::sin(static_cast<float>(t) / 100.0f);
        };
        std::vector<torch::Tensor> traj;
        auto x = runSampler(*s, advtest::editRef("lcm.loop4.x0"), denoise, noise,
                            [&](int, int, const torch::Tensor& cur) { traj.push_back(cur.unsqueeze(0)); });
        QCOMPARE(draw, 3);  // no draw after the last step
        ADV_COMPARE_TENSORS(torch::cat(traj, 0), advtest::editRef("lcm.loop4.trajectory"), 1e-5, 1e-5);
        ADV_COMPARE_TENSORS(x, advtest::editRef("lcm.loop4.denoised")[3], 1e-5, 1e-5);
    }

    void eulerSigmasMatch() {
        for (int n : {10, 20, 50}) {
            auto s = makeSampler(SamplerKind::Euler, sd15());
            s->setTimesteps(n);
            ADV_COMPARE_TENSORS(torch::tensor(s->sigmas(), torch::kFloat64),
                                advtest::ref("sched.euler.sigmas_" + std::to_string(n)), 0.0, 1e-6);
        }
    }

    void loopsMatch_data() {
        QTest::addColumn<QString>("name");
        for (const char* n : {"ddpm", "ddim", "pndm", "euler", "dpmpp_2m"}) QTest::newRow(n) << QString(n);
    }
    void loopsMatch() {
        QFETCH(QString, name);
        const std::string n = name.toStdString();
        torch::Tensor noise = n == "ddpm" ? advtest::ref("sched.ddpm.loop10.noise") : torch::zeros({10, 1, 4, 8, 8});
        torch::Tensor traj;
        auto x = loop(n, noise, &traj);
        auto want = advtest::ref("sched." + n + ".loop10.final");
        const double scale = want.abs().max().item<double>();
        ADV_COMPARE_TENSORS(x, want, 1e-5 * scale, 1e-5);
        ADV_COMPARE_TENSORS(traj, advtest::ref("sched." + n + ".loop10.trajectory"), 1e-5 * scale, 1e-5);
    }

    void addNoiseMatches() {
        auto s = NoiseSchedule::fromConfig(sd15());
        auto out = s.addNoise(advtest::ref("sched.add_noise.x0"), advtest::ref("sched.add_noise.noise"),
                              advtest::ref("sched.add_noise.timesteps"));
        ADV_COMPARE_TENSORS(out, advtest::ref("sched.add_noise.out"), 1e-6, 1e-5);
    }

    void stochasticSamplersUseTheirNoise() {
        // Euler ancestral and DDPM differ with different noise, agree with the same noise.
        for (const char* n : {"euler_a", "ddpm"}) {
            torch::Tensor t1, t2, t3;
            auto a = loop(n, torch::ones({10, 1, 4, 8, 8}), &t1);
            auto b = loop(n, torch::ones({10, 1, 4, 8, 8}), &t2);
            auto c = loop(n, torch::zeros({10, 1, 4, 8, 8}), &t3);
            QVERIFY(torch::equal(a, b));
            QVERIFY(!torch::allclose(a, c));
        }
    }

    void karrasSigmasDescendToSigmaMin() {
        auto s = makeSampler(SamplerKind::DPMPP2MKarras, sd15());
        s->setTimesteps(20);
        const auto& sg = s->sigmas();
        QCOMPARE(sg.size(), size_t(21));
        for (size_t i = 1; i + 1 < sg.size(); ++i) QVERIFY(sg[i] < sg[i - 1]);
        QVERIFY(std::abs(sg[0] - 14.6146) < 1e-3);
        QVERIFY(std::abs(sg[19] - 0.0292) < 1e-3);
        QCOMPARE(s->timesteps().front(), 999.0);
        QCOMPARE(s->timesteps().back(), 0.0);
    }

    void velocityTargetRecoversTheData() {
        auto sched = NoiseSchedule::fromConfig(sd15());
        auto gen = at::detail::createCPUGenerator(3);
        auto x0 = torch::randn({3, 4, 5, 5}, gen), noise = torch::randn({3, 4, 5, 5}, gen);
        auto t = torch::tensor({0, 500, 999}, torch::kInt64);
        QVERIFY(torch::equal(sched.target("epsilon", x0, noise, t), noise));
        auto v = sched.target("v_prediction", x0, noise, t);
        auto xt = sched.addNoise(x0, noise, t);
        for (int b = 0; b < 3; ++b) {
            const double a = sched.acp[static_cast<size_t>(t[b].item<int64_t>())];
            // x0 = sqrt(a) x_t - sqrt(1 - a) v and eps = sqrt(1 - a) x_t + sqrt(a) v
            ADV_COMPARE_TENSORS(std::sqrt(a) * xt[b] - std::sqrt(1 - a) * v[b], x0[b], 1e-5, 1e-5);
            ADV_COMPARE_TENSORS(std::sqrt(1 - a) * xt[b] + std::sqrt(a) * v[b], noise[b], 1e-5, 1e-5);
        }
        const double snr999 = sched.snr(torch::tensor({999}, torch::kInt64))[0].item<double>();
        QVERIFY(std::abs(snr999 - sched.acp[999] / (1 - sched.acp[999])) < 1e-6);
        try {
            sched.target("sample", x0, noise, t);
            QFAIL("expected an error");
        } catch (const std::exception& e) {
            QVERIFY(std::string(e.what()).find("sample") != std::string::npos);
        }
    }

    // Data that is one point c: the ideal epsilon model and the ideal v-prediction model know it
    // exactly and say the same thing in two ways, so a sampler told each model's prediction type
    // must take the same path with either and end on c. Told the wrong type, it must not.
    void vPredictionTakesTheEpsilonPath_data() {
        QTest::addColumn<QString>("name");
        for (const auto& n : samplerNames()) QTest::newRow(n.c_str()) << QString::fromStdString(n);
    }
    void vPredictionTakesTheEpsilonPath() {
        QFETCH(QString, name);
        const auto c = torch::linspace(-1.5, 1.5, 4 * 8 * 8).view({1, 4, 8, 8});
        auto path = [&](const std::string& model, const std::string& told) {
            auto cfg = sd15();
            cfg.predictionType = told;
            const auto sigmas = NoiseSchedule::fromConfig(cfg).sigmas();
            auto s = makeSampler(samplerFromName(name.toStdString()), cfg);
            s->setTimesteps(20);
            auto gen = at::detail::createCPUGenerator(11);
            auto denoise = [&](const torch::Tensor& xIn, double t) {
                const int lo = std::clamp(static_cast<int>(std::floor(t)), 0, 998);
                const double sg = sigmas[lo] + (t - lo) * (sigmas[lo + 1] - sigmas[lo]);
                const double a = 1.0 / (1 + sg * sg);
                auto eps = (xIn - std::sqrt(a) * c) / std::sqrt(1 - a);
                return model == "epsilon" ? eps : std::sqrt(a) * eps - std::sqrt(1 - a) * c;
            };
            auto noise = [&](at::IntArrayRef shape) { return torch::randn(shape, gen); };
            std::vector<torch::Tensor> traj;
            runSampler(*s, torch::randn({1, 4, 8, 8}, gen) * s->initNoiseSigma(), denoise, noise,
                       [&](int, int, const torch::Tensor& x) { traj.push_back(x); });
            return traj;
        };
        const auto eps = path("epsilon", "epsilon"), v = path("v_prediction", "v_prediction"),
                   wrong = path("v_prediction", "epsilon");
        // The samplers stop at the schedule's lowest noise level (sigma 0.03), not on c itself.
        const double end = (eps.back() - c).abs().mean().item<double>();
        QVERIFY2(end < 0.05, qPrintable(name + ": ends " + QString::number(end) + " from the data"));
        double same = 0, apart = 0;
        for (size_t i = 0; i < eps.size(); ++i) {
            const double scale = eps[i].abs().max().item<double>();
            same = std::max(same, (v[i] - eps[i]).abs().max().item<double>() / scale);
            apart = std::max(apart, (wrong[i] - eps[i]).abs().max().item<double>() / scale);
        }
        // Karras steps ask the model at the nearest whole timestep, a little off the step's sigma.
        QVERIFY2(same < 1e-3, qPrintable(name + ": v-prediction path differs by " + QString::number(same)));
        QVERIFY2(apart > 1, qPrintable(name + ": misread path differs by only " + QString::number(apart)));
    }

    void unknownSamplerIsAClearError() {
        try {
            samplerFromName("heun");
            QFAIL("expected an error");
        } catch (const std::exception& e) {
            QVERIFY(std::string(e.what()).find("dpmpp_2m_karras") != std::string::npos);
        }
    }
};

QTEST_GUILESS_MAIN(TestSamplers)
#include "test_samplers.moc"
