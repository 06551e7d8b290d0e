// safetensors: round trips per dtype, and clear errors for damaged files.
#include "core/refdata.h"

#include "io/safetensors.h"
#include "util/error.h"
#include "util/fs.h"

#include <fstream>

namespace {
void writeRaw(const std::string& path, const std::string& header, const std::string& data) {
    std::string out;
    uint64_t n = header.size();
    for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((n >> (8 * i)) & 0xff));
    out += header + data;
    std::ofstream(path, std::ios::binary) << out;
}
std::string errorOf(const std::string& path) {
    try {
        adv::SafeTensors st(path);
        for (const auto& n : st.names()) st.tensor(n);
    } catch (const adv::FileError& e) {
        return e.what();
    }
    return "";
}
} // namespace

class TestSafeTensors : public QObject {
    Q_OBJECT
    std::string dir = advtest::tempDir();

private Q_SLOTS:
    void roundTripEveryDtype() {
        std::map<std::string, torch::Tensor> in{
            {"f32", torch::randn({3, 5})},
            {"f16", torch::randn({7}).to(torch::kFloat16)},
            {"bf16", torch::randn({2, 2, 2}).to(torch::kBFloat16)},
            {"i64", torch::arange(10, torch::kInt64).view({2, 5})},
            {"scalar", torch::tensor(4.0f)},
            {"empty", torch::zeros({0, 3})}};
        const std::string path = dir + "/rt.safetensors";
        adv::saveSafeTensors(path, in, {{"format", "pt"}});
        adv::SafeTensors st(path);
        QCOMPARE(st.metadata().at("format"), std::string("pt"));
        QCOMPARE(st.entries().size(), in.size());
        for (const auto& [k, v] : in) {
            auto t = st.tensor(k);
            QCOMPARE(t.scalar_type(), v.scalar_type());
            QVERIFY(t.sizes() == v.sizes());
            QVERIFY(torch::equal(t, v));
        }
    }

    void readsReferenceFile() {
        adv::SafeTensors st(advtest::refDir() + "/vectors.safetensors");
        QVERIFY(st.contains("unet.out"));
        QCOMPARE(st.info("unet.out").dtype, std::string("F32"));
        QVERIFY(st.tensor("tokenizer.input_ids").scalar_type() == torch::kInt64);
    }

    void truncatedFileNamesFileAndTensor() {
        const std::string good = dir + "/good.safetensors";
        adv::saveSafeTensors(good, {{"weight", torch::randn({64, 64})}});
        const std::string bytes = adv::fs::readFile(good);
        const std::string cut = dir + "/cut.safetensors";
        std::ofstream(cut, std::ios::binary) << bytes.substr(0, bytes.size() - 100);
        const auto err = errorOf(cut);
        QVERIFY2(err.find(cut) != std::string::npos, err.c_str());
        QVERIFY2(err.find("weight") != std::string::npos, err.c_str());
        QVERIFY2(err.find("truncated") != std::string::npos, err.c_str());
    }

    void headerLongerThanFile() {
        const std::string p = dir + "/long.safetensors";
        std::string out(8, '\0');
        out[0] = '\xff';
        out[1] = '\xff';
        std::ofstream(p, std::ios::binary) << out << "{}";
        QVERIFY(errorOf(p).find("header length") != std::string::npos);
    }

    void tinyFile() {
        const std::string p = dir + "/tiny.safetensors";
        std::ofstream(p, std::ios::binary) << "abc";
        QVERIFY(errorOf(p).find("truncated") != std::string::npos);
    }

    void badJson() {
        const std::string p = dir + "/json.safetensors";
        writeRaw(p, "{not json", "");
        QVERIFY(errorOf(p).find("not valid JSON") != std::string::npos);
    }

    void shapeDisagreesWithOffsets() {
        const std::string p = dir + "/shape.safetensors";
        writeRaw(p, R"({"w":{"dtype":"F32","shape":[4,4],"data_offsets":[0,32]}})", std::string(32, '\0'));
        const auto err = errorOf(p);
        QVERIFY2(err.find("'w'") != std::string::npos && err.find("64 bytes") != std::string::npos, err.c_str());
    }

    void hostileShapeOverflow() {
        const std::string p = dir + "/overflow.safetensors";
        writeRaw(p, R"({"w":{"dtype":"F32","shape":[4611686018427387904,8],"data_offsets":[0,8]}})", std::string(8, '\0'));
        QVERIFY(!errorOf(p).empty());
    }

    void unknownDtype() {
        const std::string p = dir + "/dtype.safetensors";
        writeRaw(p, R"({"w":{"dtype":"Q4","shape":[1],"data_offsets":[0,1]}})", std::string(1, '\0'));
        QVERIFY(errorOf(p).find("unknown dtype Q4") != std::string::npos);
    }

    void missingFile() { QVERIFY(errorOf(dir + "/nope.safetensors").find("file not found") != std::string::npos); }

    void writesAreAtomic() {
        const std::string p = dir + "/atomic.safetensors";
        adv::saveSafeTensors(p, {{"a", torch::ones({2})}});
        // A write that fails (non-finite check is the caller's; here: unsupported dtype) leaves the old file.
        try {
            adv::saveSafeTensors(p, {{"a", torch::ones({2}, torch::kComplexFloat)}});
            QFAIL("expected an error");
        } catch (const std::exception&) {
        }
        adv::SafeTensors st(p);
        QVERIFY(torch::equal(st.tensor("a"), torch::ones({2})));
    }
};

QTEST_GUILESS_MAIN(TestSafeTensors)
#include "test_safetensors.moc"
