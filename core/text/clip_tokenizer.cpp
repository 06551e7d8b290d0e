#include "text/clip_tokenizer.h"

#include "text/text_clean.h"
#include "text/unicode.h"
#include "util/error.h"
#include "util/fs.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <climits>
#include <filesystem>
#include <mutex>
#include <sstream>

namespace adv {

using json = nlohmann::json;

namespace {
// transformers reads at most this many merges (49152 - 256 - 2).
constexpr size_t kMaxMerges = 48894;
std::mutex g_cacheMutex;

std::string specialFromJson(const json& j) {
    if (j.is_string()) return j.get<std::string>();
    if (j.is_object() && j.contains("content") && j["content"].is_string()) return j["content"].get<std::string>();
    return {};
}
} // namespace

ClipTokenizer ClipTokenizer::fromFolder(const std::string& dir) {
    namespace sfs = std::filesystem;
    const sfs::path d(dir);
    std::string pad = "<|endoftext|>";
    for (const char* name : {"special_tokens_map.json", "tokenizer_config.json"}) {
        const sfs::path p = d / name;
        std::error_code ec;
        if (!sfs::exists(p, ec)) continue;
        try {
            json j = json::parse(fs::readFile(p));
            if (j.contains("pad_token")) {
                std::string v = specialFromJson(j["pad_token"]);
                if (!v.empty()) {
                    pad = v;
                    break;
                }
            }
        } catch (const json::exception& e) {
            throw FileError(p.string(), jsonErrorText(e));
        }
    }
    return fromFiles((d / "vocab.json").string(), (d / "merges.txt").string(), pad);
}

ClipTokenizer ClipTokenizer::fromFiles(const std::string& vocabJson, const std::string& mergesTxt,
                                       const std::string& padToken) {
    ClipTokenizer t;
    json v;
    try {
        v = json::parse(fs::readFile(vocabJson));
    } catch (const json::exception& e) {
        throw FileError(vocabJson, jsonErrorText(e));
    }
    if (!v.is_object() || v.empty()) throw FileError(vocabJson, "expected an object mapping tokens to ids");
    for (auto it = v.begin(); it != v.end(); ++it) {
        if (!it->is_number_integer()) throw FileError(vocabJson, "id of token '" + it.key().substr(0, 80) + "' is not an integer");
        if (it->get<int64_t>() < 0 || it->get<int64_t>() >= (int64_t(1) << 24))
            throw FileError(vocabJson, "id of token '" + it.key().substr(0, 80) + "' is outside 0..16777215");
        t.vocab_[it.key()] = it->get<int64_t>();
        t.inverse_[it->get<int64_t>()] = it.key();
    }
    std::istringstream in(fs::readFile(mergesTxt));
    std::string line;
    int rank = 0;
    bool first = true;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (first) {
            first = false;
            if (line.rfind("#version", 0) == 0) continue;
        }
        if (line.empty()) continue;
        if (static_cast<size_t>(rank) >= kMaxMerges) break;
        const auto sp = line.find(' ');
        if (sp == std::string::npos || sp == 0 || sp + 1 >= line.size())
            throw FileError(mergesTxt, "line " + std::to_string(rank + 2) + ": expected two symbols separated by a space");
        t.ranks_.emplace(line, rank++);
    }
    // bytes_to_unicode()
    std::vector<int> bs;
    for (int b = '!'; b <= '~'; ++b) bs.push_back(b);
    for (int b = 0xA1; b <= 0xAC; ++b) bs.push_back(b);
    for (int b = 0xAE; b <= 0xFF; ++b) bs.push_back(b);
    std::vector<char32_t> cs(bs.begin(), bs.end());
    int n = 0;
    for (int b = 0; b < 256; ++b) {
        if (std::find(bs.begin(), bs.end(), b) == bs.end()) {
            bs.push_back(b);
            cs.push_back(static_cast<char32_t>(256 + n++));
        }
    }
    for (size_t i = 0; i < bs.size(); ++i) {
        std::string u;
        unicode::appendUtf8(u, cs[i]);
        t.byteEncoder_[bs[i]] = u;
        t.byteDecoder_[u] = static_cast<unsigned char>(bs[i]);
    }
    auto need = [&](const std::string& tok) {
        auto it = t.vocab_.find(tok);
        if (it == t.vocab_.end()) throw FileError(vocabJson, "special token " + tok + " missing from the vocabulary");
        return it->second;
    };
    t.bos_ = need("<|startoftext|>");
    t.eos_ = need("<|endoftext|>");
    t.unk_ = t.eos_;
    t.pad_ = need(padToken);
    return t;
}

std::string ClipTokenizer::normalize(const std::string& text) const {
    std::u32string s = unicode::decodeUtf8(text::fixText(text));
    s = unicode::toLower(text::collapseWhitespace(s));
    return unicode::encodeUtf8(s);
}

std::vector<std::string> ClipTokenizer::preTokenize(const std::string& normalized) const {
    // <\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+
    static const std::u32string kSpecial[] = {U"<|startoftext|>", U"<|endoftext|>"};
    static const std::u32string kContractions[] = {U"s", U"t", U"re", U"ve", U"m", U"ll", U"d"};
    const std::u32string s = unicode::decodeUtf8(normalized);
    std::vector<std::string> out;
    size_t i = 0;
    while (i < s.size()) {
        const char32_t c = s[i];
        bool matched = false;
        for (const auto& sp : kSpecial) {
            if (s.compare(i, sp.size(), sp) == 0) {
                out.push_back(unicode::encodeUtf8(sp));
                i += sp.size();
                matched = true;
                break;
            }
        }
        if (matched) continue;
        if (c == '\'') {
            for (const auto& ct : kContractions) {
                if (s.compare(i + 1, ct.size(), ct) == 0) {
                    out.push_back(unicode::encodeUtf8(s.substr(i, ct.size() + 1)));
                    i += ct.size() + 1;
                    matched = true;
                    break;
                }
            }
            if (matched) continue;
        }
        if (unicode::isLetter(c)) {
            size_t j = i;
            while (j < s.size() && unicode::isLetter(s[j])) ++j;
            out.push_back(unicode::encodeUtf8(s.substr(i, j - i)));
            i = j;
        } else if (unicode::isNumber(c)) {
            out.push_back(unicode::encodeUtf8(s.substr(i, 1)));
            ++i;
        } else if (unicode::isSpace(c)) {
            ++i;
        } else {
            size_t j = i;
            while (j < s.size() && !unicode::isSpace(s[j]) && !unicode::isLetter(s[j]) && !unicode::isNumber(s[j])) ++j;
            out.push_back(unicode::encodeUtf8(s.substr(i, j - i)));
            i = j;
        }
    }
    return out;
}

std::vector<std::string> ClipTokenizer::bpe(const std::string& token) const {
    if (token == "<|startoftext|>" || token == "<|endoftext|>") return {token};
    {
        std::lock_guard<std::mutex> lock(g_cacheMutex);
        auto it = cache_.find(token);
        if (it != cache_.end()) return it->second;
    }
    // Split into unicode characters; the last one gets </w>.
    std::vector<std::string> word;
    for (char32_t c : unicode::decodeUtf8(token)) {
        std::string u;
        unicode::appendUtf8(u, c);
        word.push_back(u);
    }
    if (word.empty()) return {};
    word.back() += "</w>";
    while (word.size() > 1) {
        int best = INT_MAX;
        size_t bestAt = 0;
        for (size_t i = 0; i + 1 < word.size(); ++i) {
            auto it = ranks_.find(word[i] + " " + word[i + 1]);
            if (it != ranks_.end() && it->second < best) {
                best = it->second;
                bestAt = i;
            }
        }
        if (best == INT_MAX) break;
        const std::string a = word[bestAt], b = word[bestAt + 1];
        std::vector<std::string> merged;
        merged.reserve(word.size());
        for (size_t i = 0; i < word.size();) {
            if (i + 1 < word.size() && word[i] == a && word[i + 1] == b) {
                merged.push_back(a + b);
                i += 2;
            } else {
                merged.push_back(word[i]);
                ++i;
            }
        }
        word.swap(merged);
    }
    std::lock_guard<std::mutex> lock(g_cacheMutex);
    if (cache_.size() > 100000) cache_.clear();
    cache_[token] = word;
    return word;
}

std::vector<std::string> ClipTokenizer::tokens(const std::string& text) const {
    std::vector<std::string> out;
    for (const std::string& piece : preTokenize(normalize(text))) {
        std::string mapped;
        if (piece == "<|startoftext|>" || piece == "<|endoftext|>") mapped = piece;
        else
            for (unsigned char b : piece) mapped += byteEncoder_[b];
        for (auto& t : bpe(mapped)) out.push_back(std::move(t));
    }
    return out;
}

std::vector<int64_t> ClipTokenizer::encode(const std::string& text) const {
    std::vector<int64_t> ids;
    for (const auto& t : tokens(text)) {
        auto it = vocab_.find(t);
        ids.push_back(it == vocab_.end() ? unk_ : it->second);
    }
    return ids;
}

std::vector<int64_t> ClipTokenizer::operator()(const std::string& text, int maxLength) const {
    std::vector<int64_t> body = encode(text);
    std::vector<int64_t> ids;
    ids.reserve(maxLength);
    ids.push_back(bos_);
    const size_t keep = std::min(body.size(), static_cast<size_t>(std::max(0, maxLength - 2)));
    ids.insert(ids.end(), body.begin(), body.begin() + static_cast<std::ptrdiff_t>(keep));
    ids.push_back(eos_);
    while (static_cast<int>(ids.size()) < maxLength) ids.push_back(pad_);
    return ids;
}

std::string ClipTokenizer::decode(const std::vector<int64_t>& ids) const {
    std::string joined;
    for (int64_t id : ids) {
        auto it = inverse_.find(id);
        if (it != inverse_.end()) joined += it->second;
    }
    std::string bytes;
    for (char32_t c : unicode::decodeUtf8(joined)) {
        std::string u;
        unicode::appendUtf8(u, c);
        auto it = byteDecoder_.find(u);
        if (it != byteDecoder_.end()) bytes.push_back(static_cast<char>(it->second));
        else bytes += u;
    }
    std::string out;
    size_t pos = 0;
    for (size_t p; (p = bytes.find("</w>", pos)) != std::string::npos; pos = p + 4) out += bytes.substr(pos, p - pos) + " ";
    out += bytes.substr(pos);
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

} // namespace adv
