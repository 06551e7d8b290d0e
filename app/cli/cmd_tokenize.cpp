// advariant-cli tokenize --tokenizer DIR [--json] PROMPT...
#include "cli/args.h"

#include "text/clip_tokenizer.h"
#include "text/prompt_syntax.h"

#include <nlohmann/json.hpp>

#include <cstdio>

namespace adv::cli {
namespace {

int run(const Args& a) {
    const auto tok = ClipTokenizer::fromFolder(a.require("--tokenizer"));
    if (a.positionals().empty()) throw UsageError("give at least one PROMPT");
    const int len = a.getInt("--max-length", 77);
    nlohmann::json out = nlohmann::json::array();
    if (a.has("--syntax")) {
        // A1111's reading: weighted spans, then BOS + 75 + EOS chunks with a weight per id.
        prompt::ChunkOptions co;
        co.chunkLength = len - 2;
        for (const auto& p : a.positionals()) {
            const auto spans = prompt::parseAttention(p);
            const auto tk = prompt::tokenize(tok, p, co);
            nlohmann::json sj = nlohmann::json::array(), cj = nlohmann::json::array();
            for (const auto& s : spans) sj.push_back(s.isBreak() ? nlohmann::json("BREAK") : nlohmann::json{s.text, s.weight});
            for (const auto& c : tk.chunks) cj.push_back({{"input_ids", c.ids}, {"weights", c.weights}});
            if (a.has("--json")) {
                out.push_back({{"prompt", p}, {"spans", sj}, {"chunks", cj}, {"token_count", tk.tokenCount}});
            } else {
                std::printf("%s\n%d tokens in %zu chunk(s)\n", prompt::describe(spans).c_str(), tk.tokenCount,
                            tk.chunks.size());
            }
        }
        if (a.has("--json")) printJson(out.dump());
        return 0;
    }
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
               {"--syntax", "", "read prompts as A1111 does: (weights), [weights], BREAK, 75-token chunks"},
               {"--json", "", "one JSON array with ids and BPE tokens (with --syntax: spans and chunks)"}},
              "", run});

} // namespace
} // namespace adv::cli

// advariant-cli tokenizer train --corpus FILE --merges N --out DIR
#include "text/bpe_trainer.h"
#include "util/fs.h"

#include <sstream>

namespace adv::cli {
namespace {

int runTrain(const Args& a) {
    if (a.positionals().size() != 1 || a.positionals()[0] != "train") throw UsageError("the tokenizer action is: train");
    std::istringstream in(fs::readFile(a.require("--corpus")));
    std::vector<std::string> lines;
    for (std::string l; std::getline(in, l);)
        if (!l.empty()) lines.push_back(l);
    const auto r = trainBpe(lines, static_cast<size_t>(a.getInt("--merges", 2000)), a.require("--out"), a.getInt("--min-frequency", 2));
    if (a.has("--json")) printJson(nlohmann::json{{"merges", r.merges}, {"vocab_size", r.vocabSize}, {"out", a.get("--out")}}.dump());
    else std::printf("%s: %zu merges, vocabulary of %zu\n", a.get("--out").c_str(), r.merges, r.vocabSize);
    return 0;
}

Register regTrain({"tokenizer", "learn a CLIP-format BPE vocabulary (vocab.json + merges.txt) from captions",
                   "train --corpus FILE [--merges N] --out DIR",
                   {{"--corpus", "FILE", "one caption per line"},
                    {"--merges", "N", "at most N merges (default 2000)"},
                    {"--min-frequency", "N", "stop when the best pair occurs fewer times (default 2)"},
                    {"--out", "DIR", "tokenizer folder"},
                    {"--json", "", "machine-readable output"}},
                   "", runTrain});

} // namespace
} // namespace adv::cli
