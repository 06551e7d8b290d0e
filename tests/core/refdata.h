// Access to the test data vendored in tests/data (reference tensors computed by
// diffusers/transformers, Fashionpedia lists) and comparison helpers for Qt Test.
// A missing data folder stops the test with one line naming it.
#pragma once

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <QtTest/QtTest>

#include <string>

namespace advtest {

std::string refDir();                      // tests/data/refdata (ADV_REFDATA_DIR)
std::string dataDir();                     // tests/data (ADV_TEST_DATA_DIR)
torch::Tensor ref(const std::string& name);  // a tensor of vectors.safetensors (copy)
torch::Tensor editRef(const std::string& name);  // a tensor of edit/edit_vectors.safetensors (copy)
const nlohmann::json& vectors();           // vectors.json
const nlohmann::json& editVectors();       // edit/edit_vectors.json (runs, draws, calls)
std::string tempDir();                     // a fresh folder under the system temp dir

// How long a test waits for a child advariant-cli. A loaded 2-core CI machine running two torch tests at
// once runs a job 5-10x slower than an idle one, so waits are bounded by ctest's per-test timeout (1200 s)
// rather than by what an idle machine needs; a real hang still fails, at ctest's limit at the latest.
constexpr int kChildProcessMs = 600000;

struct Diff {
    double maxAbs = 0;
    double maxRef = 0;
    bool shapeOk = true;
    std::string text() const;
};
Diff diff(const torch::Tensor& got, const torch::Tensor& want);

} // namespace advtest

// QVERIFY that `got` matches `want` within atol + rtol*|want|.
#define ADV_COMPARE_TENSORS(got, want, atol, rtol)                                                           \
    do {                                                                                                     \
        const auto _g = (got).detach().to(torch::kCPU, torch::kFloat64);                                     \
        const auto _w = (want).detach().to(torch::kCPU, torch::kFloat64);                                    \
        QVERIFY2(_g.sizes() == _w.sizes(), ("shape mismatch: " + advtest::diff(_g, _w).text()).c_str());     \
        const auto _bad = ((_g - _w).abs() > ((atol) + (rtol)*_w.abs())).sum().item<int64_t>();              \
        QVERIFY2(_bad == 0, (std::to_string(_bad) + " values out of tolerance; " + advtest::diff(_g, _w).text()).c_str()); \
    } while (0)
