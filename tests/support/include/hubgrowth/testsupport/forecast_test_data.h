#pragma once
// Synthetic series for the forecasting tests: a known curve plus negative-binomial monthly noise.

#include <random>
#include <string>
#include <vector>

#include "hubgrowth/core/model/growth_curve.h"
#include "hubgrowth/core/series/model_series.h"

namespace hubgrowth::testing {

// Cumulative counts for months 0..months-1 of curve (kind, x); alpha = 0: exact curve values.
inline std::vector<double> simulateCounts(CurveKind kind, const std::array<double, 3>& x,
                                          int months, double alpha, std::mt19937& rng,
                                          double m = 100.0) {
    std::vector<double> counts(static_cast<size_t>(months), 0.0);
    for (int t = 1; t < months; ++t) {
        const double mean =
            std::max(0.0, curveValue(kind, x.data(), t, m) - curveValue(kind, x.data(), t - 1, m));
        double increment = mean;
        if (alpha > 0.0 && mean > 0.0) {
            std::gamma_distribution<double> rate(1.0 / alpha, mean * alpha);
            std::poisson_distribution<long> count(std::max(rate(rng), 1e-12));
            increment = static_cast<double>(count(rng));
        }
        counts[static_cast<size_t>(t)] = counts[static_cast<size_t>(t - 1)] + increment;
    }
    return counts;
}

// A population of WSB series whose (ln lambda, mu, ln sigma) scatter around centre.
inline std::vector<ModelSeries> simulatePopulation(int size, int months,
                                                   const std::array<double, 3>& centre,
                                                   double spread, double alpha, unsigned seed) {
    std::mt19937 rng(seed);
    std::normal_distribution<double> jitter(0.0, spread);
    std::vector<ModelSeries> population;
    for (int i = 0; i < size; ++i) {
        const std::array<double, 3> x{centre[0] + jitter(rng), centre[1] + jitter(rng),
                                      centre[2] + 0.5 * jitter(rng)};
        ModelSeries s;
        s.id = "sim/" + std::to_string(i);
        s.org = "Sim";
        s.counts = simulateCounts(CurveKind::Wsb, x, months, alpha, rng);
        population.push_back(std::move(s));
    }
    return population;
}

}  // namespace hubgrowth::testing
