#include "exportset/export_job.h"

#include "adv_version.h"
#include "exportset/encode.h"
#include "io/png.h"
#include "util/error.h"
#include "util/fs.h"

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <filesystem>
#include <map>
#include <regex>
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

// A1111 "parameters": prompt lines, optional "Negative prompt:", then "Steps: .., Seed: N, ..."
void parseA1111(const std::string& params, Variant& v) {
    std::istringstream in(params);
    std::string line, prompt;
    while (std::getline(in, line)) {
        if (line.rfind("Negative prompt:", 0) == 0) v.negativePrompt = line.substr(17);
        else if (line.rfind("Steps:", 0) == 0) {
            std::smatch m;
            if (std::regex_search(line, m, std::regex(R"(Seed: (-?\d+))"))) v.seed = std::stoll(m[1]);
            if (std::regex_search(line, m, std::regex(R"(Model hash: ([0-9a-fA-F]+))"))) v.modelHash = m[1];
            if (std::regex_search(line, m, std::regex(R"(Model: ([^,]+))"))) v.modelName = m[1];
        } else
            prompt += (prompt.empty() ? "" : "\n") + line;
    }
    v.prompt = prompt;
    // "a dress on the beach" -> concept "dress", condition "beach"
    std::smatch m;
    if (v.concept.empty() && std::regex_search(prompt, m, std::regex(R"(^an? (\w+)(?: (?:on the|in the|in) (\w+))?)"))) {
        v.concept = m[1];
        if (m[2].matched) v.condition = m[2];
    }
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
        std::map<std::string, std::string> text;
        try {
            text = png::readText(f);
        } catch (const std::exception&) {
        }
        if (text.count("parameters")) {
            v.parameters = text["parameters"];
            parseA1111(v.parameters, v);
        }
        if (text.count("advariant")) {
            try {
                const json j = json::parse(text["advariant"]);
                v.prompt = j.value("prompt", v.prompt);
                v.negativePrompt = j.value("negative_prompt", v.negativePrompt);
                v.seed = j.value("seed", v.seed);
                v.concept = j.value("concept", v.concept);
                v.condition = j.value("condition", v.condition);
                v.modelHash = j.value("model_hash", v.modelHash);
                v.modelName = j.value("model", v.modelName);
                for (const auto& l : j.value("loras", json::array()))
                    v.loras.push_back({l.value("file", ""), l.value("sha256", ""), l.value("scale", 1.0)});
            } catch (const json::exception&) {
            }
        }
        if (v.concept.empty()) v.concept = sfs::path(f).stem().string();
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
        cv::Mat bgr = cv::imread(v.image, cv::IMREAD_COLOR);
        if (bgr.empty()) {
            rep.failures.push_back(v.image + ": image missing or unreadable");
            continue;
        }
        cv::Mat rgb, mask;
        cv::cvtColor(bgr, rgb, cv::COLOR_BGR2RGB);
        if (!v.mask.empty()) mask = cv::imread(v.mask, cv::IMREAD_GRAYSCALE);
        const cv::Rect subject = locateSubject(rgb, mask);
        const std::string group = v.concept + "|" + v.condition;
        const std::string ab = abLetter(abCount[group]++);
        const std::string variantId = applyNaming(o.variantNaming, {{"concept", v.concept}, {"condition", v.condition},
                                                                   {"seed", std::to_string(v.seed)}, {"ab", ab},
                                                                   {"index", std::to_string(vi + 1)}});
        for (const auto& p : o.presets) {
            throwIfCancelled(cancel);
            const Reframed r = reframe(rgb, subject, p, o.reframe);
            json prov{{"prompt", v.prompt}, {"negative_prompt", v.negativePrompt}, {"seed", v.seed},
                      {"concept", v.concept}, {"condition", v.condition}, {"model", v.modelName},
                      {"model_hash", v.modelHash}, {"variant_id", variantId}, {"source", sfs::path(v.image).filename().string()},
                      {"preset", {{"platform", p.platform}, {"id", p.id}, {"width", p.width}, {"height", p.height}}},
                      {"exported_by", std::string("AdVariant Studio ") + ADV_VERSION}};
            json loras = json::array();
            for (const auto& l : v.loras) loras.push_back({{"file", l.file}, {"sha256", l.sha256}, {"scale", l.scale}});
            prov["loras"] = loras;
            std::string params = v.parameters.empty() ? v.prompt + "\nSeed: " + std::to_string(v.seed) : v.parameters;
            params += ", Ad preset: " + p.id + " " + std::to_string(p.width) + "x" + std::to_string(p.height);
            Encoded enc = encodeForPreset(r.rgb, p, {{"parameters", params}, {"advariant", prov.dump()}});
            ExportedFile f;
            f.platform = p.platform, f.preset = p.id, f.variantId = variantId, f.concept = v.concept;
            f.condition = v.condition, f.format = enc.format, f.method = enc.method, f.width = p.width, f.height = p.height;
            f.bytes = static_cast<int64_t>(enc.bytes.size()), f.seed = v.seed, f.withinBudget = enc.withinBudget;
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
