#include "text/prompt_syntax.h"

#include "text/clip_tokenizer.h"
#include "util/error.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <sstream>

namespace adv::prompt {
namespace {

constexpr double kRound = 1.1;
constexpr double kSquare = 1 / 1.1;
constexpr double kMaxWeight = 1000;

// Python's \s on str (ASCII part, with the separators \x1c-\x1f it also counts).
bool isSpace(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f); }
// Python's \w; bytes of multi-byte UTF-8 characters count as word characters (letters of other scripts).
bool isWord(unsigned char c) { return std::isalnum(c) || c == '_' || c >= 0x80; }
bool isDigitOrDot(char c) { return (c >= '0' && c <= '9') || c == '.'; }

// re.split(r"\s*\bBREAK\b\s*", run): a BREAK marker (weight -1) between the parts.
void addText(std::vector<Span>& res, const std::string& run) {
    size_t from = 0, p = 0;
    bool first = true;
    auto emit = [&](std::string part) {
        if (!first) res.push_back({"BREAK", -1.0});
        res.push_back({std::move(part), 1.0});
        first = false;
    };
    while ((p = run.find("BREAK", p)) != std::string::npos) {
        const bool before = p == 0 || !isWord(static_cast<unsigned char>(run[p - 1]));
        const bool after = p + 5 == run.size() || !isWord(static_cast<unsigned char>(run[p + 5]));
        if (!before || !after) {
            ++p;
            continue;
        }
        size_t start = p, end = p + 5;
        while (start > from && isSpace(static_cast<unsigned char>(run[start - 1]))) --start;
        while (end < run.size() && isSpace(static_cast<unsigned char>(run[end]))) ++end;
        emit(run.substr(from, start - from));
        from = p = end;
    }
    emit(run.substr(from));
}

// `:\s*([+-]?[.\d]+)\s*\)` at text[i] == ':'. Returns the length of the match (0: none) and the number.
size_t matchWeight(const std::string& s, size_t i, std::string& number) {
    size_t k = i + 1;
    while (k < s.size() && isSpace(static_cast<unsigned char>(s[k]))) ++k;
    const size_t numStart = k;
    if (k < s.size() && (s[k] == '+' || s[k] == '-')) ++k;
    const size_t digits = k;
    while (k < s.size() && isDigitOrDot(s[k])) ++k;
    if (k == digits) return 0;
    number = s.substr(numStart, k - numStart);
    while (k < s.size() && isSpace(static_cast<unsigned char>(s[k]))) ++k;
    if (k >= s.size() || s[k] != ')') return 0;
    return k + 1 - i;
}

// Python's float() on the matched text; an unparsable number ("1.2.3", ".") reads as 1.
double parseWeight(const std::string& number) {
    char* end = nullptr;
    const double v = std::strtod(number.c_str(), &end);
    if (end != number.c_str() + number.size() || number == "+" || number == "-") return 1.0;
    return v;
}

} // namespace

std::vector<Span> parseAttention(const std::string& text) {
    std::vector<Span> res;
    std::vector<size_t> round, square;
    auto multiply = [&](size_t start, double m) {
        for (size_t p = start; p < res.size(); ++p) res[p].weight *= m;
    };
    size_t i = 0;
    const size_t n = text.size();
    while (i < n) {
        const char c = text[i];
        if (c == '\\') {
            if (i + 1 < n && std::strchr("()[]\\", text[i + 1]) && text[i + 1] != '\0') {
                res.push_back({std::string(1, text[i + 1]), 1.0});
                i += 2;
            } else {
                res.push_back({"", 1.0});  // a lone backslash: A1111 keeps what follows it, i.e. nothing
                ++i;
            }
        } else if (c == '(') {
            round.push_back(res.size());
            ++i;
        } else if (c == '[') {
            square.push_back(res.size());
            ++i;
        } else if (c == ':') {
            std::string number;
            const size_t len = matchWeight(text, i, number);
            if (len == 0) {
                addText(res, ":");
                ++i;
            } else {
                if (!round.empty()) {
                    multiply(round.back(), parseWeight(number));
                    round.pop_back();
                } else {
                    addText(res, text.substr(i, len));
                }
                i += len;
            }
        } else if (c == ')' && !round.empty()) {
            multiply(round.back(), kRound);
            round.pop_back();
            ++i;
        } else if (c == ']' && !square.empty()) {
            multiply(square.back(), kSquare);
            square.pop_back();
            ++i;
        } else if (c == ')' || c == ']') {
            addText(res, std::string(1, c));
            ++i;
        } else {
            size_t j = i;
            while (j < n && !std::strchr("\\()[]:", text[j])) ++j;
            if (j == i) ++j;  // a NUL byte: strchr finds the terminator; take it as text
            addText(res, text.substr(i, j - i));
            i = j;
        }
    }
    for (size_t p : round) multiply(p, kRound);
    for (size_t p : square) multiply(p, kSquare);
    if (res.empty()) res.push_back({"", 1.0});
    for (size_t k = 0; k + 1 < res.size();) {
        if (res[k].weight == res[k + 1].weight) {
            res[k].text += res[k + 1].text;
            res.erase(res.begin() + static_cast<std::ptrdiff_t>(k) + 1);
        } else {
            ++k;
        }
    }
    return res;
}

bool Tokenized::weighted() const {
    for (const auto& c : chunks)
        for (float w : c.weights)
            if (w != 1.0f) return true;
    return false;
}

Tokenized tokenize(const ClipTokenizer& tok, const std::string& text, const ChunkOptions& o) {
    const auto spans = parseAttention(text);
    const size_t L = static_cast<size_t>(std::max(1, o.chunkLength));
    const int64_t comma = tok.tokenId(",</w>");
    Tokenized out;
    std::vector<int64_t> ids;
    std::vector<float> weights;
    long lastComma = -1;
    auto nextChunk = [&](bool isLast) {
        out.tokenCount += isLast ? static_cast<int>(ids.size()) : static_cast<int>(L);
        Chunk c;
        c.ids.reserve(L + 2);
        c.ids.push_back(tok.bosId());
        c.ids.insert(c.ids.end(), ids.begin(), ids.end());
        c.ids.push_back(tok.eosId());
        while (c.ids.size() < L + 2) c.ids.push_back(tok.padId());
        c.weights.assign(L + 2, 1.0f);
        for (size_t k = 0; k < weights.size(); ++k) c.weights[k + 1] = weights[k];
        out.chunks.push_back(std::move(c));
        if (o.maxChunks > 0 && out.chunks.size() > static_cast<size_t>(o.maxChunks))
            throw Error("the prompt is longer than " + std::to_string(o.maxChunks) + " chunks of " + std::to_string(L) +
                        " tokens (" + std::to_string(o.maxChunks * L) + " tokens); shorten it");
        ids.clear();
        weights.clear();
        lastComma = -1;
    };
    for (const auto& s : spans) {
        if (s.isBreak()) {
            nextChunk(false);
            continue;
        }
        if (!std::isfinite(s.weight) || std::abs(s.weight) > kMaxWeight) {
            std::ostringstream w;
            w << s.weight;
            throw Error("prompt: \"" + s.text.substr(0, 40) + "\" has the weight " + w.str() +
                        " after its brackets; a weight must be finite and within -1000..1000");
        }
        const auto toks = tok.encode(s.text);
        for (size_t pos = 0; pos < toks.size(); ++pos) {
            const int64_t t = toks[pos];
            if (t == comma) {
                lastComma = static_cast<long>(ids.size());
            } else if (o.commaBacktrack != 0 && ids.size() == L && lastComma != -1 &&
                       static_cast<long>(ids.size()) - lastComma <= o.commaBacktrack) {
                const size_t at = static_cast<size_t>(lastComma) + 1;
                std::vector<int64_t> movedIds(ids.begin() + static_cast<std::ptrdiff_t>(at), ids.end());
                std::vector<float> movedW(weights.begin() + static_cast<std::ptrdiff_t>(at), weights.end());
                ids.resize(at);
                weights.resize(at);
                nextChunk(false);
                ids = std::move(movedIds);
                weights = std::move(movedW);
            }
            if (ids.size() == L) nextChunk(false);
            ids.push_back(t);
            weights.push_back(static_cast<float>(s.weight));
        }
    }
    if (!ids.empty() || out.chunks.empty()) nextChunk(true);
    return out;
}

std::string describe(const std::vector<Span>& spans) {
    std::ostringstream o;
    for (size_t k = 0; k < spans.size(); ++k) {
        if (k) o << " | ";
        if (spans[k].isBreak()) {
            o << "BREAK";
            continue;
        }
        o << '`' << spans[k].text << "` " << spans[k].weight;
    }
    return o.str();
}

} // namespace adv::prompt
