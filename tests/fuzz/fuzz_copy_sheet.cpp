// Copy sheets (CSV from spreadsheets): quoting, separators, encodings, row and field limits.
#include "common.h"
#include "exportset/copy_sheet.h"

#include <set>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    ADV_FUZZ_EXPECTED_REFUSALS({
        const auto rows = adv::exportset::parseCopySheet(fuzzText(data, size), "copy.csv");
        std::set<std::string> ids;
        for (const auto& r : rows) {
            // Every accepted row has a headline and a unique id usable in a file name.
            if (r.headline.empty() || r.id.empty() || !ids.insert(r.id).second) __builtin_trap();
            for (char c : r.id)
                if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_')) __builtin_trap();
        }
    })
    return 0;
}
