#include "util/error.h"

#include <new>

namespace adv {

namespace {

bool startsWith(const std::string& s, const std::string& p) { return s.compare(0, p.size(), p) == 0; }

std::string firstLine(std::string s) {
    if (auto nl = s.find('\n'); nl != std::string::npos) s.resize(nl);
    return s;
}

// Control bytes and invalid UTF-8 become '?', so a hostile file cannot write
// terminal escapes or garbage into the one line a user reads.
std::string printable(const std::string& s, size_t maxBytes = 400) {
    std::string o;
    for (size_t i = 0; i < s.size() && o.size() < maxBytes;) {
        const auto c = static_cast<unsigned char>(s[i]);
        size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        bool ok = n > 0 && i + n <= s.size();
        for (size_t k = 1; ok && k < n; ++k) ok = (static_cast<unsigned char>(s[i + k]) >> 6) == 2;
        if (!ok) {
            o += '?';
            ++i;
        } else if (n == 1 && (c < 0x20 || c == 0x7f)) {
            o += c == '\t' ? ' ' : '?';
            ++i;
        } else {
            o.append(s, i, n);
            i += n;
        }
    }
    if (o.size() >= maxBytes) o += "...";
    return o;
}

} // namespace

std::string jsonErrorText(const std::exception& e) {
    std::string m = firstLine(e.what());
    if (!startsWith(m, "[json.exception.")) return printable(m);
    const auto close = m.find("] ");
    const std::string kind = close == std::string::npos ? "" : m.substr(16, close - 16);  // "type_error.302"
    std::string text = close == std::string::npos ? m : m.substr(close + 2);
    if (startsWith(kind, "parse_error")) {
        if (startsWith(text, "parse error at ")) text = text.substr(15);
        if (auto lr = text.find("; last read"); lr != std::string::npos) text.resize(lr);
        if (startsWith(text, "line ")) return printable("not valid JSON at " + text);
        return printable("not valid JSON: " + text);
    }
    if (startsWith(kind, "type_error")) {
        // "type must be number, but is string"
        std::string t = text;
        if (startsWith(t, "type ")) t = t.substr(5);
        if (auto b = t.find(", but "); b != std::string::npos) t.replace(b, 6, ", ");
        return printable("a field has the wrong type (" + t + ")");
    }
    if (kind == "out_of_range.403") {
        // "key 'id' not found"
        std::string t = text;
        if (startsWith(t, "key ")) t = t.substr(4);
        if (auto nf = t.rfind(" not found"); nf != std::string::npos) t.resize(nf);
        return printable("missing field " + t);
    }
    if (kind == "out_of_range.406") return printable("a number is too large (" + text + ")");
    return printable(text);
}

std::string userMessage(const std::exception& e) {
    if (dynamic_cast<const std::bad_alloc*>(&e) || dynamic_cast<const std::length_error*>(&e))
        return "out of memory: the input asks for more memory than this machine has";
    const std::string m = firstLine(e.what());
    if (startsWith(m, "[json.exception.")) return jsonErrorText(e);
    if (m.find("OpenCV(") != std::string::npos || m.find("(-215:") != std::string::npos) {
        // "OpenCV(4.6.0) /build/.../resize.cpp:4052: error: (-215:Assertion failed) !ssize.empty() in function 'resize'"
        std::string t = m;
        if (auto p = t.find("error: "); p != std::string::npos) t = t.substr(p + 7);
        if (!t.empty() && t[0] == '(')  // "(-215:Assertion failed) "
            if (auto q = t.find(") "); q != std::string::npos) t = t.substr(q + 2);
        return printable("an image could not be processed (" + t + ")");
    }
    if (m == "stoi" || m == "stol" || m == "stoll" || m == "stoul" || m == "stoull" || m == "stod" || m == "stof")
        return "a number could not be read (not a number, or out of range)";
    if (startsWith(m, "vector::") || startsWith(m, "basic_string::") || m == "std::bad_alloc")
        return "out of memory: the input asks for more memory than this machine has";
    return printable(m);
}

} // namespace adv
