// The fused CPU kernels (GroupNorm+SiLU, LayerNorm, GEGLU), the Winograd
// convolution and the per-shape convolution choice, against LibTorch's own ops.
#include "core/refdata.h"

#include "model/conv_select.h"
#include "model/cpu_kernels.h"
#include "model/winograd.h"

#include <torch/torch.h>

#include <tuple>

using namespace adv;

namespace {

// bf16 keeps 8 significant bits: allow two units in the last place of the f32 answer.
void expectBf16Close(const torch::Tensor& got, const torch::Tensor& want, const char* what) {
    QCOMPARE(got.scalar_type(), torch::kBFloat16);
    const auto g = got.to(torch::kFloat32), w = want.to(torch::kFloat32);
    const auto excess = ((g - w).abs() - (w.abs() * (2.0 / 256) + 1e-3)).max().item<double>();
    QVERIFY2(excess <= 0, (std::string(what) + ": off by " + std::to_string(excess) + " beyond bf16 rounding").c_str());
}

// Input x [N, C, H, W], unit-gain weight [K, C, 3, 3] and bias [K] (or none) in bf16, from shape = {N, C, K, H, W}.
std::tuple<torch::Tensor, torch::Tensor, torch::Tensor> randomConv3x3(const std::vector<int64_t>& shape, bool bias) {
    const int64_t N = shape[0], C = shape[1], K = shape[2], H = shape[3], W = shape[4];
    auto x = torch::randn({N, C, H, W}).to(torch::kBFloat16);
    auto w = (torch::randn({K, C, 3, 3}) / std::sqrt(9.0 * C)).to(torch::kBFloat16);
    return {x, w, bias ? torch::randn({K}).to(torch::kBFloat16) : torch::Tensor()};
}

void expectF32Close(const torch::Tensor& got, const torch::Tensor& want, double tol, const char* what) {
    const double err = (got - want).abs().max().item<double>();
    QVERIFY2(err <= tol, (std::string(what) + ": max error " + std::to_string(err)).c_str());
}

} // namespace

class TestCpuKernels : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init() {
        kern::setEnabled(true);
        convsel::setEnabled(true);
        convsel::setWinograd(convsel::Winograd::Auto);
        convsel::setWinogradCacheBytes(int64_t{512} << 20);
    }

    void winogradWeightIsGgGt() {
        torch::manual_seed(3);
        auto w = torch::randn({5, 7, 3, 3}).to(torch::kBFloat16);
        const auto G = torch::tensor({1.f, 0.f, 0.f, .5f, .5f, .5f, .5f, -.5f, .5f, 0.f, 0.f, 1.f}).view({4, 3});
        const auto want = at::einsum("ai,kcij,bj->abkc", {G, w.to(torch::kFloat32), G}).reshape({16, 5, 7});
        const auto u = wino::transformWeight(w);
        QCOMPARE(u.sizes().vec(), (std::vector<int64_t>{16, 5, 7}));
        expectBf16Close(u, want, "U = G g G^T");
    }

    void winogradMatchesF32Convolution_data() {
        QTest::addColumn<std::vector<int64_t>>("shape");  // N, C, K, H, W
        QTest::addColumn<bool>("bias");
        QTest::newRow("UNet-like 2x320x16x16") << std::vector<int64_t>{2, 320, 320, 16, 16} << true;
        QTest::newRow("C != K, no bias") << std::vector<int64_t>{1, 96, 40, 12, 10} << false;
        QTest::newRow("odd height and width") << std::vector<int64_t>{2, 24, 16, 7, 9} << true;
        QTest::newRow("bands across images") << std::vector<int64_t>{3, 16, 24, 40, 40} << true;  // 1,200 tiles
        QTest::newRow("narrow and tall") << std::vector<int64_t>{1, 8, 8, 66, 3} << true;
        QTest::newRow("one pixel") << std::vector<int64_t>{2, 8, 4, 1, 1} << true;
    }

    void winogradMatchesF32Convolution() {
        QFETCH(std::vector<int64_t>, shape);
        QFETCH(bool, bias);
        torch::NoGradGuard ng;
        torch::manual_seed(11);
        const auto [x, w, b] = randomConv3x3(shape, bias);
        // The exact answer for these bf16 inputs, and LibTorch's direct bf16 kernel as the yardstick.
        const auto want = at::conv2d(x.to(torch::kFloat32), w.to(torch::kFloat32),
                                     bias ? b.to(torch::kFloat32) : torch::Tensor(), 1, 1);
        const auto direct = at::conv2d(x, w, b, 1, 1).to(torch::kFloat32);
        const auto got = wino::conv3x3(x, wino::transformWeight(w), b);
        QCOMPARE(got.scalar_type(), torch::kBFloat16);
        QCOMPARE(got.sizes().vec(), want.sizes().vec());
        QVERIFY(got.is_contiguous());
        const auto g = got.to(torch::kFloat32);
        auto rms = [](const torch::Tensor& t) { return t.pow(2).mean().sqrt().item<double>(); };
        const double errW = rms(g - want), errD = rms(direct - want), scale = rms(want);
        const double maxW = (g - want).abs().max().item<double>(), maxD = (direct - want).abs().max().item<double>();
        qInfo("RMS error: winograd %.5f, direct bf16 %.5f (output RMS %.3f); max %.4f vs %.4f", errW, errD, scale, maxW, maxD);
        // One more bf16 rounding than the direct kernel (the products), so a few times its error, never more.
        QVERIFY2(errW <= 3.5 * errD + 1e-4 * scale, (std::to_string(errW) + " vs " + std::to_string(errD)).c_str());
        QVERIFY2(maxW <= 5.0 * maxD + 1e-3 * scale, (std::to_string(maxW) + " vs " + std::to_string(maxD)).c_str());
        QVERIFY(errW < 0.01 * scale);
    }

    void winogradChannelsLastGivesTheSameSums_data() { winogradMatchesF32Convolution_data(); }

    void winogradChannelsLastGivesTheSameSums() {
        // The channels-last form runs the same transforms across channels: the same sums in the same
        // order, so bit for bit the NCHW result, laid out channels-last.
        QFETCH(std::vector<int64_t>, shape);
        QFETCH(bool, bias);
        torch::NoGradGuard ng;
        torch::manual_seed(12);
        const auto [x, w, b] = randomConv3x3(shape, bias);
        const auto u = wino::transformWeight(w);
        const auto want = wino::conv3x3(x, u, b);
        const auto xl = x.contiguous(torch::MemoryFormat::ChannelsLast);
        const auto got = wino::conv3x3(xl, u, b);
        QVERIFY(got.is_contiguous(torch::MemoryFormat::ChannelsLast));
        QCOMPARE(kern::channelsLast(got), kern::channelsLast(xl));  // a 1x1 image is both layouts at once
        QVERIFY(torch::equal(got, want));
    }

    void channelsLastKeepsItsLayoutOnEveryPath() {
        // Each way a bf16 convolution can go, given channels-last data: the result stays channels-last
        // and agrees with the NCHW result (bit for bit where the same kernel runs).
        torch::NoGradGuard ng;
        convsel::clear();
        torch::manual_seed(9);
        auto nhwc = [](const torch::Tensor& t) { return t.contiguous(torch::MemoryFormat::ChannelsLast); };
        struct Case { const char* what; int64_t n, c, k, h, ks, pad; bool same; };
        const Case cases[] = {
            {"Winograd (128 channels: channels-last only)", 1, 128, 128, 32, 3, 1, true},
            {"1x1 as one matrix product", 2, 96, 40, 12, 1, 0, false},
            {"small image: the NCHW plans", 2, 64, 64, 8, 3, 1, true},
            {"large image, few channels: oneDNN as it is", 1, 32, 48, 40, 3, 1, false},
        };
        QVERIFY(wino::suits(1, 128, 128, 32, 32, true) && !wino::suits(1, 128, 128, 32, 32, false));
        for (const auto& k : cases) {
            auto x = torch::randn({k.n, k.c, k.h, k.h}).to(torch::kBFloat16);
            auto w = (torch::randn({k.k, k.c, k.ks, k.ks}) / std::sqrt(double(k.c * k.ks * k.ks))).to(torch::kBFloat16);
            auto b = torch::randn({k.k}).to(torch::kBFloat16);
            // The Winograd case against the NCHW Winograd form (NCHW data takes it from 256 channels up).
            const auto want = k.ks == 3 && k.c == 128 ? wino::conv3x3(x, wino::transformWeight(w), b)
                                                      : convsel::conv2d(x, w, b, 1, k.pad);
            const auto calls = convsel::stats().winogradCalls;
            const auto got = convsel::conv2d(nhwc(x), w, b, 1, k.pad);
            QCOMPARE(convsel::stats().winogradCalls - calls, k.c == 128 ? 1 : 0);
            QVERIFY2(kern::channelsLast(got), k.what);
            QVERIFY2(!kern::channelsLast(want), k.what);
            if (k.same) QVERIFY2(torch::equal(got, want), k.what);
            else expectBf16Close(got, at::conv2d(x.to(torch::kFloat32), w.to(torch::kFloat32), b.to(torch::kFloat32), 1, k.pad), k.what);
        }
    }

    void winogradTakesTheShapesOfItsRule() {
        torch::NoGradGuard ng;
        convsel::clear();
        torch::manual_seed(8);
        auto x = torch::randn({2, 256, 16, 16}).to(torch::kBFloat16);
        auto w = (torch::randn({256, 256, 3, 3}) * 0.02).to(torch::kBFloat16);
        auto b = torch::randn({256}).to(torch::kBFloat16);
        QVERIFY(wino::suits(2, 256, 256, 16, 16, false));
        const auto want = wino::conv3x3(x, wino::transformWeight(w), b);
        QVERIFY(torch::equal(convsel::conv2d(x, w, b, 1, 1), want));
        QVERIFY(torch::equal(convsel::conv2d(x, w, b, 1, 1), want));  // from the cached Winograd weight
        auto s = convsel::stats();
        QCOMPARE(s.winogradCalls, 2);
        QCOMPARE(s.winogradWeights, 1);
        QCOMPARE(s.winogradBytes, int64_t{16} * 256 * 256 * 2);

        // Outside the rule: few channels, few positions, stride 2, f32, training: the direct kernel.
        QVERIFY(!wino::suits(2, 64, 64, 16, 16, false) && !wino::suits(2, 256, 256, 8, 8, false));
        auto small = (torch::randn({64, 64, 3, 3}) * 0.05).to(torch::kBFloat16);
        auto xs = torch::randn({2, 64, 16, 16}).to(torch::kBFloat16);
        QVERIFY(torch::equal(convsel::conv2d(xs, small, {}, 1, 1), at::conv2d(xs, small, {}, 1, 1)));
        QVERIFY(torch::equal(convsel::conv2d(x, w, b, 2, 1), at::conv2d(x, w, b, {2, 2}, {1, 1})));
        convsel::conv2d(x.to(torch::kFloat32), w.to(torch::kFloat32), b.to(torch::kFloat32), 1, 1);
        {
            torch::AutoGradMode on(true);
            convsel::conv2d(x, w, b, 1, 1);
        }
        QCOMPARE(convsel::stats().winogradCalls, 2);

        // Always: every bf16 3x3 stride-1 convolution; Off: none.
        convsel::setWinograd(convsel::Winograd::Always);
        QVERIFY(torch::equal(convsel::conv2d(xs, small, {}, 1, 1), wino::conv3x3(xs, wino::transformWeight(small), {})));
        QCOMPARE(convsel::stats().winogradCalls, 3);
        convsel::setWinograd(convsel::Winograd::Off);
        QVERIFY(torch::equal(convsel::conv2d(x, w, b, 1, 1), at::conv2d(x, w, b, {1, 1}, {1, 1})));
        QCOMPARE(convsel::stats().winogradCalls, 3);

        // A weight changed in place is transformed again; with no cache room nothing is kept, same numbers.
        convsel::setWinograd(convsel::Winograd::Auto);
        w.mul_(2);
        QVERIFY(torch::equal(convsel::conv2d(x, w, b, 1, 1), wino::conv3x3(x, wino::transformWeight(w), b)));
        convsel::clear();
        convsel::setWinogradCacheBytes(0);
        QVERIFY(torch::equal(convsel::conv2d(x, w, b, 1, 1), wino::conv3x3(x, wino::transformWeight(w), b)));
        QCOMPARE(convsel::stats().winogradWeights, 0);
        QCOMPARE(convsel::stats().winogradBytes, 0);
    }

    void groupNormMatchesLibTorch_data() {
        QTest::addColumn<QList<qlonglong>>("shape");
        QTest::addColumn<int>("groups");
        QTest::newRow("ResNet 2x64x8x8, 32 groups") << QList<qlonglong>{2, 64, 8, 8} << 32;
        QTest::newRow("odd spatial 1x96x7x9") << QList<qlonglong>{1, 96, 7, 9} << 32;
        QTest::newRow("large group 1x32x40x40, 4 groups") << QList<qlonglong>{1, 32, 40, 40} << 4;
    }
    void groupNormMatchesLibTorch() {
        QFETCH(QList<qlonglong>, shape);
        QFETCH(int, groups);
        torch::manual_seed(3);
        const std::vector<int64_t> s(shape.begin(), shape.end());
        auto x = torch::randn(s) * 3 + 1.5;  // off-centre, so the mean matters
        auto g = torch::randn({s[1]}), b = torch::randn({s[1]});
        auto ref = torch::group_norm(x, groups, g, b, 1e-5);
        for (bool silu : {false, true}) {
            auto want = silu ? torch::silu(ref) : ref;
            expectF32Close(kern::groupNorm(x, groups, g, b, 1e-5, silu), want, 2e-5, "f32 group norm");
            auto xb = x.to(torch::kBFloat16);
            auto wantB = torch::group_norm(xb.to(torch::kFloat32), groups, g, b, 1e-5);
            expectBf16Close(kern::groupNorm(xb, groups, g, b, 1e-5, silu),
                            silu ? torch::silu(wantB) : wantB, "bf16 group norm");
        }
    }

    void groupNormChannelsLastMatchesLibTorch_data() {
        QTest::addColumn<QList<qlonglong>>("shape");
        QTest::addColumn<int>("groups");
        QTest::addColumn<double>("offset");
        QTest::newRow("ResNet 2x64x8x8, 32 groups") << QList<qlonglong>{2, 64, 8, 8} << 32 << 1.5;
        QTest::newRow("odd spatial 1x96x7x9") << QList<qlonglong>{1, 96, 7, 9} << 32 << 1.5;
        QTest::newRow("several row blocks 1x32x40x40, 4 groups") << QList<qlonglong>{1, 32, 40, 40} << 4 << 1.5;
        QTest::newRow("mean far from zero") << QList<qlonglong>{1, 64, 33, 31} << 32 << 60.0;
    }
    void groupNormChannelsLastMatchesLibTorch() {
        QFETCH(QList<qlonglong>, shape);
        QFETCH(int, groups);
        QFETCH(double, offset);
        torch::manual_seed(7);
        const std::vector<int64_t> s(shape.begin(), shape.end());
        // Channel means spread around the offset: the shifted sums must not lose the variance to it.
        auto x = (torch::randn(s) * 3 + offset + torch::randn({1, s[1], 1, 1}))
                     .to(torch::kBFloat16).contiguous(torch::MemoryFormat::ChannelsLast);
        auto g = torch::randn({s[1]}), b = torch::randn({s[1]});
        const auto want = torch::group_norm(x.to(torch::kFloat32).contiguous(), groups, g, b, 1e-5);
        for (bool silu : {false, true}) {
            const auto got = kern::groupNormChannelsLast(x, groups, g, b, 1e-5, silu);
            QVERIFY(kern::channelsLast(got));
            expectBf16Close(got, silu ? torch::silu(want) : want, "channels-last bf16 group norm");
        }
        QVERIFY_EXCEPTION_THROWN(kern::groupNormChannelsLast(x.contiguous(), groups, g, b, 1e-5, false), c10::Error);
    }

    void layerNormMatchesLibTorch() {
        torch::manual_seed(4);
        auto x = torch::randn({2, 33, 320}) * 2 - 0.7;
        auto g = torch::randn({320}), b = torch::randn({320});
        auto want = torch::layer_norm(x, {320}, g, b, 1e-5);
        expectF32Close(kern::layerNorm(x, g, b, 1e-5), want, 2e-5, "f32 layer norm");
        auto xb = x.to(torch::kBFloat16);
        expectBf16Close(kern::layerNorm(xb, g, b, 1e-5), torch::layer_norm(xb.to(torch::kFloat32), {320}, g, b, 1e-5),
                        "bf16 layer norm");
    }

    void gegluMatchesExactGelu() {
        torch::manual_seed(5);
        auto x = torch::randn({3, 17, 2 * 96}) * 3;
        x.index_put_({0, 0, torch::indexing::Slice(96, 100)}, torch::tensor({-9.0, -0.0, 6.5, 30.0}));  // erf's tails
        auto gg = x.chunk(2, -1);
        auto want = gg[0] * torch::gelu(gg[1]);  // exact (erf) GELU, as diffusers' GEGLU
        auto got = kern::geglu(x);
        QCOMPARE(got.sizes().vec(), (std::vector<int64_t>{3, 17, 96}));
        expectF32Close(got, want, 1e-5 * want.abs().max().item<double>() + 1e-6, "f32 geglu");
        auto xb = x.to(torch::kBFloat16);
        auto gb = xb.to(torch::kFloat32).chunk(2, -1);
        expectBf16Close(kern::geglu(xb), gb[0] * torch::gelu(gb[1]), "bf16 geglu");
    }

    void refusesWhatItCannotHandle() {
        auto x = torch::randn({2, 8, 4, 4});
        QVERIFY(kern::handles(x));
        QVERIFY(!kern::handles(x.transpose(2, 3)));         // strided view
        QVERIFY(!kern::handles(x.to(torch::kFloat64)));     // other dtypes
        QVERIFY(!kern::handles(torch::empty({0})));
        kern::setEnabled(false);
        QVERIFY(!kern::handles(x));
        kern::setEnabled(true);
        QVERIFY_EXCEPTION_THROWN(kern::groupNorm(torch::randn({2, 10, 4, 4}), 4, {}, {}, 1e-5, false), c10::Error);
    }

    void pointwiseConvolutionIsAMatrixProduct() {
        // 1x1 convolutions in bf16 inference: one batched matrix product, bias folded in; as accurate as
        // oneDNN's 1x1 kernel (both accumulate in f32 and round once), and nothing measured or cached.
        torch::NoGradGuard ng;
        convsel::clear();
        torch::manual_seed(4);
        for (const bool bias : {true, false}) {
            auto x = torch::randn({2, 96, 7, 9}).to(torch::kBFloat16);
            auto w = (torch::randn({40, 96, 1, 1}) * 0.1).to(torch::kBFloat16);
            torch::Tensor b = bias ? torch::randn({40}).to(torch::kBFloat16) : torch::Tensor();
            const auto want = at::conv2d(x.to(torch::kFloat32), w.to(torch::kFloat32), bias ? b.to(torch::kFloat32) : b);
            const auto got = convsel::conv2d(x, w, b, 1, 0);
            QCOMPARE(got.sizes().vec(), (std::vector<int64_t>{2, 40, 7, 9}));
            const double err = (got.to(torch::kFloat32) - want).abs().max().item<double>();
            const double errDirect = (at::conv2d(x, w, b).to(torch::kFloat32) - want).abs().max().item<double>();
            QVERIFY2(err <= 1.5 * errDirect + 1e-6, (std::to_string(err) + " vs " + std::to_string(errDirect)).c_str());
            expectBf16Close(got, want, "1x1 as a matrix product");
        }
        QCOMPARE(convsel::stats().decided, 0);
        convsel::setEnabled(false);  // LibTorch's own path when the kernels are off
        auto x = torch::randn({1, 8, 3, 3}).to(torch::kBFloat16);
        auto w = torch::randn({4, 8, 1, 1}).to(torch::kBFloat16);
        QVERIFY(torch::equal(convsel::conv2d(x, w, {}, 1, 0), at::conv2d(x, w)));
    }

    void convChoiceIsBitIdenticalAndRemeasuresChangedWeights() {
        torch::NoGradGuard ng;
        convsel::clear();
        torch::manual_seed(6);
        struct Case { int64_t c, h, stride, pad; };
        for (const auto& k : {Case{256, 4, 1, 1}, Case{64, 32, 1, 1}, Case{64, 17, 2, 0}, Case{128, 8, 2, 1}, Case{32, 40, 1, 1}}) {
            const int64_t ks = 3;
            auto x = torch::randn({2, k.c, k.h, k.h}).to(torch::kBFloat16);
            auto w = (torch::randn({k.c, k.c, ks, ks}) * 0.05).to(torch::kBFloat16);
            auto b = torch::randn({k.c}).to(torch::kBFloat16);
            auto want = at::conv2d(x, w, b, {k.stride, k.stride}, {k.pad, k.pad});
            for (int call = 0; call < 3; ++call)  // measuring call, then the chosen path
                QVERIFY(torch::equal(convsel::conv2d(x, w, b, k.stride, k.pad), want));
        }
        const auto s = convsel::stats();
        QCOMPARE(s.decided, 4);  // 40x40 is above the measured range: LibTorch's path, not measured
        QVERIFY(s.prepacked <= s.decided);

        // A weight changed in place (a LoRA merged, weights reloaded) is measured again.
        auto x = torch::randn({1, 32, 6, 6}).to(torch::kBFloat16);
        auto w = (torch::randn({32, 32, 3, 3}) * 0.05).to(torch::kBFloat16);
        convsel::conv2d(x, w, {}, 1, 1);
        QCOMPARE(convsel::stats().decided, 5);
        w.mul_(2);
        QVERIFY(torch::equal(convsel::conv2d(x, w, {}, 1, 1), at::conv2d(x, w, {}, 1, 1)));
        QCOMPARE(convsel::stats().decided, 6);

        // Training (grad mode) and f32 always take LibTorch's path: nothing new is measured.
        {
            torch::AutoGradMode on(true);
            convsel::conv2d(torch::randn({1, 32, 5, 5}).to(torch::kBFloat16), w, {}, 1, 1);
        }
        convsel::conv2d(torch::randn({1, 32, 5, 5}), w.to(torch::kFloat32), {}, 1, 1);
        QCOMPARE(convsel::stats().decided, 6);
        convsel::clear();
        QCOMPARE(convsel::stats().packedBytes, 0);
    }
};

QTEST_GUILESS_MAIN(TestCpuKernels)
#include "test_cpu_kernels.moc"
