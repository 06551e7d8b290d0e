// The model and LoRA library (core/studio/model_library.h): the embedded model and LoRA always first; diffusers
// folders, single-file checkpoints (SD 1.x, inpainting, SD 2.x, SDXL told apart from their weights' names and
// shapes) and LoRAs (rank, targets, LoCon, LCM, base model from kohya metadata) found in model folders; damaged
// and pickled files listed with one line saying why; hashes cached by path, size and time; cancel honoured.
#include "core/refdata.h"

#include "io/safetensors.h"
#include "studio/model_library.h"
#include "util/cancel.h"
#include "util/fs.h"

#include <filesystem>

using namespace adv;
using studio::LibraryEntry;
namespace sfs = std::filesystem;

namespace {
const LibraryEntry* byName(const std::vector<LibraryEntry>& v, const std::string& name) {
    for (const auto& e : v)
        if (e.name == name) return &e;
    return nullptr;
}
// A single-file checkpoint's header is all the library reads: tiny tensors under the real key names.
void writeCheckpoint(const std::string& path, int inChannels, int crossDim, bool sdxl = false) {
    std::map<std::string, torch::Tensor> t;
    t["model.diffusion_model.input_blocks.0.0.weight"] = torch::zeros({2, inChannels, 1, 1});
    t["model.diffusion_model.input_blocks.1.1.transformer_blocks.0.attn2.to_k.weight"] = torch::zeros({2, crossDim});
    if (sdxl) t["conditioner.embedders.0.transformer.text_model.final_layer_norm.weight"] = torch::zeros({2});
    saveSafeTensors(path, t);
}
} // namespace

class TestModelLibrary : public QObject {
    Q_OBJECT
    std::string dir = advtest::tempDir() + "/models";
    studio::LibraryScanOptions opts() {
        studio::LibraryScanOptions o;
        o.hashCacheFile = dir + "/../hashes.json";
        return o;
    }

private Q_SLOTS:
    void initTestCase() {
        sfs::create_directories(dir + "/loras/styles");
        sfs::copy(advtest::refDir(), dir + "/tiny-sd", sfs::copy_options::recursive);
        sfs::copy_file(advtest::refDir() + "/lora.safetensors", dir + "/loras/garments.safetensors");
        sfs::copy_file(advtest::refDir() + "/lora_kohya.safetensors", dir + "/loras/styles/lcm-lora-tiny.safetensors");
        writeCheckpoint(dir + "/v1-5.safetensors", 4, 768);
        writeCheckpoint(dir + "/v1-5-inpainting.safetensors", 9, 768);
        writeCheckpoint(dir + "/v2-1.safetensors", 4, 1024);
        writeCheckpoint(dir + "/sdxl.safetensors", 4, 2048, true);
        const std::string whole = fs::readFile(dir + "/loras/garments.safetensors");
        fs::writeFileAtomic(dir + "/loras/cut.safetensors", whole.substr(0, 300));
        fs::writeFileAtomic(dir + "/old.ckpt", "PK\x03\x04 pickle");
    }

    void embeddedComesFirstAndAlways() {
        const auto lib = studio::scanLibrary({}, opts());
        QVERIFY(!lib.models.empty() && !lib.loras.empty());
        QVERIFY(lib.models[0].embedded);
        QCOMPARE(lib.models[0].kind, LibraryEntry::Kind::Diffusers);
        QCOMPARE(lib.models[0].variant, std::string("SD 1.x"));
        QCOMPARE(lib.models[0].shortHash.size(), size_t(10));
        QVERIFY(lib.loras[0].embedded);
        QCOMPARE(lib.loras[0].name, std::string("demo"));
        QCOMPARE(lib.loras[0].variant, std::string("LoCon"));  // the demo adapts the ResNet convolutions too
        QCOMPARE(lib.loras[0].rank, 8);
        QCOMPARE(lib.loras[0].baseModel, std::string("advariant-tiny"));
        QVERIFY(lib.loras[0].metadata.count("ss_training_comment"));
        QVERIFY(!lib.loras[0].lcm);
        // The embedded LCM-LoRA: Fast mode's accelerator, distilled from the embedded model.
        QVERIFY(lib.loras.size() >= 2);
        QCOMPARE(lib.loras[1].name, std::string("lcm"));
        QVERIFY(lib.loras[1].embedded && lib.loras[1].lcm && lib.loras[1].supported);
        QCOMPARE(lib.loras[1].baseModel, std::string("advariant-tiny"));
        QCOMPARE(lib.loras[1].metadata.at("advariant_mode"), std::string("lcm_distill"));
        QVERIFY(lib.problems.empty());
    }

    void foldersAreReadFromHeaders() {
        const auto lib = studio::scanLibrary({dir, dir + "/missing"}, opts());
        QCOMPARE(lib.problems.size(), size_t(1));
        QVERIFY(lib.problems[0].find("missing: model folder not found") != std::string::npos);
        const auto* d = byName(lib.models, "tiny-sd");
        QVERIFY(d && d->kind == LibraryEntry::Kind::Diffusers && d->supported && d->problem.empty());
        QVERIFY(d->bytes > 1000000);
        QCOMPARE(byName(lib.models, "v1-5")->variant, std::string("SD 1.x"));
        QCOMPARE(byName(lib.models, "v1-5-inpainting")->variant, std::string("SD 1.x inpainting"));
        QVERIFY(byName(lib.models, "v1-5-inpainting")->supported);
        QCOMPARE(byName(lib.models, "v2-1")->variant, std::string("SD 2.x"));
        QVERIFY(!byName(lib.models, "v2-1")->supported);
        QCOMPARE(byName(lib.models, "sdxl")->variant, std::string("SDXL"));
        const auto* ck = byName(lib.models, "old");
        QVERIFY(ck && !ck->supported && ck->problem.find("pickled") != std::string::npos);
        const auto* cut = byName(lib.models, "cut");
        QVERIFY(cut && !cut->problem.empty() && cut->problem.find("cut.safetensors") != std::string::npos);
        QVERIFY(cut->problem.find('\n') == std::string::npos);
        const auto* g = byName(lib.loras, "garments");
        QVERIFY(g && g->kind == LibraryEntry::Kind::Lora && g->rank == 4 && !g->lcm);
        QCOMPARE(g->targets, std::vector<std::string>{"UNet"});
        QCOMPARE(g->shortHash.size(), size_t(12));
        const auto* lcm = byName(lib.loras, "lcm-lora-tiny");  // found one level down, LCM by its name
        QVERIFY(lcm && lcm->lcm);
        QVERIFY(lcm->label().find("LCM") != std::string::npos);
        // Sorted by name after the embedded entries; nothing listed twice.
        for (size_t i = 2; i < lib.models.size(); ++i) QVERIFY(lib.models[i - 1].name <= lib.models[i].name);
    }

    void hashesAreCachedBySizeAndTime() {
        auto o = opts();
        const std::string file = sfs::absolute(dir + "/loras/garments.safetensors").string();
        const auto first = studio::describeModelPath(file, o);
        // The cache answers for an unchanged file: a planted hash comes back.
        auto cache = nlohmann::json::parse(fs::readFile(o.hashCacheFile));
        QVERIFY(cache.contains(file));
        cache[file]["sha256"] = std::string(64, 'a');
        fs::writeFileAtomic(o.hashCacheFile, cache.dump());
        QCOMPARE(studio::describeModelPath(file, o).shortHash, std::string(12, 'a'));
        // A changed file is hashed again.
        const std::string bytes = fs::readFile(file);
        fs::writeFileAtomic(file, bytes);
        sfs::last_write_time(file, sfs::last_write_time(file) + std::chrono::seconds(5));
        QCOMPARE(studio::describeModelPath(file, o).shortHash, first.shortHash);
        o.hashes = false;
        QVERIFY(studio::describeModelPath(file, o).shortHash.empty());
    }

    void cancelStopsTheScan() {
        CancelToken c;
        c.cancel();
        QVERIFY_EXCEPTION_THROWN(studio::scanLibrary({dir}, opts(), &c), Cancelled);
    }
};

QTEST_GUILESS_MAIN(TestModelLibrary)
#include "test_model_library.moc"
