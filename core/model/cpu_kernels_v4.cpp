// The fused kernels' loops built for x86-64-v4 (AVX-512 F/BW/DQ/VL; flags set in core/CMakeLists.txt).
#include <cstdint>
#include <type_traits>

#define ADV_KERN_NS v4
#include "model/cpu_kernels_loops.inc"
#include "model/winograd_loops.inc"
