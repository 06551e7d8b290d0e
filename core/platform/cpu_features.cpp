// CPU feature detection (CPUID + XGETBV), for GCC/Clang (Linux, mingw-w64) and MSVC.
#include "platform/platform.h"

#if defined(__x86_64__) || defined(_M_X64)
#define ADV_X86_64 1
#if defined(_MSC_VER) && !defined(__clang__)
#include <intrin.h>
#include <immintrin.h>
#else
#include <cpuid.h>
#endif
#endif

namespace adv::platform {

namespace {
#ifdef ADV_X86_64
struct Regs {
    unsigned a = 0, b = 0, c = 0, d = 0;
};

Regs cpuid(unsigned leaf, unsigned sub) {
    Regs r;
#if defined(_MSC_VER) && !defined(__clang__)
    int v[4];
    __cpuidex(v, static_cast<int>(leaf), static_cast<int>(sub));
    r = {static_cast<unsigned>(v[0]), static_cast<unsigned>(v[1]), static_cast<unsigned>(v[2]), static_cast<unsigned>(v[3])};
#else
    __cpuid_count(leaf, sub, r.a, r.b, r.c, r.d);
#endif
    return r;
}

unsigned long long xcr0() {
#if defined(_MSC_VER) && !defined(__clang__)
    return _xgetbv(0);
#else
    unsigned lo = 0, hi = 0;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    return (static_cast<unsigned long long>(hi) << 32) | lo;
#endif
}

CpuFeatures detect() {
    CpuFeatures f;
    const unsigned maxLeaf = cpuid(0, 0).a;
    if (maxLeaf < 1) return f;
    const Regs l1 = cpuid(1, 0);
    const bool osxsave = (l1.c >> 27) & 1;
    if (!osxsave) return f;
    const unsigned long long x = xcr0();
    const bool ymmState = (x & 0x6) == 0x6;             // SSE + AVX state
    const bool zmmState = ymmState && (x & 0xE0) == 0xE0;  // opmask + ZMM_Hi256 + Hi16_ZMM
    const bool avx = (l1.c >> 28) & 1;
    f.fma = ymmState && avx && ((l1.c >> 12) & 1);
    if (maxLeaf < 7) return f;
    const Regs l7 = cpuid(7, 0);
    f.avx2 = ymmState && avx && ((l7.b >> 5) & 1);
    const bool f512 = (l7.b >> 16) & 1, dq = (l7.b >> 17) & 1, bw = (l7.b >> 30) & 1, vl = (l7.b >> 31) & 1;
    f.avx512 = zmmState && f512 && dq && bw && vl;
    if (f.avx512 && l7.a >= 1) f.avx512bf16 = (cpuid(7, 1).a >> 5) & 1;
    return f;
}
#else
CpuFeatures detect() { return {}; }
#endif
} // namespace

const CpuFeatures& cpuFeatures() {
    static const CpuFeatures f = detect();
    return f;
}

} // namespace adv::platform
