// UTF-8 <-> UTF-16 (core/platform): every file name read from a data file (a manifest's image, a COCO
// file_name, a brand kit's logo) passes here on Windows. Valid input round-trips exactly; invalid input
// is refused with adv::Error; UTF-16 of any code units either round-trips or is refused.
#include "common.h"
#include "platform/platform.h"

#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace adv::platform;
    const std::string text = fuzzText(data, size);
    ADV_FUZZ_EXPECTED_REFUSALS({
        const std::u16string w = utf8ToUtf16(text);
        if (w.size() > text.size()) __builtin_trap();  // never more code units than bytes
        if (utf16ToUtf8(w) != text) __builtin_trap();
        if (pathToUtf8(pathFromUtf8(text)) != text) __builtin_trap();
    })
    std::u16string units(size / 2, u'\0');
    for (size_t i = 0; i < units.size(); ++i) units[i] = static_cast<char16_t>(data[2 * i] | (data[2 * i + 1] << 8));
    ADV_FUZZ_EXPECTED_REFUSALS({
        const std::string u8 = utf16ToUtf8(units);
        if (utf8ToUtf16(u8) != units) __builtin_trap();
    })
    return 0;
}
