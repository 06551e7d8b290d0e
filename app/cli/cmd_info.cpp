// advariant-cli info: version, compute device, and a model's load report.
#include "cli/args.h"
#include "cli/common.h"

#include "adv_version.h"
#include "pipeline/sd_pipeline.h"
#include "util/device.h"
#include "util/fs.h"
#include "util/log.h"

#include <nlohmann/json.hpp>

#include <cstdio>

namespace adv::cli {
namespace {

int run(const Args& a) {
    const auto d = deviceInfo();
    nlohmann::json j{{"version", ADV_VERSION},          {"device", d.describe()},       {"cuda", d.cudaAvailable},
                     {"cpu_threads", d.cpuThreads},     {"cpu_bf16", d.cpuBf16},        {"torch", d.torchVersion},
                     {"allocator", d.allocator},        {"log_file", log::logFilePath()},
                     {"resources", fs::resourceDir().string()}};
    if (a.has("--model")) {
        LoadOptions lo;
        lo.device = a.get("--device", "cpu");
        lo.tokenizerDir = a.get("--tokenizer");
        lo.strict = false;
        auto sd = StableDiffusion::load(a.get("--model"), lo);
        nlohmann::json reps = nlohmann::json::array();
        for (const auto& r : sd->reports())
            reps.push_back({{"component", r.component}, {"source", r.source}, {"loaded", r.loaded},
                            {"missing", r.missing}, {"unexpected", r.unexpected}, {"wrong_shape", r.wrongShape}});
        j["model"] = {{"name", sd->name()}, {"native_resolution", sd->nativeResolution()}, {"reports", reps}};
    }
    if (a.has("--json")) {
        printJson(j.dump());
        return 0;
    }
    std::printf("AdVariant Studio %s\ndevice: %s\ntorch: %s, allocator: %s\nresources: %s\nlog: %s\n", ADV_VERSION,
                d.describe().c_str(), d.torchVersion.c_str(), d.allocator.c_str(), fs::resourceDir().c_str(),
                log::logFilePath().c_str());
    if (j.contains("model"))
        for (const auto& r : j["model"]["reports"])
            std::printf("  %s: %d loaded, %zu missing, %zu unexpected, %zu wrong shape\n",
                        r["component"].get<std::string>().c_str(), r["loaded"].get<int>(), r["missing"].size(),
                        r["unexpected"].size(), r["wrong_shape"].size());
    return 0;
}

Register reg({"info", "version, compute device, and what loading a model finds", "[--model PATH] [--json]",
              {{"--model", "PATH", "report what loading this model finds (missing/unexpected/wrong-shape tensors)"},
               {"--tokenizer", "DIR", "tokenizer folder (single-file checkpoints)"},
               {"--device", "DEV", "cpu|cuda|auto"},
               {"--json", "", "machine-readable output"}},
              "", run});

} // namespace
} // namespace adv::cli
