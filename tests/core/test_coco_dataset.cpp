// COCO/Fashionpedia loading: every mask kind, bad references reported with
// their ids, missing image files flagged, corrupt files named; queries.
#include "core/refdata.h"

#include "dataset/coco.h"
#include "dataset/query.h"
#include "dataset/synth.h"
#include "util/error.h"
#include "util/fs.h"

#include <filesystem>

using namespace adv;

namespace {
// JSON fixtures are written with single quotes (moc cannot read raw strings).
std::string J(std::string s) {
    std::replace(s.begin(), s.end(), '\'', '"');
    return s;
}
} // namespace

class TestCocoDataset : public QObject {
    Q_OBJECT
    std::string dir = advtest::tempDir();

    std::string write(const std::string& name, const std::string& text) {
        const std::string p = dir + "/" + name;
        fs::writeFileAtomic(p, text);
        return p;
    }

private Q_SLOTS:
    void loadsEveryMaskKind() {
        coco::Rle r;
        r.h = 4, r.w = 5, r.counts = {2, 3, 15};
        const std::string text = J("{'images':[{'id':7,'file_name':'a.jpg','width':5,'height':4}],"
          "          'categories':[{'id':0,'name':'shirt, blouse','supercategory':'upperbody'},{'id':10,'name':'dress','supercategory':'wholebody'}],"
          "          'attributes':[{'id':317,'name':'plain (pattern)','supercategory':'textile pattern'}],"
          "          'annotations':["
          "            {'id':1,'image_id':7,'category_id':10,'attribute_ids':[317],'area':4.0,'bbox':[1,1,2,2],'iscrowd':0,"
          "             'segmentation':[[1,1,3,1,3,3,1,3]]},"
          "            {'id':2,'image_id':7,'category_id':0,'attribute_ids':[],'area':3,'iscrowd':0,"
          "             'segmentation':{'size':[4,5],'counts':'" + r.toString() + "'}},"
          "            {'id':3,'image_id':7,'category_id':0,'area':3,'iscrowd':1,"
          "             'segmentation':{'size':[4,5],'counts':[2,3,15]}},"
          "            {'id':4,'image_id':99,'category_id':0,'area':1,'segmentation':[[0,0,1,0,1,1]]},"
          "            {'id':5,'image_id':7,'category_id':44,'area':1,'segmentation':[[0,0,1,0,1,1]]}"
          "          ]}");
        auto ds = coco::loadCoco(write("kinds.json", text));
        QCOMPARE(ds.annotations.size(), size_t(3));
        QCOMPARE(ds.issues.size(), size_t(2));
        QVERIFY(ds.issues[0].find("annotation 4 names image 99") != std::string::npos);
        QVERIFY(ds.issues[1].find("annotation 5 names category 44") != std::string::npos);
        QCOMPARE(ds.annotations[0].seg, coco::SegKind::Polygons);
        QCOMPARE(ds.annotations[1].seg, coco::SegKind::RleString);
        QCOMPARE(ds.annotations[2].seg, coco::SegKind::RleCounts);
        QCOMPARE(ds.rle(ds.annotations[0]).area(), uint64_t(4));
        QCOMPARE(ds.rle(ds.annotations[1]).area(), uint64_t(3));
        QCOMPARE(ds.rle(ds.annotations[2]).counts, r.counts);
        QCOMPARE(ds.attributeIds(ds.annotations[0]), std::vector<int>{317});
        QCOMPARE(ds.annotationsOfImage(7).size(), size_t(3));
        QVERIFY(ds.annotations[2].iscrowd);
        // Crowd regions: kept out of training selections by default, listed when asked (the CLI's list does).
        coco::Query q;
        q.categories = {"shirt"};
        QCOMPARE(coco::select(ds, q), std::vector<size_t>{1});
        q.excludeCrowd = false;
        QCOMPARE(coco::select(ds, q), (std::vector<size_t>{1, 2}));
        QCOMPARE(coco::categoriesMatching(ds, "shirt"), std::vector<int>{0});
        QCOMPARE(coco::categoriesMatching(ds, "Blouse"), std::vector<int>{0});
        QCOMPARE(coco::readableCategory("top, t-shirt, sweatshirt"), std::string("top"));
    }

    void malformedMaskNamesTheAnnotation() {
        const std::string text = J("{'images':[{'id':1,'file_name':'a.jpg','width':5,'height':4}],"
          "          'categories':[{'id':0,'name':'dress'}],"
          "          'annotations':[{'id':42,'image_id':1,'category_id':0,'area':1,'segmentation':[[0,0,1,1]]},"
          "                         {'id':43,'image_id':1,'category_id':0,'area':1,'segmentation':{'size':[4,5],'counts':[3,4]}}]}");
        auto ds = coco::loadCoco(write("bad.json", text));
        QCOMPARE(ds.annotations.size(), size_t(2));
        try {
            ds.rle(ds.annotations[0]);
            QFAIL("expected an error");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("annotation 42: polygon 0 has 2 points") != std::string::npos, e.what());
        }
        try {
            ds.rle(ds.annotations[1]);
            QFAIL("expected an error");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("annotation 43") != std::string::npos, e.what());
        }
    }

    void corruptJsonNamesFileAndByte() {
        const std::string p = write("corrupt.json", J("{'images':[{'id':1,'file_name':'a.jpg'},"));
        try {
            coco::loadCoco(p);
            QFAIL("expected an error");
        } catch (const FileError& e) {
            const std::string m = e.what();
            QVERIFY2(m.find(p) == 0 && m.find("invalid JSON at byte") != std::string::npos, m.c_str());
        }
        QVERIFY_EXCEPTION_THROWN(coco::loadCoco(dir + "/missing.json"), FileError);
        QVERIFY_EXCEPTION_THROWN(coco::loadCoco(write("empty.json", "{}")), FileError);
        // Both JSON drivers refuse the same broken files with one line naming the file.
        for (auto parser : {coco::JsonParser::Nlohmann, coco::JsonParser::Simdjson}) {
            if (parser == coco::JsonParser::Simdjson && !coco::haveFastJsonParser()) continue;
            for (const std::string& bad : {J("{'images':[]} x"), J("{'images':[}"), J("[1,2"), std::string("tru"),
                                           J("{'categories':[{'id':1,'name':'a\\ud800'}]}"), std::string(600, '[')}) {
                try {
                    coco::loadCoco(write("bad.json", bad), {}, nullptr, parser);
                    QFAIL(("accepted: " + bad.substr(0, 40)).c_str());
                } catch (const FileError& e) {
                    const std::string m = e.what();
                    QVERIFY2(m.find(dir + "/bad.json") == 0 && m.find('\n') == std::string::npos, m.c_str());
                }
            }
        }
    }

    // simdjson's walk and nlohmann's SAX parser drive one handler: the same Dataset, record for record, on
    // every mask kind, numbers of every JSON kind (1, 1.0, 2e0, beyond 64 bits) and escaped strings.
    void bothJsonDriversGiveTheSameDataset() {
        if (!coco::haveFastJsonParser()) QSKIP("this build has no simdjson");
        synth::SynthOptions o;
        o.images = 10;
        o.seed = 9;
        auto res = synth::writeDataset(dir + "/drivers", o);
        std::string text = fs::readFile(res.annotationPath);
        // Numbers as other writers spell them, and an escaped name.
        text.replace(text.find("\"id\":1,"), 7, "\"id\":1.0,");
        text += "\n";
        const std::string path = write("drivers.json", text);
        const auto a = coco::loadCoco(path, {}, nullptr, coco::JsonParser::Nlohmann);
        const auto b = coco::loadCoco(path, {}, nullptr, coco::JsonParser::Simdjson);
        QCOMPARE(b.images.size(), a.images.size());
        QCOMPARE(b.annotations.size(), a.annotations.size());
        QCOMPARE(b.issues, a.issues);
        for (size_t i = 0; i < a.annotations.size(); ++i) {
            QCOMPARE(b.annotations[i].id, a.annotations[i].id);
            QCOMPARE(b.annotations[i].seg, a.annotations[i].seg);
            QCOMPARE(b.attributeIds(b.annotations[i]), a.attributeIds(a.annotations[i]));
            QCOMPARE(b.rle(b.annotations[i]).counts, a.rle(a.annotations[i]).counts);
        }
        QCOMPARE(b.coords_, a.coords_);
        const std::string odd = write("odd.json", J("{'images':[{'id':2e0,'file_name':'a\\u00e9.jpg','width':10,'height':1e1},"
                                                    "{'id':18446744073709551616,'file_name':'b.jpg','width':4,'height':4}],"
                                                    "'categories':[{'id':1,'name':'shirt\\nblouse'}],"
                                                    "'annotations':[{'id':7,'image_id':2,'category_id':1,'bbox':[1,2,3,4],"
                                                    "'segmentation':[[0,0,5,0,5,5]],'area':12.5,'iscrowd':0}]}"));
        const auto x = coco::loadCoco(odd, {}, nullptr, coco::JsonParser::Nlohmann);
        const auto y = coco::loadCoco(odd, {}, nullptr, coco::JsonParser::Simdjson);
        QCOMPARE(y.images.size(), x.images.size());
        for (size_t i = 0; i < x.images.size(); ++i) {
            QCOMPARE(y.images[i].id, x.images[i].id);
            QCOMPARE(y.images[i].fileName, x.images[i].fileName);
            QCOMPARE(y.images[i].height, x.images[i].height);
        }
        QCOMPARE(y.categories[0].name, x.categories[0].name);
        QCOMPARE(y.issues, x.issues);
        QCOMPARE(y.annotations.size(), size_t(1));
        QCOMPARE(y.annotations[0].area, 12.5);
    }

    void syntheticDatasetRoundTrip() {
        synth::SynthOptions o;
        o.images = 12;
        o.seed = 5;
        o.width = 128;
        o.height = 160;
        auto res = synth::writeDataset(dir + "/synth", o);
        auto ds = coco::loadCoco(res.annotationPath);
        QVERIFY(ds.issues.empty());
        QCOMPARE(static_cast<int>(ds.annotations.size()), res.annotations);
        QCOMPARE(ds.checkImages(res.imagesDir), size_t(0));
        int rle = 0, poly = 0, counts = 0;
        for (const auto& a : ds.annotations) {
            rle += a.seg == coco::SegKind::RleString;
            poly += a.seg == coco::SegKind::Polygons;
            counts += a.seg == coco::SegKind::RleCounts;
            const double pixels = static_cast<double>(ds.rle(a).area());
            if (a.seg == coco::SegKind::Polygons) QVERIFY(std::abs(pixels - a.area) <= 0.08 * a.area + 12);
            else QCOMPARE(pixels, a.area);
        }
        QVERIFY(rle > 0 && poly > 0);
        std::filesystem::remove(res.imagesDir + "/synth_3.png");
        QCOMPARE(ds.checkImages(res.imagesDir), size_t(1));
        QVERIFY(ds.image(3)->missing);
    }

    void queries() {
        synth::SynthOptions o;
        o.images = 40;
        o.seed = 9;
        auto res = synth::writeDataset(dir + "/q", o);
        auto ds = coco::loadCoco(res.annotationPath);
        coco::Query q;
        q.categories = {"dress", "pants", "shirt", "sweater"};
        auto all = coco::select(ds, q);
        QVERIFY(!all.empty());
        for (size_t i : all) {
            const int c = ds.annotations[i].categoryId;
            QVERIFY(c == 10 || c == 6 || c == 0 || c == 2);
        }
        q.perCategory = 1;
        auto one = coco::select(ds, q);
        QVERIFY(one.size() <= 4 && !one.empty());
        q.perCategory = 0;
        q.minArea = 1e9;
        QVERIFY(coco::select(ds, q).empty());
        q.minArea = 0;
        q.withAttributes = {328};  // stripe
        for (size_t i : coco::select(ds, q)) {
            auto at = ds.attributeIds(ds.annotations[i]);
            QVERIFY(std::find(at.begin(), at.end(), 328) != at.end());
        }
        q.withAttributes.clear();
        q.withoutAttributes = {317};
        for (size_t i : coco::select(ds, q)) {
            auto at = ds.attributeIds(ds.annotations[i]);
            QVERIFY(std::find(at.begin(), at.end(), 317) == at.end());
        }
        coco::Query side;
        side.minSide = 60;
        for (size_t i : coco::select(ds, side)) {
            auto b = coco::annotationBox(ds, ds.annotations[i]);
            QVERIFY(std::min(b[2], b[3]) >= 60);
        }
    }

    void generatorUsesTheRealTaxonomy() {
        const auto cats = nlohmann::json::parse(fs::readFile(advtest::dataDir() + "/fashionpedia/categories.json"));
        const auto attrs = nlohmann::json::parse(fs::readFile(advtest::dataDir() + "/fashionpedia/attributes.json"));
        synth::SynthOptions o;
        o.images = 30;
        o.totalAnnotations = 400;
        auto res = synth::writeDataset(dir + "/tax", o);
        auto ds = coco::loadCoco(res.annotationPath);
        for (const auto& c : ds.categories) {
            bool found = false;
            for (const auto& r : cats)
                if (r["id"] == c.id) found = r["name"] == c.name && r["supercategory"] == c.supercategory;
            QVERIFY2(found, c.name.c_str());
        }
        for (const auto& a : ds.attributes) {
            bool found = false;
            for (const auto& r : attrs)
                if (r["id"] == a.id) found = r["name"] == a.name && r["supercategory"] == a.supercategory;
            QVERIFY2(found, a.name.c_str());
        }
        QCOMPARE(static_cast<int>(ds.annotations.size()), 400);
    }

    void generatorIsDeterministic() {
        synth::SynthOptions o;
        o.images = 6;
        o.seed = 77;
        auto a = synth::writeDataset(dir + "/d1", o);
        auto b = synth::writeDataset(dir + "/d2", o);
        QCOMPARE(fs::readFile(a.annotationPath), fs::readFile(b.annotationPath));
        QCOMPARE(fs::readFile(a.imagesDir + "/synth_4.png"), fs::readFile(b.imagesDir + "/synth_4.png"));
    }
};

QTEST_GUILESS_MAIN(TestCocoDataset)
#include "test_coco_dataset.moc"
