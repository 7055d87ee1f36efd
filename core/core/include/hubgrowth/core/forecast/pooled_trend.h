#pragma once
// The pooled trend: one log-linear regression across the population of series cut at the same
// age, of the future increment on the series' recent adoption rates,
//   ln(1 + D_h) = b0 + b1 ln(1 + h d_last) + b2 ln(1 + h r_3) + b3 ln(1 + h r_all),
// with d_last the last month's increment, r_3 the last three months' mean and r_all the mean
// since month 0. It is the population's own answer to "given how fast it grows now, how much
// more in h months?", so it learns the typical deceleration (or acceleration) at that age that
// a single series cannot show. Learned from other series only (cross-fitted in the backtest).
//
// The cold-start covariate: when the series come from a store, the base's lead relations
// (ModelSeries::leadCounts) are known too, and a second regression adds their recent rate,
//   ... + b4 ln(1 + h l_3),   l_3 the lead children's last three months' mean,
// learned from the donors that have it. A target with a lead uses it when at least kMinSamples
// donors had one; otherwise (the paper's CSV, or too few donors) the fine-tunes alone.

#include <array>
#include <optional>
#include <vector>

#include "hubgrowth/core/series/model_series.h"

namespace hubgrowth {

struct PooledTrend {
    static constexpr int kMinSamples = 20;
    int cut = 0;                                      // months 0..cut are the inputs
    std::vector<std::array<double, 4>> coefficients;  // [h - 1]
    std::vector<double> residualSd;                   // [h - 1], of ln(1 + D_h)
    std::vector<int> samples;                         // [h - 1]
    // The regression with the lead's feature last, learned from the donors with a lead.
    std::vector<std::array<double, 5>> leadCoefficients;  // [h - 1]
    std::vector<double> leadResidualSd;                   // [h - 1]
    std::vector<int> leadSamples;                         // [h - 1]

    bool has(int h) const { return enough(samples, h); }
    bool hasLead(int h) const { return enough(leadSamples, h); }

  private:
    static bool enough(const std::vector<int>& counts, int h) {
        return h >= 1 && h <= static_cast<int>(counts.size()) &&
               counts[static_cast<size_t>(h - 1)] >= kMinSamples;
    }
};

std::array<double, 4> pooledFeatures(const double* counts, int n, int h);

// ln(1 + h l_3) of a lead series known for months 0..n-1; nothing when it is shorter (unknown).
std::optional<double> pooledLeadFeature(const std::vector<double>& lead, int n, int h);

// Learns h = 1..horizon from series[i] for i in donors that have month cut + h and at least
// minCountAtCut adoptions at month cut.
PooledTrend learnPooledTrend(const std::vector<ModelSeries>& series,
                             const std::vector<size_t>& donors, int cut, int horizon,
                             double minCountAtCut = 1.0);

}  // namespace hubgrowth
