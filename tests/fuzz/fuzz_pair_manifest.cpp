// Pair-set manifests (manifest.jsonl, one record per line: shared between colleagues, edited by hand).
// Every accepted manifest must survive a write and a re-read unchanged.
#include "common.h"
#include "pairs/pair_record.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    ADV_FUZZ_EXPECTED_REFUSALS({
        const auto recs = adv::pairs::parseManifest(fuzzText(data, size), "manifest.jsonl");
        std::string text;
        for (const auto& r : recs) text += adv::pairs::manifestLine(r) + "\n";
        const auto again = adv::pairs::parseManifest(text, "manifest.jsonl");
        if (again.size() != recs.size()) __builtin_trap();
        for (size_t i = 0; i < recs.size(); ++i)
            if (adv::pairs::manifestLine(again[i]) != adv::pairs::manifestLine(recs[i])) __builtin_trap();
    })
    return 0;
}
