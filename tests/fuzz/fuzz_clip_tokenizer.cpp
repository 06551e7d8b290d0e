// The CLIP tokenizer on arbitrary bytes (invalid UTF-8, control characters, very long words), with
// the real vocabulary; and loading a vocabulary/merges pair taken from the input.
#include "common.h"
#include "text/clip_tokenizer.h"

#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace {
const adv::ClipTokenizer* real = nullptr;
}

// The real vocabulary is loaded once, before the clock of the first input starts.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
    static const adv::ClipTokenizer tok = adv::ClipTokenizer::fromFolder(ADV_CLIP_DIR);
    real = &tok;
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string text = fuzzText(data, size);
    ADV_FUZZ_EXPECTED_REFUSALS({
        const auto ids = (*real)(text, 77);
        if (ids.size() != 77) __builtin_trap();
        (void)real->decode(real->encode(text));
    })
    // The input as a vocabulary (before the first NUL) and merges (after it).
    const auto nul = text.find('\0');
    if (nul == std::string::npos) return 0;
    static const std::string dir = [] {
        const std::string d = "/tmp/advariant-fuzz-tok-" + std::to_string(getpid());
        std::filesystem::create_directories(d);
        return d;
    }();
    std::ofstream(dir + "/vocab.json", std::ios::binary | std::ios::trunc) << text.substr(0, nul);
    std::ofstream(dir + "/merges.txt", std::ios::binary | std::ios::trunc) << text.substr(nul + 1);
    ADV_FUZZ_EXPECTED_REFUSALS({
        const auto t = adv::ClipTokenizer::fromFolder(dir);
        (void)t("a red dress on the beach", 77);
    })
    return 0;
}
