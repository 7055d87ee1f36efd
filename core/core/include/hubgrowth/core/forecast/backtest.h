#pragma once
// Backtest: cut every eligible series at month K, forecast month K+H from months 0..K only,
// compare with what happened. Anything learned from the population (priors, dispersion,
// interval calibration) is cross-fitted: series are split into two folds by a hash of their
// id and each fold is forecast with what was learned from the other one, so no series ever
// informs its own forecast.

#include <string>
#include <vector>

#include "hubgrowth/core/forecast/calibrated_forecast.h"
#include "hubgrowth/core/series/model_series.h"

namespace hubgrowth {

struct BacktestOptions : ForecastSettings {
    int trainMonths = 12;  // K: months 0..K are used
    int horizon = 6;       // H: month K+H is forecast
    ForecastMethod method = ForecastMethod::Auto;
};

// At least K+H+1 observed months (month 0 included) and a count >= minCountAtCut at month K.
bool isBacktestEligible(const ModelSeries& series, int trainMonths, int horizon,
                        double minCountAtCut = 10.0);

struct BacktestRow {
    size_t seriesIndex = 0;
    double lastObserved = 0.0;  // count at month K
    double actual = 0.0;        // count at month K+H
    double predicted = 0.0;
    PredictionInterval interval;
    double logSd = 0.0;
    bool ok = false;  // false: the method could not forecast; predicted is the last count
};

struct BacktestSummary {
    int n = 0;
    double medianApe = 0.0;  // absolute percentage errors, in %
    double p90Ape = 0.0;
    double coverage80 = 0.0;  // fraction of actuals inside the 80 % interval
    double coverage95 = 0.0;
    double medianWidth95 = 0.0;  // median of hi95 / lo95 (sharpness)
    int outsideTenfold = 0;      // point forecasts above 10x or below 0.1x the actual
    int failed = 0;              // series the method could not forecast
};

struct BacktestResult {
    std::vector<BacktestRow> rows;  // one per eligible series, in input order
    BacktestSummary summary;
};

BacktestResult runBacktest(const std::vector<ModelSeries>& series, const BacktestOptions& options,
                           const ParallelFor& parallelFor = {});

BacktestSummary summarise(const std::vector<BacktestRow>& rows);

// Stable fold (0 or 1) of a series id (FNV-1a), used for cross-fitting.
int crossFitFold(const std::string& id);

}  // namespace hubgrowth
