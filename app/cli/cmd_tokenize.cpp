// advariant-cli tokenize --tokenizer DIR [--json] PROMPT...
#include "cli/args.h"

#include "text/clip_tokenizer.h"

#include <nlohmann/json.hpp>

#include <cstdio>

namespace adv::cli {
namespace {

int run(const Args& a) {
    const auto tok = ClipTokenizer::fromFolder(a.require("--tokenizer"));
    if (a.positionals().empty()) throw UsageError("give at least one PROMPT");
    const int len = a.getInt("--max-length", 77);
    nlohmann::json out = nlohmann::json::array();
    for (const auto& p : a.positionals()) {
        auto ids = tok(p, len);
        if (a.has("--json")) {
            out.push_back({{"prompt", p}, {"input_ids", ids}, {"tokens", tok.tokens(p)},
                           {"n_tokens_untruncated", tok.encode(p).size() + 2}});
        } else {
            std::string line;
            for (size_t i = 0; i < ids.size(); ++i) line += (i ? " " : "") + std::to_string(ids[i]);
            std::printf("%s\n", line.c_str());
        }
    }
    if (a.has("--json")) printJson(out.dump());
    return 0;
}

Register reg({"tokenize", "CLIP BPE token ids of prompts (77 per prompt, padded)", "--tokenizer DIR [--json] PROMPT...",
              {{"--tokenizer", "DIR", "folder with vocab.json and merges.txt"},
               {"--max-length", "N", "ids per prompt (default 77)"},
               {"--json", "", "one JSON array with ids and BPE tokens"}},
              "", run});

} // namespace
} // namespace adv::cli
