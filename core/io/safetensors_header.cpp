#include "io/safetensors_header.h"

#include "util/error.h"

#include <nlohmann/json.hpp>

#include <limits>

namespace adv {

using json = nlohmann::json;

size_t safetensorsDtypeSize(const std::string& d) {
    if (d == "F64" || d == "I64" || d == "U64") return 8;
    if (d == "F32" || d == "I32" || d == "U32") return 4;
    if (d == "F16" || d == "BF16" || d == "I16" || d == "U16") return 2;
    if (d == "I8" || d == "U8" || d == "BOOL" || d == "F8_E4M3" || d == "F8_E5M2") return 1;
    return 0;
}

SafeTensorsHeader parseSafeTensorsHeader(const unsigned char* bytes, uint64_t fileSize, const std::string& path) {
    SafeTensorsHeader h;
    if (fileSize < 8) throw FileError(path, "truncated safetensors file: " + std::to_string(fileSize) + " bytes, no header");
    uint64_t headerLen = 0;
    for (int i = 7; i >= 0; --i) headerLen = (headerLen << 8) | bytes[i];
    if (headerLen > fileSize - 8 || headerLen > (100ull << 20))
        throw FileError(path, "bad safetensors header: header length " + std::to_string(headerLen) +
                                  " exceeds file size " + std::to_string(fileSize));
    h.dataStart = 8 + headerLen;
    const uint64_t dataSize = fileSize - h.dataStart;
    json header;
    try {
        header = json::parse(reinterpret_cast<const char*>(bytes + 8), reinterpret_cast<const char*>(bytes + 8 + headerLen));
    } catch (const json::exception& e) {
        throw FileError(path, "bad safetensors header: " + jsonErrorText(e));
    }
    if (!header.is_object()) throw FileError(path, "bad safetensors header: not a JSON object");
    for (auto it = header.begin(); it != header.end(); ++it) {
        const std::string& name = it.key();
        if (name == "__metadata__") {
            if (it->is_object())
                for (auto m = it->begin(); m != it->end(); ++m)
                    if (m->is_string()) h.metadata[m.key()] = m->get<std::string>();
            continue;
        }
        const json& e = it.value();
        auto bad = [&](const std::string& why) { return FileError(path, "tensor '" + name + "': " + why); };
        if (!e.is_object() || !e.contains("dtype") || !e.contains("shape") || !e.contains("data_offsets"))
            throw bad("entry needs dtype, shape and data_offsets");
        TensorInfo info;
        info.name = name;
        if (!e["dtype"].is_string()) throw bad("dtype is not a string");
        info.dtype = e["dtype"].get<std::string>();
        const size_t esize = safetensorsDtypeSize(info.dtype);
        if (esize == 0) throw bad("unknown dtype " + info.dtype);
        if (!e["shape"].is_array()) throw bad("shape is not a list");
        uint64_t numel = 1;
        for (const auto& d : e["shape"]) {
            if (!d.is_number_integer() || d.get<int64_t>() < 0) throw bad("shape has a negative or non-integer dimension");
            const uint64_t v = d.get<uint64_t>();
            if (v != 0 && numel > std::numeric_limits<uint64_t>::max() / v) throw bad("shape overflows");
            numel *= v;
            info.shape.push_back(static_cast<int64_t>(v));
        }
        const auto& off = e["data_offsets"];
        if (!off.is_array() || off.size() != 2 || !off[0].is_number_unsigned() || !off[1].is_number_unsigned())
            throw bad("data_offsets must be two non-negative integers");
        info.begin = off[0].get<uint64_t>();
        info.end = off[1].get<uint64_t>();
        if (info.end < info.begin) throw bad("data_offsets end before begin");
        if (info.end > dataSize)
            throw bad("data ends at byte " + std::to_string(info.end) + " but the data block has only " +
                      std::to_string(dataSize) + " bytes (truncated file?)");
        if (numel > std::numeric_limits<uint64_t>::max() / esize || numel * esize != info.end - info.begin)
            throw bad("shape and dtype need " + std::to_string(numel * esize) + " bytes but data_offsets span " +
                      std::to_string(info.end - info.begin));
        h.entries.push_back(std::move(info));
    }
    return h;
}


} // namespace adv
