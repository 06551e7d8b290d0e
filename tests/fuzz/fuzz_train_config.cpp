// Training configs (the CLI's --config and the studio's presets): every field, and the round trip.
#include "common.h"
#include "train/train_config.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    ADV_FUZZ_EXPECTED_REFUSALS({
        const auto c = adv::train::TrainConfig::fromJsonText(fuzzText(data, size), "run.json");
        const auto again = adv::train::TrainConfig::fromJsonText(c.toJsonText(), "run.json");
        if (again.toJsonText() != c.toJsonText()) __builtin_trap();
    })
    return 0;
}
