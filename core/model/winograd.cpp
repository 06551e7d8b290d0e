#include "model/winograd.h"

#include "model/cpu_kernels.h"

#include <ATen/Parallel.h>
#include <torch/torch.h>

#include <algorithm>
#include <vector>

namespace adv::wino {
namespace {

// Tiles per matrix product: ~1,000 keeps V and M of a 512-channel layer near 16 MiB each (in
// cache between the transforms and the product) and the products large enough to run at full rate.
constexpr int64_t kBandTiles = 1024;

uint16_t* raw(const at::Tensor& t) { return static_cast<uint16_t*>(t.data_ptr()); }

} // namespace

bool suits(int64_t batch, int64_t inChannels, int64_t outChannels, int64_t height, int64_t width, bool channelsLast) {
    return std::min(inChannels, outChannels) >= (channelsLast ? 128 : 256) && batch * height * width >= 512 &&
           height >= 2 && width >= 2;
}

at::Tensor transformWeight(const at::Tensor& weight) {
    TORCH_CHECK(weight.dim() == 4 && weight.size(2) == 3 && weight.size(3) == 3 &&
                    weight.scalar_type() == at::kBFloat16 && weight.device().is_cpu(),
                "winograd: weight must be a [K, C, 3, 3] bf16 CPU tensor");
    const auto w = weight.contiguous();
    const int64_t K = w.size(0), C = w.size(1);
    auto u = at::empty({16, K, C}, w.options());
    at::parallel_for(0, K, 1, [&](int64_t k0, int64_t k1) {
        std::vector<float> buf(9 * 64);
        kern::winogradWeight(raw(w), raw(u), k0, k1, K, C, buf.data());
    });
    return u;
}

namespace {

// One image's share of a band: its tile rows [i0, i1), their tiles from column p0 of V and M.
struct Piece { int64_t n, i0, i1, p0; };

// Tiles per band (the most a band holds), given th x tw tiles per image.
int64_t bandTiles(int64_t N, int64_t th, int64_t tw) { return std::clamp<int64_t>(kBandTiles / tw, 1, N * th) * tw; }

// Calls band(P, pieces) for bands of whole tile rows counted over the batch (row r is image r / th, tile
// row r % th), so one product can span tile rows of several images.
template <typename F>
void forEachBand(int64_t N, int64_t th, int64_t tw, F&& band) {
    const int64_t rows = N * th, rowsPerBand = bandTiles(N, th, tw) / tw;
    std::vector<Piece> pieces;
    for (int64_t r0 = 0; r0 < rows; r0 += rowsPerBand) {
        const int64_t r1 = std::min(rows, r0 + rowsPerBand);
        pieces.clear();
        for (int64_t r = r0; r < r1;) {
            const int64_t n = r / th, i0 = r % th, i1 = std::min(th, i0 + (r1 - r));
            pieces.push_back({n, i0, i1, (r - r0) * tw});
            r += i1 - i0;
        }
        band((r1 - r0) * tw, pieces);
    }
}

// The channels-last form: V [16, P, C] and M = V U^T [16, P, K], transforms across channels, by tiles.
at::Tensor conv3x3Nhwc(const at::Tensor& x, const at::Tensor& u, const std::vector<float>& b) {
    const int64_t N = x.size(0), C = x.size(1), H = x.size(2), W = x.size(3), K = u.size(1);
    const int64_t th = (H + 1) / 2, tw = (W + 1) / 2, most = bandTiles(N, th, tw);
    auto y = at::empty({N, K, H, W}, x.options().memory_format(at::MemoryFormat::ChannelsLast));
    const auto ut = u.transpose(1, 2);  // [16, C, K]
    auto vBuf = at::empty({16 * C * most}, x.options()), mBuf = at::empty({16 * K * most}, x.options());
    forEachBand(N, th, tw, [&](int64_t P, const std::vector<Piece>& pieces) {
        auto V = vBuf.narrow(0, 0, 16 * C * P).view({16, P, C});
        auto M = mBuf.narrow(0, 0, 16 * K * P).view({16, P, K});
        for (const auto& p : pieces)
            at::parallel_for(0, (p.i1 - p.i0) * tw, 16, [&](int64_t t0, int64_t t1) {
                std::vector<float> buf(16 * C);
                kern::winogradInputNhwc(raw(x) + p.n * C * H * W, raw(V), C, H, W, p.i0, t0, t1, P, p.p0, buf.data());
            });
        at::bmm_out(M, V, ut);  // [16, P, C] x [16, C, K]
        for (const auto& p : pieces)
            at::parallel_for(0, (p.i1 - p.i0) * tw, 16, [&](int64_t t0, int64_t t1) {
                kern::winogradOutputNhwc(raw(M), b.empty() ? nullptr : b.data(), raw(y) + p.n * K * H * W, K, H, W, p.i0,
                                         t0, t1, P, p.p0);
            });
    });
    return y;
}

// The NCHW form: V [16, C, P] and M = U V [16, K, P], transforms along rows, by channels.
at::Tensor conv3x3Nchw(const at::Tensor& x, const at::Tensor& u, const std::vector<float>& b) {
    const int64_t N = x.size(0), C = x.size(1), H = x.size(2), W = x.size(3), K = u.size(1);
    const int64_t th = (H + 1) / 2, tw = (W + 1) / 2, most = bandTiles(N, th, tw);
    auto y = at::empty({N, K, H, W}, x.options());
    auto vBuf = at::empty({16 * C * most}, x.options()), mBuf = at::empty({16 * K * most}, x.options());
    forEachBand(N, th, tw, [&](int64_t P, const std::vector<Piece>& pieces) {
        auto V = vBuf.narrow(0, 0, 16 * C * P).view({16, C, P});
        auto M = mBuf.narrow(0, 0, 16 * K * P).view({16, K, P});
        at::parallel_for(0, C, 1, [&](int64_t c0, int64_t c1) {
            std::vector<float> buf(8 * (tw + 1));
            for (const auto& p : pieces)
                kern::winogradInput(raw(x) + p.n * C * H * W, raw(V), c0, c1, C, H, W, p.i0, p.i1, P, p.p0, buf.data());
        });
        at::bmm_out(M, u, V);  // [16, K, C] x [16, C, P]
        at::parallel_for(0, K, 1, [&](int64_t k0, int64_t k1) {
            std::vector<float> buf(8 * tw);
            for (const auto& p : pieces)
                kern::winogradOutput(raw(M), b.empty() ? nullptr : b.data(), raw(y) + p.n * K * H * W, k0, k1, K, H, W,
                                     p.i0, p.i1, P, p.p0, buf.data());
        });
    });
    return y;
}

} // namespace

at::Tensor conv3x3(const at::Tensor& x, const at::Tensor& u, const at::Tensor& bias) {
    TORCH_CHECK(x.dim() == 4 && x.scalar_type() == at::kBFloat16 && x.device().is_cpu() && u.dim() == 3 &&
                    u.size(0) == 16 && u.size(2) == x.size(1),
                "winograd: expects x [N, C, H, W] bf16 on the CPU and U [16, K, C]");
    std::vector<float> b;
    if (bias.defined()) {
        const auto bf = bias.to(at::kFloat).contiguous();
        b.assign(bf.data_ptr<float>(), bf.data_ptr<float>() + u.size(1));
    }
    return kern::channelsLast(x) ? conv3x3Nhwc(x, u, b) : conv3x3Nchw(x.contiguous(), u, b);
}

} // namespace adv::wino
