// Grid specs (`advariant-cli grid --spec`, shared between studios and render farms): any bytes are refused
// with adv::Error or give a spec whose canonical form parses back to the same spec, whose cells stay within
// the limit and whose file stems are safe file names.
#include "common.h"
#include "studio/grid_spec.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string text = fuzzText(data, size);
    ADV_FUZZ_EXPECTED_REFUSALS({
        const auto spec = adv::studio::GridSpec::fromJsonText(text, "grid.json");
        const auto again = adv::studio::GridSpec::fromJsonText(spec.toJsonText(), "canonical");
        if (again.hash() != spec.hash()) __builtin_trap();
        const auto cells = spec.cells();
        if (cells.size() > 100000) __builtin_trap();
        for (const auto& c : cells)
            if (c.fileStem.empty() || c.fileStem.find('/') != std::string::npos || c.fileStem.find('\\') != std::string::npos ||
                c.fileStem.front() == '.')
                __builtin_trap();
    })
    ADV_FUZZ_EXPECTED_REFUSALS({
        const auto s = adv::studio::parseShard(text);
        if (s.index < 0 || s.index >= s.count) __builtin_trap();
    })
    return 0;
}
