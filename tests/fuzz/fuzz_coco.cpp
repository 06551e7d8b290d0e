// COCO / Fashionpedia instance files: the loader, its validation, and every annotation's mask (polygons,
// compressed RLE strings, RLE counts) decoded. Differential where the build has simdjson: the file is read
// with both JSON drivers (simdjson's on-demand walk and nlohmann's SAX parser feed one handler), and whenever
// both accept it they must give the same Dataset, record for record.
#include "common.h"
#include "dataset/coco.h"

#include <cstdio>
#include <fstream>
#include <unistd.h>

namespace {

using adv::coco::Dataset;

bool same(const Dataset& a, const Dataset& b) {
    if (a.images.size() != b.images.size() || a.annotations.size() != b.annotations.size() ||
        a.categories.size() != b.categories.size() || a.attributes.size() != b.attributes.size() || a.issues != b.issues)
        return false;
    for (size_t i = 0; i < a.images.size(); ++i) {
        const auto &x = a.images[i], &y = b.images[i];
        if (x.id != y.id || x.fileName != y.fileName || x.width != y.width || x.height != y.height) return false;
    }
    for (size_t i = 0; i < a.categories.size(); ++i)
        if (a.categories[i].id != b.categories[i].id || a.categories[i].name != b.categories[i].name) return false;
    for (size_t i = 0; i < a.annotations.size(); ++i) {
        const auto &x = a.annotations[i], &y = b.annotations[i];
        if (x.id != y.id || x.imageId != y.imageId || x.categoryId != y.categoryId || x.seg != y.seg ||
            x.segCount != y.segCount || x.iscrowd != y.iscrowd || a.attributeIds(x) != b.attributeIds(y))
            return false;
        if (!(x.area == y.area || (x.area != x.area && y.area != y.area))) return false;
    }
    return a.coords_.size() == b.coords_.size() && a.rleChars_ == b.rleChars_ && a.rleCounts_ == b.rleCounts_ &&
           a.polyLen_ == b.polyLen_;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const std::string path = "/tmp/advariant-fuzz-coco-" + std::to_string(getpid()) + ".json";
    {
        std::ofstream o(path, std::ios::binary | std::ios::trunc);
        o.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    }
    ADV_FUZZ_EXPECTED_REFUSALS({
        const auto ds = adv::coco::loadCoco(path, {}, nullptr, adv::coco::JsonParser::Nlohmann);
        size_t n = 0;
        for (const auto& a : ds.annotations) {
            if (++n > 64) break;
            ADV_FUZZ_EXPECTED_REFUSALS({
                const auto r = ds.rle(a);
                if (r.area() > static_cast<uint64_t>(r.h) * static_cast<uint64_t>(r.w)) __builtin_trap();
            })
        }
#if defined(ADV_HAVE_SIMDJSON)
        try {
            const auto fast = adv::coco::loadCoco(path, {}, nullptr, adv::coco::JsonParser::Simdjson);
            if (!same(ds, fast)) __builtin_trap();
        } catch (const adv::Error&) {
            // simdjson is stricter on a few inputs nlohmann accepts (it validates UTF-8 outside strings too)
        }
#endif
    })
#if defined(ADV_HAVE_SIMDJSON)
    // simdjson alone: whatever nlohmann thought of the input, no crash, leak or library wording.
    ADV_FUZZ_EXPECTED_REFUSALS({ (void)adv::coco::loadCoco(path, {}, nullptr, adv::coco::JsonParser::Simdjson); })
#endif
    return 0;
}
