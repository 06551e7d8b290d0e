// The embedded model's machinery: recipe round trip and errors, synthetic
// ground truth and prompts, a miniature train-base run end to end (a loadable
// diffusers folder with its own tokenizer and judge), and a judge that learns
// backgrounds from the ground truth.
#include "core/refdata.h"

#include "basemodel/base_data.h"
#include "basemodel/judge.h"
#include "basemodel/recipe.h"
#include "basemodel/train_base.h"
#include "pipeline/sd_pipeline.h"
#include "util/error.h"
#include "util/fs.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>

using namespace adv;

namespace {
base::Recipe miniature() {
    auto r = base::Recipe::defaults();
    r.images = 48;
    r.vaeImages = 32;
    r.tokenizerMerges = 200;
    r.vae.steps = 4;
    r.vae.batch = 4;
    r.vae.warmupSteps = 1;
    r.unet.steps = 4;
    r.unet.batch = 4;
    r.unet.warmupSteps = 1;
    r.refine.steps = 3;
    r.refine.batch = 4;
    r.refine.warmupSteps = 1;
    r.judge.steps = 4;
    r.judge.batch = 8;
    r.judge.warmupSteps = 1;
    r.judgeImagesPerClass = 2;
    r.vaeColorJitter = 0.5;   // optional stages' code paths run too
    r.judgeComposited = 0.5;
    return r;
}
} // namespace

class TestBaseModel : public QObject {
    Q_OBJECT
    std::string dir = advtest::tempDir();

private Q_SLOTS:
    void recipeRoundTrip() {
        auto r = base::Recipe::defaults();
        r.seed = 77;
        r.categories = {10, 6};
        r.unet.steps = 123;
        r.vaeSceneGarments = 0.3;
        r.vaeColorJitter = 0.4;
        r.judgeComposited = 0.25;
        r.scheduler.betaEnd = 0.03;
        const auto back = base::Recipe::fromJsonText(r.toJsonText(), "mem");
        QCOMPARE(back.scheduler.betaEnd, 0.03);
        QCOMPARE(back.scheduler.betaSchedule, std::string("scaled_linear"));
        // A recipe that names no schedule (written before the field) was trained with SD 1.5's.
        auto old = nlohmann::json::parse(r.toJsonText());
        old.erase("scheduler");
        QCOMPARE(base::Recipe::fromJsonText(old.dump(), "old").scheduler.betaEnd, 0.012);
        QCOMPARE(back.vaeSceneGarments, 0.3);
        QCOMPARE(back.vaeColorJitter, 0.4);
        QCOMPARE(back.judgeComposited, 0.25);
        QCOMPARE(back.vaeStudioFraction, r.vaeStudioFraction);
        QCOMPARE(back.seed, uint64_t(77));
        QCOMPARE(back.categories, (std::vector<int>{10, 6}));
        QCOMPARE(back.categoryNames(), (std::vector<std::string>{"dress", "pants"}));
        QCOMPARE(back.unet.steps, 123);
        QCOMPARE(back.unetConfig.blockOutChannels, r.unetConfig.blockOutChannels);
        QCOMPARE(back.vaeConfig.blockOutChannels, r.vaeConfig.blockOutChannels);
        QCOMPARE(back.text.hiddenSize, r.text.hiddenSize);
        QCOMPARE(back.toJsonText(), r.toJsonText());
    }

    void recipeErrorsNameTheFile() {
        const std::string bad = dir + "/bad_recipe.json";
        fs::writeFileAtomic(bad, R"({"categories": ["dress", "hat"]})");
        try {
            base::Recipe::fromFile(bad);
            QFAIL("an unknown category was accepted");
        } catch (const FileError& e) {
            QVERIFY(std::string(e.what()).find(bad) != std::string::npos);
            QVERIFY(std::string(e.what()).find("hat") != std::string::npos);
        }
        fs::writeFileAtomic(bad, R"({"training": {"vae": {"studio_fraction": 0.8, "scene_garments": 0.3}}})");
        try {
            base::Recipe::fromFile(bad);
            QFAIL("an autoencoder data mix over 100 % was accepted");
        } catch (const FileError& e) {
            QVERIFY(std::string(e.what()).find("scene_garments") != std::string::npos);
        }
        fs::writeFileAtomic(bad, R"({"training": {"vae": {"color_jitter": 1.5}}})");
        try {
            base::Recipe::fromFile(bad);
            QFAIL("a colour-jitter share over 1 was accepted");
        } catch (const FileError& e) {
            QVERIFY(std::string(e.what()).find("color_jitter") != std::string::npos);
        }
        // The UNet works on the autoencoder's latents: their channel counts must agree.
        fs::writeFileAtomic(bad, R"({"vae": {"latent_channels": 8}})");
        try {
            base::Recipe::fromFile(bad);
            QFAIL("a UNet with 4 input channels on an 8-channel latent was accepted");
        } catch (const FileError& e) {
            QVERIFY(std::string(e.what()).find("latent_channels") != std::string::npos);
        }
        fs::writeFileAtomic(bad, "{\"seed\": 1,");
        QVERIFY_THROWS_EXCEPTION(FileError, base::Recipe::fromFile(bad));
    }

    void promptsAndCaptions() {
        QCOMPARE(base::promptFor("dress", "beach"), std::string("a dress on the beach"));
        QCOMPARE(base::promptFor("pants", "space"), std::string("pants in space"));
        QCOMPARE(base::promptFor("shirt", "city"), std::string("a shirt in the city"));
        QCOMPARE(base::promptFor("sweater", "studio"), std::string("a sweater"));
        auto r = base::Recipe::defaults();
        r.captionDropout = 0;
        std::mt19937_64 rng(5);
        for (int id : r.categories) {
            for (int i = 0; i < 20; ++i) {
                auto s = base::renderStudio(r, id, rng);
                QCOMPARE(s.rgb.rows, r.resolution);
                QCOMPARE(s.rgb.cols, r.resolution);
                QCOMPARE(s.category, id);
                const auto name = base::shortCategoryName(id);
                QVERIFY2(s.caption.find(name) != std::string::npos, s.caption.c_str());
                // Plural garments take no article.
                if (name == "pants" || name == "shorts") QVERIFY2(s.caption.rfind("a ", 0) != 0, s.caption.c_str());
                else QVERIFY2(s.caption.rfind("a ", 0) == 0, s.caption.c_str());
            }
        }
        // Autoencoder data: garments of the recipe's categories on generic scenes, never on a
        // condition the judge scores (the base model must not see beach, space or city).
        for (int i = 0; i < 24; ++i) {
            auto s = base::renderGarmentOnScene(r, rng);
            QVERIFY(std::find(r.categories.begin(), r.categories.end(), s.category) != r.categories.end());
            const auto& scenes = base::genericScenes();
            QVERIFY(std::find(scenes.begin(), scenes.end(), s.condition) != scenes.end());
            for (const auto& c : r.judgeConditions) QVERIFY2(s.condition != c, s.condition.c_str());
        }
        // Judge data made as pairs are: the garment cut out and composited onto the condition's
        // background, so the garment covers a plausible part of the frame and the background shows.
        for (const char* cond : {"studio", "beach", "space", "city"}) {
            auto s = base::renderComposited(r, 6, cond, rng);
            QCOMPARE(s.rgb.rows, r.resolution);
            QCOMPARE(s.rgb.cols, r.resolution);
            QCOMPARE(s.category, 6);
            QCOMPARE(s.condition, std::string(cond));
            QCOMPARE(s.caption, base::promptFor("pants", cond));
            const auto plain = base::renderOnCondition(r, 6, cond, rng).rgb;
            cv::Mat diff;
            cv::absdiff(s.rgb, plain, diff);
            QVERIFY(cv::mean(diff)[0] + cv::mean(diff)[1] + cv::mean(diff)[2] > 1);  // not the same picture
        }
        const auto spaceComposite = base::renderComposited(r, 10, "space", rng).rgb;
        const auto studioComposite = base::renderComposited(r, 10, "studio", rng).rgb;
        QVERIFY(cv::mean(spaceComposite)[0] + 60 < cv::mean(studioComposite)[0]);
        // Conditions look different: mean colour of a space background is darker than a studio one.
        auto space = base::renderOnCondition(r, 10, "space", rng).rgb;
        auto studio = base::renderOnCondition(r, 10, "studio", rng).rgb;
        QVERIFY(cv::mean(space)[0] + 60 < cv::mean(studio)[0]);
    }

    void miniatureTrainBaseWritesALoadableModel() {
        const std::string out = dir + "/mini";
        std::vector<std::string> stages;
        const auto res = base::trainBase(miniature(), out, [&](const std::string& s, int, int, double loss) {
            if (stages.empty() || stages.back() != s) stages.push_back(s);
            QVERIFY(std::isfinite(loss));
        });
        QCOMPARE(stages, (std::vector<std::string>{"vae", "diffusion", "refine", "judge"}));
        QVERIFY(!std::filesystem::exists(out + ".partial"));
        for (const char* f : {"model_index.json", "unet/config.json", "unet/diffusion_pytorch_model.safetensors",
                              "vae/diffusion_pytorch_model.safetensors", "text_encoder/model.safetensors",
                              "tokenizer/vocab.json", "tokenizer/merges.txt", "scheduler/scheduler_config.json",
                              "judge/config.json", "judge/model.safetensors", "recipe.json", "training.json",
                              "metrics.jsonl", "samples/vae_roundtrip.png"})
            QVERIFY2(std::filesystem::exists(out + "/" + f), f);
        QVERIFY(res.scalingFactor > 0 && std::isfinite(res.scalingFactor));
        // The written recipe is complete: it reads back with the measured scaling factor and vocabulary.
        const auto written = base::Recipe::fromFile(out + "/recipe.json");
        QCOMPARE(written.vaeConfig.scalingFactor, res.scalingFactor);
        // The schedule it trained with is the one it ships.
        const auto shipped = SchedulerConfig::fromFile(out + "/scheduler/scheduler_config.json");
        QCOMPARE(shipped.betaEnd, miniature().scheduler.betaEnd);
        QCOMPARE(shipped.betaSchedule, miniature().scheduler.betaSchedule);
        QCOMPARE(written.scheduler.betaEnd, miniature().scheduler.betaEnd);
        QVERIFY(written.text.vocabSize > 512);
        // The folder loads strictly (no missing / unexpected tensors) and renders.
        auto sd = StableDiffusion::load(out);
        for (const auto& rep : sd->reports()) QVERIFY2(rep.ok() && rep.unexpected.empty(), rep.summary().c_str());
        QCOMPARE(sd->nativeResolution(), 64);
        GenerateParams gp;
        gp.prompt = "a red dress";
        gp.steps = 3;
        auto g = sd->generate(gp);
        QCOMPARE(g.images.sizes(), (torch::IntArrayRef{1, 3, 64, 64}));
        QVERIFY(torch::isfinite(g.images).all().item<bool>());
        // Retraining into a non-empty folder is refused, and nothing there is touched.
        const auto before = fs::readFile(out + "/recipe.json");
        QVERIFY_THROWS_EXCEPTION(FileError, base::trainBase(miniature(), out));
        QCOMPARE(fs::readFile(out + "/recipe.json"), before);
        // Continuing from the folder runs only the refinement stage and keeps the other parts.
        std::vector<std::string> later;
        base::trainBase(miniature(), out + "-refined", [&](const std::string& s, int, int, double) {
            if (later.empty() || later.back() != s) later.push_back(s);
        }, nullptr, out);
        QCOMPARE(later, (std::vector<std::string>{"refine"}));
        QCOMPARE(fs::readFile(out + "-refined/tokenizer/merges.txt"), fs::readFile(out + "/tokenizer/merges.txt"));
        QCOMPARE(fs::readFile(out + "-refined/judge/model.safetensors"), fs::readFile(out + "/judge/model.safetensors"));
        QCOMPARE(fs::readFile(out + "-refined/vae/diffusion_pytorch_model.safetensors"),
                 fs::readFile(out + "/vae/diffusion_pytorch_model.safetensors"));
        QVERIFY(fs::readFile(out + "-refined/unet/diffusion_pytorch_model.safetensors") !=
                fs::readFile(out + "/unet/diffusion_pytorch_model.safetensors"));
        const auto judge = base::Judge::load(out + "/judge");
        QCOMPARE(judge.conditions, (std::vector<std::string>{"studio", "beach", "space", "city"}));
        QCOMPARE(judge.categories.size(), size_t(6));
    }

    void judgeLearnsBackgrounds() {
        auto r = base::Recipe::defaults();
        r.categories = {10, 6};
        r.judgeImagesPerClass = 40;
        r.judge.steps = 150;
        r.judge.batch = 32;
        base::JudgeTrainReport rep;
        const auto judge = base::trainJudge(r, {}, rep);
        QVERIFY2(rep.heldOutConditionAccuracy >= 0.9, std::to_string(rep.heldOutConditionAccuracy).c_str());
        QVERIFY2(rep.heldOutCategoryAccuracy >= 0.8, std::to_string(rep.heldOutCategoryAccuracy).c_str());
        // Fresh ground truth (another seed) is judged the same way.
        std::mt19937_64 rng(12345);
        int right = 0, n = 0;
        for (const char* c : {"studio", "beach", "space", "city"}) {
            std::vector<cv::Mat> imgs;
            for (int i = 0; i < 6; ++i) imgs.push_back(base::renderOnCondition(r, 10, c, rng).rgb);
            const auto v = judge.classify(base::toTensor(imgs));
            for (const auto& x : v) {
                const auto best = std::max_element(x.condition.begin(), x.condition.end()) - x.condition.begin();
                right += judge.conditions[static_cast<size_t>(best)] == c;
                ++n;
            }
        }
        QVERIFY2(right >= n * 9 / 10, (std::to_string(right) + "/" + std::to_string(n)).c_str());
        // Save / load keeps the verdicts.
        judge.save(dir + "/judge");
        const auto back = base::Judge::load(dir + "/judge");
        std::vector<cv::Mat> one{base::renderOnCondition(r, 6, "beach", rng).rgb};
        const auto a = judge.classify(base::toTensor(one))[0], b = back.classify(base::toTensor(one))[0];
        for (size_t i = 0; i < a.condition.size(); ++i) QVERIFY(std::abs(a.condition[i] - b.condition[i]) < 1e-6);
    }

    void judgeRejectsCorruptFiles() {
        const std::string d = dir + "/judge_bad";
        std::filesystem::create_directories(d);
        fs::writeFileAtomic(d + "/config.json", R"({"categories": ["dress"]})");
        QVERIFY_THROWS_EXCEPTION(FileError, base::Judge::load(d));
    }
};

QTEST_GUILESS_MAIN(TestBaseModel)
#include "test_basemodel.moc"
