#include "text/bpe_trainer.h"

#include "text/clip_tokenizer.h"
#include "text/unicode.h"
#include "util/fs.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <unordered_map>

namespace adv {

namespace {
// bytes_to_unicode(), in CLIP's id order.
std::vector<std::string> byteSymbols() {
    std::vector<int> bs;
    for (int b = '!'; b <= '~'; ++b) bs.push_back(b);
    for (int b = 0xA1; b <= 0xAC; ++b) bs.push_back(b);
    for (int b = 0xAE; b <= 0xFF; ++b) bs.push_back(b);
    std::vector<char32_t> cs(bs.begin(), bs.end());
    int n = 0;
    for (int b = 0; b < 256; ++b)
        if (std::find(bs.begin(), bs.end(), b) == bs.end()) {
            bs.push_back(b);
            cs.push_back(static_cast<char32_t>(256 + n++));
        }
    std::vector<std::string> byByte(256), ordered;
    for (size_t i = 0; i < bs.size(); ++i) {
        std::string u;
        unicode::appendUtf8(u, cs[i]);
        byByte[bs[i]] = u;
        ordered.push_back(u);
    }
    ordered.insert(ordered.end(), byByte.begin(), byByte.end());  // second half: the byte map
    return ordered;
}
} // namespace

BpeTrainResult trainBpe(const std::vector<std::string>& corpus, size_t maxMerges, const std::string& dir, int minFrequency) {
    const auto sym = byteSymbols();
    const std::vector<std::string> ordered(sym.begin(), sym.begin() + 256);
    const std::vector<std::string> byByte(sym.begin() + 256, sym.end());
    // Word frequencies, pre-tokenised exactly as the tokenizer will see the text.
    const ClipTokenizer pre = ClipTokenizer::forPreTokenization();
    std::map<std::string, int> words;
    for (const auto& text : corpus)
        for (const auto& w : pre.preTokenizedWords(text)) {
            std::string mapped;
            for (unsigned char b : w) mapped += byByte[b];
            ++words[mapped];
        }
    struct Word {
        std::vector<std::string> s;
        int freq;
    };
    std::vector<Word> ws;
    for (const auto& [w, f] : words) {
        Word x{{}, f};
        for (char32_t c : unicode::decodeUtf8(w)) {
            std::string u;
            unicode::appendUtf8(u, c);
            x.s.push_back(u);
        }
        x.s.back() += "</w>";
        ws.push_back(std::move(x));
    }
    std::vector<std::pair<std::string, std::string>> merges;
    while (merges.size() < maxMerges) {
        std::map<std::pair<std::string, std::string>, int> counts;  // ordered: ties break deterministically
        for (const auto& w : ws)
            for (size_t i = 0; i + 1 < w.s.size(); ++i) counts[{w.s[i], w.s[i + 1]}] += w.freq;
        std::pair<std::string, std::string> best;
        int bestN = 0;
        for (const auto& [p, n] : counts)
            if (n > bestN) bestN = n, best = p;
        if (bestN < minFrequency) break;
        merges.push_back(best);
        const std::string joined = best.first + best.second;
        for (auto& w : ws) {
            std::vector<std::string> out;
            for (size_t i = 0; i < w.s.size();) {
                if (i + 1 < w.s.size() && w.s[i] == best.first && w.s[i + 1] == best.second) {
                    out.push_back(joined);
                    i += 2;
                } else {
                    out.push_back(w.s[i++]);
                }
            }
            w.s.swap(out);
        }
    }
    // vocab: 256 symbols, 256 symbols + </w>, merges, specials (CLIP's layout).
    nlohmann::ordered_json vocab;
    int64_t id = 0;
    for (const auto& s : ordered) vocab[s] = id++;
    for (const auto& s : ordered) vocab[s + "</w>"] = id++;
    for (const auto& [a, b] : merges)
        if (!vocab.contains(a + b)) vocab[a + b] = id++;
    vocab["<|startoftext|>"] = id++;
    vocab["<|endoftext|>"] = id++;
    std::string m = "#version: 0.2\n";
    for (const auto& [a, b] : merges) m += a + " " + b + "\n";
    const std::filesystem::path d(dir);
    std::filesystem::create_directories(d);
    fs::writeFileAtomic(d / "vocab.json", vocab.dump());
    fs::writeFileAtomic(d / "merges.txt", m);
    fs::writeFileAtomic(d / "special_tokens_map.json",
                        R"({"bos_token":"<|startoftext|>","eos_token":"<|endoftext|>","pad_token":"<|endoftext|>","unk_token":"<|endoftext|>"})");
    fs::writeFileAtomic(d / "tokenizer_config.json",
                        R"({"model_max_length":77,"do_lower_case":true,"tokenizer_class":"CLIPTokenizer","pad_token":"<|endoftext|>"})");
    return {merges.size(), static_cast<size_t>(id)};
}

} // namespace adv
