// advariant-cli lora count|inspect|convert|merge
#include "cli/args.h"
#include "cli/common.h"

#include "io/safetensors.h"
#include "lora/lora.h"
#include "model/unet.h"
#include "pipeline/sd_pipeline.h"
#include "util/error.h"

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <cstdio>
#include <set>

namespace adv::cli {
namespace {

keymap::LoraNaming namingFromName(const std::string& n) {
    if (n == "kohya" || n == "a1111") return keymap::LoraNaming::Kohya;
    if (n == "peft") return keymap::LoraNaming::Peft;
    if (n == "diffusers") return keymap::LoraNaming::Diffusers;
    throw UsageError("unknown LoRA naming '" + n + "' (kohya, peft, diffusers)");
}

// A UNet of the right shape: the given model's, or randomly initialised sd15/tiny-ref shapes.
struct Target {
    std::unique_ptr<StableDiffusion> sd;
    UNet2DConditionModel unet{nullptr};
    torch::nn::Module* text = nullptr;
};

Target target(const Args& a, bool needText) {
    Target t;
    if (a.has("--model")) {
        LoadOptions lo;
        lo.device = "cpu";
        lo.tokenizerDir = a.get("--tokenizer");
        t.sd = StableDiffusion::load(a.get("--model"), lo);
        t.unet = t.sd->unet;
        t.text = t.sd->text.get();
        return t;
    }
    const std::string r = a.get("--random", "sd15");
    if (r != "sd15") throw UsageError("--random supports sd15 (or pass --model PATH)");
    torch::NoGradGuard ng;
    t.unet = UNet2DConditionModel(UNetConfig::sd15());
    (void)needText;
    return t;
}

int runCount(const Args& a) {
    auto t = target(a, false);
    LoraSpec spec;
    spec.rank = a.getInt("--rank", 4);
    spec.textEncoder = a.has("--text-encoder");
    spec.convRank = a.getInt("--conv-rank", 0);
    if (spec.rank < 1) throw UsageError("--rank must be at least 1");
    if (spec.convRank < 0) throw UsageError("--conv-rank must be 0 or more");
    const int64_t n = countLoraParameters(spec, *t.unet, t.text);
    const int64_t base = [&] {
        int64_t s = 0;
        for (const auto& p : t.unet->parameters()) s += p.numel();
        return s;
    }();
    if (a.has("--json")) printJson(nlohmann::json{{"rank", spec.rank}, {"conv_rank", spec.convRank}, {"trainable", n}, {"unet_parameters", base}}.dump());
    else std::printf("%lld\n", static_cast<long long>(n));
    return 0;
}

int runInspect(const Args& a, const std::string& file) {
    auto t = target(a, true);
    auto w = readLora(file, *t.unet, t.text);
    std::set<int64_t> ranks;
    std::set<double> alphas;
    for (const auto& m : w.modules) {
        ranks.insert(m.rank());
        alphas.insert(m.alpha);
    }
    auto unmatched = w.unmatchedKeys;
    const auto check = attachLora(w, 1.0, "inspect", *t.unet, t.text);
    detachLora("inspect", *t.unet, t.text);
    unmatched.insert(unmatched.end(), check.unmatchedModules.begin(), check.unmatchedModules.end());
    nlohmann::json j{{"file", file},
                     {"naming", keymap::loraNamingName(w.naming)},
                     {"modules", w.modules.size()},
                     {"parameters", w.parameterCount()},
                     {"ranks", ranks},
                     {"alphas", alphas},
                     {"unmatched", unmatched},
                     {"metadata", w.metadata}};
    if (a.has("--json")) printJson(j.dump());
    else std::printf("%s\n", j.dump(2).c_str());
    return 0;
}

int runConvert(const Args& a, const std::string& file) {
    auto t = target(a, true);
    auto w = readLora(file, *t.unet, t.text);
    if (!w.unmatchedKeys.empty())
        std::fprintf(stderr, "warning: %zu keys matched no module and are dropped (first: %s)\n", w.unmatchedKeys.size(),
                     w.unmatchedKeys.front().c_str());
    const auto naming = namingFromName(a.require("--to"));
    saveLora(a.require("--out"), w, naming, w.metadata);
    if (a.has("--json"))
        printJson(nlohmann::json{{"from", keymap::loraNamingName(w.naming)}, {"to", keymap::loraNamingName(naming)},
                                 {"modules", w.modules.size()}, {"out", a.get("--out")}}.dump());
    return 0;
}

int runMerge(const Args& a) {
    if (!a.has("--model")) throw UsageError("merge needs --model PATH");
    auto t = target(a, true);
    for (const auto& spec : a.getAll("--lora")) {
        const auto [path, scale] = parseLoraSpec(spec);
        auto w = readLora(path, *t.unet, t.text);
        auto r = mergeLora(w, scale, *t.unet, t.text);
        std::fprintf(stderr, "merged %zu modules of %s at %.3g\n", r.applied, path.c_str(), scale);
    }
    std::map<std::string, torch::Tensor> sd;
    for (const auto& p : t.unet->named_parameters()) sd[p.key()] = p.value();
    saveSafeTensors(a.require("--out"), sd, {{"format", "pt"}});
    return 0;
}

int run(const Args& a) {
    const auto& pos = a.positionals();
    if (pos.empty()) throw UsageError("name an action: count, inspect, convert or merge");
    const std::string act = pos[0];
    if (act == "count") return runCount(a);
    if (act == "merge") return runMerge(a);
    if (act == "inspect" || act == "convert") {
        if (pos.size() != 2) throw UsageError(act + " takes one LoRA FILE");
        return act == "inspect" ? runInspect(a, pos[1]) : runConvert(a, pos[1]);
    }
    throw UsageError("unknown lora action '" + act + "'");
}

Register reg({"lora", "LoRA adapters: count trainable parameters, inspect, convert naming, merge into a UNet",
              "count (--model PATH | --random sd15) --rank N | inspect FILE | convert FILE --to kohya|peft|diffusers "
              "--out FILE | merge --model PATH --lora FILE[:SCALE] --out FILE",
              {{"--model", "PATH", "the model the LoRA belongs to"},
               {"--tokenizer", "DIR", "tokenizer folder (single-file checkpoints)"},
               {"--random", "CFG", "use a randomly initialised model of this shape (sd15)"},
               {"--rank", "N", "LoRA rank for count (default 4)"},
               {"--conv-rank", "N", "count also adds LoCon adapters of this rank on the ResNet convs (default 0)"},
               {"--text-encoder", "", "count also adds the text encoder's attention projections"},
               {"--to", "NAMING", "kohya | peft | diffusers"},
               {"--lora", "FILE[:SCALE]", "LoRA to merge", true},
               {"--out", "FILE", "output file"},
               {"--json", "", "machine-readable output"}},
              "", run});

} // namespace
} // namespace adv::cli
