// writeFileAtomic: replaces whole files, never leaves partial ones, names the
// file and the reason (disk full included) on failure.
#include "core/refdata.h"

#include "util/error.h"
#include "util/fs.h"

#include <csignal>
#include <filesystem>
#include <sys/resource.h>

class TestAtomicWrite : public QObject {
    Q_OBJECT
    std::string dir = advtest::tempDir();

private Q_SLOTS:
    void replacesContent() {
        const std::string p = dir + "/a.json";
        adv::fs::writeFileAtomic(p, "first");
        adv::fs::writeFileAtomic(p, "second");
        QCOMPARE(adv::fs::readFile(p), std::string("second"));
        int files = 0;
        for (auto& e : std::filesystem::directory_iterator(dir)) files += e.is_regular_file();
        QCOMPARE(files, 1);  // no temporary left behind
    }

    // readFile: exact bytes for sizes around its block size and for embedded NULs; files whose size is
    // not known up front (/proc) are read whole; a folder and a missing file are named as such.
    void readFileReadsExactBytes() {
        for (size_t n : {size_t(0), size_t(1), size_t(65535), size_t(65536), size_t(65537), size_t(300001)}) {
            std::string data(n, '\0');
            for (size_t i = 0; i < n; ++i) data[i] = static_cast<char>((i * 131 + 7) % 256);
            const std::string p = dir + "/r" + std::to_string(n) + ".bin";
            adv::fs::writeFileAtomic(p, data);
            QCOMPARE(adv::fs::readFile(p), data);
        }
        const std::string status = adv::fs::readFile("/proc/self/status");
        QVERIFY(status.find("VmRSS") != std::string::npos);
        auto message = [](const std::string& path) {
            try {
                adv::fs::readFile(path);
            } catch (const adv::FileError& e) {
                return std::string(e.what());
            }
            return std::string("no error");
        };
        QCOMPARE(message(dir), dir + ": is a folder, not a file");
        QCOMPARE(message(dir + "/missing"), dir + "/missing: file not found");
    }

    void unwritableFolderKeepsOldFileAndNamesPath() {
        const std::string p = "/proc/advariant-cannot-write/x.json";
        try {
            adv::fs::writeFileAtomic(p, "data");
            QFAIL("expected an error");
        } catch (const adv::FileError& e) {
            QVERIFY(std::string(e.what()).find(p) != std::string::npos);
        }
    }

    void failedWriteKeepsOldFile() {
        // A write that fails half-way (here: the process file-size limit, as a
        // full disk would) leaves the previous file intact and no temporary.
        const std::string p = dir + "/keep.json";
        adv::fs::writeFileAtomic(p, "old content");
        struct rlimit old {};
        getrlimit(RLIMIT_FSIZE, &old);
        std::signal(SIGXFSZ, SIG_IGN);
        struct rlimit small = old;
        small.rlim_cur = 1024;
        setrlimit(RLIMIT_FSIZE, &small);
        bool threw = false;
        try {
            adv::fs::writeFileAtomic(p, std::string(1 << 20, 'x'));
        } catch (const adv::FileError& e) {
            threw = true;
            QVERIFY2(std::string(e.what()).find(p) != std::string::npos, e.what());
        }
        setrlimit(RLIMIT_FSIZE, &old);
        QVERIFY(threw);
        QCOMPARE(adv::fs::readFile(p), std::string("old content"));
        int files = 0;
        for (auto& e : std::filesystem::directory_iterator(dir)) files += e.path().filename().string().find("keep") != std::string::npos;
        QCOMPARE(files, 1);
    }

    void missingFileIsNamed() {
        try {
            adv::fs::readFile(dir + "/missing.txt");
            QFAIL("expected an error");
        } catch (const adv::FileError& e) {
            QVERIFY(std::string(e.what()).find("missing.txt: file not found") != std::string::npos);
        }
    }
};

QTEST_GUILESS_MAIN(TestAtomicWrite)
#include "test_atomic_write.moc"
