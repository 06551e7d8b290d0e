// Picture headers (PNG, JPEG, WebP, BMP, PNM) read before any decoding.
#include "common.h"
#include "io/image_file.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const auto h = adv::io::probeImageHeader(fuzzText(data, size));
    if (h.width < 0 || h.height < 0) __builtin_trap();
    return 0;
}
