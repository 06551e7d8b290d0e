#include "pairs/pair_record.h"

#include "util/error.h"
#include "util/fs.h"
#include "util/json_read.h"

#include <nlohmann/json.hpp>

#include <sstream>

namespace adv::pairs {

using json = nlohmann::json;

std::string manifestLine(const PairRecord& p) {
    json j{{"id", p.id},           {"source_image", p.sourceImage}, {"annotation_id", p.annotationId},
           {"category_id", p.categoryId}, {"category", p.category},  {"attributes", p.attributes},
           {"condition", p.condition},    {"background_source", p.backgroundSource},
           {"caption", p.caption},        {"image", p.image},       {"seed", p.seed},
           {"state", p.state},            {"caption_edited", p.captionEdited},
           {"scale", p.scale},            {"harmonize", p.harmonize}, {"shadow", p.shadow},
           {"grabcut", p.grabCut}};
    if (!p.mask.empty()) j["mask"] = p.mask;
    // Names from data (captions, categories) may hold any bytes: replace invalid UTF-8 rather than throw.
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::vector<PairRecord> parseManifest(const std::string& text, const std::string& path) {
    std::vector<PairRecord> out;
    std::istringstream in(text);
    std::string line;
    int n = 0;
    while (std::getline(in, line)) {
        ++n;
        if (!line.empty() && line.back() == '\r') line.pop_back();  // a manifest edited on Windows
        if (line.empty()) continue;
        try {
            const json j = json::parse(line);
            if (!j.is_object()) throw FileError(path, "line " + std::to_string(n) + ": not a JSON object");
            PairRecord r;
            const std::string where = path + ": line " + std::to_string(n);
            jsonread::readRequired(j, "id", r.id, where);
            jsonread::readOptional(j, "source_image", r.sourceImage, where);
            jsonread::readOptional(j, "annotation_id", r.annotationId, where);
            jsonread::readOptional(j, "category_id", r.categoryId, where);
            jsonread::readOptional(j, "category", r.category, where);
            jsonread::readOptional(j, "attributes", r.attributes, where);
            jsonread::readOptional(j, "condition", r.condition, where);
            jsonread::readOptional(j, "background_source", r.backgroundSource, where);
            jsonread::readRequired(j, "caption", r.caption, where);
            jsonread::readRequired(j, "image", r.image, where);
            jsonread::readOptional(j, "mask", r.mask, where);
            jsonread::readOptional(j, "seed", r.seed, where);
            jsonread::readOptional(j, "state", r.state, where);
            jsonread::readOptional(j, "caption_edited", r.captionEdited, where);
            jsonread::readOptional(j, "scale", r.scale, where);  // manifests from before these fields: the defaults they were made with
            jsonread::readOptional(j, "harmonize", r.harmonize, where);
            jsonread::readOptional(j, "shadow", r.shadow, where);
            jsonread::readOptional(j, "grabcut", r.grabCut, where);
            if (r.state != "pending" && r.state != "accepted" && r.state != "rejected")
                throw FileError(path, "line " + std::to_string(n) + ": state '" + r.state +
                                          "' is not one of pending, accepted, rejected");
            if (!(r.scale > 0.05 && r.scale <= 1) || !(r.harmonize >= 0 && r.harmonize <= 1))
                throw FileError(path, "line " + std::to_string(n) +
                                          ": scale must be in (0.05, 1] and harmonize in [0, 1]");
            for (const std::string* rel : {&r.image, &r.mask})
                if (!rel->empty() && !fs::isContainedRelativePath(*rel))
                    throw FileError(path, "line " + std::to_string(n) + ": the path '" + *rel +
                                              "' leaves the pair set's folder");
            if (r.image.empty()) throw FileError(path, "line " + std::to_string(n) + ": 'image' is empty");
            out.push_back(std::move(r));
        } catch (const json::exception& e) {
            throw FileError(path, "line " + std::to_string(n) + ": " + jsonErrorText(e));
        }
    }
    return out;
}

} // namespace adv::pairs
