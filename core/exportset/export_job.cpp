#include "exportset/export_job.h"

#include "io/image_file.h"
#include "adv_version.h"
#include "exportset/encode.h"
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
        const std::string mask = f.substr(0, f.size() - 4) + ".mask.png";
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

ExportReport exportVariants(const std::vector<Variant>& variants, const ExportOptions& o, const ProgressFn& progress,
                            const CancelToken* cancel) {
    ExportReport rep;
    std::error_code ec;
    sfs::create_directories(o.outDir, ec);
    if (ec) throw FileError(o.outDir, "cannot create folder: " + ec.message());
    std::map<std::string, int> abCount;
    const int total = static_cast<int>(variants.size() * o.presets.size());
    int done = 0;
    for (size_t vi = 0; vi < variants.size(); ++vi) {
        const Variant& v = variants[vi];
        const studio::VariantRecord& rec = v.record;
        cv::Mat bgr;
        try {
            bgr = io::readImageFile(v.image, cv::IMREAD_COLOR);
        } catch (const FileError& e) {
            rep.failures.push_back(e.what());
            continue;
        }
        if (bgr.empty()) {
            rep.failures.push_back(v.image + ": image missing or unreadable");
            continue;
        }
        cv::Mat rgb, mask;
        cv::cvtColor(bgr, rgb, cv::COLOR_BGR2RGB);
        if (!v.mask.empty()) {
            try {
                mask = io::readImageFile(v.mask, cv::IMREAD_GRAYSCALE);
            } catch (const FileError& e) {
                rep.failures.push_back(std::string(e.what()) + " (the product mask; exported without it)");
            }
        }
        const cv::Rect subject = locateSubject(rgb, mask);
        const std::string group = rec.concept + "|" + rec.condition;
        const std::string ab = abLetter(abCount[group]++);
        const std::string variantId = applyNaming(o.variantNaming, {{"concept", rec.concept}, {"condition", rec.condition},
                                                                   {"seed", std::to_string(rec.seed)}, {"ab", ab},
                                                                   {"index", std::to_string(vi + 1)}});
        // The variant's provenance, once; each placement adds its preset.
        json prov = json::parse(rec.toJson());
        prov["variant_id"] = variantId;
        prov["source"] = sfs::path(v.image).filename().string();
        prov["exported_by"] = std::string("AdVariant Studio ") + ADV_VERSION;
        const std::string a1111 = rec.toA1111();
        for (const auto& p : o.presets) {
            throwIfCancelled(cancel);
            const Reframed r = reframe(rgb, subject, p, o.reframe);
            prov["preset"] = {{"platform", p.platform}, {"id", p.id}, {"width", p.width}, {"height", p.height}};
            const std::string params =
                a1111 + ", Ad preset: " + p.id + " " + std::to_string(p.width) + "x" + std::to_string(p.height);
            Encoded enc = encodeForPreset(r.rgb, p, {{"parameters", params}, {"advariant", prov.dump()}});
            ExportedFile f;
            f.platform = p.platform, f.preset = p.id, f.variantId = variantId, f.concept = rec.concept;
            f.condition = rec.condition, f.format = enc.format, f.method = enc.method, f.width = p.width, f.height = p.height;
            f.bytes = static_cast<int64_t>(enc.bytes.size()), f.seed = rec.seed, f.withinBudget = enc.withinBudget;
            f.extended = r.extended;
            f.file = (sfs::path(sanitize(p.platform)) /
                      (variantId + "_" + sanitize(p.id) + "_" + std::to_string(p.width) + "x" + std::to_string(p.height) + "." + enc.format))
                         .string();
            if (enc.withinBudget) {
                fs::writeFileAtomic(sfs::path(o.outDir) / f.file, enc.bytes);
                rep.files.push_back(f);
            } else {
                rep.overBudget.push_back(f);
            }
            if (progress) progress(++done, total, f.file);
        }
    }
    std::string csv = "file,platform,placement,width,height,bytes,format,concept,condition,seed,variant_id\n";
    json list = json::array();
    for (const auto& f : rep.files) {
        csv += csvField(f.file) + "," + csvField(f.platform) + "," + csvField(f.preset) + "," + std::to_string(f.width) + "," +
               std::to_string(f.height) + "," + std::to_string(f.bytes) + "," + f.format + "," + csvField(f.concept) + "," +
               csvField(f.condition) + "," + std::to_string(f.seed) + "," + csvField(f.variantId) + "\n";
        list.push_back({{"file", f.file}, {"platform", f.platform}, {"placement", f.preset}, {"width", f.width},
                        {"height", f.height}, {"bytes", f.bytes}, {"format", f.format}, {"method", f.method},
                        {"concept", f.concept}, {"condition", f.condition}, {"seed", f.seed}, {"variant_id", f.variantId},
                        {"canvas_extended", f.extended}});
    }
    json over = json::array();
    for (const auto& f : rep.overBudget)
        over.push_back({{"placement", f.preset}, {"variant_id", f.variantId}, {"smallest_bytes", f.bytes}});
    rep.manifestCsv = (sfs::path(o.outDir) / "manifest.csv").string();
    rep.manifestJson = (sfs::path(o.outDir) / "manifest.json").string();
    fs::writeFileAtomic(rep.manifestCsv, csv);
    fs::writeFileAtomic(rep.manifestJson, json{{"files", list}, {"over_budget", over}, {"failures", rep.failures}}.dump(2));
    return rep;
}

} // namespace adv::exportset
