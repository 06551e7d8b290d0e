#include "util/device.h"

#include "util/error.h"

#include <torch/torch.h>
#include <torch/version.h>

#if __has_include(<ATen/cuda/CUDAContext.h>) && __has_include(<cuda_runtime_api.h>)
#include <ATen/cuda/CUDAContext.h>
#include <c10/cuda/CUDACachingAllocator.h>
#define ADV_HAVE_CUDA_HEADERS 1
#endif
#include "platform/platform.h"

#include <cstdlib>
#include <thread>

namespace adv {

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
    d.cpuBf16 = platform::cpuFeatures().avx512bf16;
    d.torchVersion = TORCH_VERSION;
    d.allocator = platform::allocatorName();
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

void tuneAllocator() { platform::tuneHeapForLargeBuffers(); }

// The allocator keeps freed pages for reuse (that is what makes the denoising loop fast); between
// phases with different buffer sizes (UNet loop -> VAE decode) they only add to the peak.
void releaseFreeMemory() { platform::purgeAllocator(); }

double peakGpuMemoryMiB() {
#ifdef ADV_HAVE_CUDA_HEADERS
    if (!torch::cuda::is_available()) return 0;
    const auto stats = c10::cuda::CUDACachingAllocator::getDeviceStats(c10::cuda::current_device());
    return static_cast<double>(stats.allocated_bytes[0].peak) / (1024.0 * 1024.0);  // [0]: StatType::AGGREGATE
#else
    return 0;
#endif
}

void resetGpuPeakMemory() {
#ifdef ADV_HAVE_CUDA_HEADERS
    if (torch::cuda::is_available()) c10::cuda::CUDACachingAllocator::resetPeakStats(c10::cuda::current_device());
#endif
}

double peakResidentMiB() { return static_cast<double>(platform::peakResidentBytes()) / (1024.0 * 1024.0); }

} // namespace adv
