// Export presets (presets.json from users and plugins): sizes, safe zones, budgets, formats.
#include "common.h"
#include "exportset/preset.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    ADV_FUZZ_EXPECTED_REFUSALS({
        const auto presets = adv::exportset::parsePresetsJson(fuzzText(data, size), "presets.json");
        for (const auto& p : presets) {
            int x, y, w, h;
            p.safeRect(x, y, w, h);
            if (x < 0 || y < 0 || w < 8 || h < 8 || x + w > p.width || y + h > p.height) __builtin_trap();
        }
    })
    return 0;
}
