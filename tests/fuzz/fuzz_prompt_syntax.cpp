// A1111 prompt syntax on arbitrary bytes (unbalanced and deeply nested brackets, stray escapes, numbers
// that do not parse, BREAK next to any byte), through the 75-token chunker with the real vocabulary.
// Invariants: every chunk is BOS + 75 + EOS long with one finite weight per id, at most maxChunks chunks,
// and a prompt without any syntax character is one span of weight 1.
#include "common.h"
#include "text/clip_tokenizer.h"
#include "text/prompt_syntax.h"

#include <cmath>
#include <cstring>

namespace {
const adv::ClipTokenizer* real = nullptr;
}

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    static const adv::ClipTokenizer tok = adv::ClipTokenizer::fromFolder(ADV_CLIP_DIR);
    real = &tok;
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string text = fuzzText(data, size);
    const auto spans = adv::prompt::parseAttention(text);
    if (spans.empty()) __builtin_trap();
    if (text.find_first_of("\\()[]:") == std::string::npos && text.find("BREAK") == std::string::npos &&
        (spans.size() != 1 || spans[0].weight != 1.0 || spans[0].text != text))
        __builtin_trap();
    ADV_FUZZ_EXPECTED_REFUSALS({
        adv::prompt::ChunkOptions o;
        o.maxChunks = 8;
        const auto t = adv::prompt::tokenize(*real, text, o);
        if (t.chunks.empty() || t.chunks.size() > 8) __builtin_trap();
        for (const auto& c : t.chunks) {
            if (c.ids.size() != 77 || c.weights.size() != 77 || c.ids[0] != real->bosId()) __builtin_trap();
            for (float w : c.weights)
                if (!std::isfinite(w)) __builtin_trap();
        }
    })
    return 0;
}
