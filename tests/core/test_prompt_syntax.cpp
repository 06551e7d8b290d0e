// Prompt syntax as AUTOMATIC1111 reads it (core/text/prompt_syntax.h): one test per rule of the parser
// (A1111's own docstring examples included, with its weights), the 75-token chunking with comma backtrack
// and BREAK, the limits, and the text encoder side (weights scale the hidden states and the chunk's mean
// is restored; chunks are concatenated; the shorter prompt of a CFG pair is padded with the empty prompt's
// encoding; a plain prompt encodes bit for bit as before). The prompt as typed goes into the PNG parameters.
#include "core/refdata.h"

#include "pipeline/sd_pipeline.h"
#include "studio/variant_record.h"
#include "text/clip_tokenizer.h"
#include "text/prompt_syntax.h"
#include "util/error.h"

using namespace adv;
using prompt::Span;

namespace {

std::vector<Span> parse(const std::string& s) { return prompt::parseAttention(s); }

// Spans equal `want` (texts exactly, weights within 1e-12; "BREAK" with weight -1 is the marker).
bool same(const std::vector<Span>& got, const std::vector<Span>& want) {
    if (got.size() != want.size()) return false;
    for (size_t i = 0; i < got.size(); ++i)
        if (got[i].text != want[i].text || std::abs(got[i].weight - want[i].weight) > 1e-12) return false;
    return true;
}
#define SPANS(text, ...)                                                                                      \
    QVERIFY2(same(parse(text), std::vector<Span>{__VA_ARGS__}), (std::string(text) + " -> " + prompt::describe(parse(text))).c_str())

std::string repeat(const std::string& word, int n) {
    std::string s;
    for (int i = 0; i < n; ++i) s += (i ? " " : "") + word;
    return s;
}

LoadOptions onCpu() {
    LoadOptions o;
    o.device = "cpu";
    return o;
}

} // namespace

class TestPromptSyntax : public QObject {
    Q_OBJECT
    ClipTokenizer tok = ClipTokenizer::fromFolder(advtest::refDir() + "/tokenizer");
    int64_t cat = tok.encode("cat").at(0), dog = tok.encode("dog").at(0), comma = tok.tokenId(",</w>");

private Q_SLOTS:
    // The examples in A1111's parse_prompt_attention docstring, with the weights it prints.
    void a1111Docstring() {
        SPANS("normal text", {"normal text", 1.0});
        SPANS("an (important) word", {"an ", 1.0}, {"important", 1.1}, {" word", 1.0});
        SPANS("(unbalanced", {"unbalanced", 1.1});
        SPANS("\\(literal\\]", {"(literal]", 1.0});
        SPANS("(unnecessary)(parens)", {"unnecessaryparens", 1.1});
        SPANS("a (((house:1.3)) [on] a (hill:0.5), sun, (((sky))).", {"a ", 1.0}, {"house", 1.5730000000000004},
              {" ", 1.1}, {"on", 1.0}, {" a ", 1.1}, {"hill", 0.55}, {", sun, ", 1.1}, {"sky", 1.4641000000000006},
              {".", 1.1});
    }
    void roundBracketsMultiplyBy1point1() {
        SPANS("(word)", {"word", 1.1});
        SPANS("((word))", {"word", 1.1 * 1.1});
        SPANS("(((word)))", {"word", 1.1 * 1.1 * 1.1});
    }
    void explicitWeight() {
        SPANS("(word:1.3)", {"word", 1.3});
        SPANS("(word : 0.7 )", {"word ", 0.7});  // the space before the colon is text
        SPANS("(word:-1)", {"word", -1.0});
        SPANS("((word:1.5))", {"word", 1.5 * 1.1});
    }
    void squareBracketsDivideBy1point1() {
        SPANS("[word]", {"word", 1 / 1.1});
        SPANS("[[word]]", {"word", (1 / 1.1) * (1 / 1.1)});
        SPANS("a [b (c)]", {"a ", 1.0}, {"b ", 1 / 1.1}, {"c", 1.1 / 1.1});
    }
    void escapes() {
        SPANS("\\(word\\)", {"(word)", 1.0});
        SPANS("\\[x\\]", {"[x]", 1.0});
        SPANS("a \\\\ b", {"a \\ b", 1.0});
        SPANS("x\\y", {"xy", 1.0});  // a lone backslash is dropped, as in A1111
    }
    void unmatchedAndLiteral() {
        SPANS("a) b]", {"a) b]", 1.0});
        SPANS("a:b", {"a:b", 1.0});
        SPANS("ratio 16:9)", {"ratio 16:9)", 1.0});  // a weight with no open bracket is text
        SPANS("(a:1.2.3) b", {"a b", 1.0});          // an unparsable number closes the bracket with weight 1
        SPANS("", {"", 1.0});
    }
    void openBracketsApplyToTheRest() {
        SPANS("a (b [c", {"a ", 1.0}, {"b ", 1.1}, {"c", 1.1 / 1.1});
    }
    void breakSplitsWordsOnly() {
        SPANS("a BREAK b", {"a", 1.0}, {"BREAK", -1.0}, {"b", 1.0});
        SPANS("aBREAK b", {"aBREAK b", 1.0});
        SPANS("BREAKfast", {"BREAKfast", 1.0});
        SPANS("a break b", {"a break b", 1.0});
        SPANS("(a BREAK b)", {"a", 1.1}, {"BREAK", -1.1}, {"b", 1.1});  // A1111: scaled, no longer a break
        QVERIFY(parse("a BREAK b")[1].isBreak());
        QVERIFY(!parse("(a BREAK b)")[1].isBreak());
    }

    void plainPromptIsOneChunkOfTheUsualIds() {
        for (const char* p : {"a shirt on the beach", "", "cat, dog"}) {
            const auto t = prompt::tokenize(tok, p);
            QCOMPARE(t.chunks.size(), size_t(1));
            QCOMPARE(t.chunks[0].ids, tok(p, 77));
            QVERIFY(!t.weighted());
        }
    }
    void weightsFollowTheirTokens() {
        const auto t = prompt::tokenize(tok, "a (red:1.5) dress");
        QCOMPARE(t.chunks.size(), size_t(1));
        const auto& w = t.chunks[0].weights;
        QCOMPARE(w.size(), size_t(77));
        QCOMPARE(w[0], 1.0f);  // BOS
        QCOMPARE(w[1], 1.0f);  // a
        QCOMPARE(w[2], 1.5f);  // red
        QCOMPARE(w[3], 1.0f);  // dress
        QCOMPARE(w[4], 1.0f);  // EOS
        QCOMPARE(t.chunks[0].ids, tok("a red dress", 77));
    }
    void seventyFiveTokensPerChunk() {
        auto t = prompt::tokenize(tok, repeat("cat", 75));
        QCOMPARE(t.chunks.size(), size_t(1));
        QCOMPARE(t.tokenCount, 75);
        t = prompt::tokenize(tok, repeat("cat", 76));
        QCOMPARE(t.chunks.size(), size_t(2));
        QCOMPARE(t.tokenCount, 76);
        QCOMPARE(t.chunks[0].ids.size(), size_t(77));
        QCOMPARE(t.chunks[0].ids[0], tok.bosId());
        QCOMPARE(t.chunks[0].ids[75], cat);
        QCOMPARE(t.chunks[0].ids[76], tok.eosId());
        QCOMPARE(t.chunks[1].ids[1], cat);
        QCOMPARE(t.chunks[1].ids[2], tok.eosId());
    }
    void commaBacktrackMovesTheTail() {
        // 70 cats, a comma, 10 dogs: the chunk fills 4 dogs after the comma, so those move to chunk 2.
        auto t = prompt::tokenize(tok, repeat("cat", 70) + ", " + repeat("dog", 10));
        QCOMPARE(t.chunks.size(), size_t(2));
        QCOMPARE(t.chunks[0].ids[71], comma);
        QCOMPARE(t.chunks[0].ids[72], tok.eosId());
        for (int i = 1; i <= 10; ++i) QCOMPARE(t.chunks[1].ids[i], dog);
        QCOMPARE(t.chunks[1].ids[11], tok.eosId());
        // A comma more than 20 tokens back does not move anything.
        t = prompt::tokenize(tok, repeat("cat", 50) + ", " + repeat("dog", 40));
        QCOMPARE(t.chunks[0].ids[51], comma);
        QCOMPARE(t.chunks[0].ids[75], dog);
        QCOMPARE(t.chunks[1].ids[16], dog);
        QCOMPARE(t.chunks[1].ids[17], tok.eosId());
        // Off: plain 75-token cut.
        prompt::ChunkOptions off;
        off.commaBacktrack = 0;
        t = prompt::tokenize(tok, repeat("cat", 70) + ", " + repeat("dog", 10), off);
        QCOMPARE(t.chunks[0].ids[75], dog);
    }
    void breakStartsANewChunk() {
        const auto t = prompt::tokenize(tok, "cat BREAK dog");
        QCOMPARE(t.chunks.size(), size_t(2));
        QCOMPARE(t.chunks[0].ids, tok("cat", 77));
        QCOMPARE(t.chunks[1].ids, tok("dog", 77));
        QCOMPARE(t.tokenCount, 76);  // A1111's counter: a full chunk, then one token
    }
    void limitsAreOneLine() {
        std::string many = "cat";
        for (int i = 0; i < 32; ++i) many += " BREAK cat";
        try {
            prompt::tokenize(tok, many);
            QFAIL("33 chunks accepted");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("32 chunks") != std::string::npos, e.what());
        }
        QVERIFY_EXCEPTION_THROWN(prompt::tokenize(tok, "(cat:5000)"), Error);
        QVERIFY_EXCEPTION_THROWN(prompt::tokenize(tok, std::string(80, '(') + "cat"), Error);  // 1.1^80
        QCOMPARE(prompt::tokenize(tok, std::string(60, '(') + "cat").chunks.size(), size_t(1));  // 1.1^60 = 304
    }

    // The text encoder side, on the reference pipeline's encoder.
    void plainPromptEncodesBitForBit() {
        auto sd = StableDiffusion::load(advtest::refDir(), onCpu());
        const std::vector<std::string> ps{"", "a shirt on the beach"};
        std::vector<int64_t> flat;
        for (const auto& p : ps) {
            auto ids = tok(p, 77);
            flat.insert(flat.end(), ids.begin(), ids.end());
        }
        torch::NoGradGuard ng;
        const auto want = sd->text->forward(torch::tensor(flat).view({2, 77})).lastHiddenState;
        QVERIFY(torch::equal(sd->encodePrompts(ps), want));
    }
    void weightsScaleHiddenStatesAndKeepTheMean() {
        auto sd = StableDiffusion::load(advtest::refDir(), onCpu());
        torch::NoGradGuard ng;
        const auto z = sd->text->forward(torch::tensor(tok("a red dress", 77)).view({1, 77})).lastHiddenState;
        auto w = torch::ones({1, 77, 1});
        w[0][2][0] = 1.5;
        auto want = z * w;
        want = want * (z.mean() / want.mean());
        const auto got = sd->encodePrompts({"a (red:1.5) dress"});
        ADV_COMPARE_TENSORS(got, want, 1e-5, 0.0);
        QVERIFY(!torch::allclose(got, z));
        QVERIFY(std::abs(got.mean().item<double>() - z.mean().item<double>()) < 1e-6);
    }
    void longPromptsAreChunkedAndThePairEvenedOut() {
        auto sd = StableDiffusion::load(advtest::refDir(), onCpu());
        torch::NoGradGuard ng;
        const std::string longPrompt = repeat("cat", 80);
        const auto t = prompt::tokenize(tok, longPrompt);
        QCOMPARE(t.chunks.size(), size_t(2));
        auto enc = [&](const std::vector<int64_t>& ids) {
            return sd->text->forward(torch::tensor(ids).view({1, 77})).lastHiddenState;  // [1, 77, D]
        };
        const auto got = sd->encodePrompts({"blurry", longPrompt});  // [2, 154, D]
        QCOMPARE(got.size(0), 2);
        QCOMPARE(got.size(1), 154);
        ADV_COMPARE_TENSORS(got[1].narrow(0, 0, 77), enc(t.chunks[0].ids)[0], 1e-5, 0.0);
        ADV_COMPARE_TENSORS(got[1].narrow(0, 77, 77), enc(t.chunks[1].ids)[0], 1e-5, 0.0);
        ADV_COMPARE_TENSORS(got[0].narrow(0, 0, 77), enc(tok("blurry", 77))[0], 1e-5, 0.0);
        ADV_COMPARE_TENSORS(got[0].narrow(0, 77, 77), enc(tok("", 77))[0], 1e-5, 0.0);  // the empty prompt
    }
    void generateTakesALongPrompt() {
        auto sd = StableDiffusion::load(advtest::refDir(), onCpu());
        GenerateParams p;
        p.prompt = "a (shirt:1.2) on the beach BREAK " + repeat("sunny", 90);
        p.negativePrompt = "[blurry]";
        p.sampler = "ddim";
        p.steps = 3;
        p.cfg = 5;
        p.seed = 3;
        const auto r = sd->generate(p);
        QCOMPARE(r.promptEmbeds.size(1), 77 * 3);
        QVERIFY(torch::isfinite(r.images).all().item<bool>());
        p.prompt = "a shirt on the beach";
        const auto plain = sd->generate(p);
        QVERIFY(!torch::allclose(plain.images, r.images));
    }

    // The PNG parameters carry the prompt as typed, brackets and weights included, as A1111 writes them.
    void recordKeepsThePromptAsTyped() {
        studio::VariantRecord r;
        r.prompt = "a (red:1.3) dress, ((studio light)) BREAK [blurry], \\(logo\\)";
        r.negativePrompt = "(worst quality:1.4)";
        r.seed = 7;
        const auto text = r.toA1111();
        QVERIFY2(text.rfind(r.prompt + "\nNegative prompt: " + r.negativePrompt + "\n", 0) == 0, text.c_str());
        const auto back = studio::VariantRecord::fromA1111(text);
        QCOMPARE(back.prompt, r.prompt);
        QCOMPARE(back.negativePrompt, r.negativePrompt);
    }
};

QTEST_GUILESS_MAIN(TestPromptSyntax)
#include "test_prompt_syntax.moc"
