#include "model/weights.h"

#include "io/safetensors.h"
#include "model/key_map.h"
#include "util/error.h"

#include <torch/torch.h>

#include <fstream>
#include <set>
#include <sstream>

namespace adv {

namespace {
std::string shapeStr(at::IntArrayRef s) {
    std::ostringstream o;
    o << "[";
    for (size_t i = 0; i < s.size(); ++i) o << (i ? "," : "") << s[i];
    o << "]";
    return o.str();
}
std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}
bool endsWith(const std::string& s, const std::string& suf) {
    return s.size() >= suf.size() && s.compare(s.size() - suf.size(), suf.size(), suf) == 0;
}
} // namespace

std::string LoadReport::summary() const {
    std::ostringstream o;
    o << component << " (" << source << "): " << loaded << " tensors loaded";
    auto list = [&](const char* what, const std::vector<std::string>& v) {
        if (v.empty()) return;
        o << "; " << v.size() << " " << what << ": ";
        for (size_t i = 0; i < v.size() && i < 5; ++i) o << (i ? ", " : "") << v[i];
        if (v.size() > 5) o << ", ...";
    };
    list("missing", missing);
    list("wrong shape", wrongShape);
    list("unexpected", unexpected);
    return o.str();
}

StateDict readWeights(const std::string& path) {
    const std::string l = lower(path);
    for (const char* ext : {".ckpt", ".pt", ".pth", ".bin", ".pkl"}) {
        if (endsWith(l, ext))
            throw FileError(path, "refusing a pickled PyTorch checkpoint: unpickling can run arbitrary code. "
                                  "Convert it to .safetensors first, e.g. with Python: "
                                  "safetensors.torch.save_file(torch.load(f, weights_only=True)['state_dict'], "
                                  "'model.safetensors')");
    }
    {
        std::ifstream in(path, std::ios::binary);
        char magic[2] = {0, 0};
        if (in && in.read(magic, 2) && ((magic[0] == 'P' && magic[1] == 'K') || static_cast<unsigned char>(magic[0]) == 0x80))
            throw FileError(path, "this is a pickled (zip/pickle) PyTorch file, not safetensors: refusing to load it "
                                  "because unpickling can run arbitrary code. Convert it to .safetensors first");
    }
    SafeTensors st(path);
    StateDict out;
    for (const auto& e : st.entries()) out[e.name] = st.tensor(e.name);
    return out;
}

std::vector<std::string> stateKeys(torch::nn::Module& module) {
    std::vector<std::string> keys;
    for (const auto& p : module.named_parameters(true)) keys.push_back(p.key());
    for (const auto& b : module.named_buffers(true)) keys.push_back(b.key());
    return keys;
}

LoadReport loadStateDict(torch::nn::Module& module, const StateDict& state, const std::string& component,
                         const std::string& source, bool strict,
                         const std::function<bool(const std::string&)>& ignorable) {
    LoadReport r;
    r.component = component;
    r.source = source;
    torch::NoGradGuard noGrad;
    std::set<std::string> seen;
    auto visit = [&](const std::string& key, torch::Tensor& target) {
        seen.insert(key);
        auto it = state.find(key);
        if (it == state.end()) {
            r.missing.push_back(key);
            return;
        }
        torch::Tensor src = it->second;
        if (!src.sizes().equals(target.sizes())) {
            // 1x1 convolutions stored as linears (and back) are the same weights.
            if (src.numel() == target.numel() && (src.dim() == 4 || target.dim() == 4) &&
                std::min(src.dim(), target.dim()) == 2) {
                src = src.reshape(target.sizes());
            } else {
                r.wrongShape.push_back(key + ": file " + shapeStr(src.sizes()) + " vs model " + shapeStr(target.sizes()));
                return;
            }
        }
        target.copy_(src);  // converts dtype and device in place, no temporary copy
        // NaN or infinite weights render black or grey images; refuse them at the door.
        if (target.is_floating_point() && !torch::isfinite(target).all().item<bool>())
            throw FileError(source, "cannot load " + component + ": tensor " + key + " holds NaN or infinite values");
        ++r.loaded;
    };
    for (auto& p : module.named_parameters(true)) visit(p.key(), p.value());
    for (auto& b : module.named_buffers(true)) visit(b.key(), b.value());
    for (const auto& kv : state)
        if (!seen.count(kv.first) && !(ignorable && ignorable(kv.first))) r.unexpected.push_back(kv.first);
    if (strict && !r.ok()) throw FileError(source, "cannot load " + component + ": " + r.summary());
    return r;
}

void convertParameters(torch::nn::Module& module, torch::ScalarType dt) {
    auto convert = [dt](torch::nn::Module& m) {
        for (auto& p : m.named_parameters(/*recurse=*/false))
            if (p.value().is_floating_point() && p.value().scalar_type() != dt) p.value().set_data(p.value().to(dt));
        for (auto& b : m.named_buffers(/*recurse=*/false))
            if (b.value().is_floating_point() && b.value().scalar_type() != dt) b.value().set_data(b.value().to(dt));
    };
    convert(module);  // (modules(include_self) would need the module in a shared_ptr: not yet in a constructor)
    for (auto& sub : module.modules(/*include_self=*/false)) convert(*sub);
}

SplitCheckpoint splitLdmCheckpoint(const StateDict& ldm, const UNetConfig& uc, const std::vector<std::string>& unetKeys,
                                   const VaeConfig& vc, const std::vector<std::string>& vaeKeys,
                                   const std::vector<std::string>& textKeys) {
    const keymap::LdmRouter router(uc, unetKeys, vc, vaeKeys, textKeys);
    SplitCheckpoint out;
    for (const auto& [key, t] : ldm) {
        bool unmatched = false;
        const auto r = router.route(key, &unmatched);
        if (!r) {
            if (unmatched) out.unmatched.push_back(key);
            continue;
        }
        StateDict& dst = r->part == keymap::LdmRouter::Part::Unet ? out.unet
                         : r->part == keymap::LdmRouter::Part::Vae ? out.vae
                                                                    : out.text;
        dst[r->key] = t;
    }
    return out;
}

bool looksLikeLdm(const StateDict& state) {
    for (const auto& kv : state)
        if (keymap::isLdmUnetKey(kv.first)) return true;
    return false;
}

StateDict modernizeVaeKeys(const StateDict& state) {
    StateDict out;
    for (const auto& [k, v] : state) out[keymap::modernizeVaeKey(k)] = v;
    return out;
}

} // namespace adv
