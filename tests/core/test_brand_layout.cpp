// Brand kits and ad layouts: kit and copy-sheet parsing, text fitting (German and Spanish copy), and
// pixel checks on real exports — no brand pixel outside the safe zone or on the product, the WCAG
// contrast rule on the pixels behind every text, copy x image counts and names, WebP budgets.
#include "core/refdata.h"

#include "brand/brand_kit.h"
#include "brand/text_engine.h"
#include "exportset/ad_layout.h"
#include "exportset/copy_sheet.h"
#include "exportset/encode.h"
#include "exportset/export_job.h"
#include "exportset/placement.h"
#include "exportset/reframe.h"
#include "io/png.h"
#include "util/error.h"
#include "util/fs.h"

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <filesystem>

using namespace adv;
using namespace adv::exportset;
namespace sfs = std::filesystem;

namespace {

Preset preset(const std::string& id, int w, int h, Insets text = {}, Insets subject = {}, int64_t maxBytes = 0,
              std::vector<std::string> formats = {"png"}) {
    return makePreset("test", id, id, w, h, text, subject, maxBytes, formats);
}

// The five placements the issue names, plus the narrowest strip and a skyscraper.
std::vector<Preset> placements() {
    return {preset("story", 1080, 1920, {0.14, 0.20, 0.06, 0.06}),
            preset("square", 1080, 1080, {}, {0.04, 0.04, 0.04, 0.04}),
            preset("rect300", 300, 250, {}, {0.06, 0.06, 0.04, 0.04}),
            preset("leader728", 728, 90, {}, {0.06, 0.06, 0.04, 0.04}),
            preset("landscape1200", 1200, 628, {}, {0.10, 0.10, 0.10, 0.10}),
            preset("mobile320", 320, 50, {}, {0.06, 0.06, 0.04, 0.04}),
            preset("sky160", 160, 600, {}, {0.06, 0.06, 0.04, 0.04})};
}

// A busy scene (stripes of light and dark, so text needs help) with a product whose mask is known.
void writeScene(const std::string& dir, const std::string& name, cv::Rect product) {
    cv::Mat img(512, 512, CV_8UC3);
    for (int y = 0; y < 512; ++y)
        for (int x = 0; x < 512; ++x)
            img.at<cv::Vec3b>(y, x) = ((x / 24 + y / 40) % 2) ? cv::Vec3b(235, 230, 220) : cv::Vec3b(40, 60, 90);
    cv::Mat mask = cv::Mat::zeros(512, 512, CV_8U);
    cv::ellipse(mask, cv::RotatedRect(cv::Point2f(product.x + product.width / 2.f, product.y + product.height / 2.f),
                                      cv::Size2f(product.width, product.height), 0), cv::Scalar(255), cv::FILLED);
    img.setTo(cv::Scalar(30, 40, 200), mask);
    cv::imwrite(dir + "/" + name + ".png", img);
    cv::imwrite(dir + "/" + name + ".mask.png", mask);
}

std::string writeLogo(const std::string& dir) {
    cv::Mat logo(80, 240, CV_8UC4, cv::Scalar(0, 0, 0, 0));
    cv::rectangle(logo, cv::Rect(4, 4, 72, 72), cv::Scalar(40, 120, 250, 255), cv::FILLED);
    cv::putText(logo, "ACME", cv::Point(88, 58), cv::FONT_HERSHEY_SIMPLEX, 1.6, cv::Scalar(20, 20, 20, 255), 4, cv::LINE_AA);
    const std::string f = dir + "/logo.png";
    cv::imwrite(f, logo);
    return f;
}

std::string writeKit(const std::string& dir) {
    writeLogo(dir);
    const std::string kit = R"({"name": "Acme", "logo": "logo.png", "logo_clear_space": 0.25,
      "colors": {"primary": "#0A3D62", "accent": "#F6B93B", "dark": "#111111", "light": "#FFFFFF"},
      "fonts": {"display": {"family": "DejaVu Sans", "style": "Bold"}},
      "headline": {"font": "display", "color": "light", "size": 0.07, "max_lines": 2},
      "cta": {"font": "display", "color": "dark", "fill": "accent", "corner_radius": 0.5},
      "badge": {"font": "display", "color": "light", "fill": "#C0392B", "shape": "pill"}})";
    fs::writeFileAtomic(dir + "/kit.json", kit);
    return dir + "/kit.json";
}

std::vector<CopyRow> twoRows() {
    return parseCopySheet("id,headline,cta,badge,locale\n"
                          "de,\"Sommerschlussverkauf: Größe zählt, Qualität auch\",Jetzt kaufen,-30 %,de-DE\n"
                          "es,\"¡Diseño de año nuevo para el señor!\",Comprar ahora,49 €,es-ES\n",
                          "copy.csv");
}

double luminance(const cv::Vec3b& p) {
    return brand::relativeLuminance(brand::Color{p[0], p[1], p[2]});
}

} // namespace

class TestBrandLayout : public QObject {
    Q_OBJECT
    std::string dir = advtest::tempDir();

private Q_SLOTS:
    void coloursAndContrast() {
        brand::Color c;
        QVERIFY(brand::parseHexColor("#0A3D62", c));
        QCOMPARE(int(c.g), 0x3D);
        QVERIFY(brand::parseHexColor("#fff", c) && c == (brand::Color{255, 255, 255}));
        QVERIFY(!brand::parseHexColor("0A3D62", c) && !brand::parseHexColor("#GG0000", c));
        QCOMPARE(std::round(brand::contrastRatio({0, 0, 0}, {255, 255, 255})), 21.0);
        // #767676 on white is the classic just-passing grey (4.54:1); #777777 just fails (4.48:1).
        QVERIFY(brand::contrastRatio({0x76, 0x76, 0x76}, {255, 255, 255}) >= 4.5);
        QVERIFY(brand::contrastRatio({0x77, 0x77, 0x77}, {255, 255, 255}) < 4.5);
    }

    void kitReadsAndRefusesWithTheField() {
        const std::string kitFile = writeKit(dir);
        const brand::BrandKit k = brand::loadBrandKit(kitFile);
        QCOMPARE(QString::fromStdString(k.name), QStringLiteral("Acme"));
        QVERIFY(sfs::path(k.logo).is_absolute() || sfs::exists(k.logo));
        QVERIFY(k.headline.color == (brand::Color{255, 255, 255}));  // "light" from the palette
        QVERIFY(k.button.fill == (brand::Color{0xF6, 0xB9, 0x3B}));
        // Round trip (paths relative to the kit's folder).
        const brand::BrandKit k2 = brand::parseBrandKit(brand::brandKitToJson(k, dir), "again.json", dir);
        QVERIFY(k2.logo == k.logo && k2.button.fill == k.button.fill && k2.headline.maxLines == k.headline.maxLines);
        const std::pair<const char*, const char*> bad[] = {
            {R"({"logo": "missing.png"})", "logo"},
            {R"({"headline": {"color": "blurple"}})", "headline.color"},
            {R"({"headline": {"max_lines": 40}})", "headline.max_lines"},
            {R"({"cta": {"font": "script"}})", "cta.font"},
            {R"({"colors": {"primary": "red"}})", "colors.primary"},
            {R"({"badge": {"shape": "star"}})", "badge.shape"},
            {R"({"headline": {"size": 1e300}})", "headline.size"},
            {R"([1, 2])", "brand kit"},
            {R"({"name": )", "syntax error"}};
        for (const auto& [text, field] : bad) {
            try {
                brand::parseBrandKit(text, "kit.json", dir);
                QFAIL(text);
            } catch (const FileError& e) {
                const std::string m = e.what();
                QVERIFY2(m.rfind("kit.json: ", 0) == 0 && m.find(field) != std::string::npos, m.c_str());
                QVERIFY2(m.find('\n') == std::string::npos, m.c_str());
            }
        }
    }

    void copySheetParsesRealSheets() {
        // BOM, CRLF, quoted separators and quotes, a line break inside quotes, an extra column.
        const auto rows = parseCopySheet("\xEF\xBB\xBFheadline,cta,campaign\r\n\"Neu: \"\"Größe\"\", Form\",Shop now,summer\r\n"
                                         "\"two\nlines\",,winter\r\n\r\n",
                                         "c.csv");
        QCOMPARE(rows.size(), size_t(2));
        QCOMPARE(QString::fromStdString(rows[0].headline), QString::fromUtf8("Neu: \"Größe\", Form"));
        QCOMPARE(QString::fromStdString(rows[0].id), QStringLiteral("c1"));
        QCOMPARE(QString::fromStdString(rows[1].headline), QStringLiteral("two\nlines"));
        QCOMPARE(QString::fromStdString(rows[1].extra.at("campaign")), QStringLiteral("winter"));
        // Spreadsheet "CSV" in German locales uses ';'.
        const auto semi = parseCopySheet("headline;cta\nHallo, Welt;Los\n", "s.csv");
        QCOMPARE(QString::fromStdString(semi[0].headline), QStringLiteral("Hallo, Welt"));
        const std::pair<const char*, const char*> bad[] = {{"cta\nShop\n", "no 'headline' column"},
                                                            {"headline\n\"open\n", "line 2: a quoted field is not closed"},
                                                            {"id,headline\na,x\na,y\n", "line 3: copy id 'a' appears twice"},
                                                            {"headline\n\xff\xfe\n", "not UTF-8"},
                                                            {"headline,cta\na,b,c\n", "line 2: 3 fields"},
                                                            {"headline\n", "no copy rows"}};
        for (const auto& [text, msg] : bad) {
            try {
                parseCopySheet(text, "copy.csv");
                QFAIL(text);
            } catch (const FileError& e) {
                QVERIFY2(std::string(e.what()).find(msg) != std::string::npos, e.what());
            }
        }
    }

    void textShapesAndWrapsGermanAndSpanish() {
        brand::FontLibrary lib;
        auto font = lib.find(brand::FontRef{"", "DejaVu Sans", "Bold"});
        QVERIFY(lib.warnings().empty());
        // Every character of the copy has a glyph (no .notdef boxes for ä ß ñ ¡ €).
        for (const char* t : {"Größe zählt: Straße", "¡Año nuevo, diseño señor!", "49 € – 30 %"}) {
            const auto line = font->shape(t, 40);
            for (const auto& g : line.glyphs) QVERIFY2(g.id != 0, t);
            QVERIFY(line.width > 100);
        }
        QCOMPARE(QString::fromStdString(brand::toUpperUtf8("Straße ñandú größer")), QString::fromUtf8("STRASSE ÑANDÚ GRÖSSER"));
        // A long compound word in a narrow box: shrinks first, then splits with a hyphen; no line wider than the box.
        const auto b = brand::fitText(font, "Sommerschlussverkaufsrabattaktion jetzt", 180, 200, 40, 14, 3);
        QVERIFY(b.brokeWords);
        QVERIFY(b.lines.size() >= 2 && b.lines.size() <= 3);
        QVERIFY(b.lines[0].text.back() == '-');
        for (const auto& l : b.lines) QVERIFY2(l.width <= 180.5, l.text.c_str());
        // Short copy keeps the largest size.
        const auto s = brand::fitText(font, "Neu", 400, 100, 40, 14, 2);
        QCOMPARE(s.px, 40.0);
        QCOMPARE(s.lines.size(), size_t(1));
        // Too much copy: cut with an ellipsis at the line limit.
        const auto t = brand::fitText(font, std::string(300, 'a') + " b c d e f g h i j k l m n o p q r s t u v", 200, 60, 30, 14, 2);
        QVERIFY(t.truncated && t.lines.size() <= 2);
        // A family that is not installed falls back to the shipped face, with a warning.
        brand::FontLibrary lib2;
        auto f2 = lib2.find(brand::FontRef{"", "Helvetica Neue Imaginary", "Bold"});
        QVERIFY(f2 && lib2.warnings().size() == 1);
        QCOMPARE(QString::fromStdString(f2->family()), QStringLiteral("DejaVu Sans"));
        // A file that is not a font: one line naming it.
        fs::writeFileAtomic(dir + "/bad.ttf", "not a font");
        try {
            brand::Font::open(dir + "/bad.ttf");
            QFAIL("bad font opened");
        } catch (const FileError& e) {
            QVERIFY(std::string(e.what()).find("bad.ttf: not a font") != std::string::npos);
        }
    }

    // The export's own files against the same placement rendered without its brand layer.
    void brandPixelsStayInSafeZoneAndOffProduct() {
        const std::string in = dir + "/in", out = dir + "/out";
        sfs::create_directories(in);
        writeScene(in, "shirt", cv::Rect(150, 110, 220, 300));
        writeScene(in, "dress", cv::Rect(60, 40, 400, 440));  // fills most of the picture
        ExportOptions o;
        o.presets = placements();
        o.outDir = out;
        o.brand = true;
        o.kit = brand::loadBrandKit(writeKit(dir));
        o.copy = twoRows();
        const auto variants = scanVariants(in);
        QCOMPARE(variants.size(), size_t(2));
        const auto rep = exportVariants(variants, o);
        QVERIFY(rep.failures.empty());
        // Every image x every copy row x every placement, named with the copy id.
        QCOMPARE(rep.files.size(), variants.size() * o.copy.size() * o.presets.size());
        brand::FontLibrary fonts;
        const cv::Mat logo = loadLogo(o.kit.logo);
        int checked = 0;
        for (const auto& f : rep.files) {
            QVERIFY2(f.file.find("_" + f.copyId + "_" + f.preset + "_") != std::string::npos, f.file.c_str());
            QVERIFY(f.abId == std::string(f.abId.substr(0, 1)) + "-" + f.copyId);
            const Variant& v = variants[f.variantId.find("shirt") != std::string::npos ? 1 : 0];
            QVERIFY(v.image.find(f.variantId.find("shirt") != std::string::npos ? "shirt" : "dress") != std::string::npos);
            const Preset& p = *std::find_if(o.presets.begin(), o.presets.end(), [&](const Preset& q) { return q.id == f.preset; });
            const CopyRow& row = *std::find_if(o.copy.begin(), o.copy.end(), [&](const CopyRow& c) { return c.id == f.copyId; });
            cv::Mat bgr = cv::imread(out + "/" + f.file, cv::IMREAD_COLOR), exported;
            QCOMPARE(bgr.cols, p.width);
            cv::cvtColor(bgr, exported, cv::COLOR_BGR2RGB);
            cv::Mat rgb, mask = cv::imread(v.mask, cv::IMREAD_GRAYSCALE);
            cv::cvtColor(cv::imread(v.image), rgb, cv::COLOR_BGR2RGB);
            const auto plain = renderPlacement(rgb, mask, locateSubject(rgb, mask), p, o, &row, fonts, logo, false);
            cv::Mat diff;
            cv::absdiff(exported, plain.composed.rgb, diff);
            cv::Mat changed;
            cv::transform(diff, changed, cv::Matx13f(1, 1, 1));
            changed = changed > 0;
            int sx, sy, sw, sh;
            p.safeRect(sx, sy, sw, sh);
            cv::Mat outside = changed.clone();
            outside(cv::Rect(sx, sy, sw, sh)).setTo(0);
            QVERIFY2(cv::countNonZero(outside) == 0, (f.file + ": brand pixels outside the safe zone").c_str());
            const int onProduct = cv::countNonZero(changed & (plain.productMask > 0));
            QVERIFY2(onProduct == 0, (f.file + ": " + std::to_string(onProduct) + " brand pixels on the product").c_str());
            // The brand layer is there: the headline at least, and in portrait and landscape also the logo.
            QVERIFY2(cv::countNonZero(changed) > p.width * p.height / 200, f.file.c_str());
            ++checked;
        }
        QCOMPARE(checked, 28);
        // The manifest lists the cross product with copy and A/B ids.
        const auto m = nlohmann::json::parse(fs::readFile(rep.manifestJson));
        QCOMPARE(m["files"].size(), size_t(28));
        QCOMPARE(QString::fromStdString(m["files"][0]["copy"]["locale"].get<std::string>()), QStringLiteral("de-DE"));
        QVERIFY(fs::readFile(rep.manifestCsv).find("ab_id,copy_id,headline,cta,badge,locale") != std::string::npos);
    }

    // WCAG: every text is at least 4.5:1 against every pixel around its glyphs (picture, scrim or button).
    void contrastRuleOnRealPixels() {
        const std::string in = dir + "/in2";
        sfs::create_directories(in);
        writeScene(in, "tee", cv::Rect(180, 140, 160, 220));
        ExportOptions o;
        o.brand = true;
        o.kit = brand::loadBrandKit(writeKit(dir));
        // A kit whose colours fight the picture: mid-grey headline, button text close to its fill.
        o.kit.headline.color = {128, 128, 128};
        o.kit.cta.color = {240, 200, 90};
        o.copy = twoRows();
        brand::FontLibrary fonts;
        const cv::Mat logo = loadLogo(o.kit.logo);
        const auto variants = scanVariants(in);
        cv::Mat rgb, mask = cv::imread(variants[0].mask, cv::IMREAD_GRAYSCALE);
        cv::cvtColor(cv::imread(variants[0].image), rgb, cv::COLOR_BGR2RGB);
        int texts = 0;
        for (const Preset& p : placements()) {
            const auto r = renderPlacement(rgb, mask, locateSubject(rgb, mask), p, o, &o.copy[0], fonts, logo);
            for (const auto& e : r.composed.elements) {
                if (e.kind == "logo") continue;
                ++texts;
                QVERIFY2(e.contrast >= brand::kMinTextContrast,
                         (p.id + " " + e.kind + ": " + std::to_string(e.contrast) + " (" + e.backing + ")").c_str());
                // Independent check: the pixels next to the glyphs (not glyph coverage themselves).
                const double lt = brand::relativeLuminance(e.color);
                const int m = std::max(1, int(0.1 * e.px));
                const cv::Rect around = cv::Rect(e.textBox.x - m, e.textBox.y - m, e.textBox.width + 2 * m, e.textBox.height + 2 * m) &
                                        cv::Rect(0, 0, p.width, p.height);
                double worst = 21;
                for (int y = around.y; y < around.y + around.height; ++y)
                    for (int x = around.x; x < around.x + around.width; ++x) {
                        if (r.composed.textInk.at<uchar>(y, x)) continue;
                        const double lb = luminance(r.composed.rgb.at<cv::Vec3b>(y, x));
                        worst = std::min(worst, (std::max(lt, lb) + 0.05) / (std::min(lt, lb) + 0.05));
                    }
                QVERIFY2(worst >= brand::kMinTextContrast - 1e-9, (p.id + " " + e.kind + ": " + std::to_string(worst)).c_str());
            }
            // The logo's clear space (a quarter of its height by default) holds no other element and no product.
            const auto logoEl = std::find_if(r.composed.elements.begin(), r.composed.elements.end(),
                                             [](const PlacedElement& e) { return e.kind == "logo"; });
            if (logoEl != r.composed.elements.end()) {
                const int cs = int(std::floor(o.kit.logoClearSpace * logoEl->box.height));
                const cv::Rect clear(logoEl->box.x - cs, logoEl->box.y - cs, logoEl->box.width + 2 * cs, logoEl->box.height + 2 * cs);
                for (const auto& e : r.composed.elements)
                    if (e.kind != "logo") QVERIFY2((e.box & clear).area() == 0, (p.id + ": " + e.kind + " in the logo's clear space").c_str());
                QVERIFY2(cv::countNonZero(r.productMask(clear & cv::Rect(0, 0, p.width, p.height))) == 0,
                         (p.id + ": product in the logo's clear space").c_str());
            }
            // The grey headline cannot stand on black-and-white stripes: a scrim or another colour was needed.
            const auto h = std::find_if(r.composed.elements.begin(), r.composed.elements.end(),
                                        [](const PlacedElement& e) { return e.kind == "headline"; });
            QVERIFY(h != r.composed.elements.end());
            QVERIFY2(h->backing == "scrim" || h->color != (brand::Color{128, 128, 128}), p.id.c_str());
        }
        QVERIFY(texts >= 7 * 2);
    }

    void webpWithinBudgetKeepsTheRecord() {
        cv::Mat rgb(628, 1200, CV_8UC3);
        cv::randu(rgb, 0, 255);
        cv::GaussianBlur(rgb, rgb, cv::Size(0, 0), 2);
        const Preset p = preset("w", 1200, 628, {}, {}, 120 * 1024, {"webp"});
        const Encoded e = encodeForPreset(rgb, p, {{"advariant", "{\"seed\": 7, \"note\": \"<&>\"}"}});
        QVERIFY(e.withinBudget);
        QCOMPARE(QString::fromStdString(e.format), QStringLiteral("webp"));
        QVERIFY(int64_t(e.bytes.size()) <= p.maxBytes);
        QCOMPARE(QString::fromStdString(webpRecord(e.bytes)), QStringLiteral("{\"seed\": 7, \"note\": \"<&>\"}"));
        std::vector<uchar> buf(e.bytes.begin(), e.bytes.end());
        const cv::Mat back = cv::imdecode(buf, cv::IMREAD_COLOR);
        QCOMPARE(back.cols, 1200);
        QCOMPARE(back.rows, 628);
        // A budget no WebP can meet is reported, not written over budget.
        const Preset tiny = preset("t", 1200, 628, {}, {}, 300, {"webp"});
        QVERIFY(!encodeForPreset(rgb, tiny, {}).withinBudget);
    }
};

QTEST_GUILESS_MAIN(TestBrandLayout)
#include "test_brand_layout.moc"
