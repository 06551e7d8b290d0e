// The fused kernels' loops built for the build's default instruction set.
#include <cstdint>
#include <type_traits>

#define ADV_KERN_NS base
#include "model/cpu_kernels_loops.inc"
#include "model/winograd_loops.inc"
