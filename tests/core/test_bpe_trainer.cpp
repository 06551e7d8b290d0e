// A tokenizer learned from captions loads with ClipTokenizer, gives common words
// single tokens, covers every byte (no unknowns) and decodes back.
#include "core/refdata.h"

#include "text/bpe_trainer.h"
#include "text/clip_tokenizer.h"
#include "util/fs.h"

using namespace adv;

class TestBpeTrainer : public QObject {
    Q_OBJECT
    std::string dir = advtest::tempDir();

private Q_SLOTS:
    void learnsAndLoads() {
        std::vector<std::string> corpus;
        for (const char* c : {"red", "blue", "green", "black", "white"})
            for (const char* g : {"dress", "shirt", "pants", "sweater", "skirt"})
                for (const char* b : {"on the beach", "in space", "in the city", ""})
                    corpus.push_back(std::string("a ") + c + " " + g + " " + b);
        const auto r = trainBpe(corpus, 400, dir + "/tok");
        QVERIFY(r.merges > 20 && r.merges <= 400);
        QCOMPARE(r.vocabSize, 512 + r.merges + 2);
        auto tok = ClipTokenizer::fromFolder(dir + "/tok");
        QCOMPARE(tok.vocabSize(), r.vocabSize);
        QCOMPARE(tok.bosId(), int64_t(512 + r.merges));
        QCOMPARE(tok.eosId(), tok.bosId() + 1);
        const auto t = tok.tokens("A Red DRESS on the beach");
        QCOMPARE(t, (std::vector<std::string>{"a</w>", "red</w>", "dress</w>", "on</w>", "the</w>", "beach</w>"}));
        QCOMPARE(tok.decode(tok.encode("a blue sweater in space")), std::string("a blue sweater in space"));
        // Unseen words and non-ASCII text fall back to byte symbols, never to <|endoftext|>.
        for (int64_t id : tok.encode("zebra caf\xc3\xa9 \xf0\x9f\x91\x97")) QVERIFY(id != tok.eosId());
        const auto ids = tok("a green skirt in the city");
        QCOMPARE(ids.size(), size_t(77));
        QCOMPARE(ids[0], tok.bosId());
        // Deterministic: the same corpus gives the same files.
        trainBpe(corpus, 400, dir + "/tok2");
        QCOMPARE(fs::readFile(dir + "/tok2/merges.txt"), fs::readFile(dir + "/tok/merges.txt"));
        QCOMPARE(fs::readFile(dir + "/tok2/vocab.json"), fs::readFile(dir + "/tok/vocab.json"));
    }
};

QTEST_GUILESS_MAIN(TestBpeTrainer)
#include "test_bpe_trainer.moc"
