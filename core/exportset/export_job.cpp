#include "exportset/export_job.h"

#include "io/image_file.h"
#include "adv_version.h"
#include "exportset/encode.h"
#include "exportset/placement.h"
#include "brand/text_engine.h"
#include "exportset/reframe.h"
#include "io/png.h"
#include "util/error.h"
#include "util/fs.h"

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <filesystem>
#include <map>
#include <sstream>

namespace adv::exportset {

namespace sfs = std::filesystem;
using json = nlohmann::json;

std::string abLetter(int i) {
    std::string s;
    ++i;
    while (i > 0) {
        --i;
        s.insert(s.begin(), static_cast<char>('A' + i % 26));
        i /= 26;
    }
    return s;
}

namespace {

bool endsWith(const std::string& s, const std::string& suf) {
    return s.size() >= suf.size() && s.compare(s.size() - suf.size(), suf.size(), suf) == 0;
}

std::string sanitize(std::string s) {
    for (auto& c : s)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') c = '-';
    return s.empty() ? std::string("x") : s;
}

std::string csvField(const std::string& s) {
    if (s.find_first_of(",\"\n") == std::string::npos) return s;
    std::string o = "\"";
    for (char c : s) {
        if (c == '"') o += '"';
        o += c;
    }
    return o + "\"";
}

std::string applyNaming(std::string tmpl, const std::map<std::string, std::string>& f) {
    for (const auto& [k, v] : f)
        for (size_t p; (p = tmpl.find("{" + k + "}")) != std::string::npos;) tmpl.replace(p, k.size() + 2, v);
    return sanitize(tmpl);
}

} // namespace

std::vector<Variant> scanVariants(const std::string& dir) {
    std::vector<std::string> files;
    std::error_code ec;
    if (!sfs::is_directory(dir, ec)) throw FileError(dir, "not a folder");
    for (const auto& e : sfs::directory_iterator(dir, ec))
        if (e.is_regular_file() && endsWith(e.path().string(), ".png") && !endsWith(e.path().string(), ".mask.png"))
            files.push_back(e.path().string());
    std::sort(files.begin(), files.end());
    std::vector<Variant> out;
    for (const auto& f : files) {
        Variant v;
        v.image = f;
        const std::string mask = studio::maskFileFor(f);
        if (sfs::exists(mask, ec)) v.mask = mask;
        try {
            v.record = studio::VariantRecord::fromPngText(png::readText(f));
        } catch (const std::exception&) {
            // no readable metadata: exported under its file name
        }
        if (v.record.concept.empty()) v.record.concept = sfs::path(f).stem().string();
        out.push_back(v);
    }
    return out;
}

namespace {

// The CTA wording Meta's bulk import accepts as "Call to Action" (its enum, upper snake case).
std::string metaCallToAction(const std::string& cta) {
    std::string u;
    for (char c : cta) u += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    static const std::pair<const char*, const char*> known[] = {
        {"SHOP NOW", "SHOP_NOW"}, {"LEARN MORE", "LEARN_MORE"}, {"SIGN UP", "SIGN_UP"}, {"ORDER NOW", "ORDER_NOW"},
        {"BUY NOW", "BUY_NOW"},   {"GET OFFER", "GET_OFFER"},   {"BOOK NOW", "BOOK_NOW"}, {"CONTACT US", "CONTACT_US"}};
    for (const auto& [k, v] : known)
        if (u == k) return v;
    return "";
}

void writeManifests(ExportReport& rep, const ExportOptions& o) {
    const bool withCopy = o.brand;
    std::string csv = "file,platform,placement,width,height,bytes,format,concept,condition,seed,variant_id";
    if (withCopy) csv += ",ab_id,copy_id,headline,cta,badge,locale";
    csv += "\n";
    std::string meta = "Ad Name,Title,Call to Action,Image File Name\n";
    json list = json::array();
    for (const auto& f : rep.files) {
        csv += csvField(f.file) + "," + csvField(f.platform) + "," + csvField(f.preset) + "," + std::to_string(f.width) + "," +
               std::to_string(f.height) + "," + std::to_string(f.bytes) + "," + f.format + "," + csvField(f.concept) + "," +
               csvField(f.condition) + "," + std::to_string(f.seed) + "," + csvField(f.variantId);
        if (withCopy)
            csv += "," + csvField(f.abId) + "," + csvField(f.copyId) + "," + csvField(f.headline) + "," + csvField(f.cta) + "," +
                   csvField(f.badge) + "," + csvField(f.locale);
        csv += "\n";
        if (f.platform == "meta")
            meta += csvField(f.variantId + (f.copyId.empty() ? "" : "-" + f.copyId) + "-" + f.preset) + "," + csvField(f.headline) +
                    "," + csvField(metaCallToAction(f.cta)) + "," + csvField(sfs::path(f.file).filename().string()) + "\n";
        json e = {{"file", f.file},         {"platform", f.platform}, {"placement", f.preset}, {"width", f.width},
                  {"height", f.height},     {"bytes", f.bytes},       {"format", f.format},    {"method", f.method},
                  {"concept", f.concept},   {"condition", f.condition}, {"seed", f.seed},     {"variant_id", f.variantId},
                  {"canvas_extended", f.extended}, {"canvas_fill", f.fill}};
        if (withCopy) {
            e["ab_id"] = f.abId;
            e["copy"] = {{"id", f.copyId}, {"headline", f.headline}, {"cta", f.cta}, {"badge", f.badge}, {"locale", f.locale}};
            e["warnings"] = f.warnings;
        }
        list.push_back(e);
    }
    json over = json::array();
    for (const auto& f : rep.overBudget)
        over.push_back({{"placement", f.preset}, {"variant_id", f.variantId}, {"copy_id", f.copyId}, {"smallest_bytes", f.bytes}});
    rep.manifestCsv = (sfs::path(o.outDir) / "manifest.csv").string();
    rep.manifestJson = (sfs::path(o.outDir) / "manifest.json").string();
    fs::writeFileAtomic(rep.manifestCsv, csv);
    fs::writeFileAtomic(rep.manifestJson, json{{"files", list}, {"over_budget", over}, {"failures", rep.failures}}.dump(2));
    // Meta Ads Manager's bulk import columns for image ads (name, headline, CTA enum, image file);
    // matched to the template's column names as documented, not verified against an upload offline.
    if (withCopy && meta.find('\n') != meta.size() - 1) fs::writeFileAtomic(sfs::path(o.outDir) / "meta_bulk_import.csv", meta);
}

json elementsJson(const Composed& c) {
    json els = json::array();
    for (const auto& e : c.elements)
        els.push_back({{"kind", e.kind},
                       {"box", {e.box.x, e.box.y, e.box.width, e.box.height}},
                       {"text_box", {e.textBox.x, e.textBox.y, e.textBox.width, e.textBox.height}},
                       {"text", e.text},
                       {"color", brand::hexColor(e.color)},
                       {"px", std::round(e.px * 10) / 10},
                       {"contrast", std::round(e.contrast * 100) / 100},
                       {"backing", e.backing}});
    return els;
}

struct LoadedVariant {
    cv::Mat rgb, mask;
    cv::Rect subject;
};

bool loadVariant(const Variant& v, ExportReport& rep, LoadedVariant& out) {
    cv::Mat bgr;
    try {
        bgr = io::readImageFile(v.image, cv::IMREAD_COLOR);
    } catch (const FileError& e) {
        rep.failures.push_back(e.what());
        return false;
    }
    cv::cvtColor(bgr, out.rgb, cv::COLOR_BGR2RGB);
    if (!v.mask.empty()) {
        try {
            out.mask = io::readImageFile(v.mask, cv::IMREAD_GRAYSCALE);
        } catch (const FileError& e) {
            rep.failures.push_back(std::string(e.what()) + " (the product mask; exported without it)");
        }
    }
    out.subject = locateSubject(out.rgb, out.mask);
    return true;
}

} // namespace

ExportReport exportVariants(const std::vector<Variant>& variants, const ExportOptions& oIn, const ProgressFn& progress,
                            const CancelToken* cancel) {
    ExportOptions o = oIn;
    if (!o.copy.empty()) o.brand = true;
    if (!o.format.empty() && o.format != "png" && o.format != "jpg" && o.format != "webp")
        throw Error("unknown export format '" + o.format.substr(0, 20) + "' (png, jpg, webp)");
    ExportReport rep;
    std::error_code ec;
    sfs::create_directories(o.outDir, ec);
    if (ec) throw FileError(o.outDir, "cannot create folder: " + ec.message());
    // The kit's logo is read once; a kit whose logo cannot be read stops the export before any file.
    const cv::Mat logo = o.brand && !o.kit.logo.empty() ? loadLogo(o.kit.logo) : cv::Mat();
    brand::FontLibrary fonts;
    std::vector<const CopyRow*> rows;
    for (const auto& c : o.copy) rows.push_back(&c);
    if (rows.empty()) rows.push_back(nullptr);
    std::map<std::string, int> abCount;
    if (o.reframe.fill == Fill::Outpaint && !o.outpaint)
        rep.warnings.push_back("outpainting needs a model: the added canvas was blurred instead");
    const int total = static_cast<int>(variants.size() * o.presets.size() * rows.size());
    int done = 0;
    for (size_t vi = 0; vi < variants.size(); ++vi) {
        const Variant& v = variants[vi];
        const studio::VariantRecord& rec = v.record;
        LoadedVariant lv;
        if (!loadVariant(v, rep, lv)) continue;
        const std::string group = rec.concept + "|" + rec.condition;
        const std::string ab = abLetter(abCount[group]++);
        const std::string variantId = applyNaming(o.variantNaming, {{"concept", rec.concept}, {"condition", rec.condition},
                                                                   {"seed", std::to_string(rec.seed)}, {"ab", ab},
                                                                   {"index", std::to_string(vi + 1)}});
        // The variant's provenance, once; each placement adds its preset (and copy).
        json prov = json::parse(rec.toJson());
        prov["variant_id"] = variantId;
        prov["source"] = sfs::path(v.image).filename().string();
        prov["exported_by"] = std::string("AdVariant Studio ") + ADV_VERSION;
        const std::string a1111 = rec.toA1111();
        OutpaintContext outpaint;
        outpaint.record = &rec;
        outpaint.cancel = cancel;
        for (const auto& p : o.presets) {
            for (const CopyRow* row : rows) {
                throwIfCancelled(cancel);
                const PlacementRender r = renderPlacement(lv.rgb, lv.mask, lv.subject, p, o, row, fonts, logo, true, &outpaint);
                prov["preset"] = {{"platform", p.platform}, {"id", p.id}, {"width", p.width}, {"height", p.height}};
                if (o.brand) {
                    prov["brand"] = {{"kit", o.kit.name}, {"elements", elementsJson(r.composed)}};
                    if (row) prov["copy"] = {{"id", row->id}, {"headline", row->headline}, {"cta", row->cta}, {"badge", row->badge}, {"locale", row->locale}};
                }
                const std::string params =
                    a1111 + ", Ad preset: " + p.id + " " + std::to_string(p.width) + "x" + std::to_string(p.height);
                Encoded enc = encodeForPreset(r.composed.rgb, p, {{"parameters", params}, {"advariant", prov.dump()}}, o.format);
                ExportedFile f;
                f.platform = p.platform, f.preset = p.id, f.variantId = variantId, f.concept = rec.concept;
                f.condition = rec.condition, f.format = enc.format, f.method = enc.method, f.width = p.width, f.height = p.height;
                f.bytes = static_cast<int64_t>(enc.bytes.size()), f.seed = rec.seed, f.withinBudget = enc.withinBudget;
                f.extended = r.frame.extended;
                if (f.extended)
                    f.fill = r.outpainted ? "outpaint" : o.reframe.fill == Fill::Mirror ? "mirror" : "blur";
                if (r.outpainted) prov["canvas_fill"] = "outpaint";
                else prov.erase("canvas_fill");
                f.abId = ab;
                if (row) {
                    f.copyId = row->id, f.headline = row->headline, f.cta = row->cta, f.badge = row->badge, f.locale = row->locale;
                    f.abId = ab + "-" + row->id;
                }
                f.warnings = r.composed.warnings;
                const std::string stem = variantId + (row ? "_" + sanitize(row->id) : "") + "_" + sanitize(p.id) + "_" +
                                         std::to_string(p.width) + "x" + std::to_string(p.height);
                f.file = (sfs::path(sanitize(p.platform)) / (stem + "." + enc.format)).string();
                if (enc.withinBudget) {
                    fs::writeFileAtomic(sfs::path(o.outDir) / f.file, enc.bytes);
                    rep.files.push_back(f);
                } else {
                    rep.overBudget.push_back(f);
                }
                if (progress) progress(++done, total, f.file);
            }
        }
    }
    for (const auto& w : fonts.warnings()) rep.warnings.push_back(w);
    writeManifests(rep, o);
    return rep;
}

} // namespace adv::exportset
