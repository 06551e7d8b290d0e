// Probe for the build-level seam: compiled with only the core interface's include path plus the poison
// folder (advariant::core_api_guard), an engine header that reaches LibTorch must stop the compile.
#include "sched/samplers.h"
