// advariant-cli pairs build: garment cut-outs composited onto background conditions.
#include "cli/args.h"
#include "cli/common.h"

#include "dataset/coco.h"
#include "pairs/pair_set.h"

#include <nlohmann/json.hpp>

#include <cstdio>

namespace adv::cli {
namespace {

int run(const Args& a) {
    if (a.positionals().size() != 1 || a.positionals()[0] != "build") throw UsageError("the pairs action is: build");
    auto ds = coco::loadCoco(a.require("--annotations"));
    const std::string images = a.require("--images");
    ds.checkImages(images);
    pairs::PairSetOptions o;
    if (a.has("--categories")) o.categories = a.getList("--categories");
    for (const auto& c : a.has("--conditions") ? a.getList("--conditions") : std::vector<std::string>{"beach", "space", "city"})
        o.conditions.push_back(pairs::makeCondition(c, a.get("--photos") .empty() ? "" : a.get("--photos") + "/" + c));
    o.perCategory = a.getInt("--per-category", 100);
    o.minArea = a.getDouble("--min-area", 0);
    o.minSide = a.getDouble("--min-side", 0);
    o.excludeBorder = !a.has("--keep-border");
    o.includeCrowd = a.has("--include-crowd");
    o.resolution = a.getInt("--resolution", 512);
    o.seed = static_cast<uint64_t>(a.getInt64("--seed", 1));
    o.cutout.refineGrabCut = a.has("--grabcut");
    o.composite.shadow = !a.has("--no-shadow");
    o.composite.harmonize = a.getDouble("--harmonize", 0.15);
    o.composite.scale = a.getDouble("--scale", o.composite.scale);
    if (!(o.composite.scale > 0.05 && o.composite.scale <= 1.0)) throw UsageError("--scale must be in (0.05, 1]");
    ProgressBar bar("pairs", !a.has("--json"));
    auto set = pairs::buildPairs(ds, images, o, a.require("--out"), [&](int s, int t, const std::string&) { bar.update(s, t); });
    bar.finish();
    for (const auto& i : set.issues) std::fprintf(stderr, "warning: %s\n", i.c_str());
    nlohmann::json counts = nlohmann::json::array();
    for (const auto& [k, n] : set.counts()) counts.push_back({{"category", k.first}, {"condition", k.second}, {"pairs", n}});
    if (a.has("--json")) {
        printJson(nlohmann::json{{"manifest", set.manifestPath()}, {"pairs", set.pairs.size()}, {"counts", counts},
                                 {"issues", set.issues}}.dump());
    } else {
        std::printf("%s: %zu pairs\n", set.manifestPath().c_str(), set.pairs.size());
        for (const auto& c : counts)
            std::printf("  %-10s %-8s %d\n", c["category"].get<std::string>().c_str(), c["condition"].get<std::string>().c_str(),
                        c["pairs"].get<int>());
    }
    return 0;
}

Register reg({"pairs", "build training pairs: garments cut out and composited onto background conditions",
              "build --annotations FILE --images DIR [--categories A,B] [--conditions beach,space,city] --out DIR",
              {{"--annotations", "FILE", "COCO/Fashionpedia instance JSON"},
               {"--images", "DIR", "the dataset's image folder"},
               {"--categories", "A,B", "garment categories (default dress,pants,shirt,sweater)", true},
               {"--conditions", "A,B", "background conditions (default beach,space,city)", true},
               {"--photos", "DIR", "folder with one sub-folder of photos per condition"},
               {"--per-category", "N", "at most N instances per category (default 100)"},
               {"--include-crowd", "", "also use crowd regions (iscrowd; skipped by default)"},
               {"--min-area", "PX", "minimum mask area"},
               {"--min-side", "PX", "minimum shorter box side"},
               {"--keep-border", "", "keep instances cut by the image border"},
               {"--resolution", "PX", "output size (default 512)"},
               {"--seed", "S", "seed (same seed: same pixels)"},
               {"--grabcut", "", "refine masks with GrabCut"},
               {"--no-shadow", "", "no soft shadow"},
               {"--harmonize", "F", "colour harmonisation strength (0 = off, default 0.15)"},
               {"--scale", "F", "garment height as a share of the image height (default 0.7)"},
               {"--out", "DIR", "output folder (manifest.jsonl + images/)"},
               {"--json", "", "machine-readable output"}},
              "", run});

} // namespace
} // namespace adv::cli
