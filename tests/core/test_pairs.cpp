// Pair sets: 4 categories x 3 conditions from the sample dataset, captions,
// deterministic pixels, manifest round trip, rebuild, cut-out alpha.
#include "core/refdata.h"

#include "dataset/coco.h"
#include "dataset/synth.h"
#include "pairs/compositor.h"
#include "pairs/pair_set.h"
#include "util/error.h"
#include "util/fs.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

using namespace adv;

class TestPairs : public QObject {
    Q_OBJECT
    std::string dir = advtest::tempDir();
    synth::SynthResult data;
    coco::Dataset ds;

private Q_SLOTS:
    void initTestCase() {
        synth::SynthOptions o;
        o.images = 60;
        o.seed = 11;
        data = synth::writeDataset(dir + "/data", o);
        ds = coco::loadCoco(data.annotationPath);
    }

    void buildsEveryCategoryAndCondition() {
        pairs::PairSetOptions o;
        o.perCategory = 2;
        o.resolution = 96;
        auto set = pairs::buildPairs(ds, data.imagesDir, o, dir + "/pairs");
        QVERIFY(set.issues.empty());
        const auto counts = set.counts();
        for (const char* cat : {"dress", "pants", "shirt", "sweater"})
            for (const char* cond : {"beach", "space", "city"})
                QVERIFY2(counts.count({cat, cond}) && counts.at({cat, cond}) == 2, (std::string(cat) + " " + cond).c_str());
        for (const auto& p : set.pairs) {
            const std::string a = p.category == "pants" ? "" : "a ";  // plural garments take no article
            const std::string want = p.condition == "beach" ? a + p.category + " on the beach"
                                   : p.condition == "space" ? a + p.category + " in space"
                                                            : a + p.category + " in the city";
            QCOMPARE(p.caption, want);
            cv::Mat img = cv::imread(dir + "/pairs/" + p.image);
            QCOMPARE(img.cols, 96);
            QCOMPARE(img.rows, 96);
            // The garment's mask beside it: as large as the image, one garment no taller than the
            // composite's scale of the height (the cut-out's margin and feathering take a few
            // pixels off), touching neither side.
            QVERIFY(!p.mask.empty());
            cv::Mat mask = cv::imread(dir + "/pairs/" + p.mask, cv::IMREAD_UNCHANGED);
            QCOMPARE(mask.type(), CV_8UC1);
            QCOMPARE(mask.size(), img.size());
            const cv::Rect box = cv::boundingRect(mask > 127);
            const std::string what = p.id + ": mask " + std::to_string(box.width) + "x" + std::to_string(box.height);
            QVERIFY2(box.height <= p.scale * 96 + 1 && box.height >= 0.3 * 96, what.c_str());
            QVERIFY2(box.x > 0 && box.x + box.width < 96, what.c_str());
            const double share = cv::countNonZero(mask > 127) / (96.0 * 96.0);
            QVERIFY2(share > 0.05 && share < 0.6, (what + " covers " + std::to_string(share)).c_str());
        }
        // Space backgrounds are dark, beaches bright: the compositor used the condition.
        double space = 0, beach = 0;
        for (const auto& p : set.pairs) {
            cv::Mat img = cv::imread(dir + "/pairs/" + p.image, cv::IMREAD_GRAYSCALE);
            const double corner = cv::mean(img(cv::Rect(0, 0, 12, 12)))[0];
            if (p.condition == "space") space += corner;
            if (p.condition == "beach") beach += corner;
        }
        QVERIFY2(space * 2 < beach, (std::to_string(space) + " vs " + std::to_string(beach)).c_str());
    }

    void deterministicAndManifestRoundTrip() {
        pairs::PairSetOptions o;
        o.categories = {"dress"};
        o.perCategory = 2;
        o.resolution = 64;
        auto a = pairs::buildPairs(ds, data.imagesDir, o, dir + "/p1");
        auto b = pairs::buildPairs(ds, data.imagesDir, o, dir + "/p2");
        QCOMPARE(a.pairs.size(), b.pairs.size());
        for (size_t i = 0; i < a.pairs.size(); ++i)
            QCOMPARE(fs::readFile(dir + "/p1/" + a.pairs[i].image), fs::readFile(dir + "/p2/" + b.pairs[i].image));
        a.pairs[0].state = "accepted";
        a.pairs[1].state = "rejected";
        a.pairs[2].caption = "a red dress on the beach";
        a.pairs[2].captionEdited = true;
        a.save();
        auto back = pairs::PairSet::load(dir + "/p1");
        QCOMPARE(back.pairs.size(), a.pairs.size());
        QCOMPARE(back.pairs[0].state, std::string("accepted"));
        QCOMPARE(back.pairs[1].state, std::string("rejected"));
        QCOMPARE(back.pairs[2].caption, std::string("a red dress on the beach"));
        QVERIFY(back.pairs[2].captionEdited);
        QCOMPARE(back.counts(true).size(), size_t(1));
        // Rebuild with the same seed gives the same pixels; a new seed swaps the background.
        const std::string before = fs::readFile(dir + "/p1/" + back.pairs[0].image);
        pairs::rebuildPair(ds, data.imagesDir, o, dir + "/p1", back.pairs[0]);
        QCOMPARE(fs::readFile(dir + "/p1/" + back.pairs[0].image), before);
        back.pairs[0].seed += 1;
        pairs::rebuildPair(ds, data.imagesDir, o, dir + "/p1", back.pairs[0]);
        QVERIFY(fs::readFile(dir + "/p1/" + back.pairs[0].image) != before);
        // An edited caption survives a rebuild.
        pairs::rebuildPair(ds, data.imagesDir, o, dir + "/p1", back.pairs[2]);
        QCOMPARE(back.pairs[2].caption, std::string("a red dress on the beach"));
    }

    void rebuildKeepsThePairsOwnCompositeSettings() {
        // A set built larger, unharmonised and without shadow (pairs build --scale 0.85 --harmonize 0
        // --no-shadow) and re-rolled later with default options (the studio's Pairs page) keeps its look.
        pairs::PairSetOptions o;
        o.categories = {"pants"};
        o.perCategory = 1;
        o.resolution = 64;
        o.composite.scale = 0.85;
        o.composite.harmonize = 0;
        o.composite.shadow = false;
        const auto built = pairs::buildPairs(ds, data.imagesDir, o, dir + "/look");
        QVERIFY(!built.pairs.empty());
        auto back = pairs::PairSet::load(dir + "/look");
        QCOMPARE(back.pairs[0].scale, 0.85);
        QCOMPARE(back.pairs[0].harmonize, 0.0);
        QVERIFY(!back.pairs[0].shadow);
        const std::string before = fs::readFile(dir + "/look/" + back.pairs[0].image);
        pairs::PairSetOptions defaults;
        defaults.resolution = 64;
        pairs::rebuildPair(ds, data.imagesDir, defaults, dir + "/look", back.pairs[0]);
        QCOMPARE(fs::readFile(dir + "/look/" + back.pairs[0].image), before);
        // The defaults themselves draw it differently (the garment at 0.7 of the height, with shadow).
        auto other = back.pairs[0];
        other.scale = 0.7;
        other.harmonize = 0.15;
        other.shadow = true;
        other.image = "images/other.png";
        pairs::rebuildPair(ds, data.imagesDir, defaults, dir + "/look", other);
        QVERIFY(fs::readFile(dir + "/look/images/other.png") != before);
    }

    void corruptManifestNamesLine() {
        fs::writeFileAtomic(dir + "/bad/manifest.jsonl", "{\"id\":\"1\",\"caption\":\"x\",\"image\":\"a.png\"}\n{oops\n");
        try {
            pairs::PairSet::load(dir + "/bad");
            QFAIL("expected an error");
        } catch (const FileError& e) {
            QVERIFY2(std::string(e.what()).find("manifest.jsonl: line 2") != std::string::npos, e.what());
        }
    }

    void missingImageIsReportedNotFatal() {
        synth::SynthOptions o;
        o.images = 10;
        o.seed = 3;
        auto d = synth::writeDataset(dir + "/miss", o);
        auto mds = coco::loadCoco(d.annotationPath);
        for (int i = 1; i <= 10; i += 2) std::filesystem::remove(d.imagesDir + "/synth_" + std::to_string(i) + ".png");
        pairs::PairSetOptions po;
        po.resolution = 48;
        po.categories = {};
        auto set = pairs::buildPairs(mds, d.imagesDir, po, dir + "/misspairs");
        QVERIFY(!set.issues.empty());
        QVERIFY(set.issues[0].find("image missing") != std::string::npos);
        QVERIFY(!set.pairs.empty());
    }

    void cutOutAlphaIsFeathered() {
        cv::Mat img(40, 40, CV_8UC3, cv::Scalar(10, 200, 30));
        cv::Mat m = cv::Mat::zeros(40, 40, CV_8U);
        cv::rectangle(m, cv::Rect(10, 10, 20, 20), cv::Scalar(1), cv::FILLED);
        auto c = pairs::cutOut(img, m, {0.1, 2.0, false});
        QCOMPARE(c.rgb.cols, 20 + 2 * 7);  // margin = max(10% of 20, 3 * sigma + 1)
        double mn, mx;
        cv::minMaxLoc(c.alpha, &mn, &mx);
        QVERIFY(mx > 0.99 && mn < 0.01);
        const float edge = c.alpha.at<float>(c.alpha.rows / 2, (c.alpha.cols - 20) / 2);
        QVERIFY2(edge > 0.2f && edge < 0.8f, std::to_string(edge).c_str());
        QVERIFY_EXCEPTION_THROWN(pairs::cutOut(img, cv::Mat::zeros(40, 40, CV_8U)), Error);
        auto refined = pairs::cutOut(img, m, {0.1, 1.0, true});
        QVERIFY(!refined.alpha.empty());
    }
};

QTEST_GUILESS_MAIN(TestPairs)
#include "test_pairs.moc"
