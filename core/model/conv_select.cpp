#include "model/conv_select.h"

#include "model/cpu_kernels.h"
#include "model/torch_compat.h"
#include "model/winograd.h"

#include <torch/torch.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <tuple>

namespace adv::convsel {
namespace {

struct Plan {
    bool packed = false;
    at::Tensor weight;  // reordered (oneDNN) weight when packed
};

struct Entry {
    std::optional<c10::weak_intrusive_ptr<c10::TensorImpl>> owner;  // the dense weight this entry belongs to
    uint32_t version = 0;                             // its version counter when measured
    std::map<std::array<int64_t, 3>, Plan> plans;     // by input (batch, height, width)
    at::Tensor winograd;                              // U = wino::transformWeight(weight), when cached
};

std::atomic<bool> g_enabled{true};
std::atomic<Winograd> g_winograd{Winograd::Auto};
std::atomic<int64_t> g_winogradBudget{0};

// Above 32x32 positions the reorder never paid (measured: 64x64 and larger within 3 %), so those
// convolutions are not measured at all: no time spent, and no second output buffer at the first call.
constexpr int64_t kMaxPositions = 32 * 32;
std::mutex g_mutex;
std::map<const c10::TensorImpl*, Entry> g_entries;
Stats g_stats;

double seconds(const std::function<void()>& f) {
    double best = 1e30;
    for (int i = 0; i < 2; ++i) {
        const auto t0 = std::chrono::steady_clock::now();
        f();
        best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    }
    return best;
}

at::Tensor packedConv(const at::Tensor& x, const at::Tensor& packed, const at::Tensor& bias, int64_t s, int64_t p) {
    compat::OptionalTensor b;
    if (bias.defined()) b = bias;
    return at::mkldnn_convolution(x.contiguous(), packed, b, {p, p}, {s, s}, {1, 1}, 1);
}

bool expired(const Entry& e) { return !e.owner || e.owner->expired(); }

// Forgets one weight's plans and the bytes of its reordered copies; caller holds g_mutex.
auto eraseEntry(decltype(g_entries)::iterator it) {
    for (auto& [shape, plan] : it->second.plans)
        if (plan.packed) g_stats.packedBytes -= plan.weight.numel() * plan.weight.element_size();
    if (it->second.winograd.defined()) {
        g_stats.winogradBytes -= it->second.winograd.numel() * it->second.winograd.element_size();
        --g_stats.winogradWeights;
    }
    return g_entries.erase(it);
}

void dropExpired() {  // caller holds g_mutex
    for (auto it = g_entries.begin(); it != g_entries.end();) it = expired(it->second) ? eraseEntry(it) : std::next(it);
}

// A 1x1 convolution as one batched matrix product on the NCHW data, bias folded in: W [K, C] x x_n [C, HW];
// on channels-last data one product over all pixels, x [NHW, C] x W^T [C, K], the result channels-last.
at::Tensor conv1x1(const at::Tensor& xIn, const at::Tensor& weight, const at::Tensor& bias) {
    const int64_t N = xIn.size(0), C = xIn.size(1), H = xIn.size(2), W = xIn.size(3), K = weight.size(0);
    if (kern::channelsLast(xIn)) {
        const auto xs = xIn.permute({0, 2, 3, 1}).view({N * H * W, C});
        const auto wt = weight.view({K, C}).t();
        auto y = bias.defined() ? at::addmm(bias, xs, wt) : at::mm(xs, wt);  // [NHW, K]
        return y.view({N, H, W, K}).permute({0, 3, 1, 2});
    }
    const auto x = xIn.contiguous();
    const auto w = weight.reshape({K, C}).unsqueeze(0).expand({N, K, C});
    const auto xs = x.view({N, C, H * W});
    auto y = bias.defined() ? at::baddbmm(bias.view({1, K, 1}).expand({N, K, H * W}), w, xs) : at::bmm(w, xs);
    return y.view({N, K, H, W});
}

// The weight's entry if it is still valid (a weight changed in place or freed loses it); caller holds g_mutex.
Entry* findEntry(const at::Tensor& weight) {
    auto it = g_entries.find(weight.unsafeGetTensorImpl());
    if (it == g_entries.end()) return nullptr;
    if (expired(it->second) || it->second.version != weight._version()) {
        eraseEntry(it);
        return nullptr;
    }
    return &it->second;
}

// The weight's entry, created if needed; caller holds g_mutex.
Entry& entryFor(const at::Tensor& weight) {
    dropExpired();  // a few hundred entries at most: one per convolution of the loaded models
    auto& e = g_entries[weight.unsafeGetTensorImpl()];
    if (!e.owner) {
        e.owner.emplace(weight.getIntrusivePtr());
        e.version = weight._version();
    }
    return e;
}

// The weight's Winograd form: from the cache, or made now (and kept while the budget allows).
at::Tensor winogradWeight(const at::Tensor& weight) {
    {
        std::lock_guard<std::mutex> lock(g_mutex);
        const Entry* e = findEntry(weight);
        if (e && e->winograd.defined()) return e->winograd;
    }
    auto u = wino::transformWeight(weight);
    const int64_t bytes = u.numel() * u.element_size();
    std::lock_guard<std::mutex> lock(g_mutex);
    if (g_stats.winogradBytes + bytes > g_winogradBudget.load()) return u;
    auto& e = entryFor(weight);
    if (!e.winograd.defined()) {
        e.winograd = u;
        g_stats.winogradBytes += bytes;
        ++g_stats.winogradWeights;
    }
    return e.winograd;
}

} // namespace

void setEnabled(bool on) { g_enabled = on; }
bool enabled() { return g_enabled.load(std::memory_order_relaxed); }
void setWinograd(Winograd mode) { g_winograd = mode; }
Winograd winograd() { return g_winograd.load(); }
void setWinogradCacheBytes(int64_t bytes) { g_winogradBudget = bytes; }

void releaseExpired() {
    std::lock_guard<std::mutex> lock(g_mutex);
    dropExpired();
}

Stats stats() {
    std::lock_guard<std::mutex> lock(g_mutex);
    return g_stats;
}

void clear() {
    std::lock_guard<std::mutex> lock(g_mutex);
    g_entries.clear();
    g_stats = {};
}

at::Tensor conv2d(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias, int64_t stride,
                  int64_t padding) {
    // bf16 inference on the CPU with the kernels on: Winograd (3x3, by its rule), a matrix product (1x1),
    // or the per-shape choice below; anything else is LibTorch's convolution.
    const bool fast = g_enabled.load(std::memory_order_relaxed) && x.device().is_cpu() &&
                      x.scalar_type() == at::kBFloat16 && weight.scalar_type() == at::kBFloat16 && x.dim() == 4 &&
                      weight.dim() == 4 && !at::GradMode::is_enabled() && at::globalContext().userEnabledMkldnn();
    const int64_t kh = fast ? weight.size(2) : 0, kw = fast ? weight.size(3) : 0;
    const auto mode = g_winograd.load(std::memory_order_relaxed);
    const bool nhwc = fast && kern::channelsLast(x);
    if (fast && kh == 3 && kw == 3 && stride == 1 && padding == 1 && mode != Winograd::Off &&
        (mode == Winograd::Always || wino::suits(x.size(0), x.size(1), weight.size(0), x.size(2), x.size(3), nhwc))) {
        {
            std::lock_guard<std::mutex> lock(g_mutex);
            ++g_stats.winogradCalls;
        }
        return wino::conv3x3(x, winogradWeight(weight), bias);
    }
    if (fast && kh == 1 && kw == 1 && stride == 1 && padding == 0) return conv1x1(x, weight, bias);
    const bool eligible = fast && x.size(2) * x.size(3) <= kMaxPositions;
    // Small channels-last inputs take the NCHW plans (converting them costs less than oneDNN's per-call
    // weight reorder: 1280 ch at 8x8, 245 against 434 GFLOP/s); larger ones go to oneDNN as they are.
    if (eligible && nhwc) return conv2d(x.contiguous(), weight, bias, stride, padding).contiguous(at::MemoryFormat::ChannelsLast);
    if (!eligible) return at::conv2d(x, weight, bias, {stride, stride}, {padding, padding});

    const std::array<int64_t, 3> shape{x.size(0), x.size(2), x.size(3)};
    std::unique_lock<std::mutex> lock(g_mutex);
    if (const Entry* e = findEntry(weight)) {
        auto pit = e->plans.find(shape);
        if (pit != e->plans.end()) {
            const Plan plan = pit->second;  // copy: the tensor handle keeps the packed weight alive
            lock.unlock();
            return plan.packed ? packedConv(x, plan.weight, bias, stride, padding)
                               : at::conv2d(x, weight, bias, {stride, stride}, {padding, padding});
        }
    }
    lock.unlock();

    // First call for this weight and shape: time both paths (twice each, best kept).
    at::Tensor yDense;
    const double dense = seconds([&] { yDense = at::conv2d(x, weight, bias, {stride, stride}, {padding, padding}); });
    auto packed = at::mkldnn_reorder_conv2d_weight(weight.contiguous().to_mkldnn(), {padding, padding},
                                                   {stride, stride}, {1, 1}, 1);
    const double pre = seconds([&] { packedConv(x, packed, bias, stride, padding); });
    Plan plan;
    plan.packed = pre * 1.1 < dense;  // keep the extra copy of the weight only for a clear win
    if (plan.packed) plan.weight = packed;

    lock.lock();
    auto& e = entryFor(weight);
    if (e.plans.emplace(shape, plan).second) {
        ++g_stats.decided;
        if (plan.packed) {
            ++g_stats.prepacked;
            g_stats.packedBytes += packed.numel() * packed.element_size();
        }
    }
    return yDense;
}

} // namespace adv::convsel
