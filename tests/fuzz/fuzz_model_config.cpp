// Model configs: the UNet, VAE, text encoder and scheduler config.json readers.
#include "common.h"
#include "model/config.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string text = fuzzText(data, size);
    ADV_FUZZ_EXPECTED_REFUSALS({
        const auto c = adv::UNetConfig::fromJsonText(text, "unet/config.json");
        if (c.timeEmbedDim() <= 0) __builtin_trap();
    })
    ADV_FUZZ_EXPECTED_REFUSALS({
        const auto c = adv::VaeConfig::fromJsonText(text, "vae/config.json");
        if (c.downscale() <= 0) __builtin_trap();
    })
    ADV_FUZZ_EXPECTED_REFUSALS({ (void)adv::ClipTextConfig::fromJsonText(text, "text_encoder/config.json"); })
    ADV_FUZZ_EXPECTED_REFUSALS({ (void)adv::SchedulerConfig::fromJsonText(text, "scheduler/scheduler_config.json"); })
    return 0;
}
