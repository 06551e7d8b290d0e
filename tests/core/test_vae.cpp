// AutoencoderKL encode/decode against diffusers.
#include "core/refdata.h"

#include "model/conv_select.h"
#include "model/cpu_kernels.h"
#include "model/key_map.h"
#include "model/vae.h"
#include "model/vae_tiling.h"
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

    void bf16EncodeRunsChannelsLastAsAccurately() {
        // The encoder runs channels-last in bf16 too (Winograd forced, as above): as accurate as LibTorch's own
        // bf16 ops on NCHW data, both against diffusers' f32 moments.
        auto m = load();
        m->to(torch::kBFloat16);
        torch::NoGradGuard ng;
        const auto img = advtest::ref("vae.encode.image").to(torch::kBFloat16);
        convsel::setWinograd(convsel::Winograd::Always);
        const auto calls = convsel::stats().winogradCalls;
        const auto fast = m->moments(img);
        QVERIFY(convsel::stats().winogradCalls - calls >= 4);
        convsel::setWinograd(convsel::Winograd::Auto);
        kern::setEnabled(false);
        convsel::setEnabled(false);
        const auto plain = m->moments(img);
        kern::setEnabled(true);
        convsel::setEnabled(true);
        QVERIFY(fast.is_contiguous() && fast.scalar_type() == torch::kBFloat16);
        const auto want = advtest::ref("vae.encode.moments");
        const double errFast = (fast.to(torch::kFloat32) - want).abs().max().item<double>();
        const double errPlain = (plain.to(torch::kFloat32) - want).abs().max().item<double>();
        const double scale = want.abs().max().item<double>();
        qInfo("bf16 encode max error vs diffusers f32: channels-last %.4f, LibTorch NCHW %.4f (max %.3f)", errFast,
              errPlain, scale);
        QVERIFY2(errFast <= 1.5 * errPlain + 0.005 * scale, (std::to_string(errFast) + " vs " + std::to_string(errPlain)).c_str());
    }

    // A low-frequency field, as real latents and pictures are: random values on a coarse grid, upsampled.
    static torch::Tensor smooth(int64_t channels, int64_t h, int64_t w, int64_t seed) {
        torch::manual_seed(seed);
        namespace F = torch::nn::functional;
        return F::interpolate(torch::randn({1, channels, 4, 6}),
                              F::InterpolateFuncOptions().size(std::vector<int64_t>{h, w}).mode(torch::kBilinear).align_corners(false));
    }

    void tiledDecodeBlendsIndependentTiles() {
        // The reference VAE: f = 2, tiles of 32 px = 16 latent pixels starting every 12, blended over 8 px and
        // cropped to 24 px (diffusers' tiled_decode with tile_overlap_factor 0.25).
        auto m = load();
        torch::NoGradGuard ng;
        const auto z = smooth(4, 37, 53, 3);                           // [1, 4, 37, 53]: tiles cut at both edges
        const VaeTiling t{32, 0.25};
        const auto tiled = decodeTiled(*m, z, t);
        const auto whole = m->decode(z);
        QCOMPARE(tiled.sizes(), whole.sizes());                        // [1, 3, 74, 106]
        // The first tile's own region is that tile decoded alone.
        const auto first = m->decode(z.narrow(2, 0, 16).narrow(3, 0, 16).contiguous());    // [1, 3, 32, 32]
        ADV_COMPARE_TENSORS(tiled.narrow(2, 0, 24).narrow(3, 0, 24), first.narrow(2, 0, 24).narrow(3, 0, 24), 1e-6, 0.0);
        // Its right neighbour fades in linearly over the overlap: weight x/8 at column 24 + x.
        const auto second = m->decode(z.narrow(2, 0, 16).narrow(3, 12, 16).contiguous());  // [1, 3, 32, 32]
        const auto w = (torch::arange(8, torch::kFloat32) / 8.0).view({1, 1, 1, 8});
        const auto mixed = first.narrow(2, 0, 24).narrow(3, 24, 8) * (1 - w) + second.narrow(2, 0, 24).narrow(3, 0, 8) * w;
        ADV_COMPARE_TENSORS(tiled.narrow(2, 0, 24).narrow(3, 24, 8), mixed, 1e-5, 0.0);
        // GroupNorm sees one tile at a time, so the picture is not the whole decode; with these random weights
        // the difference says nothing about a trained VAE's, so it is only reported.
        const double mad = (tiled - whole).abs().mean().item<double>();
        qInfo("tiled decode vs whole (random weights): mean abs difference %.4f (picture max %.3f)", mad,
              whole.abs().max().item<double>());
        QVERIFY(torch::isfinite(tiled).all().item<bool>());
    }

    void tiledEncodeBlendsIndependentTiles() {
        // 32 px tiles every 24 px -> 16 latent pixels, blended over 4 and cropped to 12.
        auto m = load();
        torch::NoGradGuard ng;
        const auto img = smooth(3, 70, 98, 4).tanh();                  // [1, 3, 70, 98] in [-1, 1]
        const VaeTiling t{32, 0.25};
        const auto tiled = momentsTiled(*m, img, t);
        const auto whole = m->moments(img);
        QCOMPARE(tiled.sizes(), whole.sizes());                        // [1, 8, 35, 49]
        const auto first = m->moments(img.narrow(2, 0, 32).narrow(3, 0, 32).contiguous());  // [1, 8, 16, 16]
        ADV_COMPARE_TENSORS(tiled.narrow(2, 0, 12).narrow(3, 0, 12), first.narrow(2, 0, 12).narrow(3, 0, 12), 1e-6, 0.0);
        const auto below = m->moments(img.narrow(2, 24, 32).narrow(3, 0, 32).contiguous());
        const auto w = (torch::arange(4, torch::kFloat32) / 4.0).view({1, 1, 4, 1});
        const auto mixed = first.narrow(2, 12, 4).narrow(3, 0, 12) * (1 - w) + below.narrow(2, 0, 4).narrow(3, 0, 12) * w;
        ADV_COMPARE_TENSORS(tiled.narrow(2, 12, 4).narrow(3, 0, 12), mixed, 1e-5, 0.0);
        qInfo("tiled encode vs whole (random weights): mean abs difference %.4f (moments max %.3f)",
              (tiled - whole).abs().mean().item<double>(), whole.abs().max().item<double>());
        QVERIFY(torch::isfinite(tiled).all().item<bool>());
    }

    void tilingPolicyAndBadTiles() {
        const auto sd15 = VaeConfig::sd15();
        QCOMPARE(vaeTilingFor(sd15).tilePixels, int64_t(512));
        QVERIFY(!vaeTilingPays(sd15, 512, 512));
        QVERIFY(!vaeTilingPays(sd15, 1024, 1024));
        QVERIFY(vaeTilingPays(sd15, 1920, 1080));                      // a 9:16 story
        QVERIFY(vaeTilingPays(sd15, 2048, 2048));
        auto m = load();
        torch::NoGradGuard ng;
        // 30 px tiles of a 2x VAE: 15 latent pixels every 11 would not land on whole 23 px output tiles.
        const auto z = torch::zeros({1, 4, 40, 40});
        const auto oddImage = torch::zeros({1, 3, 41, 40});
        const auto refused = [](const std::function<void()>& f) {
            try {
                f();
            } catch (const std::exception& e) {
                return std::string(e.what()).rfind("VAE tiling: ", 0) == 0;
            }
            return false;
        };
        QVERIFY(refused([&] { decodeTiled(*m, z, VaeTiling{30, 0.25}); }));
        QVERIFY(refused([&] { decodeTiled(*m, z, VaeTiling{33, 0.25}); }));
        QVERIFY(refused([&] { momentsTiled(*m, oddImage, VaeTiling()); }));
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
