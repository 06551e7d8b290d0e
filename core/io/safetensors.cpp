#include "io/safetensors.h"

#include "util/error.h"
#include "util/fs.h"

#include <nlohmann/json.hpp>

#include "platform/platform.h"

#include <cstring>
#include <limits>

namespace adv {

using json = nlohmann::json;

// Copy-on-write mapping of the whole file (platform layer): tensors are views of its pages.
struct SafeTensors::Mapping {
    platform::MappedFile file;
};

torch::ScalarType safetensorsDType(const std::string& d) {
    if (d == "F32") return torch::kFloat32;
    if (d == "F16") return torch::kFloat16;
    if (d == "BF16") return torch::kBFloat16;
    if (d == "F64") return torch::kFloat64;
    if (d == "I64") return torch::kInt64;
    if (d == "I32") return torch::kInt32;
    if (d == "I16") return torch::kInt16;
    if (d == "I8") return torch::kInt8;
    if (d == "U8") return torch::kUInt8;
    if (d == "BOOL") return torch::kBool;
    throw Error("unsupported safetensors dtype " + d);
}

std::string safetensorsDTypeName(torch::ScalarType t) {
    switch (t) {
    case torch::kFloat32: return "F32";
    case torch::kFloat16: return "F16";
    case torch::kBFloat16: return "BF16";
    case torch::kFloat64: return "F64";
    case torch::kInt64: return "I64";
    case torch::kInt32: return "I32";
    case torch::kInt16: return "I16";
    case torch::kInt8: return "I8";
    case torch::kUInt8: return "U8";
    case torch::kBool: return "BOOL";
    default: throw Error(std::string("cannot store dtype ") + c10::toString(t) + " in safetensors");
    }
}

SafeTensors::SafeTensors(const std::string& path) : path_(path), map_(std::make_shared<Mapping>()) {
    map_->file = platform::MappedFile(platform::pathFromUtf8(path));
    const uint64_t fileSize = map_->file.size();
    if (fileSize < 8)
        throw FileError(path, "truncated safetensors file: " + std::to_string(fileSize) + " bytes, no header");
    auto h = parseSafeTensorsHeader(map_->file.data(), fileSize, path);
    entries_ = std::move(h.entries);
    metadata_ = std::move(h.metadata);
    dataStart_ = h.dataStart;
    for (size_t i = 0; i < entries_.size(); ++i) index_[entries_[i].name] = i;
}

SafeTensors::~SafeTensors() = default;

const TensorInfo& SafeTensors::info(const std::string& name) const {
    auto it = index_.find(name);
    if (it == index_.end()) throw FileError(path_, "no tensor named '" + name + "'");
    return entries_[it->second];
}

std::vector<std::string> SafeTensors::names() const {
    std::vector<std::string> out;
    out.reserve(entries_.size());
    for (const auto& e : entries_) out.push_back(e.name);
    return out;
}

torch::Tensor SafeTensors::tensor(const std::string& name) const {
    const TensorInfo& ti = info(name);
    torch::ScalarType type;
    try {
        type = safetensorsDType(ti.dtype);
    } catch (const Error& e) {
        throw FileError(path_, "tensor '" + name + "': " + e.what());
    }
    auto* ptr = reinterpret_cast<char*>(map_->file.mutableData()) + dataStart_ + ti.begin;
    const auto opts = torch::TensorOptions().dtype(type).device(torch::kCPU);
    const size_t esize = safetensorsDtypeSize(ti.dtype);
    if (reinterpret_cast<uintptr_t>(ptr) % esize != 0 || ti.end == ti.begin) {
        auto t = torch::empty(ti.shape, opts);
        if (ti.end > ti.begin) std::memcpy(t.data_ptr(), ptr, ti.end - ti.begin);
        return t;
    }
    auto keep = map_;
    return torch::from_blob(ptr, ti.shape, [keep](void*) {}, opts);
}

std::map<std::string, torch::Tensor> loadSafeTensors(const std::string& path) {
    SafeTensors st(path);
    std::map<std::string, torch::Tensor> out;
    for (const auto& e : st.entries()) out[e.name] = st.tensor(e.name).clone();
    return out;
}

void saveSafeTensors(const std::string& path, const std::map<std::string, torch::Tensor>& tensors,
                     const std::map<std::string, std::string>& metadata) {
    json header = json::object();
    if (!metadata.empty()) header["__metadata__"] = metadata;
    std::vector<torch::Tensor> cpu;
    uint64_t offset = 0;
    for (const auto& [name, t] : tensors) {
        auto c = t.detach().to(torch::kCPU).contiguous();
        const uint64_t nbytes = static_cast<uint64_t>(c.numel()) * c.element_size();
        header[name] = {{"dtype", safetensorsDTypeName(c.scalar_type())},
                        {"shape", c.sizes().vec()},
                        {"data_offsets", {offset, offset + nbytes}}};
        offset += nbytes;
        cpu.push_back(c);
    }
    std::string h = header.dump();
    while (h.size() % 8 != 0) h.push_back(' ');
    std::string out;
    out.reserve(8 + h.size() + offset);
    uint64_t n = h.size();
    for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((n >> (8 * i)) & 0xff));
    out += h;
    for (const auto& c : cpu) out.append(static_cast<const char*>(c.data_ptr()), c.numel() * c.element_size());
    fs::writeFileAtomic(path, out);
}

} // namespace adv
