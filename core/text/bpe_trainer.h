// Learns a CLIP-format byte-level BPE vocabulary (vocab.json + merges.txt)
// from a caption corpus, with the same clean-up and pre-tokenisation as
// ClipTokenizer, so the project can ship its own tokenizer files.
#pragma once

#include <string>
#include <vector>

namespace adv {

struct BpeTrainResult {
    size_t merges = 0;
    size_t vocabSize = 0;  // 512 byte symbols + merges + 2 specials
};

// Writes <dir>/vocab.json, merges.txt, special_tokens_map.json, tokenizer_config.json.
// Stops after `maxMerges` merges or when no pair occurs at least `minFrequency` times.
BpeTrainResult trainBpe(const std::vector<std::string>& corpus, size_t maxMerges, const std::string& dir,
                        int minFrequency = 2);

} // namespace adv
