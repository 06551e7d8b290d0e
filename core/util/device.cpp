#include "util/device.h"

#include "util/error.h"

#include <torch/torch.h>
#include <torch/version.h>

#if __has_include(<ATen/cuda/CUDAContext.h>) && __has_include(<cuda_runtime_api.h>)
#include <ATen/cuda/CUDAContext.h>
#define ADV_HAVE_CUDA_HEADERS 1
#endif
#include <dlfcn.h>
#include <cstdlib>
#include <fstream>
#include <thread>
#include <malloc.h>

namespace adv {

namespace {
bool cpuHasBf16() {
    std::ifstream in("/proc/cpuinfo");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("flags", 0) == 0) return line.find("avx512_bf16") != std::string::npos;
    return false;
}
// The executables link jemalloc; the library asks the process whether it is there.
bool jemallocLinked() { return dlsym(RTLD_DEFAULT, "mallctl") != nullptr; }
} // namespace

std::string DeviceInfo::describe() const {
    if (cudaAvailable) return "CUDA: " + (cudaName.empty() ? std::string("GPU") : cudaName) + " (f16)";
    return "CPU (" + std::to_string(cpuThreads) + (cpuThreads == 1 ? " thread" : " threads") + (cpuBf16 ? ", bf16" : "") + ")";
}

DeviceInfo deviceInfo() {
    DeviceInfo d;
    d.cudaAvailable = torch::cuda::is_available();
    d.cudaCount = d.cudaAvailable ? static_cast<int>(torch::cuda::device_count()) : 0;
#ifdef ADV_HAVE_CUDA_HEADERS
    if (d.cudaAvailable) d.cudaName = at::cuda::getDeviceProperties(0)->name;
#endif
    d.cpuThreads = at::get_num_threads();
    d.cpuBf16 = cpuHasBf16();
    d.torchVersion = TORCH_VERSION;
    d.allocator = jemallocLinked() ? "jemalloc" : "glibc";
    return d;
}

std::string resolveDevice(const std::string& requested) {
    if (requested.empty() || requested == "auto") return torch::cuda::is_available() ? "cuda" : "cpu";
    if (requested == "cpu") return "cpu";
    if (requested == "cuda" || requested.rfind("cuda:", 0) == 0) {
        if (!torch::cuda::is_available())
            throw Error("device '" + requested + "' requested but this LibTorch build has no usable CUDA device");
        return requested;
    }
    throw Error("unknown device '" + requested + "' (use cpu, cuda or auto)");
}

void setCpuThreads(int threads) {
    if (threads <= 0) {
        const char* env = std::getenv("OMP_NUM_THREADS");
        if (env && *env) return;
        threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    }
    at::set_num_threads(threads);
}

void tuneAllocator() {
    if (jemallocLinked()) return;
    // glibc: keep large activation buffers in the heap instead of mmap/munmap per step.
    mallopt(M_MMAP_THRESHOLD, 1 << 30);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
    mallopt(M_TOP_PAD, 256 << 20);
}

void releaseFreeMemory() {
    // The allocator keeps freed pages for reuse (that is what makes the denoising loop fast); between
    // phases with different buffer sizes (UNet loop -> VAE decode) they only add to the peak.
    using Mallctl = int (*)(const char*, void*, size_t*, void*, size_t);
    if (auto* mallctl = reinterpret_cast<Mallctl>(dlsym(RTLD_DEFAULT, "mallctl"))) {
        mallctl("arena.4096.purge", nullptr, nullptr, nullptr, 0);  // 4096 = MALLCTL_ARENAS_ALL
        return;
    }
    malloc_trim(0);
}

double peakResidentMiB() {
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("VmHWM:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
    return 0;
}

} // namespace adv
