// Minimal Unicode support for the tokenizer: UTF-8 decoding/encoding and the
// character classes of the CLIP pre-tokenisation regex. Tables are generated
// by tools/gen_unicode_tables.py.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace adv::unicode {

struct CodeRange {
    char32_t first, last;
};
struct LowerEntry {
    char32_t cp;
    char32_t lower[3];
};

namespace tables {
extern const CodeRange kLetters[];
extern const size_t kLettersCount;
extern const CodeRange kNumbers[];
extern const size_t kNumbersCount;
extern const CodeRange kSpaces[];
extern const size_t kSpacesCount;
extern const LowerEntry kLower[];
extern const size_t kLowerCount;
} // namespace tables

// Invalid sequences decode to U+FFFD.
std::u32string decodeUtf8(std::string_view s);
std::string encodeUtf8(std::u32string_view s);
void appendUtf8(std::string& out, char32_t cp);

bool isLetter(char32_t c);
bool isNumber(char32_t c);
bool isSpace(char32_t c);
// Full lower-casing as Python's str.lower() does (may lengthen the string).
std::u32string toLower(std::u32string_view s);

} // namespace adv::unicode
