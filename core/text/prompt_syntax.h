// Prompt syntax as AUTOMATIC1111's web UI reads it (modules/prompt_parser.py parse_prompt_attention and
// sd_hijack_clip.py tokenize_line), so prompts pasted from prompt sites mean here what they mean there:
//
//   (word)        weight x 1.1            ((word))  x 1.21, and so on
//   (word:1.3)    weight x 1.3            [word]    weight / 1.1
//   \( \) \[ \]   literal brackets        \\        a literal backslash
//   BREAK         (a word on its own, upper case) ends the current 75-token chunk
//   unmatched ) ] and a ':' not followed by a number and ')' are literal text; brackets left open at the
//   end apply to the rest of the prompt; runs of equal weight are tokenised together.
//
// Token chunks: each holds at most 75 prompt tokens and goes through the text encoder as BOS + 75 + EOS
// (77 positions, padded with the tokenizer's pad token, which for SD 1.5 is EOS as in A1111). When a chunk
// fills up within 20 tokens after a comma, the tokens after the comma move to the next chunk (A1111's
// "comma padding backtrack", default 20). A prompt of at most 75 tokens without syntax is one chunk with
// the ids plain tokenisation gives, so it encodes bit for bit as before.
//
// Faithful quirks (kept on purpose, so results match A1111): a lone backslash is dropped; BREAK inside
// brackets is scaled with them and then no longer breaks (A1111 then encodes the word with that weight);
// a weight whose number does not parse ("(a:1.2.3)") closes the bracket with weight 1 (A1111 stops with
// an error there).
//
// Torch-free: the text encoder side lives in the pipeline.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace adv {
class ClipTokenizer;
}

namespace adv::prompt {

struct Span {
    std::string text;
    double weight = 1.0;
    bool isBreak() const { return weight == -1.0 && text == "BREAK"; }
};

// parse_prompt_attention: text spans with their weights; BREAK markers carry weight -1.
std::vector<Span> parseAttention(const std::string& text);

struct Chunk {
    std::vector<int64_t> ids;     // exactly chunkLength + 2: BOS, tokens, EOS, pad...
    std::vector<float> weights;   // one per id: 1 for BOS, EOS and padding
};

struct ChunkOptions {
    int chunkLength = 75;       // prompt tokens per chunk (the encoder's positions minus BOS and EOS)
    int commaBacktrack = 20;    // 0: off
    int maxChunks = 32;         // more is refused (2,400 tokens at 75)
};

struct Tokenized {
    std::vector<Chunk> chunks;
    int tokenCount = 0;  // prompt tokens as A1111 counts them (its "75/150" counter)
    bool weighted() const;  // some weight is not 1
};

// Throws adv::Error (one line) for more than maxChunks chunks or a weight that is not finite or beyond
// +-1000 after nesting.
Tokenized tokenize(const ClipTokenizer& tok, const std::string& text, const ChunkOptions& o = {});

// The spans as text for people: "a (red:1.1) dress" -> `a ` 1, `red` 1.1, ` dress` 1 (CLI, tests).
std::string describe(const std::vector<Span>& spans);

} // namespace adv::prompt
