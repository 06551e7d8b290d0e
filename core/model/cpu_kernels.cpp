#include "model/cpu_kernels.h"

#include <ATen/Parallel.h>
#include <torch/torch.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

// ADV_KERN_V4 comes from core/CMakeLists.txt when cpu_kernels_v4.cpp is built.

// The loops, once per instruction set (cpu_kernels_loops.inc).
#define ADV_KERN_DECLARE(NS)                                                                                   \
    namespace adv::kern::NS {                                                                                  \
    void groupNormF32(const float*, float*, int64_t, int64_t, const float*, const float*, float, bool);        \
    void groupNormBf16(const uint16_t*, uint16_t*, int64_t, int64_t, const float*, const float*, float, bool); \
    void layerNormF32(const float*, float*, int64_t, int64_t, const float*, const float*, float);             \
    void layerNormBf16(const uint16_t*, uint16_t*, int64_t, int64_t, const float*, const float*, float);      \
    void gegluF32(const float*, float*, int64_t, int64_t);                                                     \
    void gegluBf16(const uint16_t*, uint16_t*, int64_t, int64_t);                                              \
    void winoWeightBf16(const uint16_t*, uint16_t*, int64_t, int64_t, int64_t, int64_t, float*);               \
    void winoInputBf16(const uint16_t*, uint16_t*, int64_t, int64_t, int64_t, int64_t, int64_t, int64_t,       \
                       int64_t, int64_t, int64_t, float*);                                                     \
    void winoOutputBf16(const uint16_t*, const float*, uint16_t*, int64_t, int64_t, int64_t, int64_t, int64_t, \
                        int64_t, int64_t, int64_t, int64_t, float*);                                           \
    }
ADV_KERN_DECLARE(base)
#ifdef ADV_KERN_V4
ADV_KERN_DECLARE(v4)
#endif

namespace adv::kern {
namespace {

std::atomic<bool> g_enabled{true};

struct Loops {
    decltype(&base::groupNormF32) groupNormF32;
    decltype(&base::groupNormBf16) groupNormBf16;
    decltype(&base::layerNormF32) layerNormF32;
    decltype(&base::layerNormBf16) layerNormBf16;
    decltype(&base::gegluF32) gegluF32;
    decltype(&base::gegluBf16) gegluBf16;
    decltype(&base::winoWeightBf16) winoWeightBf16;
    decltype(&base::winoInputBf16) winoInputBf16;
    decltype(&base::winoOutputBf16) winoOutputBf16;
};

#define ADV_KERN_LOOPS(NS) Loops{NS::groupNormF32, NS::groupNormBf16, NS::layerNormF32, NS::layerNormBf16, NS::gegluF32, NS::gegluBf16, \
                                 NS::winoWeightBf16, NS::winoInputBf16, NS::winoOutputBf16}

const Loops& loops() {
    static const Loops l = [] {
#ifdef ADV_KERN_V4
        __builtin_cpu_init();
        if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
            __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl"))
            return ADV_KERN_LOOPS(v4);
#endif
        return ADV_KERN_LOOPS(base);
    }();
    return l;
}


std::vector<float> floats(const at::Tensor& t, int64_t n, float fill) {
    std::vector<float> v(static_cast<size_t>(n), fill);
    if (t.defined()) {
        auto c = t.detach().to(at::kCPU, at::kFloat).contiguous();
        std::memcpy(v.data(), c.data_ptr<float>(), sizeof(float) * n);
    }
    return v;
}

} // namespace

at::Tensor layerNorm(const at::Tensor& x, const at::Tensor& gamma, const at::Tensor& beta, double eps) {
    TORCH_CHECK(handles(x), "layerNorm: unsupported tensor");
    const int64_t c = x.size(-1), rows = x.numel() / c;
    const auto g = floats(gamma, c, 1.f), b = floats(beta, c, 0.f);
    auto y = at::empty_like(x);
    const bool bf16 = x.scalar_type() == at::kBFloat16;
    const float e = static_cast<float>(eps);
    at::parallel_for(0, rows, std::max<int64_t>(1, 32768 / c), [&](int64_t r0, int64_t r1) {
        if (bf16)
            loops().layerNormBf16(static_cast<const uint16_t*>(x.data_ptr()) + r0 * c,
                          static_cast<uint16_t*>(y.data_ptr()) + r0 * c, r1 - r0, c, g.data(), b.data(), e);
        else
            loops().layerNormF32(x.data_ptr<float>() + r0 * c, y.data_ptr<float>() + r0 * c, r1 - r0, c, g.data(), b.data(), e);
    });
    return y;
}

at::Tensor geglu(const at::Tensor& x) {
    TORCH_CHECK(handles(x) && x.size(-1) % 2 == 0, "geglu: unsupported tensor");
    const int64_t f = x.size(-1) / 2, rows = x.numel() / (2 * f);
    auto sizes = x.sizes().vec();
    sizes.back() = f;
    auto y = at::empty(sizes, x.options());
    const bool bf16 = x.scalar_type() == at::kBFloat16;
    at::parallel_for(0, rows, std::max<int64_t>(1, 16384 / f), [&](int64_t r0, int64_t r1) {
        if (bf16)
            loops().gegluBf16(static_cast<const uint16_t*>(x.data_ptr()) + r0 * 2 * f,
                      static_cast<uint16_t*>(y.data_ptr()) + r0 * f, r1 - r0, f);
        else
            loops().gegluF32(x.data_ptr<float>() + r0 * 2 * f, y.data_ptr<float>() + r0 * f, r1 - r0, f);
    });
    return y;
}

void winogradWeight(const uint16_t* g, uint16_t* u, int64_t k0, int64_t k1, int64_t K, int64_t C, float* buf) {
    loops().winoWeightBf16(g, u, k0, k1, K, C, buf);
}
void winogradInput(const uint16_t* x, uint16_t* v, int64_t c0, int64_t c1, int64_t C, int64_t H, int64_t W, int64_t i0,
                   int64_t i1, int64_t p, int64_t p0, float* buf) {
    loops().winoInputBf16(x, v, c0, c1, C, H, W, i0, i1, p, p0, buf);
}
void winogradOutput(const uint16_t* m, const float* bias, uint16_t* y, int64_t k0, int64_t k1, int64_t K, int64_t H,
                    int64_t W, int64_t i0, int64_t i1, int64_t p, int64_t p0, float* buf) {
    loops().winoOutputBf16(m, bias, y, k0, k1, K, H, W, i0, i1, p, p0, buf);
}

void setEnabled(bool on) { g_enabled = on; }
bool enabled() { return g_enabled.load(std::memory_order_relaxed); }

bool handles(const at::Tensor& x) {
    return enabled() && x.defined() && x.device().is_cpu() && x.is_contiguous() &&
           (x.scalar_type() == at::kFloat || x.scalar_type() == at::kBFloat16) && x.dim() >= 1 && x.numel() > 0;
}

at::Tensor groupNorm(const at::Tensor& x, int64_t groups, const at::Tensor& gamma, const at::Tensor& beta, double eps,
                     bool silu) {
    TORCH_CHECK(handles(x) && x.dim() >= 2, "groupNorm: unsupported tensor");
    const int64_t B = x.size(0), C = x.size(1);
    TORCH_CHECK(C % groups == 0, "groupNorm: channels not divisible by groups");
    const int64_t hw = x.numel() / (B * C), cpg = C / groups;
    const auto a = floats(gamma, C, 1.f), b = floats(beta, C, 0.f);
    auto y = at::empty_like(x);
    const bool bf16 = x.scalar_type() == at::kBFloat16;
    const float e = static_cast<float>(eps);
    at::parallel_for(0, B * groups, 1, [&](int64_t begin, int64_t end) {
        for (int64_t bg = begin; bg < end; ++bg) {
            const int64_t off = bg * cpg * hw, c0 = (bg % groups) * cpg;
            if (bf16)
                loops().groupNormBf16(static_cast<const uint16_t*>(x.data_ptr()) + off, static_cast<uint16_t*>(y.data_ptr()) + off,
                              cpg, hw, a.data() + c0, b.data() + c0, e, silu);
            else
                loops().groupNormF32(x.data_ptr<float>() + off, y.data_ptr<float>() + off, cpg, hw, a.data() + c0,
                             b.data() + c0, e, silu);
        }
    });
    return y;
}

} // namespace adv::kern
