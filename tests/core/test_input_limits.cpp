// Values from outside are checked where they enter: model configs (zero,
// huge, wrongly typed fields), weights and LoRAs holding NaN or infinity,
// picture headers claiming absurd sizes, COCO records with unusable sizes or
// file names that leave their folder, polygons far outside the image, pair
// manifests naming paths outside the set, training configs whose numbers wrap,
// and generation requests with NaN or negative values. Each is refused with
// one line that names the file or field; library wording never reaches it.
#include "core/refdata.h"

#include "dataset/coco.h"
#include "dataset/rle.h"
#include "io/image_file.h"
#include "io/safetensors.h"
#include "lora/lora.h"
#include "basemodel/recipe.h"
#include "exportset/preset.h"
#include "model/config.h"
#include "model/key_map.h"
#include "pairs/pair_record.h"
#include "model/unet.h"
#include "model/weights.h"
#include "pairs/pair_set.h"
#include "pipeline/sd_pipeline.h"
#include "train/train_config.h"
#include "util/error.h"
#include "util/fs.h"

#include <opencv2/imgcodecs.hpp>

#include <fstream>

using namespace adv;

namespace {

// The message of what `f` throws (empty when it does not throw).
template <typename F>
std::string thrown(F&& f) {
    try {
        f();
    } catch (const std::exception& e) {
        return e.what();
    }
    return {};
}

bool plain(const std::string& m) {
    for (const char* raw : {"json.exception", "OpenCV(", "-215", "stoi", "stoll", "vector::", "basic_string", "bad_alloc"})
        if (m.find(raw) != std::string::npos) return false;
    return m.find('\n') == std::string::npos;
}

#define QVERIFY_REFUSED(expr, needle)                                                                            \
    do {                                                                                                          \
        const std::string _m = thrown([&] { (void)(expr); });                                                     \
        QVERIFY2(!_m.empty(), "accepted: " #expr);                                                                \
        QVERIFY2(_m.find(needle) != std::string::npos, ("message lacks '" + std::string(needle) + "': " + _m).c_str()); \
        QVERIFY2(plain(_m), ("library wording or several lines: " + _m).c_str());                                \
    } while (0)

void writeBytes(const std::string& path, const std::string& bytes) {
    std::ofstream o(path, std::ios::binary);
    o.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

std::string be32(uint32_t v) {
    return {char(v >> 24), char((v >> 16) & 255), char((v >> 8) & 255), char(v & 255)};
}

nlohmann::json tinyUnetConfig() { return nlohmann::json::parse(fs::readFile(advtest::refDir() + "/unet/config.json")); }

} // namespace

class TestInputLimits : public QObject {
    Q_OBJECT
    std::string dir = advtest::tempDir();

private Q_SLOTS:
    void modelConfigsRefuseZeroHugeAndWrongTypes_data() {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::newRow("zero heads") << "attention_head_dim" << "0";
        QTest::newRow("zero groups") << "norm_num_groups" << "0";
        QTest::newRow("empty blocks") << "block_out_channels" << "[]";
        QTest::newRow("zero channels") << "block_out_channels" << "[0, 64]";
        QTest::newRow("huge channels") << "block_out_channels" << "[32, 1000000000]";
        QTest::newRow("wrapping int") << "cross_attention_dim" << "4294967360";
        QTest::newRow("float for int") << "in_channels" << "1e12";
        QTest::newRow("string for int") << "layers_per_block" << "\"two\"";
        QTest::newRow("strings in list") << "layers_per_block" << "[\"a\", \"b\"]";
        QTest::newRow("negative eps") << "norm_eps" << "-1";
        QTest::newRow("negative layers") << "transformer_layers_per_block" << "-1";
    }
    void modelConfigsRefuseZeroHugeAndWrongTypes() {
        QFETCH(QString, field);
        QFETCH(QString, value);
        auto j = tinyUnetConfig();
        j[field.toStdString()] = nlohmann::json::parse(value.toStdString());
        const std::string origin = "unet/config.json";
        QVERIFY_REFUSED(UNetConfig::fromJsonText(j.dump(), origin), origin);
        const std::string m = thrown([&] { UNetConfig::fromJsonText(j.dump(), origin); });
        QVERIFY2(m.find(field.toStdString()) != std::string::npos, m.c_str());
    }

    void otherConfigsHaveRanges() {
        QVERIFY_REFUSED(ClipTextConfig::fromJsonText(R"({"num_attention_heads": 0})", "te.json"), "num_attention_heads");
        QVERIFY_REFUSED(ClipTextConfig::fromJsonText(R"({"hidden_size": -768})", "te.json"), "hidden_size");
        QVERIFY_REFUSED(ClipTextConfig::fromJsonText(R"({"num_hidden_layers": 100000})", "te.json"), "num_hidden_layers");
        QVERIFY_REFUSED(VaeConfig::fromJsonText(R"({"norm_num_groups": 0})", "vae.json"), "norm_num_groups");
        QVERIFY_REFUSED(VaeConfig::fromJsonText(R"({"block_out_channels": []})", "vae.json"), "block_out_channels");
        QVERIFY_REFUSED(VaeConfig::fromJsonText(R"({"scaling_factor": 0})", "vae.json"), "scaling_factor");
        QVERIFY_REFUSED(SchedulerConfig::fromJsonText(R"({"num_train_timesteps": 0})", "s.json"), "num_train_timesteps");
        QVERIFY_REFUSED(SchedulerConfig::fromJsonText(R"({"beta_end": 2})", "s.json"), "beta_end");
        QVERIFY_REFUSED(SchedulerConfig::fromJsonText("{\"beta_start\": 0.1,", "s.json"), "not valid JSON");
        // The real configs still load.
        QVERIFY_REFUSED(VaeConfig::fromJsonText(R"({"scaling_factor": 1e999})", "vae.json"), "a number is too large");
        QCOMPARE(UNetConfig::fromJsonText(tinyUnetConfig().dump(), "x").blockOutChannels.size(), size_t(4));
    }

    void nonFiniteWeightsAreRefused() {
        UNet2DConditionModel m(UNetConfig::fromFile(advtest::refDir() + "/unet/config.json"));
        auto sd = readWeights(advtest::refDir() + "/unet/diffusion_pytorch_model.safetensors");
        auto& t = sd.at("conv_in.weight");
        t = t.clone();
        t.view(-1)[5] = std::numeric_limits<float>::quiet_NaN();
        QVERIFY_REFUSED(loadStateDict(*m, sd, "unet", "poisoned.safetensors"), "conv_in.weight");
    }

    void loraAlphaAndRanksAreChecked() {
        UNet2DConditionModel m(UNetConfig::fromFile(advtest::refDir() + "/unet/config.json"));
        auto lora = loadSafeTensors(advtest::refDir() + "/lora_kohya.safetensors");
        std::string alphaKey;
        for (const auto& [k, v] : lora)
            if (k.size() > 6 && k.compare(k.size() - 6, 6, ".alpha") == 0) alphaKey = k;
        QVERIFY(!alphaKey.empty());
        auto inf = lora;
        inf[alphaKey] = torch::tensor(std::numeric_limits<float>::infinity());
        const std::string p1 = dir + "/alpha_inf.safetensors";
        saveSafeTensors(p1, inf, {});
        QVERIFY_REFUSED(readLora(p1, *m), "alpha");
        auto vec = lora;
        vec[alphaKey] = torch::ones({3});
        const std::string p2 = dir + "/alpha_vector.safetensors";
        saveSafeTensors(p2, vec, {});
        QVERIFY_REFUSED(readLora(p2, *m), "3 values");
        auto nan = lora;
        for (auto& [k, v] : nan)
            if (k.find("lora_up") != std::string::npos) v = torch::full_like(v, std::numeric_limits<float>::quiet_NaN());
        const std::string p3 = dir + "/nan.safetensors";
        saveSafeTensors(p3, nan, {});
        QVERIFY_REFUSED(readLora(p3, *m), "non-finite");
        // Keys of 200,000 characters (std::regex recursed per character here and overflowed the stack).
        const std::string name(200000, 'a');
        std::map<std::string, torch::Tensor> longKey{{name + ".processor.to_q_lora.lora.down.weight", torch::zeros({4, 32})},
                                                     {name + ".processor.to_q_lora.lora.up.weight", torch::zeros({32, 4})}};
        const std::string p4 = dir + "/long_key.safetensors";
        saveSafeTensors(p4, longKey, {});
        const auto w = readLora(p4, *m);
        QCOMPARE(w.modules.size(), size_t(1));
        QCOMPARE(w.modules[0].module, name + ".to_q");
        QCOMPARE(attachLora(w, 1.0, "long", *m).unmatchedModules.size(), size_t(1));
    }

    void pictureHeadersAreCheckedBeforeDecoding() {
        // A PNG whose header claims 100000 x 100000 pixels (40 GB as RGBA): refused from the header.
        const std::string png = std::string("\x89PNG\r\n\x1a\n", 8) + be32(13) + "IHDR" + be32(100000) + be32(100000) +
                                std::string("\x08\x06\x00\x00\x00", 5) + be32(0);
        const std::string huge = dir + "/huge.png";
        writeBytes(huge, png);
        QCOMPARE(io::probeImageFile(huge).width, 100000);
        QVERIFY_REFUSED(io::readImageFile(huge, cv::IMREAD_COLOR), "100000x100000");
        // A real picture cut short, a text file named .png, an empty file, a missing file.
        cv::Mat img(64, 48, CV_8UC3, cv::Scalar(10, 200, 30));
        std::vector<uchar> bytes;
        cv::imencode(".png", img, bytes);
        const std::string cut = dir + "/cut.png";
        writeBytes(cut, std::string(bytes.begin(), bytes.begin() + static_cast<long>(bytes.size() / 2)));
        QVERIFY_REFUSED(io::readImageFile(cut, cv::IMREAD_COLOR), "cut.png");
        writeBytes(dir + "/text.png", "hello, I am not a picture");
        QVERIFY_REFUSED(io::readImageFile(dir + "/text.png", cv::IMREAD_COLOR), "not a picture");
        writeBytes(dir + "/empty.png", "");
        QVERIFY_REFUSED(io::readImageFile(dir + "/empty.png", cv::IMREAD_COLOR), "empty");
        QVERIFY_REFUSED(io::readImageFile(dir + "/none.png", cv::IMREAD_COLOR), "none.png");
        // Formats and sizes from real encoders.
        for (const char* ext : {".png", ".jpg", ".webp", ".bmp"}) {
            std::vector<uchar> b;
            QVERIFY(cv::imencode(ext, img, b));
            const auto h = io::probeImageHeader(std::string(b.begin(), b.end()));
            QVERIFY2(h.width == 48 && h.height == 64, (std::string(ext) + " " + h.format).c_str());
        }
        const std::string ok = dir + "/ok.png";
        writeBytes(ok, std::string(bytes.begin(), bytes.end()));
        QCOMPARE(io::readImageFile(ok, cv::IMREAD_COLOR).cols, 48);
    }

    void cocoRecordsWithUnusableSizesOrEscapingNamesAreSkipped() {
        const std::string p = dir + "/hostile.json";
        writeBytes(p, R"({"images": [
            {"id": 1, "file_name": "ok.jpg", "width": 640, "height": 480},
            {"id": 2, "file_name": "s.jpg", "width": "640", "height": 480},
            {"id": 3, "file_name": "big.jpg", "width": 1000000000, "height": 1000000000},
            {"id": 4, "file_name": "../../outside.jpg", "width": 64, "height": 64},
            {"id": 5, "file_name": "/etc/passwd", "width": 64, "height": 64},
            {"id": 6, "file_name": "w.jpg", "width": 4294967360, "height": 64}],
          "categories": [{"id": 1, "name": "../../escape"}],
          "annotations": [
            {"id": 11, "image_id": 1, "category_id": 1, "segmentation": [[1, 1, 1e300, 1, 1, 1e300]], "bbox": [1,1,5,5], "area": 9},
            {"id": 12, "image_id": 2, "category_id": 1, "segmentation": [[1, 1, 5, 1, 5, 5]], "bbox": [1,1,4,4], "area": 8},
            {"id": 13, "image_id": 3, "category_id": 1, "segmentation": [[1, 1, 5, 1, 5, 5]], "bbox": [1,1,4,4], "area": 8},
            {"id": 14, "image_id": 4, "category_id": 1, "segmentation": [[1, 1, 5, 1, 5, 5]], "bbox": [1,1,4,4], "area": 8},
            {"id": 15, "image_id": 5, "category_id": 1, "segmentation": [[1, 1, 5, 1, 5, 5]], "bbox": [1,1,4,4], "area": 8},
            {"id": 16, "image_id": 6, "category_id": 1, "segmentation": [[1, 1, 5, 1, 5, 5]], "bbox": [1,1,4,4], "area": 8},
            {"id": 17, "image_id": 1, "category_id": 1, "segmentation": {"size": [4294967297, 2], "counts": "0"}, "bbox": [1,1,4,4], "area": 8}]})");
        const auto ds = coco::loadCoco(p);
        QCOMPARE(ds.annotations.size(), size_t(1));  // only #11, on the one usable image
        QCOMPARE(ds.annotations[0].id, int64_t(11));
        std::string all;
        for (const auto& i : ds.issues) all += i + "\n";
        for (const char* needle : {"image 2 has an invalid size -1x480", "image 3 has an invalid size",
                                   "leaves the image folder", "image 6 has an invalid size", "annotation 17"})
            QVERIFY2(all.find(needle) != std::string::npos, (std::string(needle) + " not in:\n" + all).c_str());
        // A vertex at 1e300 is pulled to the margin: the mask stays inside the image, quickly.
        const auto r = coco::rleFromPolygon({1, 1, 1e300, 1, 1, 1e300}, 480, 640);
        QVERIFY(r.area() > 0 && r.area() <= uint64_t(480 * 640));
        QVERIFY_REFUSED(coco::rleFromPolygon({1, 1, std::nan(""), 1, 1, 5}, 48, 64), "finite");
        const coco::Image escaping{4, "../../outside.jpg", 64, 64, false};
        QVERIFY_REFUSED(ds.imagePath(dir, escaping), "leaves the image folder");
    }

    void pathsFromDataStayInsideTheirFolder() {
        for (const char* bad : {"../x.png", "images/../../x.png", "/abs.png", "C:\\x.png", "..\\x.png", ""})
            QVERIFY2(!fs::isContainedRelativePath(bad), bad);
        for (const char* good : {"images/a_b-1.png", "x.png", "a/b/c.png", "..hidden.png"})
            QVERIFY2(fs::isContainedRelativePath(good), good);
        QCOMPARE(fs::safeFileName("../../escape_beach_1"), std::string("-..-escape_beach_1"));
        // A manifest line naming a file outside the set is refused with the line number.
        const std::string set = dir + "/pairs";
        std::filesystem::create_directories(set);
        writeBytes(set + "/manifest.jsonl",
                   "{\"id\":\"1-beach\",\"caption\":\"a dress on the beach\",\"image\":\"images/a.png\"}\n"
                   "{\"id\":\"2-beach\",\"caption\":\"a dress on the beach\",\"image\":\"../../../tmp/evil.png\"}\n");
        QVERIFY_REFUSED(pairs::PairSet::load(set), "line 2");
        writeBytes(set + "/manifest.jsonl", "{\"id\":\"1-beach\",\"image\":\"images/a.png\"}\n");
        QVERIFY_REFUSED(pairs::PairSet::load(set), "missing field 'caption'");
    }

    void trainingConfigNumbersDoNotWrap() {
        const std::string base = R"("manifest": "m.jsonl", "out_dir": "run")";
        QVERIFY_REFUSED(train::TrainConfig::fromJsonText("{" + base + R"(, "steps": 1e12})", "run.json"), "steps");
        QVERIFY_REFUSED(train::TrainConfig::fromJsonText("{" + base + R"(, "rank": 4294967300})", "run.json"), "rank");
        QVERIFY_REFUSED(train::TrainConfig::fromJsonText("{" + base + R"(, "batch": 2.5})", "run.json"), "batch");
        QVERIFY_REFUSED(train::TrainConfig::fromJsonText("{" + base + R"(, "seed": -1})", "run.json"), "seed");
        QVERIFY_REFUSED(train::TrainConfig::fromJsonText("{" + base + R"(, "learning_rate": 5})", "run.json"), "learning_rate");
        QVERIFY_REFUSED(train::TrainConfig::fromJsonText("{" + base + R"(, "max_grad_norm": -1})", "run.json"), "max_grad_norm");
        QVERIFY_REFUSED(train::TrainConfig::fromJsonText("{" + base + R"(, "validation_seeds": [1, 2.5]})", "run.json"), "validation_seeds");
        QVERIFY_REFUSED(train::TrainConfig::fromJsonText("{" + base + R"(, "batch": 100000})", "run.json"), "batch");
        QVERIFY_REFUSED(train::TrainConfig::fromJsonText("{" + base + R"(, "steps": "many"})", "run.json"), "wrong type");
        const auto ok = train::TrainConfig::fromJsonText("{" + base + R"(, "steps": 300, "learning_rate": 2e-4})", "run.json");
        QCOMPARE(ok.steps, 300);
    }

    void generationRequestsAreValidated() {
        GenerateParams gp;
        gp.prompt = "a dress on the beach";
        validateGenerateParams(gp);
        auto with = [&](auto change) {
            GenerateParams g = gp;
            change(g);
            return g;
        };
        QVERIFY_REFUSED(validateGenerateParams(with([](GenerateParams& g) { g.cfg = std::nan(""); })), "guidance");
        QVERIFY_REFUSED(validateGenerateParams(with([](GenerateParams& g) { g.cfg = INFINITY; })), "guidance");
        QVERIFY_REFUSED(validateGenerateParams(with([](GenerateParams& g) { g.width = -64; })), "width");
        QVERIFY_REFUSED(validateGenerateParams(with([](GenerateParams& g) { g.height = 100000; })), "height");
        QVERIFY_REFUSED(validateGenerateParams(with([](GenerateParams& g) { g.steps = 1000000000; })), "steps");
        QVERIFY_REFUSED(validateGenerateParams(with([](GenerateParams& g) { g.batch = 0; })), "batch");
        QVERIFY_REFUSED(validateGenerateParams(with([](GenerateParams& g) { g.strength = std::nan(""); })), "strength");
        QVERIFY_REFUSED(validateGenerateParams(with([](GenerateParams& g) { g.prompt.assign(1 << 20, 'a'); })), "bytes");
    }

    // Found by the fuzzers: nlohmann converts a JSON real to an int field unchecked (undefined behaviour for
    // 7e40) and wraps integers that do not fit. Every reader of outside JSON refuses both, naming the field.
    void jsonNumbersMustFitTheirFields() {
        QVERIFY_REFUSED(base::Recipe::fromJsonText(R"({"unet": {"layers_per_block": [7.7e40, 1]}})", "recipe.json"),
                        "layers_per_block");
        QVERIFY_REFUSED(base::Recipe::fromJsonText(R"({"data": {"images": 2.5}})", "recipe.json"), "data.images");
        QVERIFY_REFUSED(base::Recipe::fromJsonText(R"({"training": {"vae": {"batch": 0}}})", "recipe.json"),
                        "training.vae.batch");
        QVERIFY_REFUSED(base::Recipe::fromJsonText(R"({"resolution": 4294967360})", "recipe.json"), "resolution");
        QVERIFY_REFUSED(UNetConfig::fromJsonText(R"({"attention_head_dim": [1e30]})", "config.json"), "attention_head_dim");
        QVERIFY_REFUSED(pairs::parseManifest(R"({"id":"a","caption":"c","image":"images/a.png","seed":1.3e23})" "\n",
                                             "manifest.jsonl"),
                        "line 1: field 'seed'");
        QVERIFY_REFUSED(pairs::parseManifest("\n" R"({"id":"a","caption":"c","image":"images/a.png","state":"maybe"})",
                                             "manifest.jsonl"),
                        "line 2");
        QVERIFY_REFUSED(
            exportset::parsePresetsJson(R"([{"platform":"x","id":"y","width":100,"height":100,"max_bytes":1e30}])", "p.json"),
            "max_bytes");
        // A manifest written by the studio reads back field for field (CRLF line ends too).
        pairs::PairRecord r;
        r.id = "7-beach";
        r.caption = "a shirt on the beach";
        r.image = "images/7-beach.png";
        r.seed = 18446744073709551615ull;
        r.state = "accepted";
        const auto back = pairs::parseManifest(pairs::manifestLine(r) + "\r\n", "manifest.jsonl");
        QCOMPARE(back.size(), size_t(1));
        QCOMPARE(pairs::manifestLine(back[0]), pairs::manifestLine(r));
    }

    // Found by the key-map fuzzer: a diffusers-looking key naming a block the model's config lacks read past
    // the block list. Such keys keep the plain prefix; the real model's keys still map as before.
    void keyRulesTakeAnyKey() {
        const UNetConfig uc;
        QCOMPARE(keymap::unetToLdm("down_blocks.9.resnets.0.conv1.weight", uc),
                 std::string("model.diffusion_model.down_blocks.9.resnets.0.conv1.weight"));
        QCOMPARE(keymap::unetToLdm("up_blocks.99999999999.attentions.0.proj_in.weight", uc),
                 std::string("model.diffusion_model.up_blocks.99999999999.attentions.0.proj_in.weight"));
        QCOMPARE(keymap::unetToLdm("mid_block", uc), std::string("model.diffusion_model.mid_block"));
        QCOMPARE(keymap::unetToLdm("down_blocks.1.resnets.0.conv1.weight", uc),
                 std::string("model.diffusion_model.input_blocks.4.0.in_layers.2.weight"));
        const VaeConfig vc;
        QCOMPARE(keymap::vaeToLdm("decoder.up_blocks.7.resnets.0.conv1.weight", vc),
                 std::string("first_stage_model.decoder.up_blocks.7.resnets.0.conv1.weight"));
        QCOMPARE(keymap::vaeToLdm("encoder.mid_block.resnets.x.conv1.weight", vc),
                 std::string("first_stage_model.encoder.mid_block.resnets.x.conv1.weight"));
    }

    void libraryWordingBecomesPlain() {
        const auto j = [](const char* text) {
            try {
                (void)nlohmann::json::parse(text).at("id").get<int>();
            } catch (const std::exception& e) {
                return jsonErrorText(e);
            }
            return std::string();
        };
        QCOMPARE(j(R"({"x": 1})"), std::string("missing field 'id'"));
        QCOMPARE(j(R"({"id": "7"})"), std::string("a field has the wrong type (must be number, is string)"));
        QVERIFY(j("{\"id\": \x01").rfind("not valid JSON at line 1", 0) == 0);
        QVERIFY(plain(userMessage(std::invalid_argument("stoi"))));
        QVERIFY(plain(userMessage(std::length_error("vector::reserve"))));
        QVERIFY(plain(userMessage(std::runtime_error(
            "OpenCV(4.6.0) /build/opencv/modules/imgproc/src/resize.cpp:4052: error: (-215:Assertion failed) "
            "!ssize.empty() in function 'resize'\n"))));
        QCOMPARE(userMessage(std::runtime_error("a.png: \x1b[31mred\x1b[0m\nsecond")), std::string("a.png: ?[31mred?[0m"));
    }
};

QTEST_GUILESS_MAIN(TestInputLimits)
#include "test_input_limits.moc"
