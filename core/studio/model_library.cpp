#include "studio/model_library.h"

#include "io/safetensors_header.h"
#include "util/error.h"
#include "util/fs.h"
#include "util/sha256.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>

namespace adv::studio {
namespace sfs = std::filesystem;
using json = nlohmann::json;

namespace {

constexpr uint64_t kMaxHeaderBytes = 100ull << 20;  // the reader's own limit for a safetensors header

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}
bool contains(const std::string& s, const char* what) { return s.find(what) != std::string::npos; }

// Header only: 8 bytes of length, then the JSON.
SafeTensorsHeader readHeader(const std::string& path) {
    std::error_code ec;
    const uint64_t size = sfs::file_size(path, ec);
    if (ec) throw FileError(path, "cannot read (" + ec.message() + ")");
    std::ifstream in(path, std::ios::binary);
    unsigned char len8[8];
    if (size < 8 || !in.read(reinterpret_cast<char*>(len8), 8)) throw FileError(path, "not a safetensors file (shorter than 8 bytes)");
    uint64_t n = 0;
    for (int i = 7; i >= 0; --i) n = (n << 8) | len8[i];
    if (n > kMaxHeaderBytes || n > size - 8)
        throw FileError(path, "truncated or not a safetensors file (its first 8 bytes announce a header of " + std::to_string(n) +
                                  " bytes in a file of " + std::to_string(size) + ")");
    std::vector<unsigned char> buf(8 + n);
    std::copy(len8, len8 + 8, buf.begin());
    if (!in.read(reinterpret_cast<char*>(buf.data() + 8), static_cast<std::streamsize>(n))) throw FileError(path, "truncated header");
    return parseSafeTensorsHeader(buf.data(), size, path);
}

// SHA-256 prefixes, cached by path, size and modification time (a checkpoint's hash takes seconds).
class HashCache {
public:
    explicit HashCache(std::string file) : file_(std::move(file)) {
        if (file_.empty()) return;
        try {
            data_ = json::parse(fs::readFile(file_));
            if (!data_.is_object()) data_ = json::object();
        } catch (const std::exception&) {
            data_ = json::object();  // absent or damaged: rebuilt
        }
    }
    std::string hash(const std::string& path) {
        std::error_code ec;
        const auto size = sfs::file_size(path, ec);
        const auto mtime = static_cast<int64_t>(sfs::last_write_time(path, ec).time_since_epoch().count());
        if (ec) return {};
        auto it = data_.find(path);
        if (it != data_.end() && it->is_object() && it->value("size", uint64_t(0)) == size &&
            it->value("mtime", int64_t(0)) == mtime && it->value("sha256", std::string()).size() == 64)
            return (*it)["sha256"].get<std::string>();
        const std::string h = sha256File(path);
        data_[path] = {{"size", size}, {"mtime", mtime}, {"sha256", h}};
        dirty_ = true;
        return h;
    }
    ~HashCache() {
        if (!dirty_ || file_.empty()) return;
        try {
            sfs::create_directories(sfs::path(file_).parent_path());
            fs::writeFileAtomic(file_, data_.dump());
        } catch (const std::exception&) {
            // a cache that cannot be written costs time next scan, nothing else
        }
    }

private:
    std::string file_;
    json data_ = json::object();
    bool dirty_ = false;
};

void keepMetadata(LibraryEntry& e, const std::map<std::string, std::string>& md) {
    static const std::set<std::string> bulky{"ss_tag_frequency", "ss_dataset_dirs", "ss_datasets", "ss_bucket_info",
                                             "ss_reg_dataset_dirs", "modelspec.thumbnail"};
    for (const auto& [k, v] : md) {
        if (bulky.count(k)) continue;
        if (k.rfind("ss_", 0) != 0 && k.rfind("modelspec.", 0) != 0 && k.rfind("advariant_", 0) != 0 && k != "format") continue;
        e.metadata[k] = v.size() > 200 ? v.substr(0, 200) + "..." : v;
    }
}

std::string firstOf(const std::map<std::string, std::string>& md, std::initializer_list<const char*> keys) {
    for (const char* k : keys) {
        auto it = md.find(k);
        if (it != md.end() && !it->second.empty() && it->second != "None") return it->second;
    }
    return {};
}

// 'd' for an adapter's down (A) weight, 'u' for its up (B) weight, 0 for anything else; kohya, PEFT and
// diffusers naming.
char loraPart(const std::string& k) {
    if (contains(k, "lora_down") || contains(k, "lora_A") || contains(k, "lora.down")) return 'd';
    if (contains(k, "lora_up") || contains(k, "lora_B") || contains(k, "lora.up")) return 'u';
    return 0;
}

void describeLora(LibraryEntry& e, const SafeTensorsHeader& h) {
    e.kind = LibraryEntry::Kind::Lora;
    bool unet = false, te = false, conv = false;
    for (const auto& t : h.entries) {
        const std::string& k = t.name;
        const char part = loraPart(k);
        if (!part) continue;
        const bool down = part == 'd';
        if (contains(k, "lora_te") || contains(k, "text_encoder") || contains(k, "text_model")) te = true;
        else unet = true;
        if (down && e.rank == 0 && !t.shape.empty()) e.rank = static_cast<int>(t.shape[0]);
        if (down && t.shape.size() == 4 && (t.shape[2] > 1 || t.shape[3] > 1)) conv = true;
        if (contains(k, "resnets") || contains(k, "_conv1") || contains(k, "_conv2")) conv = true;
    }
    if (unet) e.targets.push_back("UNet");
    if (te) e.targets.push_back("text encoder");
    if (conv) e.targets.push_back("convolutions");
    e.variant = conv ? "LoCon" : "LoRA";
    if (e.rank == 0) {
        auto it = h.metadata.find("ss_network_dim");
        if (it != h.metadata.end()) e.rank = std::atoi(it->second.c_str());
    }
    e.baseModel = firstOf(h.metadata, {"ss_sd_model_name", "advariant_base_model", "ss_base_model_version", "modelspec.architecture"});
    const std::string all = lower(e.name + " " + firstOf(h.metadata, {"ss_output_name", "modelspec.title", "advariant_mode"}) + " " +
                                  firstOf(h.metadata, {"ss_training_comment", "modelspec.description"}));
    e.lcm = contains(all, "lcm") || contains(all, "latent consistency");
}

bool isLoraHeader(const SafeTensorsHeader& h) {
    return std::any_of(h.entries.begin(), h.entries.end(), [](const TensorInfo& t) { return loraPart(t.name) != 0; });
}

const TensorInfo* findTensor(const SafeTensorsHeader& h, const std::string& name) {
    for (const auto& t : h.entries)
        if (t.name == name) return &t;
    return nullptr;
}

void describeCheckpoint(LibraryEntry& e, const SafeTensorsHeader& h) {
    e.kind = LibraryEntry::Kind::Checkpoint;
    bool sd = false, sdxl = false;
    for (const auto& t : h.entries) {
        sd = sd || t.name.rfind("model.diffusion_model.", 0) == 0;
        sdxl = sdxl || t.name.rfind("conditioner.embedders.", 0) == 0;
    }
    if (sdxl) {
        e.variant = "SDXL";
        e.supported = false;
        return;
    }
    if (!sd) {
        e.variant = "unknown";
        e.supported = false;
        e.problem = "neither a LoRA nor a Stable Diffusion checkpoint (no model.diffusion_model.* weights)";
        return;
    }
    const auto* in = findTensor(h, "model.diffusion_model.input_blocks.0.0.weight");
    const auto* k = findTensor(h, "model.diffusion_model.input_blocks.1.1.transformer_blocks.0.attn2.to_k.weight");
    const bool sd2 = k && k->shape.size() == 2 && k->shape[1] == 1024;
    e.variant = sd2 ? "SD 2.x" : "SD 1.x";
    e.supported = !sd2;
    if (in && in->shape.size() == 4 && in->shape[1] == 9) e.variant += " inpainting";
}

uint64_t folderBytes(const sfs::path& dir) {
    uint64_t n = 0;
    std::error_code ec;
    for (auto it = sfs::recursive_directory_iterator(dir, ec); !ec && it != sfs::recursive_directory_iterator(); it.increment(ec))
        if (it->is_regular_file(ec)) {
            const auto ext = lower(it->path().extension().string());
            if (ext == ".safetensors" || ext == ".bin" || ext == ".ckpt") n += it->file_size(ec);
        }
    return n;
}

std::string jsonString(const sfs::path& file, const char* key) {
    try {
        const auto j = json::parse(fs::readFile(file));
        if (j.is_object() && j.contains(key)) return j[key].is_string() ? j[key].get<std::string>() : j[key].dump();
    } catch (const std::exception&) {
    }
    return {};
}

void describeDiffusers(LibraryEntry& e, const sfs::path& dir, HashCache* hashes) {
    e.kind = LibraryEntry::Kind::Diffusers;
    e.bytes = folderBytes(dir);
    const std::string inChannels = jsonString(dir / "unet" / "config.json", "in_channels");
    const std::string crossDim = jsonString(dir / "unet" / "config.json", "cross_attention_dim");
    const std::string prediction = jsonString(dir / "scheduler" / "scheduler_config.json", "prediction_type");
    const bool sd2 = crossDim == "1024";
    e.variant = sd2 ? "SD 2.x" : "SD 1.x";
    if (jsonString(dir / "model_index.json", "_class_name").find("XL") != std::string::npos) {
        e.variant = "SDXL";
        e.supported = false;
    }
    if (inChannels == "9") e.variant += " inpainting";
    if (prediction == "v_prediction") e.variant += " v-prediction";
    if (sd2) e.supported = false;
    if (hashes)
        for (const char* w : {"diffusion_pytorch_model.safetensors", "diffusion_pytorch_model.fp16.safetensors"}) {
            const auto f = dir / "unet" / w;
            if (sfs::exists(f)) {
                e.shortHash = hashes->hash(f.string()).substr(0, 10);
                break;
            }
        }
}

LibraryEntry describe(const sfs::path& p, HashCache* hashes) {
    LibraryEntry e;
    e.path = p.string();
    std::error_code ec;
    if (sfs::is_directory(p, ec)) {
        e.name = p.filename().string();
        if (!sfs::exists(p / "model_index.json", ec) && !sfs::exists(p / "unet" / "config.json", ec)) {
            e.problem = "not a diffusers folder (no model_index.json)";
            return e;
        }
        describeDiffusers(e, p, hashes);
        return e;
    }
    e.name = p.stem().string();
    const auto ext = lower(p.extension().string());
    if (ext == ".ckpt" || ext == ".pt" || ext == ".pth" || ext == ".bin") {
        e.problem = "pickled weights are refused (they can run code): convert to .safetensors";
        e.supported = false;
        e.bytes = sfs::file_size(p, ec);
        return e;
    }
    try {
        const auto h = readHeader(e.path);
        e.bytes = sfs::file_size(p, ec);
        keepMetadata(e, h.metadata);
        if (isLoraHeader(h)) {
            describeLora(e, h);
            if (hashes) e.shortHash = hashes->hash(e.path).substr(0, 12);
        } else {
            describeCheckpoint(e, h);
            if (hashes && e.problem.empty()) e.shortHash = hashes->hash(e.path).substr(0, 10);
        }
    } catch (const Error& ex) {
        e.problem = ex.what();
        e.supported = false;
    }
    return e;
}

void scanFolder(const sfs::path& dir, int depth, const LibraryScanOptions& o, HashCache* hashes, Library& lib,
                std::set<std::string>& seen, const CancelToken* cancel) {
    std::error_code ec;
    std::vector<sfs::path> children;
    for (auto it = sfs::directory_iterator(dir, ec); !ec && it != sfs::directory_iterator(); it.increment(ec))
        children.push_back(it->path());
    std::sort(children.begin(), children.end());
    for (const auto& c : children) {
        throwIfCancelled(cancel);
        if (lib.models.size() + lib.loras.size() >= o.maxEntries) return;
        const std::string name = c.filename().string();
        if (name.empty() || name[0] == '.') continue;
        const std::string canon = sfs::weakly_canonical(c, ec).string();
        if (seen.count(canon)) continue;
        if (sfs::is_directory(c, ec)) {
            if (sfs::exists(c / "model_index.json", ec)) {
                seen.insert(canon);
                lib.models.push_back(describe(c, hashes));
            } else if (depth < o.maxDepth) {
                scanFolder(c, depth + 1, o, hashes, lib, seen, cancel);
            }
            continue;
        }
        const auto ext = lower(c.extension().string());
        if (ext == ".ckpt") {  // listed with the reason it cannot be used, so the user is not left guessing
            seen.insert(canon);
            lib.models.push_back(describe(c, hashes));
            continue;
        }
        if (ext != ".safetensors") continue;
        seen.insert(canon);
        auto e = describe(c, hashes);
        (e.kind == LibraryEntry::Kind::Lora ? lib.loras : lib.models).push_back(std::move(e));
    }
}

std::string humanBytes(uint64_t b) {
    char buf[32];
    if (b >= (1ull << 30)) std::snprintf(buf, sizeof buf, "%.1f GB", b / 1073741824.0);
    else if (b >= (1ull << 20)) std::snprintf(buf, sizeof buf, "%.1f MB", b / 1048576.0);
    else std::snprintf(buf, sizeof buf, "%.0f kB", b / 1024.0);
    return buf;
}

} // namespace

std::string LibraryEntry::kindName() const {
    switch (kind) {
    case Kind::Diffusers: return "diffusers";
    case Kind::Checkpoint: return "checkpoint";
    case Kind::Lora: return "lora";
    }
    return "";
}

std::string LibraryEntry::label() const {
    std::string s = name + (embedded ? " (embedded)" : "") + " — " + variant;
    if (kind == Kind::Lora && rank > 0) s += " rank " + std::to_string(rank);
    if (lcm) s += ", LCM";
    s += ", " + humanBytes(bytes);
    if (!shortHash.empty()) s += " [" + shortHash + "]";
    if (!problem.empty()) s += " — " + problem;
    return s;
}

LibraryEntry describeModelPath(const std::string& path, const LibraryScanOptions& o) {
    HashCache cache(o.hashCacheFile);
    return describe(path, o.hashes ? &cache : nullptr);
}

Library scanLibrary(const std::vector<std::string>& folders, const LibraryScanOptions& o, const CancelToken* cancel) {
    HashCache cache(o.hashCacheFile);
    HashCache* hashes = o.hashes ? &cache : nullptr;
    Library lib;
    std::set<std::string> seen;
    std::error_code ec;
    // The embedded model and its LoRAs: always there, first.
    const sfs::path embedded = fs::embeddedModelDir();
    if (sfs::exists(embedded / "model_index.json", ec)) {
        auto m = describe(embedded, hashes);
        m.embedded = true;
        seen.insert(sfs::weakly_canonical(embedded, ec).string());
        lib.models.push_back(std::move(m));
        for (auto it = sfs::directory_iterator(embedded / "loras", ec); !ec && it != sfs::directory_iterator(); it.increment(ec)) {
            if (lower(it->path().extension().string()) != ".safetensors") continue;
            auto l = describe(it->path(), hashes);
            l.embedded = true;
            seen.insert(sfs::weakly_canonical(it->path(), ec).string());
            lib.loras.push_back(std::move(l));
        }
        // demo, then lcm (the accelerator): by name, not in the file system's order.
        std::sort(lib.loras.begin(), lib.loras.end(), [](const LibraryEntry& x, const LibraryEntry& y) { return x.name < y.name; });
    }
    const size_t fixedModels = lib.models.size(), fixedLoras = lib.loras.size();
    for (const auto& f : folders) {
        throwIfCancelled(cancel);
        if (f.empty()) continue;
        if (!sfs::is_directory(f, ec)) {
            lib.problems.push_back(f + ": model folder not found");
            continue;
        }
        scanFolder(f, 0, o, hashes, lib, seen, cancel);
    }
    auto byName = [](const LibraryEntry& a, const LibraryEntry& b) {
        return lower(a.name) != lower(b.name) ? lower(a.name) < lower(b.name) : a.path < b.path;
    };
    std::sort(lib.models.begin() + static_cast<std::ptrdiff_t>(fixedModels), lib.models.end(), byName);
    std::sort(lib.loras.begin() + static_cast<std::ptrdiff_t>(fixedLoras), lib.loras.end(), byName);
    return lib;
}

} // namespace adv::studio
