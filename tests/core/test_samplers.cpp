// Schedules and samplers against diffusers 0.23.1: timesteps, sigmas, and the
// 10-step loop with the stand-in model eps = 0.1*x_in + 0.05*sin(t/100).
#include "core/refdata.h"

#include "model/config.h"
#include "sched/samplers.h"
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
