#include "hubgrowth/core/stats/concentration.h"

#include <algorithm>
#include <cmath>
#include <functional>

namespace hubgrowth {

namespace {

std::vector<double> sortedDescending(const std::vector<double>& values, double* total) {
    std::vector<double> v;
    v.reserve(values.size());
    *total = 0.0;
    for (double x : values) {
        if (std::isfinite(x) && x >= 0.0) {
            v.push_back(x);
            *total += x;
        }
    }
    std::sort(v.begin(), v.end(), std::greater<double>());
    return v;
}

}  // namespace

std::vector<LorenzPoint> paretoCurve(const std::vector<double>& values) {
    double total = 0.0;
    const std::vector<double> v = sortedDescending(values, &total);
    std::vector<LorenzPoint> curve;
    curve.reserve(v.size() + 1);
    curve.push_back({0.0, 0.0});
    if (v.empty() || total <= 0.0) {
        curve.push_back({1.0, 1.0});
        return curve;
    }
    const double n = static_cast<double>(v.size());
    double running = 0.0;
    for (size_t i = 0; i < v.size(); ++i) {
        running += v[i];
        curve.push_back({static_cast<double>(i + 1) / n, running / total});
    }
    curve.back().valueShare = 1.0;
    return curve;
}

double modelShareForValueShare(const std::vector<double>& values, double target) {
    double total = 0.0;
    const std::vector<double> v = sortedDescending(values, &total);
    if (v.empty() || total <= 0.0)
        return 0.0;
    target = std::clamp(target, 0.0, 1.0) * total;
    const double n = static_cast<double>(v.size());
    double running = 0.0;
    for (size_t i = 0; i < v.size(); ++i) {
        if (running + v[i] >= target) {
            const double within = v[i] > 0.0 ? (target - running) / v[i] : 0.0;
            return (static_cast<double>(i) + within) / n;
        }
        running += v[i];
    }
    return 1.0;
}

double giniCoefficient(const std::vector<double>& values) {
    double total = 0.0;
    std::vector<double> v = sortedDescending(values, &total);
    if (v.size() < 2 || total <= 0.0)
        return 0.0;
    std::reverse(v.begin(), v.end());  // ascending
    const double n = static_cast<double>(v.size());
    double weighted = 0.0;
    for (size_t i = 0; i < v.size(); ++i)
        weighted += static_cast<double>(i + 1) * v[i];
    return (2.0 * weighted) / (n * total) - (n + 1.0) / n;
}

}  // namespace hubgrowth
