#include "studio/variant_record.h"

#include "sched/sampler_names.h"
#include "util/error.h"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <sstream>

namespace adv::studio {

using json = nlohmann::json;

namespace {

std::string fileNameOf(const std::string& path) { return std::filesystem::path(path).filename().string(); }

template <typename T>
void read(const json& j, const char* key, T& out) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return;
    if constexpr (std::is_same_v<T, std::string>) {
        if (!it->is_string()) throw Error(std::string(key) + ": expected a string");
        out = it->get<std::string>();
    } else if constexpr (std::is_floating_point_v<T>) {
        if (!it->is_number()) throw Error(std::string(key) + ": expected a number");
        out = it->get<double>();
    } else {
        if (!it->is_number_integer()) throw Error(std::string(key) + ": expected an integer");
        if constexpr (std::is_same_v<T, int>) {
            const int64_t v = it->get<int64_t>();
            if (v < -2147483647LL || v > 2147483647LL) throw Error(std::string(key) + ": out of range");
            out = static_cast<int>(v);
        } else {
            out = it->get<int64_t>();
        }
    }
}

// "Steps: 20, Sampler: Euler a, Lora hashes: \"a: 1, b: 2\"" -> key/value pairs (commas inside quotes kept).
std::vector<std::pair<std::string, std::string>> splitSettings(const std::string& line) {
    std::vector<std::pair<std::string, std::string>> out;
    std::string cur;
    bool quoted = false;
    auto flush = [&] {
        const size_t c = cur.find(": ");
        if (c != std::string::npos) {
            std::string v = cur.substr(c + 2);
            if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
            out.emplace_back(cur.substr(0, c), v);
        }
        cur.clear();
    };
    for (size_t i = 0; i < line.size(); ++i) {
        const char ch = line[i];
        if (ch == '"') quoted = !quoted;
        if (!quoted && ch == ',' && i + 1 < line.size() && line[i + 1] == ' ') {
            flush();
            ++i;
            continue;
        }
        cur += ch;
    }
    flush();
    return out;
}

bool parseInt(const std::string& s, int64_t& out) {
    if (s.empty()) return false;
    errno = 0;
    char* end = nullptr;
    const long long v = std::strtoll(s.c_str(), &end, 10);
    if (errno != 0 || end != s.c_str() + s.size()) return false;
    out = v;
    return true;
}

bool parseDouble(const std::string& s, double& out) {
    if (s.empty()) return false;
    std::istringstream in(s);
    in.imbue(std::locale::classic());
    double v = 0;
    if (!(in >> v) || !in.eof()) return false;
    out = v;
    return true;
}

// A LoRA's name as A1111 shows it: the file name without folder and extension.
std::string loraName(const std::string& file) {
    std::string n = file.substr(file.find_last_of("/\\") + 1);
    const size_t dot = n.rfind('.');
    return dot == std::string::npos || dot == 0 ? n : n.substr(0, dot);
}

// Takes A1111's "<lora:NAME:SCALE>" tags out of a prompt (they are how A1111 records the LoRAs used).
std::vector<LoraUse> takeLoraTags(std::string& prompt) {
    std::vector<LoraUse> out;
    size_t at = 0;
    while ((at = prompt.find("<lora:", at)) != std::string::npos) {
        const size_t end = prompt.find('>', at);
        if (end == std::string::npos) break;
        const std::string body = prompt.substr(at + 6, end - at - 6);  // NAME[:SCALE]
        LoraUse u;
        const size_t colon = body.rfind(':');
        double scale = 1.0;
        if (colon != std::string::npos && parseDouble(body.substr(colon + 1), scale)) {
            u.file = body.substr(0, colon);
            u.scale = scale;
        } else {
            u.file = body;
        }
        if (u.file.empty()) {
            at = end + 1;
            continue;
        }
        out.push_back(u);
        size_t from = at, to = end + 1;
        if (from > 0 && prompt[from - 1] == ' ') --from;  // the separating space goes with the tag
        else if (to < prompt.size() && prompt[to] == ' ') ++to;
        prompt.erase(from, to - from);
        at = from;
    }
    return out;
}

} // namespace

std::string VariantRecord::toJson() const {
    json loraList = json::array();
    for (const auto& l : loras) loraList.push_back({{"file", fileNameOf(l.file)}, {"sha256", l.sha256}, {"scale", l.scale}});
    json j{{"prompt", prompt}, {"negative_prompt", negativePrompt}, {"seed", seed}, {"sampler", sampler},
           {"steps", steps}, {"cfg", cfg}, {"width", width}, {"height", height}, {"model", model},
           {"model_hash", modelHash}, {"loras", loraList}, {"concept", concept}, {"condition", condition}};
    if (clipSkip != 1) j["clip_skip"] = clipSkip;
    if (denoisingStrength > 0) j["denoising_strength"] = denoisingStrength;
    if (hiresScale > 0) j["hires_scale"] = hiresScale;
    if (!productSource.empty()) j["product_source"] = productSource;
    if (!pairSet.empty()) j["pair_set"] = pairSet;
    return j.dump();
}

VariantRecord VariantRecord::fromJson(const std::string& text) {
    json j;
    try {
        j = json::parse(text);
    } catch (const json::exception& e) {  // parse errors and number overflow (3e22222) alike
        throw Error(jsonErrorText(e));
    }
    if (!j.is_object()) throw Error("expected a JSON object");
    VariantRecord r;
    read(j, "prompt", r.prompt);
    read(j, "negative_prompt", r.negativePrompt);
    read(j, "seed", r.seed);
    read(j, "sampler", r.sampler);
    read(j, "steps", r.steps);
    read(j, "cfg", r.cfg);
    read(j, "width", r.width);
    read(j, "height", r.height);
    read(j, "clip_skip", r.clipSkip);
    read(j, "denoising_strength", r.denoisingStrength);
    if (!(r.denoisingStrength >= 0 && r.denoisingStrength <= 1)) throw Error("denoising_strength: expected 0 to 1");
    read(j, "hires_scale", r.hiresScale);
    if (!(r.hiresScale >= 0 && r.hiresScale <= 8)) throw Error("hires_scale: expected 0 to 8");
    read(j, "model", r.model);
    read(j, "model_hash", r.modelHash);
    read(j, "concept", r.concept);
    read(j, "condition", r.condition);
    read(j, "product_source", r.productSource);
    read(j, "pair_set", r.pairSet);
    if (auto it = j.find("loras"); it != j.end() && !it->is_null()) {
        if (!it->is_array()) throw Error("loras: expected a list");
        for (const auto& l : *it) {
            if (!l.is_object()) throw Error("loras: expected objects with file, sha256, scale");
            LoraUse u;
            read(l, "file", u.file);
            read(l, "sha256", u.sha256);
            read(l, "scale", u.scale);
            r.loras.push_back(u);
        }
    }
    return r;
}

std::string VariantRecord::toA1111() const {
    std::ostringstream o;
    o.imbue(std::locale::classic());
    o << prompt;
    for (const auto& l : loras) o << " <lora:" << loraName(l.file) << ":" << l.scale << ">";
    o << "\n";
    if (!negativePrompt.empty()) o << "Negative prompt: " << negativePrompt << "\n";
    std::string samplerText = sampler;
    try {
        samplerText = samplerA1111Name(samplerFromName(sampler));
    } catch (const Error&) {
    }
    o << "Steps: " << steps << ", Sampler: " << samplerText << ", CFG scale: " << cfg << ", Seed: " << seed
      << ", Size: " << width << "x" << height;
    if (!modelHash.empty()) o << ", Model hash: " << modelHash;
    if (!model.empty()) o << ", Model: " << model;
    if (denoisingStrength > 0) o << ", Denoising strength: " << denoisingStrength;
    if (hiresScale > 0) o << ", Hires upscale: " << hiresScale;
    if (clipSkip > 1) o << ", Clip skip: " << clipSkip;
    std::string hashes;
    for (const auto& l : loras)
        if (!l.sha256.empty()) hashes += (hashes.empty() ? "" : ", ") + loraName(l.file) + ": " + l.sha256;
    if (!hashes.empty()) o << ", Lora hashes: \"" << hashes << "\"";
    return o.str();
}

VariantRecord VariantRecord::fromA1111(const std::string& text) {
    VariantRecord r;
    std::istringstream in(text);
    std::string line, promptText, loraHashes;
    bool inNegative = false;
    while (std::getline(in, line)) {
        if (line.rfind("Steps: ", 0) == 0) {
            for (const auto& [k, v] : splitSettings(line)) {
                int64_t n = 0;
                double d = 0;
                if (k == "Steps" && parseInt(v, n) && n >= 0 && n <= 100000) r.steps = static_cast<int>(n);
                else if (k == "Sampler") {
                    const std::string s = samplerFromA1111Name(v);
                    r.sampler = s.empty() ? v : s;
                } else if (k == "CFG scale" && parseDouble(v, d)) r.cfg = d;
                else if (k == "Seed" && parseInt(v, n)) r.seed = n;
                else if (k == "Size") {
                    const size_t x = v.find('x');
                    int64_t w = 0, h = 0;
                    if (x != std::string::npos && parseInt(v.substr(0, x), w) && parseInt(v.substr(x + 1), h) && w >= 0 &&
                        h >= 0 && w <= 1000000 && h <= 1000000)
                        r.width = static_cast<int>(w), r.height = static_cast<int>(h);
                } else if (k == "Model hash") r.modelHash = v;
                else if (k == "Model") r.model = v;
                else if (k == "Clip skip" && parseInt(v, n) && n >= 1 && n <= 12) r.clipSkip = static_cast<int>(n);
                else if (k == "Denoising strength" && parseDouble(v, d) && d >= 0 && d <= 1) r.denoisingStrength = d;
                else if (k == "Hires upscale" && parseDouble(v, d) && d > 0 && d <= 8) r.hiresScale = d;
                else if (k == "Lora hashes") loraHashes = v;
            }
            inNegative = false;
        } else if (line.rfind("Negative prompt: ", 0) == 0) {
            r.negativePrompt = line.substr(17);
            inNegative = true;
        } else if (inNegative) {
            r.negativePrompt += "\n" + line;
        } else {
            promptText += (promptText.empty() ? "" : "\n") + line;
        }
    }
    r.loras = takeLoraTags(promptText);
    r.prompt = promptText;
    // "Lora hashes: "name: hash, name2: hash2"" (A1111 1.x): the short hashes of the tagged LoRAs.
    for (const auto& [name, hash] : splitSettings(loraHashes))
        for (auto& l : r.loras)
            if (l.file == name) l.sha256 = hash;
    std::tie(r.concept, r.condition) = guessConceptCondition(r.prompt);
    return r;
}

VariantRecord VariantRecord::fromPngText(const std::map<std::string, std::string>& text) {
    const auto p = text.find("parameters");
    auto fromParams = [&] { return p != text.end() ? fromA1111(p->second) : VariantRecord{}; };
    const auto a = text.find("advariant");
    if (a != text.end()) {
        try {
            VariantRecord r = fromJson(a->second);
            if (r.width == 0 && r.height == 0) {  // older files kept the size in the A1111 text only
                const VariantRecord old = fromParams();
                r.width = old.width;
                r.height = old.height;
            }
            return r;
        } catch (const Error&) {
            // a damaged provenance chunk: fall back to the A1111 text
        }
    }
    return fromParams();
}

std::vector<std::pair<std::string, std::string>> VariantRecord::pngText() const { return {{"parameters", toA1111()}, {"advariant", toJson()}}; }

bool VariantRecord::operator==(const VariantRecord& o) const {
    return prompt == o.prompt && negativePrompt == o.negativePrompt && seed == o.seed && sampler == o.sampler &&
           steps == o.steps && cfg == o.cfg && width == o.width && height == o.height && clipSkip == o.clipSkip &&
           denoisingStrength == o.denoisingStrength && hiresScale == o.hiresScale && model == o.model && modelHash == o.modelHash && loras == o.loras && concept == o.concept &&
           condition == o.condition && productSource == o.productSource && pairSet == o.pairSet;
}

std::pair<std::string, std::string> guessConceptCondition(const std::string& prompt) {
    std::istringstream in(prompt);
    std::vector<std::string> w;
    for (std::string t; in >> t && w.size() < 8;) w.push_back(t);
    if (w.size() < 2 || (w[0] != "a" && w[0] != "an")) return {};
    const std::string concept = w[1];
    if (w.size() >= 5 && (w[2] == "on" || w[2] == "in") && w[3] == "the") return {concept, w[4]};
    if (w.size() >= 4 && w[2] == "in") return {concept, w[3]};
    return {concept, ""};
}

std::string maskFileFor(const std::string& image) {
    return std::filesystem::path(image).replace_extension(".mask.png").string();
}

} // namespace adv::studio
