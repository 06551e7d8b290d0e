// Brand kits (kit.json): colours, fonts, text styles, sizes; files resolved against a folder.
#include "brand/brand_kit.h"
#include "common.h"

#include <cmath>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    ADV_FUZZ_EXPECTED_REFUSALS({
        const auto k = adv::brand::parseBrandKit(fuzzText(data, size), "kit.json", "/nonexistent-kit-dir");
        for (const auto* s : {&k.headline, &k.cta, &k.badge})
            if (!(s->size > 0 && s->size <= 0.5 && s->minSize <= s->size && s->maxLines >= 1 && s->maxLines <= 6) ||
                !k.fonts.count(s->font))
                __builtin_trap();
        if (!(k.logoClearSpace >= 0 && k.logoClearSpace <= 2) || !std::isfinite(k.logoSize)) __builtin_trap();
        // What the kit writes, it reads back.
        adv::brand::parseBrandKit(adv::brand::brandKitToJson(k), "again.json", "/nonexistent-kit-dir");
    })
    return 0;
}
