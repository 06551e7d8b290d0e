#include "io/safetensors.h"

#include "util/error.h"
#include "util/fs.h"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <limits>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace adv {

using json = nlohmann::json;

struct SafeTensors::Mapping {
    void* data = nullptr;
    size_t size = 0;
    ~Mapping() {
        if (data && data != MAP_FAILED) ::munmap(data, size);
    }
};

namespace {
size_t dtypeSize(const std::string& d) {
    if (d == "F64" || d == "I64" || d == "U64") return 8;
    if (d == "F32" || d == "I32" || d == "U32") return 4;
    if (d == "F16" || d == "BF16" || d == "I16" || d == "U16") return 2;
    if (d == "I8" || d == "U8" || d == "BOOL" || d == "F8_E4M3" || d == "F8_E5M2") return 1;
    return 0;
}
} // namespace

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
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        int err = errno;
        throw FileError(path, err == ENOENT ? "file not found" : std::string("cannot open: ") + std::strerror(err));
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        throw FileError(path, "not a regular file");
    }
    const uint64_t fileSize = static_cast<uint64_t>(st.st_size);
    if (fileSize < 8) {
        ::close(fd);
        throw FileError(path, "truncated safetensors file: " + std::to_string(fileSize) + " bytes, no header");
    }
    map_->size = fileSize;
    map_->data = ::mmap(nullptr, fileSize, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    ::close(fd);
    if (map_->data == MAP_FAILED) {
        map_->data = nullptr;
        throw FileError(path, std::string("mmap failed: ") + std::strerror(errno));
    }
    const auto* bytes = static_cast<const unsigned char*>(map_->data);
    uint64_t headerLen = 0;
    for (int i = 7; i >= 0; --i) headerLen = (headerLen << 8) | bytes[i];
    if (headerLen > fileSize - 8 || headerLen > (100ull << 20))
        throw FileError(path, "bad safetensors header: header length " + std::to_string(headerLen) +
                                  " exceeds file size " + std::to_string(fileSize));
    dataStart_ = 8 + headerLen;
    const uint64_t dataSize = fileSize - dataStart_;
    json header;
    try {
        header = json::parse(reinterpret_cast<const char*>(bytes + 8), reinterpret_cast<const char*>(bytes + 8 + headerLen));
    } catch (const json::exception& e) {
        throw FileError(path, std::string("bad safetensors header: invalid JSON (") + e.what() + ")");
    }
    if (!header.is_object()) throw FileError(path, "bad safetensors header: not a JSON object");
    for (auto it = header.begin(); it != header.end(); ++it) {
        const std::string& name = it.key();
        if (name == "__metadata__") {
            if (it->is_object())
                for (auto m = it->begin(); m != it->end(); ++m)
                    if (m->is_string()) metadata_[m.key()] = m->get<std::string>();
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
        const size_t esize = dtypeSize(info.dtype);
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
        index_[name] = entries_.size();
        entries_.push_back(std::move(info));
    }
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
    auto* ptr = static_cast<char*>(map_->data) + dataStart_ + ti.begin;
    const auto opts = torch::TensorOptions().dtype(type).device(torch::kCPU);
    const size_t esize = dtypeSize(ti.dtype);
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
