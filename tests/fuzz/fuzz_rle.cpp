// RLE strings and counts (pycocotools' compressed format) and polygon rasterisation.
#include "common.h"
#include "dataset/rle.h"

#include <cstring>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 4) return 0;
    const int h = 1 + data[0] % 64, w = 1 + data[1] % 64;
    const std::string rest = fuzzText(data + 4, size - 4);
    if (data[2] & 1) {
        ADV_FUZZ_EXPECTED_REFUSALS({
            const auto r = adv::coco::rleFromString(rest, h, w);
            if (r.area() > static_cast<uint64_t>(h * w)) __builtin_trap();
            (void)adv::coco::rleFromString(r.toString(), h, w);
        })
    } else {
        std::vector<double> xy(rest.size() / sizeof(double));
        if (!xy.empty()) std::memcpy(xy.data(), rest.data(), xy.size() * sizeof(double));
        if (xy.size() % 2) xy.pop_back();
        if (xy.size() < 6 || xy.size() > 2000) return 0;
        ADV_FUZZ_EXPECTED_REFUSALS({
            const auto r = adv::coco::rleFromPolygon(xy, h, w);
            if (r.area() > static_cast<uint64_t>(h * w)) __builtin_trap();
        })
    }
    return 0;
}
