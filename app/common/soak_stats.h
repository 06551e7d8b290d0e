// The leak check both soak benchmarks use (advariant-cli bench soak, advariant --soak-cells): resident
// memory sampled against work done (cells, steps) must level off after a warm-up.
#pragma once

#include <utility>
#include <vector>

namespace adv::app {

// Least-squares slope of MiB against x (cells or steps) over the samples from `from` on; 0 with fewer than 3.
inline double soakSlope(const std::vector<std::pair<double, double>>& samples, double from) {
    double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (const auto& [x, y] : samples)
        if (x >= from) n += 1, sx += x, sy += y, sxx += x * x, sxy += x * y;
    const double d = n * sxx - sx * sx;
    return n >= 3 && d > 0 ? (n * sxy - sx * sy) / d : 0.0;
}

} // namespace adv::app
