// The compute device, as plain data for the UI and the CLI (no torch types).
#pragma once

#include <string>

namespace adv {

struct DeviceInfo {
    bool cudaAvailable = false;
    std::string cudaName;     // first GPU's name, when known
    int cudaCount = 0;
    int cpuThreads = 1;       // intra-op threads LibTorch uses
    bool cpuBf16 = false;     // AVX-512 BF16 present
    std::string torchVersion;
    std::string allocator;    // "jemalloc" or "glibc"
    std::string describe() const;  // "CPU (2 threads)" / "CUDA: NVIDIA H100 (f16)"
};

DeviceInfo deviceInfo();
// "auto" -> cuda when available, else cpu. Throws Error for an unavailable choice.
std::string resolveDevice(const std::string& requested);
void setCpuThreads(int threads);  // 0 = leave LibTorch's default
// Tunes glibc malloc when jemalloc is not linked (keeps big buffers mapped).
void tuneAllocator();

} // namespace adv
