// Data-parallel LoRA training on c10d (Gloo, localhost) through the CLI: 2 ranks x 4 samples reach the LoRA
// of 1 process x 8; a run resumes across world sizes (2 -> 1, 1 -> 2) and ends where the uninterrupted one
// ends; a killed rank makes the other exit with one line, and the run resumes; the launcher's environment
// (torchrun, Slurm) is read as those launchers write it.
#include "core/refdata.h"

#include "dataset/coco.h"
#include "dataset/synth.h"
#include "dist/launch_env.h"
#include "io/safetensors.h"
#include "pairs/pair_set.h"
#include "train/trainer.h"
#include "util/error.h"
#include "util/fs.h"

#include <QProcess>
#include <QCoreApplication>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <thread>

using namespace adv;
namespace sfs = std::filesystem;

class TestDistributed : public QObject {
    Q_OBJECT
    std::string dir = advtest::tempDir();
    std::string manifest;

    train::TrainConfig config(const std::string& out, int steps = 6) {
        train::TrainConfig c;
        c.model = advtest::refDir();
        c.manifest = manifest;
        c.outDir = dir + "/" + out;
        c.cacheDir = dir + "/cache-" + out;  // each run encodes its own cache (rank 0 first, the other reads it)
        c.resolution = 32;
        c.steps = steps;
        c.batch = 8;
        c.learningRate = 1e-3;
        c.checkpointEvery = 3;
        c.keepCheckpoints = 5;
        c.seed = 21;
        c.snrGamma = 5;
        c.noiseOffset = 0.05;
        c.randomFlip = true;
        c.convRank = 2;
        c.device = "cpu";
        return c;
    }
    std::string writeConfig(const train::TrainConfig& c) {
        const std::string path = c.outDir + ".json";
        fs::writeFileAtomic(path, c.toJsonText());
        return path;
    }
    // Runs the CLI to completion; returns stderr, fails the test on a non-zero exit.
    static QString cli(const QStringList& args, const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment()) {
        QProcess p;
        p.setProcessEnvironment(env);
        p.start(ADV_CLI_PATH, args);
        if (!p.waitForFinished(600000)) {
            p.kill();
            return "timeout";
        }
        const QString err = QString::fromUtf8(p.readAllStandardError());
        if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
            qWarning("advariant-cli %s failed (%d): %s", qPrintable(args.join(' ')), p.exitCode(), qPrintable(err));
        return p.exitCode() == 0 && p.exitStatus() == QProcess::NormalExit ? QString() : err;
    }
    static double loraDiff(const std::string& a, const std::string& b) {
        const auto x = loadSafeTensors(a), y = loadSafeTensors(b);
        if (x.size() != y.size()) return 1e9;
        double d = 0;
        for (const auto& [k, t] : x) {
            if (!y.count(k)) return 1e9;
            d = std::max(d, (t.to(torch::kFloat64) - y.at(k).to(torch::kFloat64)).abs().max().item<double>());
        }
        return d;
    }
    // A copy of a finished run as if it had been stopped right after step 3 (the step-6 checkpoint and the
    // final LoRA not yet written).
    std::string interruptedCopy(const std::string& run, const std::string& name) {
        const std::string copy = dir + "/" + name;
        sfs::remove_all(copy);
        sfs::copy(run, copy, sfs::copy_options::recursive);
        sfs::remove_all(copy + "/checkpoints/step-0000006");
        sfs::remove(copy + "/lora.safetensors");
        auto c = train::TrainConfig::fromFile(copy + "/config.json");
        c.outDir = copy;
        fs::writeFileAtomic(copy + "/config.json", c.toJsonText());
        return copy;
    }
    // One training rank as a launcher starts it: these variables, one thread.
    static void startRank(QProcess& p, const QString& cfg, const QList<QPair<QString, QString>>& vars) {
        auto env = QProcessEnvironment::systemEnvironment();
        for (const auto& v : vars) env.insert(v.first, v.second);
        env.insert("OMP_NUM_THREADS", "1");
        p.setProcessEnvironment(env);
        p.start(ADV_CLI_PATH, {"train", "--config", cfg});
    }
    // A port for rank 0's store, apart from other test runs on this machine.
    static int storePort() { return 30000 + static_cast<int>(QCoreApplication::applicationPid() % 20000); }

private Q_SLOTS:
    void initTestCase() {
        synth::SynthOptions o;
        o.images = 20;
        o.seed = 9;
        auto data = synth::writeDataset(dir + "/data", o);
        auto ds = coco::loadCoco(data.annotationPath);
        pairs::PairSetOptions po;
        po.perCategory = 2;
        po.resolution = 32;
        auto set = pairs::buildPairs(ds, data.imagesDir, po, dir + "/pairs");
        QVERIFY(set.pairs.size() >= 10);
        manifest = set.manifestPath();
        // The single-process reference run.
        const auto single = config("single");
        QCOMPARE(cli({"train", "--config", QString::fromStdString(writeConfig(single))}), QString());
    }

    void launchEnvironment() {
        auto t = dist::launchEnvFrom({{"RANK", "1"}, {"WORLD_SIZE", "4"}, {"LOCAL_RANK", "1"}, {"MASTER_ADDR", "10.0.0.7"},
                                      {"MASTER_PORT", "29511"}});
        QCOMPARE(t.source, std::string("torchrun"));
        QCOMPARE(t.rank, 1);
        QCOMPARE(t.world, 4);
        QCOMPARE(t.masterAddr, std::string("10.0.0.7"));
        QCOMPARE(t.masterPort, 29511);
        QVERIFY(!t.agentStore);
        auto s = dist::launchEnvFrom({{"SLURM_PROCID", "3"}, {"SLURM_NTASKS", "8"}, {"SLURM_LOCALID", "1"},
                                      {"SLURM_JOB_NODELIST", "gpu[07-09,12],cpu1"}});
        QCOMPARE(s.source, std::string("slurm"));
        QCOMPARE(s.rank, 3);
        QCOMPARE(s.world, 8);
        QCOMPARE(s.localRank, 1);
        QCOMPARE(s.masterAddr, std::string("gpu07"));
        QCOMPARE(s.masterPort, 29500);
        QCOMPARE(dist::firstSlurmHost("node7"), std::string("node7"));
        QCOMPARE(dist::firstSlurmHost("a[3],b[1-2]"), std::string("a3"));
        QCOMPARE(dist::firstSlurmHost("rack1-n[001-016]-ib"), std::string("rack1-n001-ib"));
        QVERIFY(!dist::launchEnvFrom({}).distributed());
        // Broken environments: one line naming the variable.
        QVERIFY_EXCEPTION_THROWN(dist::launchEnvFrom({{"RANK", "2"}, {"WORLD_SIZE", "2"}}), Error);
        QVERIFY_EXCEPTION_THROWN(dist::launchEnvFrom({{"RANK", "0"}}), Error);
        QVERIFY_EXCEPTION_THROWN(dist::launchEnvFrom({{"RANK", "x"}, {"WORLD_SIZE", "2"}}), Error);
        QVERIFY_EXCEPTION_THROWN(dist::launchEnvFrom({{"RANK", "0"}, {"WORLD_SIZE", "2"}, {"MASTER_PORT", "70000"}}), Error);
        QVERIFY_EXCEPTION_THROWN(dist::launchEnvFrom({{"SLURM_PROCID", "0"}, {"SLURM_NTASKS", "2"},
                                                      {"SLURM_JOB_NODELIST", "gpu[01-02"}}), Error);
        try {
            dist::launchEnvFrom({{"RANK", "5"}, {"WORLD_SIZE", "2"}});
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("RANK=5") != std::string::npos, e.what());
        }
    }

    // 2 ranks x micro-batch 4 == 1 process x batch 8: the same LoRA and the same (global) loss at every step.
    void twoRanksEqualOneProcess() {
        const auto c = config("dp2");
        QCOMPARE(cli({"train", "--config", QString::fromStdString(writeConfig(c)), "--nproc", "2"}), QString());
        const double d = loraDiff(dir + "/single/lora.safetensors", c.outDir + "/lora.safetensors");
        qInfo("2 ranks vs 1 process: max |LoRA difference| %.3g", d);
        QVERIFY2(d <= 1e-5, std::to_string(d).c_str());
        const auto ms = train::readMetrics(dir + "/single"), md = train::readMetrics(c.outDir);
        QCOMPARE(md.size(), ms.size());
        for (size_t i = 0; i < ms.size(); ++i) {
            QCOMPARE(md[i].step, ms[i].step);
            QVERIFY(std::abs(md[i].loss - ms[i].loss) <= 1e-5 * std::max(1.0, std::abs(ms[i].loss)));
        }
        // Only rank 0 wrote: one metrics line per step, one set of checkpoints.
        QCOMPARE(static_cast<int>(md.size()), c.steps);
        QVERIFY(sfs::exists(c.outDir + "/checkpoints/step-0000003/state.json"));
    }

    // A checkpoint written by 2 ranks resumes on 1, and one written by 1 resumes on 2: the same run.
    void resumeAcrossWorldSizes() {
        const std::string ref = dir + "/single/lora.safetensors";
        QVERIFY(sfs::exists(dir + "/dp2/lora.safetensors"));
        const std::string from2 = interruptedCopy(dir + "/dp2", "resume-2to1");
        QCOMPARE(cli({"train", "--resume", QString::fromStdString(from2)}), QString());
        const double d21 = loraDiff(ref, from2 + "/lora.safetensors");
        qInfo("2 ranks -> resumed on 1: max |LoRA difference| %.3g", d21);
        QVERIFY2(d21 <= 1e-5, std::to_string(d21).c_str());
        const std::string from1 = interruptedCopy(dir + "/single", "resume-1to2");
        QCOMPARE(cli({"train", "--resume", QString::fromStdString(from1), "--nproc", "2"}), QString());
        const double d12 = loraDiff(ref, from1 + "/lora.safetensors");
        qInfo("1 process -> resumed on 2 ranks: max |LoRA difference| %.3g", d12);
        QVERIFY2(d12 <= 1e-5, std::to_string(d12).c_str());
        QCOMPARE(static_cast<int>(train::readMetrics(from1).size()), 6);
    }

    // Ranks started the way srun and multi-pod jobs start them: no launcher store, rank 0 hosts it. Both ranks
    // must get past the rendezvous at once (every rank counts itself in) and finish with exit 0 (rank 0, whose
    // store dies with it, leaves the final barrier last); the LoRA is the one process's.
    void rankZeroHostsTheStore() {
        const auto c = config("hosted");
        const QString cfg = QString::fromStdString(writeConfig(c));
        const int port = storePort() + 1;
        QProcess r[2];
        const auto t0 = std::chrono::steady_clock::now();
        for (int k = 0; k < 2; ++k) {
            startRank(r[k], cfg, {{"SLURM_PROCID", QString::number(k)}, {"SLURM_NTASKS", "2"}, {"SLURM_LOCALID", QString::number(k)},
                                  {"SLURM_JOB_NODELIST", "localhost"}, {"MASTER_PORT", QString::number(port)}});
            QVERIFY(r[k].waitForStarted());
        }
        for (int k = 0; k < 2; ++k) {
            QVERIFY2(r[k].waitForFinished(300000), "a rank did not finish");
            QVERIFY2(r[k].exitStatus() == QProcess::NormalExit && r[k].exitCode() == 0,
                     qPrintable(QString("rank %1: %2").arg(k).arg(QString::fromUtf8(r[k].readAllStandardError()))));
        }
        const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        qInfo("2 ranks with rank 0 hosting the store: %.1f s", secs);
        QVERIFY2(secs < 45, "the rendezvous waited for a worker count it never got");
        const double d = loraDiff(dir + "/single/lora.safetensors", c.outDir + "/lora.safetensors");
        QVERIFY2(d <= 1e-5, std::to_string(d).c_str());
    }

    // Ranks started as torchrun starts them; rank 1 is killed mid-run: rank 0 exits within the timeout with
    // one line, and the run resumes from its last checkpoint.
    void killedRankStopsTheOthers() {
        auto c = config("killed", 40);
        c.debugStepDelayMs = 150;
        c.distTimeoutSeconds = 20;
        const QString cfg = QString::fromStdString(writeConfig(c));
        const int port = storePort();
        QProcess r0, r1;
        for (int r = 0; r < 2; ++r) {
            QProcess& p = r == 0 ? r0 : r1;
            startRank(p, cfg, {{"RANK", QString::number(r)}, {"WORLD_SIZE", "2"}, {"LOCAL_RANK", QString::number(r)},
                               {"MASTER_ADDR", "127.0.0.1"}, {"MASTER_PORT", QString::number(port)}});
            QVERIFY(p.waitForStarted());
        }
        const std::string ck = c.outDir + "/checkpoints/step-0000003/state.json";
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(5);
        while (!sfs::exists(ck) && std::chrono::steady_clock::now() < deadline && r0.state() == QProcess::Running)
            r0.waitForFinished(50);
        QVERIFY2(sfs::exists(ck), qPrintable(QString::fromUtf8(r0.readAllStandardError())));
        ::kill(static_cast<pid_t>(r1.processId()), SIGKILL);
        QVERIFY(r1.waitForFinished());
        const auto killedAt = std::chrono::steady_clock::now();
        QVERIFY2(r0.waitForFinished(90000), "rank 0 kept running after rank 1 was killed");
        const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - killedAt).count();
        qInfo("rank 0 exited %.1f s after rank 1 was killed", secs);
        QVERIFY(secs < c.distTimeoutSeconds + 10);
        QCOMPARE(r0.exitStatus(), QProcess::NormalExit);
        QCOMPARE(r0.exitCode(), 1);
        const QString err = QString::fromUtf8(r0.readAllStandardError()).trimmed();
        const QString last = err.split('\n').last();
        QVERIFY2(last.contains("rank 0 of 2") && last.contains("resume"), qPrintable(err));
        // The last checkpoint resumes in a single process.
        auto rc = train::TrainConfig::fromFile(c.outDir + "/config.json");
        rc.steps = 8;
        rc.debugStepDelayMs = 0;
        fs::writeFileAtomic(c.outDir + "/config.json", rc.toJsonText());
        QCOMPARE(cli({"train", "--resume", QString::fromStdString(c.outDir)}), QString());
        QVERIFY(sfs::exists(c.outDir + "/lora.safetensors"));
    }

    void unevenSplitIsRefused() {
        auto c = config("uneven");
        const QString err = cli({"train", "--config", QString::fromStdString(writeConfig(c)), "--nproc", "3"});
        QVERIFY2(err.contains("cannot be split evenly over 3 ranks"), qPrintable(err));
    }
};

QTEST_GUILESS_MAIN(TestDistributed)
#include "test_distributed.moc"
