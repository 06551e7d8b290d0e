// safetensors: header length, JSON, dtypes, shapes and offsets against the file size.
#include "common.h"
#include "io/safetensors_header.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    ADV_FUZZ_EXPECTED_REFUSALS({
        const auto h = adv::parseSafeTensorsHeader(data, size, "fuzz.safetensors");
        for (const auto& e : h.entries)
            if (e.end < e.begin || h.dataStart + e.end > size) __builtin_trap();  // the parser's promise
    })
    return 0;
}
