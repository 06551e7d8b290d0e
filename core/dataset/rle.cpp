#include "dataset/rle.h"

#include "util/error.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace adv::coco {

uint64_t Rle::area() const {
    uint64_t a = 0;
    for (size_t i = 1; i < counts.size(); i += 2) a += counts[i];
    return a;
}

void Rle::validate(const std::string& what) const {
    uint64_t sum = 0;
    for (auto c : counts) sum += c;
    if (h < 0 || w < 0) throw Error(what + ": negative mask size");
    if (sum != static_cast<uint64_t>(h) * static_cast<uint64_t>(w))
        throw Error(what + ": RLE counts sum to " + std::to_string(sum) + " but the mask has " + std::to_string(h) + "x" +
                    std::to_string(w) + " = " + std::to_string(static_cast<uint64_t>(h) * w) + " pixels");
}

std::vector<uint8_t> Rle::toBitmap() const {
    // Column-major runs: pixel (x, y) is run position x * h + y.
    std::vector<uint8_t> m(static_cast<size_t>(h) * static_cast<size_t>(w), 0);
    uint64_t pos = 0;
    const uint64_t total = static_cast<uint64_t>(h) * w;
    for (size_t i = 0; i < counts.size() && pos < total; ++i) {
        const uint64_t end = std::min<uint64_t>(total, pos + counts[i]);
        if (i % 2 == 1)
            for (uint64_t k = pos; k < end; ++k) m[(k % h) * w + k / h] = 1;
        pos = end;
    }
    return m;
}

std::vector<double> Rle::bbox() const {
    if (counts.size() < 2) return {0, 0, 0, 0};
    const size_t m = (counts.size() / 2) * 2;
    uint32_t xs = w, ys = h, xe = 0, ye = 0, cc = 0, xp = 0;
    for (size_t j = 0; j < m; ++j) {
        cc += counts[j];
        const uint32_t t = cc - static_cast<uint32_t>(j % 2);
        const uint32_t y = t % h, x = (t - y) / h;
        if (j % 2 == 0) xp = x;
        else if (xp < x) {
            ys = 0;
            ye = h - 1;
        }
        xs = std::min(xs, x);
        xe = std::max(xe, x);
        ys = std::min(ys, y);
        ye = std::max(ye, y);
    }
    if (area() == 0) return {0, 0, 0, 0};
    return {double(xs), double(ys), double(xe - xs + 1), double(ye - ys + 1)};
}

std::string Rle::toString() const {
    std::string s;
    for (size_t i = 0; i < counts.size(); ++i) {
        int64_t x = counts[i];
        if (i > 2) x -= static_cast<int64_t>(counts[i - 2]);
        bool more = true;
        while (more) {
            char c = static_cast<char>(x & 0x1f);
            x >>= 5;  // arithmetic shift keeps the sign
            more = (c & 0x10) ? x != -1 : x != 0;
            if (more) c |= 0x20;
            s.push_back(static_cast<char>(c + 48));
        }
    }
    return s;
}

Rle rleFromString(const std::string& s, int h, int w, const std::string& what) {
    Rle r;
    r.h = h;
    r.w = w;
    size_t p = 0;
    while (p < s.size()) {
        int64_t x = 0;
        int k = 0;
        bool more = true;
        while (more) {
            if (p >= s.size()) throw Error(what + ": RLE string ends inside a count");
            const int c = static_cast<unsigned char>(s[p]) - 48;
            if (c < 0 || c > 63)
                throw Error(what + ": invalid character '" + std::string(1, s[p]) + "' at position " + std::to_string(p) +
                            " of the RLE string");
            if (k > 6) throw Error(what + ": RLE count too long (over 7 characters)");  // counts fit 32 bits
            x |= static_cast<int64_t>(c & 0x1f) << (5 * k);
            more = (c & 0x20) != 0;
            ++p;
            ++k;
            if (!more && (c & 0x10)) x |= static_cast<int64_t>(-1) * (int64_t(1) << (5 * k));
        }
        if (r.counts.size() > 2) x += static_cast<int64_t>(r.counts[r.counts.size() - 2]);
        if (x < 0 || x > 0xffffffffll) throw Error(what + ": negative run length in RLE string");
        r.counts.push_back(static_cast<uint32_t>(x));
    }
    r.validate(what);
    return r;
}

Rle rleFromBitmap(const std::vector<uint8_t>& bitmap, int h, int w) {
    if (h < 0 || w < 0 || bitmap.size() != static_cast<size_t>(h) * static_cast<size_t>(w))
        throw Error("mask bitmap: size does not match " + std::to_string(h) + "x" + std::to_string(w));
    Rle r;
    r.h = h;
    r.w = w;
    uint8_t cur = 0;
    uint32_t run = 0;
    for (int x = 0; x < w; ++x)
        for (int y = 0; y < h; ++y) {
            const uint8_t v = bitmap[static_cast<size_t>(y) * w + x] ? 1 : 0;
            if (v != cur) {
                r.counts.push_back(run);
                run = 0;
                cur = v;
            }
            ++run;
        }
    r.counts.push_back(run);
    return r;
}

Rle rleFromPolygon(const std::vector<double>& xy, int h, int w) {
    const size_t k = xy.size() / 2;
    const double scale = 5;
    // Upsample: integer boundary points at 5x, densely along every edge. Vertices far outside the
    // image are pulled in to a margin of one image size, which leaves the mask inside the image as
    // it is for real data and bounds the work (a coordinate of 1e12 would walk 5e12 points).
    std::vector<int> x(k + 1), y(k + 1);
    auto coord = [&](double c, int side) {
        if (!std::isfinite(c)) throw Error("polygon has a coordinate that is not a finite number");
        return static_cast<int>(scale * std::clamp(c, -1.0 * side - 1, 2.0 * side + 1) + .5);
    };
    for (size_t j = 0; j < k; ++j) {
        x[j] = coord(xy[2 * j], w);
        y[j] = coord(xy[2 * j + 1], h);
    }
    x[k] = x[0];
    y[k] = y[0];
    std::vector<int> u, v;
    for (size_t j = 0; j < k; ++j) {
        int xs = x[j], xe = x[j + 1], ys = y[j], ye = y[j + 1];
        const int dx = std::abs(xe - xs), dy = std::abs(ys - ye);
        const bool flip = (dx >= dy && xs > xe) || (dx < dy && ys > ye);
        if (flip) {
            std::swap(xs, xe);
            std::swap(ys, ye);
        }
        // A repeated vertex (dx = dy = 0) is a single point whose row is never used (the column does
        // not change); pycocotools divides 0 by 0 there, we take slope 0.
        const double s = dx >= dy ? (dx == 0 ? 0.0 : static_cast<double>(ye - ys) / dx) : static_cast<double>(xe - xs) / dy;
        if (dx >= dy) {
            for (int d = 0; d <= dx; ++d) {
                const int t = flip ? dx - d : d;
                u.push_back(t + xs);
                v.push_back(static_cast<int>(ys + s * t + .5));
            }
        } else {
            for (int d = 0; d <= dy; ++d) {
                const int t = flip ? dy - d : d;
                v.push_back(t + ys);
                u.push_back(static_cast<int>(xs + s * t + .5));
            }
        }
    }
    // Points where the boundary crosses a pixel column centre, downsampled.
    std::vector<uint32_t> a;
    for (size_t j = 1; j < u.size(); ++j) {
        if (u[j] == u[j - 1]) continue;
        double xd = static_cast<double>(u[j] < u[j - 1] ? u[j] : u[j] - 1);
        xd = (xd + .5) / scale - .5;
        if (std::floor(xd) != xd || xd < 0 || xd > w - 1) continue;
        double yd = static_cast<double>(v[j] < v[j - 1] ? v[j] : v[j - 1]);
        yd = (yd + .5) / scale - .5;
        yd = yd < 0 ? 0 : (yd > h ? h : yd);
        yd = std::ceil(yd);
        a.push_back(static_cast<uint32_t>(static_cast<int>(xd) * h + static_cast<int>(yd)));
    }
    a.push_back(static_cast<uint32_t>(h * w));
    std::sort(a.begin(), a.end());
    uint32_t prev = 0;
    for (auto& t : a) {
        const uint32_t cur = t;
        t -= prev;
        prev = cur;
    }
    Rle r;
    r.h = h;
    r.w = w;
    size_t j = 0;
    r.counts.push_back(a[j++]);
    while (j < a.size()) {
        if (a[j] > 0) r.counts.push_back(a[j++]);
        else {
            ++j;
            if (j < a.size()) r.counts.back() += a[j++];
        }
    }
    return r;
}

Rle rleMerge(const std::vector<Rle>& rles) {
    if (rles.empty()) return {};
    if (rles.size() == 1) return rles[0];
    std::vector<uint8_t> acc = rles[0].toBitmap();
    for (size_t i = 1; i < rles.size(); ++i) {
        if (rles[i].h != rles[0].h || rles[i].w != rles[0].w) throw Error("RLE merge: masks of different sizes");
        const auto m = rles[i].toBitmap();
        for (size_t k = 0; k < acc.size(); ++k) acc[k] |= m[k];
    }
    return rleFromBitmap(acc, rles[0].h, rles[0].w);
}

} // namespace adv::coco
