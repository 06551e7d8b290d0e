#include "core/refdata.h"

#include "io/safetensors.h"
#include "util/fs.h"

#include <filesystem>
#include <random>
#include <sstream>

namespace advtest {

namespace {
const std::string& checkedDir(const char* dir) {
    static std::string checked;
    if (checked != dir) {
        if (!std::filesystem::is_directory(dir))
            qFatal("test data missing: %s (vendored in the repository under tests/data/; see tests/data/README.md)", dir);
        checked = dir;
    }
    return checked;
}
} // namespace

std::string refDir() { return checkedDir(ADV_REFDATA_DIR); }
std::string dataDir() { return checkedDir(ADV_TEST_DATA_DIR); }

torch::Tensor ref(const std::string& name) {
    static adv::SafeTensors* st = nullptr;
    if (!st) st = new adv::SafeTensors(refDir() + "/vectors.safetensors");
    return st->tensor(name).clone();
}

torch::Tensor editRef(const std::string& name) {
    static adv::SafeTensors* st = nullptr;
    if (!st) st = new adv::SafeTensors(refDir() + "/edit/edit_vectors.safetensors");
    return st->tensor(name).clone();
}

const nlohmann::json& vectors() {
    static nlohmann::json j = nlohmann::json::parse(adv::fs::readFile(refDir() + "/vectors.json"));
    return j;
}

const nlohmann::json& editVectors() {
    static nlohmann::json j = nlohmann::json::parse(adv::fs::readFile(refDir() + "/edit/edit_vectors.json"));
    return j;
}

std::string tempDir() {
    std::random_device rd;
    auto p = std::filesystem::temp_directory_path() / ("advtest-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(p);
    return p.string();
}

std::string Diff::text() const {
    std::ostringstream o;
    o << "max |got - want| = " << maxAbs << " (max |want| = " << maxRef << ")" << (shapeOk ? "" : " SHAPES DIFFER");
    return o.str();
}

Diff diff(const torch::Tensor& got, const torch::Tensor& want) {
    Diff d;
    d.shapeOk = got.sizes() == want.sizes();
    if (!d.shapeOk || got.numel() == 0) return d;
    d.maxAbs = (got.to(torch::kFloat64) - want.to(torch::kFloat64)).abs().max().item<double>();
    d.maxRef = want.to(torch::kFloat64).abs().max().item<double>();
    return d;
}

} // namespace advtest
