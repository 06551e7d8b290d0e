// Variant records: the project's JSON, A1111 "parameters" text (pasted from prompt sites and read
// from PNG text chunks), and the PNG text map.
#include "common.h"
#include "studio/variant_record.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string text = fuzzText(data, size);
    ADV_FUZZ_EXPECTED_REFUSALS({
        const auto r = adv::studio::VariantRecord::fromJson(text);
        (void)adv::studio::VariantRecord::fromJson(r.toJson());
    })
    ADV_FUZZ_EXPECTED_REFUSALS({ (void)adv::studio::VariantRecord::fromA1111(text); })
    ADV_FUZZ_EXPECTED_REFUSALS({ (void)adv::studio::VariantRecord::fromPngText({{"parameters", text}, {"advariant", text}}); })
    return 0;
}
