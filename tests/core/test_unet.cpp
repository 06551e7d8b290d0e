// UNet2DConditionModel against diffusers, plus config-reader cases.
#include "core/refdata.h"

#include "model/conv_select.h"
#include "model/cpu_kernels.h"
#include "model/unet.h"
#include "model/weights.h"
#include "util/error.h"
#include "util/fs.h"

using namespace adv;

namespace {
// The reference UNet with its weights, in `dt`, in eval mode.
UNet2DConditionModel referenceUNet(torch::ScalarType dt) {
    UNet2DConditionModel m(UNetConfig::fromFile(advtest::refDir() + "/unet/config.json"));
    const std::string w = advtest::refDir() + "/unet/diffusion_pytorch_model.safetensors";
    loadStateDict(*m, readWeights(w), "unet", w, true);
    m->eval();
    m->to(dt);
    return m;
}

// unet.out's inputs in bf16 (the timestep stays as stored), output back in f32.
torch::Tensor forwardBf16(UNet2DConditionModel& m) {
    return m->forward(advtest::ref("unet.sample").to(torch::kBFloat16), advtest::ref("unet.timestep"),
                      advtest::ref("unet.encoder_hidden_states").to(torch::kBFloat16))
        .to(torch::kFloat32);
}
} // namespace

class TestUNet : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void matchesDiffusers() {
        auto cfg = UNetConfig::fromFile(advtest::refDir() + "/unet/config.json");
        QCOMPARE(cfg.numAttentionHeads, (std::vector<int>{4, 4, 4, 4}));
        UNet2DConditionModel m(cfg);
        const std::string w = advtest::refDir() + "/unet/diffusion_pytorch_model.safetensors";
        auto r = loadStateDict(*m, readWeights(w), "unet", w, true);
        QVERIFY(r.unexpected.empty());
        m->eval();
        torch::NoGradGuard ng;
        auto out = m->forward(advtest::ref("unet.sample"), advtest::ref("unet.timestep"),
                              advtest::ref("unet.encoder_hidden_states"));
        ADV_COMPARE_TENSORS(out, advtest::ref("unet.out"), 1e-4, 0.0);
    }

    void bf16PathStaysCloseToF32() {
        // The fast CPU path (AVX512-BF16) against the same reference; bf16 keeps 8 bits of mantissa.
        auto m = referenceUNet(torch::kBFloat16);
        torch::NoGradGuard ng;
        auto out = forwardBf16(m);
        const auto want = advtest::ref("unet.out");
        const double err = (out.to(torch::kFloat32) - want).abs().max().item<double>();
        const double scale = want.abs().max().item<double>();
        QVERIFY2(err < 0.05 * scale, (std::to_string(err) + " vs max " + std::to_string(scale)).c_str());
    }

    void fusedKernelsAgreeWithLibTorchBf16() {
        // The bf16 inference path with the fused norms/GEGLU and per-shape convolutions against
        // LibTorch's own bf16 ops on the same weights: only bf16 rounding apart.
        auto m = referenceUNet(torch::kBFloat16);
        torch::NoGradGuard ng;
        auto run = [&] { return forwardBf16(m); };
        kern::setEnabled(false);
        convsel::setEnabled(false);
        const auto plain = run();
        kern::setEnabled(true);
        convsel::setEnabled(true);
        const auto fused = run();
        // Both are bf16 approximations of diffusers' f32 output: the fused path must be as accurate.
        const auto want = advtest::ref("unet.out");
        const double errFused = (fused - want).abs().max().item<double>();
        const double errPlain = (plain - want).abs().max().item<double>();
        const double scale = want.abs().max().item<double>();
        qInfo("bf16 max error vs diffusers f32: fused %.4f, LibTorch ops %.4f (max %.3f)", errFused, errPlain, scale);
        QVERIFY(errFused > 0 && errPlain > 0);
        QVERIFY2(errFused <= 1.5 * errPlain + 0.005 * scale,
                 (std::to_string(errFused) + " vs LibTorch's " + std::to_string(errPlain)).c_str());
    }

    void winogradConvolutionsStayAsAccurate() {
        // Every 3x3 convolution of the reference UNet the Winograd way (its channels are below the
        // rule's 256, so force it) against diffusers' f32 output, next to the direct bf16 kernel.
        auto m = referenceUNet(torch::kBFloat16);
        torch::NoGradGuard ng;
        convsel::setWinograd(convsel::Winograd::Off);
        const auto direct = forwardBf16(m);
        convsel::setWinograd(convsel::Winograd::Always);
        const auto before = convsel::stats().winogradCalls;
        const auto wino = forwardBf16(m);
        const auto calls = convsel::stats().winogradCalls - before;
        convsel::setWinograd(convsel::Winograd::Auto);
        QVERIFY(calls >= 10);
        const auto want = advtest::ref("unet.out");
        const double errW = (wino.to(torch::kFloat32) - want).abs().max().item<double>();
        const double errD = (direct.to(torch::kFloat32) - want).abs().max().item<double>();
        const double scale = want.abs().max().item<double>();
        qInfo("bf16 max error vs diffusers f32: winograd %.4f, direct %.4f (max %.3f, %lld Winograd convolutions)", errW,
              errD, scale, static_cast<long long>(calls));
        QVERIFY2(errW <= 1.5 * errD + 0.005 * scale, (std::to_string(errW) + " vs " + std::to_string(errD)).c_str());
    }

    // DeepCache: a full pass keeps the last up block's input; a reusing pass on the same input and timestep runs
    // only the shallow branch and gives the full pass's output exactly; at the next timestep it stays close to
    // the full output there; a cache of another shape is not used.
    void featureCacheReusesTheDeepFeatures() {
        auto m = referenceUNet(torch::kFloat32);
        torch::NoGradGuard ng;
        const auto x = advtest::ref("unet.sample"), ctx = advtest::ref("unet.encoder_hidden_states");
        const auto t = torch::tensor({500.0f}), t2 = torch::tensor({480.0f});
        UNetFeatureCache cache;
        const auto full = m->forward(x, t, ctx, &cache);
        ADV_COMPARE_TENSORS(full, m->forward(x, t, ctx), 0, 0);  // keeping the features changes nothing
        QVERIFY(cache.deep.defined());
        QCOMPARE(cache.deep.size(0), x.size(0));
        QCOMPARE(cache.deep.size(2), x.size(2));  // the last up block works at full latent size
        cache.reuse = true;
        ADV_COMPARE_TENSORS(m->forward(x, t, ctx, &cache), full, 1e-5, 1e-5);
        QCOMPARE(cache.fullPasses, 1);
        QCOMPARE(cache.shallowPasses, 1);
        // At another timestep the shallow branch runs anew on the kept deep features: neither the full pass
        // there nor the kept output (how close it stays is the pipeline test's, on whole samplings).
        const auto next = m->forward(x, t2, ctx), reused = m->forward(x, t2, ctx, &cache);
        QVERIFY(torch::isfinite(reused).all().item<bool>());
        QVERIFY((reused - next).abs().max().item<double>() > 0);
        QVERIFY((reused - full).abs().max().item<double>() > 0);
        // Another batch size: the cache does not fit, the pass runs in full (and keeps the new features).
        const auto x2 = torch::cat({x, x}), ctx2 = torch::cat({ctx, ctx});
        ADV_COMPARE_TENSORS(m->forward(x2, t, ctx2, &cache), m->forward(x2, t, ctx2), 0, 0);
        QCOMPARE(cache.fullPasses, 2);
        QCOMPARE(cache.deep.size(0), x2.size(0));
    }

    void seededNoiseMatchesTorchGenerator() {
        // unet.sample is torch.randn([2,4,16,16], generator=manual_seed(1244)).
        auto g = at::detail::createCPUGenerator(1244);
        auto x = torch::randn({2, 4, 16, 16}, g, torch::kFloat32);
        ADV_COMPARE_TENSORS(x, advtest::ref("unet.sample"), 0.0, 0.0);
    }

    void perBlockHeadsAndNonSquareLatents() {
        std::string j = adv::fs::readFile(advtest::refDir() + "/unet/config.json");
        auto json = nlohmann::json::parse(j);
        json["attention_head_dim"] = {2, 4, 8, 4};
        json["layers_per_block"] = 1;
        auto cfg = UNetConfig::fromJsonText(json.dump(), "test");
        QCOMPARE(cfg.numAttentionHeads, (std::vector<int>{2, 4, 8, 4}));
        UNet2DConditionModel m(cfg);
        auto attn = m->named_modules()["down_blocks.2.attentions.0.transformer_blocks.0.attn1"];
        QVERIFY(attn);
        torch::NoGradGuard ng;
        auto out = m->forward(torch::randn({1, 4, 24, 40}), torch::tensor({10}), torch::randn({1, 77, 32}));
        QCOMPARE(out.sizes().vec(), (std::vector<int64_t>{1, 4, 24, 40}));
        // Odd sizes need upsampling to the skip's size.
        const auto x = torch::randn({1, 4, 20, 13}), ctx = torch::randn({1, 7, 32});
        out = m->forward(x, torch::tensor({10}), ctx);
        QCOMPARE(out.sizes().vec(), (std::vector<int64_t>{1, 4, 20, 13}));
        // The same in bf16: channels-last inside (odd upsampling sizes, skips concatenated), NCHW out,
        // as close to the f32 answer as LibTorch's own bf16 ops on NCHW data.
        m->to(torch::kBFloat16);
        const auto fast = m->forward(x.to(torch::kBFloat16), torch::tensor({10}), ctx.to(torch::kBFloat16));
        kern::setEnabled(false);
        convsel::setEnabled(false);
        const auto plain = m->forward(x.to(torch::kBFloat16), torch::tensor({10}), ctx.to(torch::kBFloat16));
        kern::setEnabled(true);
        convsel::setEnabled(true);
        QVERIFY(fast.is_contiguous());
        const double errFast = (fast.to(torch::kFloat32) - out).abs().max().item<double>();
        const double errPlain = (plain.to(torch::kFloat32) - out).abs().max().item<double>();
        QVERIFY2(errFast <= 1.5 * errPlain + 0.01 * out.abs().max().item<double>(),
                 (std::to_string(errFast) + " vs " + std::to_string(errPlain)).c_str());
    }

    void sd15KeysAndParameterCount() {
        UNet2DConditionModel m(UNetConfig::sd15());
        int64_t n = 0;
        for (const auto& p : m->parameters()) n += p.numel();
        QCOMPARE(n, int64_t(859520964));  // diffusers' SD1.5 UNet
        auto keys = stateKeys(*m);
        QVERIFY(std::find(keys.begin(), keys.end(),
                          "mid_block.attentions.0.transformer_blocks.0.attn2.to_out.0.weight") != keys.end());
        QVERIFY(std::find(keys.begin(), keys.end(), "up_blocks.3.attentions.2.transformer_blocks.0.ff.net.0.proj.weight") !=
                keys.end());
    }

    void unsupportedConfigsAreRefused() {
        auto json = nlohmann::json::parse(adv::fs::readFile(advtest::refDir() + "/unet/config.json"));
        json["addition_embed_type"] = "text_time";
        try {
            UNetConfig::fromJsonText(json.dump(), "sdxl/config.json");
            QFAIL("expected an error");
        } catch (const FileError& e) {
            QVERIFY(std::string(e.what()).find("sdxl/config.json") != std::string::npos);
            QVERIFY(std::string(e.what()).find("addition_embed_type") != std::string::npos);
        }
        QVERIFY_EXCEPTION_THROWN(UNetConfig::fromJsonText("{broken", "x.json"), FileError);
    }
};

QTEST_GUILESS_MAIN(TestUNet)
#include "test_unet.moc"
