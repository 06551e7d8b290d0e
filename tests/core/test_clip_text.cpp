// CLIPTextModel against transformers on the reference ids.
#include "core/refdata.h"

#include "model/clip_text.h"
#include "model/weights.h"

using namespace adv;

class TestClipText : public QObject {
    Q_OBJECT
    ClipTextModel load() {
        auto cfg = ClipTextConfig::fromFile(advtest::refDir() + "/text_encoder/config.json");
        ClipTextModel m(cfg);
        const std::string w = advtest::refDir() + "/text_encoder/model.safetensors";
        auto r = loadStateDict(*m, readWeights(w), "text_encoder", w, true);
        m->eval();
        return m;
    }

private Q_SLOTS:
    void configRead() {
        auto c = ClipTextConfig::fromFile(advtest::refDir() + "/text_encoder/config.json");
        QCOMPARE(c.hiddenSize, 32);
        QCOMPARE(c.numLayers, 2);
        QCOMPARE(c.hiddenAct, std::string("quick_gelu"));
    }

    void matchesTransformers() {
        auto m = load();
        torch::NoGradGuard ng;
        auto out = m->forward(advtest::ref("text_encoder.input_ids"));
        ADV_COMPARE_TENSORS(out.lastHiddenState, advtest::ref("text_encoder.last_hidden_state"), 1e-4, 0.0);
        ADV_COMPARE_TENSORS(out.pooled, advtest::ref("text_encoder.pooler_output"), 1e-4, 0.0);
    }

    void loadReportsEverything() {
        ClipTextModel m(ClipTextConfig::fromFile(advtest::refDir() + "/text_encoder/config.json"));
        const std::string w = advtest::refDir() + "/text_encoder/model.safetensors";
        auto state = readWeights(w);
        state.erase("text_model.final_layer_norm.weight");
        state["text_model.extra.weight"] = torch::zeros({1});
        state["text_model.embeddings.position_embedding.weight"] = torch::zeros({76, 32});
        auto r = loadStateDict(*m, state, "text_encoder", w, false);
        QCOMPARE(r.missing, std::vector<std::string>{"text_model.final_layer_norm.weight"});
        QCOMPARE(r.unexpected, std::vector<std::string>{"text_model.extra.weight"});
        QCOMPARE(r.wrongShape.size(), size_t(1));
        QVERIFY(r.wrongShape[0].find("[76,32]") != std::string::npos);
        QVERIFY_EXCEPTION_THROWN(loadStateDict(*m, state, "text_encoder", w, true), std::exception);
    }

    void clipSkipUsesPenultimateLayer() {
        auto m = load();
        torch::NoGradGuard ng;
        auto ids = advtest::ref("text_encoder.input_ids");
        auto a = m->forward(ids, 1).lastHiddenState;
        auto b = m->forward(ids, 2).lastHiddenState;
        QVERIFY(!torch::allclose(a, b));
        QVERIFY(a.sizes() == b.sizes());
    }
};

QTEST_GUILESS_MAIN(TestClipText)
#include "test_clip_text.moc"
