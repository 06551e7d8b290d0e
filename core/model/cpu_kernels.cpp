#include "model/cpu_kernels.h"

#include "platform/platform.h"

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
    void winoInputNhwcBf16(const uint16_t*, uint16_t*, int64_t, int64_t, int64_t, int64_t, int64_t, int64_t,   \
                           int64_t, int64_t, float*);                                                          \
    void winoOutputNhwcBf16(const uint16_t*, const float*, uint16_t*, int64_t, int64_t, int64_t, int64_t,      \
                            int64_t, int64_t, int64_t, int64_t);                                               \
    void channelSumsBf16(const uint16_t*, int64_t, int64_t, const float*, float*, float*);                     \
    void channelAffineBf16(const uint16_t*, uint16_t*, int64_t, int64_t, const float*, const float*, bool);    \
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
    decltype(&base::winoInputNhwcBf16) winoInputNhwcBf16;
    decltype(&base::winoOutputNhwcBf16) winoOutputNhwcBf16;
    decltype(&base::channelSumsBf16) channelSumsBf16;
    decltype(&base::channelAffineBf16) channelAffineBf16;
};

#define ADV_KERN_LOOPS(NS) Loops{NS::groupNormF32, NS::groupNormBf16, NS::layerNormF32, NS::layerNormBf16, NS::gegluF32, NS::gegluBf16, \
                                 NS::winoWeightBf16, NS::winoInputBf16, NS::winoOutputBf16, NS::winoInputNhwcBf16,  \
                                 NS::winoOutputNhwcBf16, NS::channelSumsBf16, NS::channelAffineBf16}

const Loops& loops() {
    static const Loops l = [] {
#ifdef ADV_KERN_V4
        if (platform::cpuFeatures().avx512) return ADV_KERN_LOOPS(v4);
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

void winogradInputNhwc(const uint16_t* x, uint16_t* v, int64_t C, int64_t H, int64_t W, int64_t i0, int64_t t0,
                       int64_t t1, int64_t p, int64_t p0, float* buf) {
    loops().winoInputNhwcBf16(x, v, C, H, W, i0, t0, t1, p, p0, buf);
}
void winogradOutputNhwc(const uint16_t* m, const float* bias, uint16_t* y, int64_t K, int64_t H, int64_t W,
                        int64_t i0, int64_t t0, int64_t t1, int64_t p, int64_t p0) {
    loops().winoOutputNhwcBf16(m, bias, y, K, H, W, i0, t0, t1, p, p0);
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

bool channelsLast(const at::Tensor& x) {
    return x.dim() == 4 && x.is_contiguous(at::MemoryFormat::ChannelsLast) && !x.is_contiguous();
}

at::Tensor groupNormChannelsLast(const at::Tensor& x, int64_t groups, const at::Tensor& gamma, const at::Tensor& beta,
                                 double eps, bool silu) {
    TORCH_CHECK(enabled() && x.device().is_cpu() && x.scalar_type() == at::kBFloat16 && channelsLast(x),
                "groupNormChannelsLast: expects a channels-last bf16 CPU tensor");
    const int64_t B = x.size(0), C = x.size(1), HW = x.size(2) * x.size(3);
    TORCH_CHECK(C % groups == 0, "groupNorm: channels not divisible by groups");
    const int64_t cpg = C / groups;
    const auto g = floats(gamma, C, 1.f), be = floats(beta, C, 0.f);
    auto y = at::empty_like(x, at::MemoryFormat::ChannelsLast);
    const auto* src = static_cast<const uint16_t*>(x.data_ptr());
    auto* dst = static_cast<uint16_t*>(y.data_ptr());
    // Rows in blocks of kRows, each block's sums in f32 and the blocks' totals in f64. The sums are of
    // d = x - shift with shift[c] the image's first pixel (close to the mean, so d^2 keeps its precision):
    // a group's sum of (x - mu)^2 is then sum_c [S2_c + 2 (shift_c - mu) S1_c + n (shift_c - mu)^2].
    constexpr int64_t kRows = 256;
    const int64_t blocks = (HW + kRows - 1) / kRows;
    std::vector<float> part1(static_cast<size_t>(blocks * C)), part2(part1.size());
    std::vector<float> shift(static_cast<size_t>(C)), a(static_cast<size_t>(C)), b(static_cast<size_t>(C));
    std::vector<double> s1(static_cast<size_t>(C)), s2(static_cast<size_t>(C));
    for (int64_t n = 0; n < B; ++n) {
        const uint16_t* xi = src + n * HW * C;
        for (int64_t c = 0; c < C; ++c) shift[static_cast<size_t>(c)] = static_cast<float>(c10::BFloat16(xi[c], c10::BFloat16::from_bits()));
        std::fill(part1.begin(), part1.end(), 0.f);
        std::fill(part2.begin(), part2.end(), 0.f);
        at::parallel_for(0, blocks, 1, [&](int64_t k0, int64_t k1) {
            for (int64_t k = k0; k < k1; ++k)
                loops().channelSumsBf16(xi + k * kRows * C, std::min(kRows, HW - k * kRows), C, shift.data(),
                                        part1.data() + k * C, part2.data() + k * C);
        });
        std::fill(s1.begin(), s1.end(), 0.0);
        std::fill(s2.begin(), s2.end(), 0.0);
        for (int64_t k = 0; k < blocks; ++k)
            for (int64_t c = 0; c < C; ++c) {
                s1[static_cast<size_t>(c)] += part1[static_cast<size_t>(k * C + c)];
                s2[static_cast<size_t>(c)] += part2[static_cast<size_t>(k * C + c)];
            }
        const double count = static_cast<double>(HW);
        for (int64_t g0 = 0; g0 < C; g0 += cpg) {
            double mean = 0, sq = 0;
            for (int64_t c = g0; c < g0 + cpg; ++c) mean += s1[static_cast<size_t>(c)] + count * shift[static_cast<size_t>(c)];
            mean /= count * static_cast<double>(cpg);
            for (int64_t c = g0; c < g0 + cpg; ++c) {
                const double dk = shift[static_cast<size_t>(c)] - mean;
                sq += s2[static_cast<size_t>(c)] + 2 * dk * s1[static_cast<size_t>(c)] + count * dk * dk;
            }
            const double rstd = 1.0 / std::sqrt(std::max(0.0, sq / (count * static_cast<double>(cpg))) + eps);
            for (int64_t c = g0; c < g0 + cpg; ++c) {
                a[static_cast<size_t>(c)] = static_cast<float>(rstd * g[static_cast<size_t>(c)]);
                b[static_cast<size_t>(c)] = static_cast<float>(be[static_cast<size_t>(c)] - mean * rstd * g[static_cast<size_t>(c)]);
            }
        }
        at::parallel_for(0, blocks, 1, [&](int64_t k0, int64_t k1) {
            for (int64_t k = k0; k < k1; ++k)
                loops().channelAffineBf16(xi + k * kRows * C, dst + (n * HW + k * kRows) * C,
                                          std::min(kRows, HW - k * kRows), C, a.data(), b.data(), silu);
        });
    }
    return y;
}

} // namespace adv::kern
