// The base model's training recipe (recipe.json, `train-base --recipe`), with the round trip.
#include "basemodel/recipe.h"
#include "common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    ADV_FUZZ_EXPECTED_REFUSALS({
        const auto r = adv::base::Recipe::fromJsonText(fuzzText(data, size), "recipe.json");
        const auto again = adv::base::Recipe::fromJsonText(r.toJsonText(), "recipe.json");
        if (again.toJsonText() != r.toJsonText()) __builtin_trap();
        (void)r.categoryNames();
    })
    return 0;
}
