// The LoRA trainer on the reference pipeline: kill -9 and resume ends with the
// same LoRA as an uninterrupted run; poisoned batches are skipped, rolled back
// and never reach a saved LoRA; metrics, cache reuse, AdamW and schedules.
#include "core/refdata.h"

#include "dataset/coco.h"
#include "dataset/synth.h"
#include "io/safetensors.h"
#include "lora/lora.h"
#include "model/unet.h"
#include "model/weights.h"
#include "pairs/pair_set.h"
#include "pipeline/sd_pipeline.h"
#include "train/loss.h"
#include "train/optim.h"
#include "train/trainer.h"
#include "util/error.h"
#include "util/fs.h"

#include <QProcess>

#include <nlohmann/json.hpp>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <sstream>

using namespace adv;

class TestTrainer : public QObject {
    Q_OBJECT
    std::string dir = advtest::tempDir();
    std::string manifest;

    train::TrainConfig config(const std::string& out) {
        train::TrainConfig c;
        c.model = advtest::refDir();
        c.manifest = manifest;
        c.outDir = dir + "/" + out;
        c.resolution = 32;
        c.steps = 24;
        c.batch = 2;
        c.learningRate = 1e-3;
        c.checkpointEvery = 4;
        c.keepCheckpoints = 2;
        c.seed = 7;
        c.lrSchedule = "cosine";
        c.warmupSteps = 3;
        c.snrGamma = 5;
        c.noiseOffset = 0.05;
        c.dropout = 0.1;
        c.randomFlip = true;
        c.cacheDir = dir + "/cache";
        return c;
    }
    static bool mentions(const std::vector<std::string>& problems, const std::string& what) {
        for (const auto& p : problems)
            if (p.find(what) != std::string::npos) return true;
        return false;
    }
    void writeConfig(const train::TrainConfig& c, const std::string& path) { fs::writeFileAtomic(path, c.toJsonText()); }

private Q_SLOTS:
    void initTestCase() {
        synth::SynthOptions o;
        o.images = 30;
        o.seed = 4;
        auto data = synth::writeDataset(dir + "/data", o);
        auto ds = coco::loadCoco(data.annotationPath);
        pairs::PairSetOptions po;
        po.perCategory = 2;
        po.resolution = 32;
        auto set = pairs::buildPairs(ds, data.imagesDir, po, dir + "/pairs");
        QVERIFY(set.pairs.size() >= 12);
        set.pairs[0].state = "rejected";
        set.save();
        manifest = set.manifestPath();
    }

    void killedRunResumesToTheSameLora() {
        auto straight = config("straight");
        straight.convRank = 2;  // LoCon adapters too: their optimizer state must survive the kill
        auto res = train::runTraining(straight);
        QVERIFY(res.completed);
        auto interrupted = config("interrupted");
        interrupted.convRank = 2;
        interrupted.debugStepDelayMs = 60;
        const std::string cfgPath = dir + "/interrupted.json";
        writeConfig(interrupted, cfgPath);
        QProcess p;
        p.start(ADV_CLI_PATH, {"train", "--config", QString::fromStdString(cfgPath)});
        QVERIFY(p.waitForStarted());
        const std::string target = interrupted.outDir + "/checkpoints/step-0000012/state.json";
        // Poll every 5 ms (the kill must land well before step 24), up to minutes: a loaded 2-core CI
        // machine runs these steps many times slower than an idle one.
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(5);
        bool exited = false;
        while (!std::filesystem::exists(target) && !exited && std::chrono::steady_clock::now() < deadline)
            exited = p.waitForFinished(5);
        QVERIFY2(!exited, ("the run ended before step 12: " + p.readAllStandardError().toStdString()).c_str());
        QVERIFY2(std::filesystem::exists(target), "the run never reached step 12 in 5 minutes");
        ::kill(static_cast<pid_t>(p.processId()), SIGKILL);
        QVERIFY(p.waitForFinished());
        QCOMPARE(p.exitStatus(), QProcess::CrashExit);
        QVERIFY(!std::filesystem::exists(interrupted.outDir + "/lora.safetensors"));
        {
            // Every checkpoint also holds its adapter as a LoRA file any loader accepts (render from any step).
            LoadOptions lo;
            lo.device = "cpu";
            lo.dtype = "f32";
            auto sd = StableDiffusion::load(advtest::refDir(), lo);
            const auto ck = readLora(interrupted.outDir + "/checkpoints/step-0000012/lora.safetensors", *sd->unet,
                                     sd->text.get());
            QVERIFY(!ck.modules.empty());
            const auto rep = attachLora(ck, 1.0, "checkpoint", *sd->unet, sd->text.get());
            QVERIFY(rep.unmatchedModules.empty());
            QCOMPARE(rep.applied, ck.modules.size());
        }
        QVERIFY(train::latestCheckpoint(interrupted.outDir) < interrupted.outDir + "/checkpoints/step-0000024");
        QProcess r;
        r.start(ADV_CLI_PATH, {"train", "--resume", QString::fromStdString(interrupted.outDir)});
        QVERIFY(r.waitForFinished(advtest::kChildProcessMs));
        QVERIFY2(r.exitCode() == 0, r.readAllStandardError().constData());
        const auto a = loadSafeTensors(straight.outDir + "/lora.safetensors");
        const auto b = loadSafeTensors(interrupted.outDir + "/lora.safetensors");
        QCOMPARE(a.size(), b.size());
        for (const auto& [k, t] : a) ADV_COMPARE_TENSORS(b.at(k), t, 1e-5, 0.0);
        // The LoRA learned something and the metrics cover every step once.
        bool anyNonZero = false, convLearned = false;
        for (const auto& [k, t] : a)
            if (k.find("lora_up") != std::string::npos) {
                anyNonZero |= t.abs().max().item<float>() > 0;
                if (k.find("resnets") != std::string::npos && k.find("conv1") != std::string::npos)
                    convLearned |= t.dim() == 4 && t.abs().max().item<float>() > 0;  // [out, rank, 1, 1]
            }
        QVERIFY(anyNonZero);
        QVERIFY(convLearned);
        const auto m = train::readMetrics(interrupted.outDir);
        QCOMPARE(static_cast<int>(m.size()), 24);
        for (int i = 0; i < 24; ++i) QCOMPARE(m[i].step, i + 1);
        const auto ms = train::readMetrics(straight.outDir);
        QVERIFY(std::abs(m.back().loss - ms.back().loss) < 1e-5);
        // Only the last K checkpoints are kept.
        int kept = 0;
        for (auto& e : std::filesystem::directory_iterator(straight.outDir + "/checkpoints")) kept += e.is_directory();
        QCOMPARE(kept, 2);
    }

    void poisonedBatchesRollBack() {
        auto c = config("poison");
        c.debugPoisonSteps = {6, 7, 8};
        c.nanPatience = 3;
        std::vector<std::string> events;
        train::TrainEvents ev;
        ev.onEvent = [&](const std::string& kind, const std::string&) { events.push_back(kind); };
        auto res = train::runTraining(c, ev);
        QVERIFY2(res.completed, res.failure.c_str());
        QCOMPARE(std::count(events.begin(), events.end(), "nan"), long(3));
        QCOMPARE(std::count(events.begin(), events.end(), "rollback"), long(1));
        for (const auto& [k, t] : loadSafeTensors(res.loraPath)) QVERIFY2(torch::isfinite(t).all().item<bool>(), k.c_str());
        const auto m = train::readMetrics(c.outDir);
        QCOMPARE(static_cast<int>(m.size()), 24);  // the rolled-back steps are replayed, not duplicated
        const std::string log = fs::readFile(c.outDir + "/events.log");
        QVERIFY(log.find("learning rate x0.5") != std::string::npos);
    }

    void divergingRunStopsWithAReason() {
        auto c = config("diverge");
        for (int s = 3; s <= 24; ++s) c.debugPoisonSteps.push_back(s);
        c.nanPatience = 2;
        c.maxRollbacks = 1;
        auto res = train::runTraining(c);
        QVERIFY(!res.completed);
        QVERIFY2(res.failure.find("non-finite") != std::string::npos, res.failure.c_str());
        QVERIFY(res.loraPath.empty());
        QVERIFY(!std::filesystem::exists(c.outDir + "/lora.safetensors"));
        QVERIFY(!train::latestCheckpoint(c.outDir).empty());  // the last good state is kept
    }

    void cacheIsReusedAcrossRuns() {
        auto c = config("cache1");
        c.steps = 2;
        std::string data1, data2;
        train::TrainEvents ev;
        ev.onEvent = [&](const std::string& kind, const std::string& msg) {
            if (kind == "data") data1 = msg;
        };
        train::runTraining(c, ev);
        auto c2 = config("cache2");
        c2.steps = 2;
        ev.onEvent = [&](const std::string& kind, const std::string& msg) {
            if (kind == "data") data2 = msg;
        };
        train::runTraining(c2, ev);
        QVERIFY2(data2.find(" 0 encoded") != std::string::npos, data2.c_str());
    }

    void stopWritesACheckpointAndResumes() {
        auto c = config("stop");
        train::TrainControl ctl;
        train::TrainEvents ev;
        ev.onStep = [&](const train::StepMetrics& m) {
            if (m.step == 6) ctl.stop = true;
        };
        auto res = train::runTraining(c, ev, &ctl);
        QVERIFY(res.stopped);
        QCOMPARE(res.finalStep, 6);
        QVERIFY(train::latestCheckpoint(c.outDir).find("step-0000006") != std::string::npos);
        auto res2 = train::runTraining(train::runConfig(c.outDir), {}, nullptr, true);
        QVERIFY(res2.completed);
        QCOMPARE(res2.finalStep, 24);
    }

    void refusesToOverwriteARun() {
        auto c = config("straight");
        QVERIFY_EXCEPTION_THROWN(train::runTraining(c), FileError);
    }

    void configValidation() {
        QVERIFY_EXCEPTION_THROWN(train::TrainConfig::fromJsonText("{\"steps\": 0}", "x.json"), FileError);
        try {
            train::TrainConfig::fromJsonText("{\"manifest\":\"m\",\"out_dir\":\"o\",\"stpes\":3}", "cfg.json");
            QFAIL("expected an error");
        } catch (const FileError& e) {
            QVERIFY(std::string(e.what()).find("unknown field 'stpes'") != std::string::npos);
        }
        auto bad = config("x");
        bad.convRank = -1;
        QVERIFY(mentions(bad.validate(), "conv_rank"));
        auto c = config("x");
        c.convRank = 4;
        c.convAlpha = 2;
        auto back = train::TrainConfig::fromJsonText(c.toJsonText(), "rt");
        QCOMPARE(back.toJsonText(), c.toJsonText());
    }

    void adamwMatchesLibTorch() {
        torch::manual_seed(0);
        auto a = torch::randn({5, 3}).set_requires_grad(true);
        auto b = a.detach().clone().set_requires_grad(true);
        train::AdamW mine({a}, 0.01, 0.9, 0.999, 1e-8, 0.01);
        torch::optim::AdamW ref({b}, torch::optim::AdamWOptions(0.01).betas({0.9, 0.999}).eps(1e-8).weight_decay(0.01));
        for (int i = 0; i < 5; ++i) {
            auto g = torch::randn({5, 3});
            a.mutable_grad() = g.clone();
            b.mutable_grad() = g.clone();
            mine.step();
            ref.step();
        }
        ADV_COMPARE_TENSORS(a, b, 1e-6, 1e-6);
    }

    void timestepBias() {
        train::TrainConfig c;
        QVERIFY(!train::timestepWeights(c, 1000).defined());  // uniform
        c.timestepBias = "later";
        c.timestepBiasPortion = 0.25;
        c.timestepBiasMultiplier = 3;
        auto w = train::timestepWeights(c, 1000);
        QCOMPARE(w.size(0), 1000);
        QVERIFY(std::abs(w.sum().item<double>() - 1) < 1e-9);
        QVERIFY(std::abs(w[999].item<double>() / w[0].item<double>() - 3) < 1e-9);
        QCOMPARE(w[749].item<double>(), w[0].item<double>());
        c.timestepBias = "range";
        c.timestepBiasBegin = 200;
        c.timestepBiasEnd = 300;
        c.timestepBiasMultiplier = 0;  // never draw 200..299
        auto gen = at::detail::createCPUGenerator(1);
        auto t = torch::multinomial(train::timestepWeights(c, 1000), 20000, true, gen);
        QCOMPARE(((t >= 200) & (t < 300)).sum().item<int64_t>(), int64_t(0));
        QVERIFY(t.max().item<int64_t>() >= 990 && t.min().item<int64_t>() <= 10);
        c.timestepBiasBegin = 0, c.timestepBiasEnd = 1000;
        QVERIFY_EXCEPTION_THROWN(train::timestepWeights(c, 1000), Error);
        c.timestepBias = "sooner";
        QVERIFY(mentions(c.validate(), "timestep_bias must be"));
    }

    void multiresNoiseIsUnitAndLowFrequency() {
        auto gen = at::detail::createCPUGenerator(3);
        auto white = torch::randn({64, 4, 16, 16}, gen);
        auto pyr = train::multiresNoise(white, 6, 0.5, gen);
        QCOMPARE(pyr.sizes(), white.sizes());
        QVERIFY(std::abs(pyr.std().item<double>() - 1) < 1e-4);
        // The per-image mean (the lowest frequency) varies far more than white noise's 1/16.
        const double whiteMeanStd = white.mean({2, 3}).std().item<double>();
        const double pyrMeanStd = pyr.mean({2, 3}).std().item<double>();
        QVERIFY2(pyrMeanStd > 4 * whiteMeanStd, qPrintable(QString::number(pyrMeanStd / whiteMeanStd)));
        // Neighbouring latent pixels are correlated, white noise's are not.
        auto corr = [](const torch::Tensor& n) {
            auto a = n.slice(3, 0, 15).flatten(), b = n.slice(3, 1, 16).flatten();
            return ((a - a.mean()) * (b - b.mean())).mean().item<double>() / (a.std() * b.std()).item<double>();
        };
        QVERIFY(std::abs(corr(white)) < 0.03);
        QVERIFY2(corr(pyr) > 0.1, qPrintable(QString::number(corr(pyr))));
        train::TrainConfig c;
        QVERIFY(!mentions(c.validate(), "multires"));
        c.multiresNoiseIterations = 11;
        QVERIFY(mentions(c.validate(), "multires_noise_iterations"));
    }

    void denoisingLossWeighsTheSubject() {
        auto gen = at::detail::createCPUGenerator(5);
        auto pred = torch::randn({2, 4, 6, 6}, gen), target = torch::randn({2, 4, 6, 6}, gen);
        auto subject = torch::zeros({2, 1, 6, 6});
        subject.slice(3, 0, 2).fill_(1.0);     // the garment covers the two left columns
        subject[1].slice(2, 2, 3).fill_(0.5);  // and half of the third in the second image
        auto sq = (pred - target).pow(2);      // [2, 4, 6, 6]
        // No mask, or weight 1: the plain mean.
        ADV_COMPARE_TENSORS(train::denoisingLoss(pred, target, {}, 0.3), sq.mean({1, 2, 3}), 1e-6, 0.0);
        ADV_COMPARE_TENSORS(train::denoisingLoss(pred, target, subject, 1.0), sq.mean({1, 2, 3}), 1e-6, 1e-6);
        // Weight 0: the mean over the backdrop alone (first image: columns 2..5).
        const double l0 = train::denoisingLoss(pred, target, subject, 0.0)[0].item<double>();
        QVERIFY(std::abs(l0 - sq[0].slice(2, 2, 6).mean().item<double>()) < 1e-5);
        // Weight 0.25, second image, by hand: columns 0-1 weigh 0.25, column 2 0.625, the rest 1.
        double num = 0, den = 0;
        for (int x = 0; x < 6; ++x) {
            const double w = x < 2 ? 0.25 : x == 2 ? 0.625 : 1.0;
            num += w * sq[1].select(2, x).sum().item<double>();
            den += w * 4 * 6;
        }
        const double l = train::denoisingLoss(pred, target, subject, 0.25)[1].item<double>();
        QVERIFY2(std::abs(l - num / den) < 1e-5, qPrintable(QString::number(l) + " vs " + QString::number(num / den)));
        // All garment at weight 0: nothing to learn from, a zero loss rather than 0/0.
        auto zero = train::denoisingLoss(pred, target, torch::ones({2, 1, 6, 6}), 0.0);
        QCOMPARE(zero.abs().max().item<double>(), 0.0);
        train::TrainConfig c;
        c.subjectLossWeight = 1.5;
        QVERIFY(mentions(c.validate(), "subject_loss_weight"));
    }

    void snrWeightsFollowThePredictionType() {
        auto snr = torch::tensor({0.5, 4.0, 2000.0});
        auto expect = [](std::initializer_list<double> v) { return torch::tensor(std::vector<double>(v)).to(torch::kFloat32); };
        ADV_COMPARE_TENSORS(train::snrLossWeights(snr, false, 0, false), torch::ones({3}), 0.0, 0.0);
        // min-SNR-5: epsilon min(s, 5) / s, v-prediction min(s, 5) / (s + 1)
        ADV_COMPARE_TENSORS(train::snrLossWeights(snr, false, 5, false), expect({1.0, 1.0, 5.0 / 2000}), 1e-6, 1e-6);
        ADV_COMPARE_TENSORS(train::snrLossWeights(snr, true, 5, false), expect({0.5 / 1.5, 0.8, 5.0 / 2001}), 1e-6, 1e-6);
        // debiased: 1 / sqrt(s) and 1 / (s + 1), s capped at 1000
        ADV_COMPARE_TENSORS(train::snrLossWeights(snr, false, 0, true),
                            expect({1 / std::sqrt(0.5), 0.5, 1 / std::sqrt(1000.0)}), 1e-6, 1e-6);
        ADV_COMPARE_TENSORS(train::snrLossWeights(snr, true, 0, true), expect({1 / 1.5, 0.2, 1.0 / 1001}), 1e-6, 1e-6);
    }

    void maskedTrainingReadsThePairMasks() {
        // The pair set wrote a mask per pair; a masked run (mirrored pairs included) trains on them.
        auto c = config("masked");
        c.steps = 4;
        c.subjectLossWeight = 0.2;
        auto res = train::runTraining(c);
        QVERIFY2(res.completed, res.failure.c_str());
        for (const auto& [k, t] : loadSafeTensors(res.loraPath)) QVERIFY2(torch::isfinite(t).all().item<bool>(), k.c_str());
        // A manifest without masks (a pair set from before them) is refused for masked training,
        // naming the pair, and still trains with the plain loss.
        std::istringstream in(fs::readFile(manifest));
        std::string line, stripped;
        while (std::getline(in, line)) {
            auto j = nlohmann::json::parse(line);
            j.erase("mask");
            stripped += j.dump() + "\n";
        }
        const std::string old = std::filesystem::path(manifest).parent_path().string() + "/no-masks.jsonl";
        fs::writeFileAtomic(old, stripped);
        auto m = config("masked-old");
        m.manifest = old;
        m.steps = 2;
        m.subjectLossWeight = 0.2;
        try {
            train::runTraining(m);
            QFAIL("masked training without masks should fail");
        } catch (const FileError& e) {
            const std::string msg = e.what();
            QVERIFY2(msg.find("mask") != std::string::npos && msg.find(".png") != std::string::npos, e.what());
        }
        auto p = config("plain-old");
        p.manifest = old;
        p.steps = 2;
        QVERIFY(train::runTraining(p).completed);
    }

    void schedules() {
        QCOMPARE(train::lrFactor("constant", 5, 10, 100), 1.0);
        QCOMPARE(train::lrFactor("constant_with_warmup", 5, 10, 100), 0.5);
        QCOMPARE(train::lrFactor("linear", 55, 10, 100), 0.5);
        QVERIFY(std::abs(train::lrFactor("cosine", 55, 10, 100) - 0.5) < 1e-9);
        QVERIFY(train::lrFactor("cosine", 100, 10, 100) < 1e-9);
    }
};

QTEST_GUILESS_MAIN(TestTrainer)
#include "test_trainer.moc"
