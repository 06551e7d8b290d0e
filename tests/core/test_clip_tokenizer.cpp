// ClipTokenizer against transformers' CLIPTokenizer (with ftfy) on the
// reference prompts: ids exact, BPE token strings exact.
#include "core/refdata.h"

#include "text/clip_tokenizer.h"
#include "util/error.h"

class TestClipTokenizer : public QObject {
    Q_OBJECT
    adv::ClipTokenizer tok = adv::ClipTokenizer::fromFolder(advtest::refDir() + "/tokenizer");

private Q_SLOTS:
    void idsMatchTransformers() {
        const auto& prompts = advtest::vectors()["prompts"];
        const auto ids = advtest::ref("tokenizer.input_ids");  // [16, 77]
        QCOMPARE(static_cast<size_t>(ids.size(0)), prompts.size());
        for (size_t i = 0; i < prompts.size(); ++i) {
            const auto got = tok(prompts[i].get<std::string>());
            QCOMPARE(got.size(), size_t(77));
            for (int j = 0; j < 77; ++j) {
                const auto want = ids[static_cast<int64_t>(i)][j].item<int64_t>();
                QVERIFY2(got[j] == want, (std::string("prompt ") + std::to_string(i) + " '" + prompts[i].get<std::string>() +
                                          "' position " + std::to_string(j) + ": got " + std::to_string(got[j]) +
                                          " want " + std::to_string(want)).c_str());
            }
        }
    }

    void tokenStringsMatch() {
        for (const auto& entry : advtest::vectors()["tokenizer"]) {
            const std::string prompt = entry["prompt"];
            auto want = entry["tokens"].get<std::vector<std::string>>();
            if (entry["truncated"].get<bool>()) continue;
            std::vector<std::string> got{"<|startoftext|>"};
            for (auto& t : tok.tokens(prompt)) got.push_back(t);
            got.push_back("<|endoftext|>");
            QVERIFY2(got == want, ("token strings differ for '" + prompt + "'").c_str());
            QCOMPARE(static_cast<int>(tok.encode(prompt).size()) + 2, entry["n_tokens_untruncated"].get<int>());
        }
    }

    void truncationKeepsEos() {
        std::string longPrompt;
        for (int i = 0; i < 100; ++i) longPrompt += "dress ";
        auto ids = tok(longPrompt);
        QCOMPARE(ids.size(), size_t(77));
        QCOMPARE(ids.front(), tok.bosId());
        QCOMPARE(ids.back(), tok.eosId());
        QCOMPARE(ids[75], tok.encode("dress")[0]);
    }

    void emptyPromptIsBosEosPad() {
        auto ids = tok("");
        QCOMPARE(ids[0], int64_t(49406));
        for (int i = 1; i < 77; ++i) QCOMPARE(ids[i], int64_t(49407));
    }

    void decodeRoundTrip() {
        QCOMPARE(tok.decode(tok.encode("A Shirt on the Beach!")), std::string("a shirt on the beach !"));
    }

    void missingFilesNameThePath() {
        try {
            adv::ClipTokenizer::fromFolder("/nonexistent/tok");
            QFAIL("expected an error");
        } catch (const adv::FileError& e) {
            QVERIFY(std::string(e.what()).find("/nonexistent/tok/vocab.json") != std::string::npos);
        }
    }
};

QTEST_GUILESS_MAIN(TestClipTokenizer)
#include "test_clip_tokenizer.moc"
