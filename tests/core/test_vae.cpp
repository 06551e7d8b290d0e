// AutoencoderKL encode/decode against diffusers.
#include "core/refdata.h"

#include "model/conv_select.h"
#include "model/cpu_kernels.h"
#include "model/key_map.h"
#include "model/vae.h"
#include "model/weights.h"

using namespace adv;

class TestVae : public QObject {
    Q_OBJECT
    AutoencoderKL load() {
        AutoencoderKL m(VaeConfig::fromFile(advtest::refDir() + "/vae/config.json"));
        const std::string w = advtest::refDir() + "/vae/diffusion_pytorch_model.safetensors";
        loadStateDict(*m, readWeights(w), "vae", w, true);
        m->eval();
        return m;
    }

private Q_SLOTS:
    void encodeMatches() {
        auto m = load();
        torch::NoGradGuard ng;
        auto img = advtest::ref("vae.encode.image");
        ADV_COMPARE_TENSORS(m->moments(img), advtest::ref("vae.encode.moments"), 1e-4, 0.0);
        auto d = m->encode(img);
        ADV_COMPARE_TENSORS(d.mean, advtest::ref("vae.encode.mean"), 1e-4, 0.0);
        ADV_COMPARE_TENSORS(d.logvar, advtest::ref("vae.encode.logvar"), 1e-4, 0.0);
        ADV_COMPARE_TENSORS(d.std, advtest::ref("vae.encode.std"), 1e-4, 0.0);
    }

    void decodeMatches() {
        auto m = load();
        torch::NoGradGuard ng;
        const auto image = m->decode(advtest::ref("vae.decode.latent"));
        ADV_COMPARE_TENSORS(image, advtest::ref("vae.decode.image"), 1e-4, 0.0);
        QVERIFY(image.is_contiguous());
        // f32 stays NCHW throughout: the mid block's attention adds its output to its input, laid out as the input.
        QVERIFY(m->decoder->mid_block->forward(torch::randn({1, 64, 8, 8})).is_contiguous());
        QCOMPARE(m->config.scalingFactor, 0.18215);
    }

    void bf16DecodeRunsChannelsLastAsAccurately() {
        // bf16 on the CPU the decoder runs channels-last (Winograd forced: the reference VAE's 32-64
        // channels are below the rule), against LibTorch's own bf16 ops on NCHW data; both vs diffusers' f32.
        auto m = load();
        m->to(torch::kBFloat16);
        torch::NoGradGuard ng;
        const auto z = advtest::ref("vae.decode.latent").to(torch::kBFloat16);
        convsel::setWinograd(convsel::Winograd::Always);
        const auto calls = convsel::stats().winogradCalls;
        const auto fast = m->decode(z);
        QVERIFY(convsel::stats().winogradCalls - calls >= 8);
        convsel::setWinograd(convsel::Winograd::Auto);
        kern::setEnabled(false);
        convsel::setEnabled(false);
        const auto plain = m->decode(z);
        kern::setEnabled(true);
        convsel::setEnabled(true);
        QVERIFY(fast.is_contiguous() && fast.scalar_type() == torch::kBFloat16);
        const auto want = advtest::ref("vae.decode.image");
        const double errFast = (fast.to(torch::kFloat32) - want).abs().max().item<double>();
        const double errPlain = (plain.to(torch::kFloat32) - want).abs().max().item<double>();
        const double scale = want.abs().max().item<double>();
        qInfo("bf16 max error vs diffusers f32: channels-last %.4f, LibTorch NCHW %.4f (max %.3f)", errFast, errPlain, scale);
        QVERIFY2(errFast <= 1.5 * errPlain + 0.005 * scale, (std::to_string(errFast) + " vs " + std::to_string(errPlain)).c_str());
    }

    void legacyAttentionNamesLoad() {
        const std::string w = advtest::refDir() + "/vae/diffusion_pytorch_model.safetensors";
        StateDict old;
        for (auto& [k, v] : readWeights(w)) {
            std::string nk = k;
            for (auto [a, b] : std::vector<std::pair<std::string, std::string>>{
                     {".to_q.", ".query."}, {".to_k.", ".key."}, {".to_v.", ".value."}, {".to_out.0.", ".proj_attn."}})
                if (auto p = nk.find(a); p != std::string::npos) nk = nk.substr(0, p) + b + nk.substr(p + a.size());
            old[nk] = v;
        }
        AutoencoderKL m(VaeConfig::fromFile(advtest::refDir() + "/vae/config.json"));
        auto r = loadStateDict(*m, modernizeVaeKeys(old), "vae", w, true);
        QVERIFY(r.ok());
        QVERIFY(r.unexpected.empty());
    }
};

QTEST_GUILESS_MAIN(TestVae)
#include "test_vae.moc"
