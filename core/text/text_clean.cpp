#include "text/text_clean.h"

#include "text/unicode.h"

#include <cstdlib>
#include <map>

namespace adv::text {

namespace {

// Named entities html.unescape() knows that occur in prompts; numeric ones are general.
const std::map<std::u32string, std::u32string>& entities() {
    static const std::map<std::u32string, std::u32string> m = {
        {U"amp", U"&"},     {U"lt", U"<"},       {U"gt", U">"},      {U"quot", U"\""},  {U"apos", U"'"},
        {U"nbsp", U"\u00A0"}, {U"copy", U"\u00A9"}, {U"reg", U"\u00AE"}, {U"trade", U"\u2122"},
        {U"hellip", U"\u2026"}, {U"mdash", U"\u2014"}, {U"ndash", U"\u2013"}, {U"lsquo", U"\u2018"},
        {U"rsquo", U"\u2019"}, {U"ldquo", U"\u201C"}, {U"rdquo", U"\u201D"}, {U"eacute", U"\u00E9"},
        {U"egrave", U"\u00E8"}, {U"agrave", U"\u00E0"}, {U"euro", U"\u20AC"}, {U"pound", U"\u00A3"},
        {U"deg", U"\u00B0"}, {U"times", U"\u00D7"}};
    return m;
}

bool isWordChar(char32_t c) { return c == '_' || unicode::isLetter(c) || unicode::isNumber(c); }

// ftfy's unescape_html: "&#?\w{0,8};" sequences.
std::u32string unescapeHtml(const std::u32string& s) {
    std::u32string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '&') {
            out.push_back(s[i]);
            continue;
        }
        size_t j = i + 1;
        const bool numeric = j < s.size() && s[j] == '#';
        if (numeric) ++j;
        size_t k = j;
        while (k < s.size() && k - j < 8 && isWordChar(s[k])) ++k;
        if (k < s.size() && s[k] == ';' && k > j) {
            std::u32string name = s.substr(j, k - j);
            if (numeric) {
                std::string ascii = unicode::encodeUtf8(name);
                char* endp = nullptr;
                long v = (ascii[0] == 'x' || ascii[0] == 'X') ? std::strtol(ascii.c_str() + 1, &endp, 16)
                                                               : std::strtol(ascii.c_str(), &endp, 10);
                if (endp && *endp == 0 && v > 0 && v <= 0x10FFFF) {
                    out.push_back(static_cast<char32_t>(v));
                    i = k;
                    continue;
                }
            } else {
                auto it = entities().find(name);
                if (it == entities().end()) {
                    // html.unescape is case-sensitive, but ftfy also accepts upper-case forms.
                    it = entities().find(unicode::toLower(name));
                }
                if (it != entities().end()) {
                    out += it->second;
                    i = k;
                    continue;
                }
            }
        }
        out.push_back('&');
    }
    return out;
}

char32_t uncurl(char32_t c) {
    switch (c) {
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: return '\'';
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: return '"';
    default: return c;
    }
}

const char32_t* ligature(char32_t c) {
    switch (c) {
    case 0xFB00: return U"ff";
    case 0xFB01: return U"fi";
    case 0xFB02: return U"fl";
    case 0xFB03: return U"ffi";
    case 0xFB04: return U"ffl";
    case 0xFB05: return U"st";
    case 0xFB06: return U"st";
    case 0x0132: return U"IJ";
    case 0x0133: return U"ij";
    default: return nullptr;
    }
}

} // namespace

std::string fixText(const std::string& utf8) {
    std::u32string s = unicode::decodeUtf8(utf8);
    // unescape_html="auto": only when the text does not look like HTML ("<" present).
    if (s.find(U'<') == std::u32string::npos) s = unescapeHtml(s);
    std::u32string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
        char32_t c = s[i];
        // remove_terminal_escapes: ESC [ ... letter
        if (c == 0x1B && i + 1 < s.size() && s[i + 1] == '[') {
            size_t k = i + 2;
            while (k < s.size() && ((s[k] >= '0' && s[k] <= '9') || s[k] == ';')) ++k;
            if (k < s.size() && ((s[k] >= 'A' && s[k] <= 'Z') || (s[k] >= 'a' && s[k] <= 'z'))) {
                i = k;
                continue;
            }
        }
        if (const char32_t* lig = ligature(c)) {
            out += lig;
            continue;
        }
        // fix_character_width: full-width ASCII forms and the ideographic space.
        if (c >= 0xFF01 && c <= 0xFF5E) c = c - 0xFF01 + 0x21;
        else if (c == 0x3000) c = ' ';
        c = uncurl(c);
        // fix_line_breaks
        if (c == '\r') {
            if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
            c = '\n';
        } else if (c == 0x2028 || c == 0x2029 || c == 0x85) {
            c = '\n';
        }
        // remove_control_chars: C0 controls other than \t \n \f \r, DEL..C1, bidi/format marks
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\f' && c != '\r') || c == 0x7F ||
            (c >= 0x80 && c < 0xA0 && c != 0x85) || c == 0xFEFF || (c >= 0x206A && c <= 0x206F) ||
            (c >= 0xFFF9 && c <= 0xFFFC))
            continue;
        out.push_back(c);
    }
    return unicode::encodeUtf8(out);
}

std::u32string collapseWhitespace(const std::u32string& text) {
    std::u32string out;
    bool pendingSpace = false;
    for (char32_t c : text) {
        if (unicode::isSpace(c)) {
            pendingSpace = !out.empty();
            continue;
        }
        if (pendingSpace) out.push_back(' ');
        pendingSpace = false;
        out.push_back(c);
    }
    return out;
}

} // namespace adv::text
