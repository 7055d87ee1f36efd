#include "hubgrowth/core/stats/kde.h"

#include <algorithm>
#include <cmath>

namespace hubgrowth {

namespace {

constexpr double kPi = 3.14159265358979323846;

std::vector<double> finiteOnly(const std::vector<double>& samples) {
    std::vector<double> out;
    out.reserve(samples.size());
    for (double v : samples) {
        if (std::isfinite(v))
            out.push_back(v);
    }
    return out;
}

// Linear-interpolated quantile of sorted data (type 7, as numpy's default).
double quantileSorted(const std::vector<double>& sorted, double q) {
    const double pos = q * static_cast<double>(sorted.size() - 1);
    const size_t i = static_cast<size_t>(std::floor(pos));
    const size_t j = std::min(i + 1, sorted.size() - 1);
    return sorted[i] + (pos - static_cast<double>(i)) * (sorted[j] - sorted[i]);
}

}  // namespace

double silvermanBandwidth(const std::vector<double>& samples) {
    std::vector<double> x = finiteOnly(samples);
    const size_t n = x.size();
    if (n < 2)
        return 1.0;
    double mean = 0.0;
    for (double v : x)
        mean += v;
    mean /= static_cast<double>(n);
    double ss = 0.0;
    for (double v : x)
        ss += (v - mean) * (v - mean);
    const double sd = std::sqrt(ss / static_cast<double>(n - 1));
    std::sort(x.begin(), x.end());
    const double iqr = (quantileSorted(x, 0.75) - quantileSorted(x, 0.25)) / 1.34;
    double spread = std::min(sd, iqr);
    if (spread <= 0.0)
        spread = std::max(sd, iqr);
    if (spread <= 0.0)
        return 1.0;
    return 0.9 * spread * std::pow(static_cast<double>(n), -0.2);
}

Density gaussianKde(const std::vector<double>& samples, int points, double bandwidth) {
    Density d;
    const std::vector<double> x = finiteOnly(samples);
    if (x.empty() || points < 2)
        return d;
    const double h = bandwidth > 0.0 ? bandwidth : silvermanBandwidth(x);
    const auto [lo, hi] = std::minmax_element(x.begin(), x.end());
    const double a = *lo - 3.0 * h, b = *hi + 3.0 * h;
    const double norm = 1.0 / (static_cast<double>(x.size()) * h * std::sqrt(2.0 * kPi));
    d.bandwidth = h;
    d.n = static_cast<int>(x.size());
    d.x.resize(static_cast<size_t>(points));
    d.y.assign(static_cast<size_t>(points), 0.0);
    for (int i = 0; i < points; ++i) {
        const double g = a + (b - a) * i / (points - 1);
        double sum = 0.0;
        for (double v : x) {
            const double z = (g - v) / h;
            if (z * z < 80.0)
                sum += std::exp(-0.5 * z * z);  // beyond ~9 h the term is < 1e-17
        }
        d.x[static_cast<size_t>(i)] = g;
        d.y[static_cast<size_t>(i)] = sum * norm;
    }
    return d;
}

Density gaussianKdeLog10(const std::vector<double>& values, int points, double bandwidth) {
    std::vector<double> logs;
    logs.reserve(values.size());
    for (double v : values) {
        if (std::isfinite(v) && v > 0.0)
            logs.push_back(std::log10(v));
    }
    Density d = gaussianKde(logs, points, bandwidth);
    for (double& x : d.x)
        x = std::pow(10.0, x);
    return d;
}

}  // namespace hubgrowth
