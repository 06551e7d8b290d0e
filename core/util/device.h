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
    std::string allocator;    // "jemalloc", "glibc" or "windows"
    std::string describe() const;  // "CPU (2 threads)" / "CUDA: NVIDIA H100 (f16)"
};

DeviceInfo deviceInfo();
// "auto" -> cuda when available, else cpu. Throws Error for an unavailable choice.
std::string resolveDevice(const std::string& requested);
// threads > 0: use that many; 0: OMP_NUM_THREADS when set, else every core
// (LibTorch's own default can be 1 on small VMs).
void setCpuThreads(int threads);
// Tunes glibc malloc when jemalloc is not linked (keeps big buffers mapped); platform layer.
void tuneAllocator();
// Hand the allocator's cached free pages back to the system (jemalloc purge / malloc_trim).
void releaseFreeMemory();
// Peak resident memory of this process so far (VmHWM / PeakWorkingSetSize), MiB.
double peakResidentMiB();
// Peak memory LibTorch's CUDA allocator handed out on the current GPU since the last reset, MiB
// (0 without CUDA).
double peakGpuMemoryMiB();
void resetGpuPeakMemory();

} // namespace adv
