#pragma once
// The pooled trend: one log-linear regression across the population of series cut at the same
// age, of the future increment on the series' recent adoption rates,
//   ln(1 + D_h) = b0 + b1 ln(1 + h d_last) + b2 ln(1 + h r_3) + b3 ln(1 + h r_all),
// with d_last the last month's increment, r_3 the last three months' mean and r_all the mean
// since month 0. It is the population's own answer to "given how fast it grows now, how much
// more in h months?", so it learns the typical deceleration (or acceleration) at that age that
// a single series cannot show. Learned from other series only (cross-fitted in the backtest).

#include <array>
#include <vector>

#include "hubgrowth/core/series/model_series.h"

namespace hubgrowth {

struct PooledTrend {
    static constexpr int kMinSamples = 20;
    int cut = 0;                                      // months 0..cut are the inputs
    std::vector<std::array<double, 4>> coefficients;  // [h - 1]
    std::vector<double> residualSd;                   // [h - 1], of ln(1 + D_h)
    std::vector<int> samples;                         // [h - 1]

    bool has(int h) const {
        return h >= 1 && h <= static_cast<int>(samples.size()) &&
               samples[static_cast<size_t>(h - 1)] >= kMinSamples;
    }
};

std::array<double, 4> pooledFeatures(const double* counts, int n, int h);

// Learns h = 1..horizon from series[i] for i in donors that have month cut + h and at least
// minCountAtCut adoptions at month cut.
PooledTrend learnPooledTrend(const std::vector<ModelSeries>& series,
                             const std::vector<size_t>& donors, int cut, int horizon,
                             double minCountAtCut = 1.0);

}  // namespace hubgrowth
