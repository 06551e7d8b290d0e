// CLIP byte-level BPE tokenizer, giving the ids Hugging Face's CLIPTokenizer
// gives (with ftfy): text clean-up, lower-casing, CLIP's pre-tokenisation
// pattern, byte-to-unicode mapping, BPE merges, BOS/EOS, pad/truncate to 77.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace adv {

class ClipTokenizer {
public:
    // Folder with vocab.json + merges.txt (+ optional special_tokens_map.json /
    // tokenizer_config.json naming the pad token). Throws FileError.
    static ClipTokenizer fromFolder(const std::string& dir);
    static ClipTokenizer fromFiles(const std::string& vocabJson, const std::string& mergesTxt,
                                   const std::string& padToken = "<|endoftext|>");

    // BPE token ids of `text`, without BOS/EOS, untruncated.
    std::vector<int64_t> encode(const std::string& text) const;
    // BPE token strings (vocab keys) of `text`.
    std::vector<std::string> tokens(const std::string& text) const;
    // [BOS, ids..., EOS, pad...] of exactly maxLength ids (EOS kept on truncation).
    std::vector<int64_t> operator()(const std::string& text, int maxLength = 77) const;

    // The id of a vocabulary key (",</w>"), or -1.
    int64_t tokenId(const std::string& key) const {
        auto it = vocab_.find(key);
        return it == vocab_.end() ? -1 : it->second;
    }
    int64_t bosId() const { return bos_; }
    int64_t eosId() const { return eos_; }
    int64_t padId() const { return pad_; }
    size_t vocabSize() const { return vocab_.size(); }
    // The text after clean-up and lower-casing, as the BPE sees it.
    std::string normalize(const std::string& text) const;
    std::string decode(const std::vector<int64_t>& ids) const;

    // For tokenizer training: a tokenizer without vocabulary that only cleans
    // up and splits text into the words the BPE merges act on.
    static ClipTokenizer forPreTokenization() { return ClipTokenizer(); }
    std::vector<std::string> preTokenizedWords(const std::string& text) const { return preTokenize(normalize(text)); }

private:
    std::vector<std::string> preTokenize(const std::string& normalized) const;
    std::vector<std::string> bpe(const std::string& word) const;

    std::unordered_map<std::string, int64_t> vocab_;
    std::unordered_map<int64_t, std::string> inverse_;
    std::unordered_map<std::string, int> ranks_;
    std::string byteEncoder_[256];
    std::unordered_map<std::string, unsigned char> byteDecoder_;
    int64_t bos_ = 49406, eos_ = 49407, pad_ = 49407, unk_ = 49407;
    mutable std::unordered_map<std::string, std::vector<std::string>> cache_;
};

} // namespace adv
