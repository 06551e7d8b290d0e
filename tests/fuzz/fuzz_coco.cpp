// COCO / Fashionpedia instance files: the SAX loader, its validation, and every annotation's mask
// (polygons, compressed RLE strings, RLE counts) decoded.
#include "common.h"
#include "dataset/coco.h"

#include <cstdio>
#include <fstream>
#include <unistd.h>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const std::string path = "/tmp/advariant-fuzz-coco-" + std::to_string(getpid()) + ".json";
    {
        std::ofstream o(path, std::ios::binary | std::ios::trunc);
        o.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    }
    ADV_FUZZ_EXPECTED_REFUSALS({
        const auto ds = adv::coco::loadCoco(path);
        size_t n = 0;
        for (const auto& a : ds.annotations) {
            if (++n > 64) break;
            ADV_FUZZ_EXPECTED_REFUSALS({
                const auto r = ds.rle(a);
                if (r.area() > static_cast<uint64_t>(r.h) * static_cast<uint64_t>(r.w)) __builtin_trap();
            })
        }
    })
    return 0;
}
