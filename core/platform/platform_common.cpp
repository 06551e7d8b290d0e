// The portable part of the platform layer: strict UTF-8 <-> UTF-16 and UTF-8 paths.
#include "platform/platform.h"

#include "util/error.h"

namespace adv::platform {

namespace {
[[noreturn]] void badUtf8(size_t at, const char* what) {
    throw Error("text is not valid UTF-8 at byte " + std::to_string(at) + " (" + what + ")");
}
} // namespace

std::u16string utf8ToUtf16(std::string_view s) {
    std::u16string out;
    out.reserve(s.size());
    size_t i = 0;
    while (i < s.size()) {
        const auto b0 = static_cast<unsigned char>(s[i]);
        if (b0 < 0x80) {
            out.push_back(static_cast<char16_t>(b0));
            ++i;
            continue;
        }
        int len = 0;
        char32_t cp = 0;
        if ((b0 & 0xE0) == 0xC0) len = 2, cp = b0 & 0x1F;
        else if ((b0 & 0xF0) == 0xE0) len = 3, cp = b0 & 0x0F;
        else if ((b0 & 0xF8) == 0xF0) len = 4, cp = b0 & 0x07;
        else badUtf8(i, b0 < 0xC0 ? "continuation byte without a lead byte" : "invalid lead byte");
        if (i + static_cast<size_t>(len) > s.size()) badUtf8(i, "sequence cut short");
        for (int k = 1; k < len; ++k) {
            const auto b = static_cast<unsigned char>(s[i + static_cast<size_t>(k)]);
            if ((b & 0xC0) != 0x80) badUtf8(i, "sequence cut short");
            cp = (cp << 6) | (b & 0x3F);
        }
        static const char32_t minimum[5] = {0, 0, 0x80, 0x800, 0x10000};
        if (cp < minimum[len]) badUtf8(i, "overlong encoding");
        if (cp >= 0xD800 && cp <= 0xDFFF) badUtf8(i, "encoded surrogate");
        if (cp > 0x10FFFF) badUtf8(i, "code point above U+10FFFF");
        if (cp >= 0x10000) {
            cp -= 0x10000;
            out.push_back(static_cast<char16_t>(0xD800 + (cp >> 10)));
            out.push_back(static_cast<char16_t>(0xDC00 + (cp & 0x3FF)));
        } else {
            out.push_back(static_cast<char16_t>(cp));
        }
        i += static_cast<size_t>(len);
    }
    return out;
}

std::string utf16ToUtf8(std::u16string_view s) {
    std::string out;
    out.reserve(s.size() * 3 / 2);
    for (size_t i = 0; i < s.size(); ++i) {
        char32_t cp = s[i];
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (i + 1 >= s.size() || s[i + 1] < 0xDC00 || s[i + 1] > 0xDFFF)
                throw Error("text is not valid UTF-16 at unit " + std::to_string(i) + " (unpaired high surrogate)");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (s[i + 1] - 0xDC00);
            ++i;
        } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            throw Error("text is not valid UTF-16 at unit " + std::to_string(i) + " (unpaired low surrogate)");
        }
        if (cp < 0x80) {
            out.push_back(static_cast<char>(cp));
        } else if (cp < 0x800) {
            out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        } else if (cp < 0x10000) {
            out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        } else {
            out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        }
    }
    return out;
}

std::filesystem::path pathFromUtf8(std::string_view utf8) {
#ifdef _WIN32
    const std::u16string w = utf8ToUtf16(utf8);
    return std::filesystem::path(std::wstring(w.begin(), w.end()));
#else
    return std::filesystem::path(std::string(utf8));  // POSIX paths are bytes; UTF-8 by convention
#endif
}

std::string pathToUtf8(const std::filesystem::path& path) {
#ifdef _WIN32
    const std::wstring& w = path.native();
    return utf16ToUtf8(std::u16string(w.begin(), w.end()));
#else
    return path.native();
#endif
}

MappedFile::~MappedFile() { release(); }

MappedFile::MappedFile(MappedFile&& other) noexcept : data_(other.data_), size_(other.size_) {
    other.data_ = nullptr;
    other.size_ = 0;
}

MappedFile& MappedFile::operator=(MappedFile&& other) noexcept {
    if (this != &other) {
        release();
        data_ = other.data_;
        size_ = other.size_;
        other.data_ = nullptr;
        other.size_ = 0;
    }
    return *this;
}

ChildProcess::ChildProcess(ChildProcess&& o) noexcept
    : id_(o.id_), handle_(o.handle_), exited_(o.exited_), exitCode_(o.exitCode_) {
    o.id_ = -1;
    o.handle_ = nullptr;
}

ChildProcess& ChildProcess::operator=(ChildProcess&& o) noexcept {
    if (this != &o) {
        std::swap(id_, o.id_);
        std::swap(handle_, o.handle_);
        std::swap(exited_, o.exited_);
        std::swap(exitCode_, o.exitCode_);
    }
    return *this;
}

} // namespace adv::platform
