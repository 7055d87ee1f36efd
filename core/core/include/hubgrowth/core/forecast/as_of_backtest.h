#pragma once
// The as-of backtest: every series truncated at one calendar date (as_of.h), everything learned
// from the truncated data of all series, each forecast H months past its own last month and
// compared with what the series did. Closer to a user's situation than the age-cut backtest
// (backtest.h), where every series is cut at the same age and learns from others in full.

#include <cstdint>
#include <vector>

#include "hubgrowth/core/forecast/as_of.h"
#include "hubgrowth/core/forecast/backtest.h"

namespace hubgrowth {

// A row needs: a creation time, age a >= 1 at asOf, a count >= minCountAtCut at month a, and
// month a + H observed. The age is written to *age when given.
bool isAsOfEligible(const ModelSeries& series, std::int64_t asOf, int horizon,
                    double minCountAtCut = 10.0, int* age = nullptr);

struct AsOfRow {
    size_t seriesIndex = 0;
    std::int64_t asOf = 0;
    int age = 0;          // a: months 0..a were known
    double atCut = 0.0;   // count at month a
    double actual = 0.0;  // count at month a + H
    double predicted = 0.0;
    PredictionInterval interval;
    bool ok = false;  // false: the method could not forecast; predicted is the count at month a
};

// Rows for every eligible series, in input order.
std::vector<AsOfRow> runAsOfBacktest(const std::vector<ModelSeries>& series, std::int64_t asOf,
                                     const AsOfOptions& options,
                                     const ParallelFor& parallelFor = {});

struct AsOfSummary {
    BacktestSummary all;
    BacktestSummary young;      // rows with age <= youngMonths
    double gainSpearman = 0.0;  // Spearman's rho of predicted vs actual gain (NaN below 2 rows)
    int topCount = 0;           // ceil(10 % of n)
    int topOverlap = 0;         // of the topCount largest predicted gains, in the actual ones
};

AsOfSummary summariseAsOf(const std::vector<AsOfRow>& rows, int youngMonths = 3);

// Spearman's rank correlation (ties get their mean rank); NaN with fewer than 2 values or a
// constant side.
double spearmanRho(const std::vector<double>& x, const std::vector<double>& y);

// How many of the k largest x are among the k largest y (ties broken by position).
int topOverlap(const std::vector<double>& x, const std::vector<double>& y, int k);

}  // namespace hubgrowth
