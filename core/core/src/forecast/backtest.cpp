#include "hubgrowth/core/forecast/backtest.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "hubgrowth/core/stats/quantile.h"

namespace hubgrowth {

bool isBacktestEligible(const ModelSeries& series, int trainMonths, int horizon,
                        double minCountAtCut) {
    if (trainMonths < 1 || horizon < 1)
        return false;
    if (series.observedMonths() < trainMonths + horizon + 1)
        return false;
    return series.counts[static_cast<size_t>(trainMonths)] >= minCountAtCut;
}

int crossFitFold(const std::string& id) {
    std::uint64_t hash = 1469598103934665603ull;
    for (unsigned char c : id) {
        hash ^= c;
        hash *= 1099511628211ull;
    }
    return static_cast<int>((hash >> 17) & 1u);
}

BacktestSummary summarise(const std::vector<BacktestRow>& rows) {
    BacktestSummary s;
    std::vector<double> ape, width;
    int in80 = 0, in95 = 0;
    for (const BacktestRow& r : rows) {
        if (!r.ok)
            ++s.failed;
        ape.push_back(100.0 * std::fabs(r.predicted - r.actual) / r.actual);
        if (r.actual >= r.interval.lo80 && r.actual <= r.interval.hi80)
            ++in80;
        if (r.actual >= r.interval.lo95 && r.actual <= r.interval.hi95)
            ++in95;
        width.push_back(r.interval.hi95 / std::max(r.interval.lo95, 1e-9));
        const double ratio = r.predicted / r.actual;
        if (!(ratio <= 10.0 && ratio >= 0.1))
            ++s.outsideTenfold;
    }
    s.n = static_cast<int>(rows.size());
    if (s.n == 0)
        return s;
    s.medianApe = quantile(ape, 0.5);
    s.p90Ape = quantile(ape, 0.9);
    s.coverage80 = static_cast<double>(in80) / s.n;
    s.coverage95 = static_cast<double>(in95) / s.n;
    s.medianWidth95 = quantile(width, 0.5);
    return s;
}

BacktestResult runBacktest(const std::vector<ModelSeries>& series, const BacktestOptions& options,
                           const ParallelFor& parallelFor) {
    BacktestResult result;
    const int k = options.trainMonths;
    const int h = options.horizon;
    std::vector<size_t> eligible;
    std::vector<int> fold(series.size());
    for (size_t i = 0; i < series.size(); ++i) {
        fold[i] = crossFitFold(series[i].id);
        if (isBacktestEligible(series[i], k, h, options.minCountAtCut))
            eligible.push_back(i);
    }

    // What each fold learns from the other one.
    PopulationOptions populationOptions;
    populationOptions.m = options.m;
    PopulationModel populations[2];
    PooledTrend pooled[2];
    for (int f = 0; f < 2; ++f) {
        std::vector<bool> include(series.size());
        for (size_t i = 0; i < series.size(); ++i)
            include[i] = fold[i] != f;
        populations[f] = learnPopulation(series, populationOptions, include);
        std::vector<size_t> donors;
        for (size_t i = 0; i < series.size(); ++i) {
            if (include[i])
                donors.push_back(i);
        }
        pooled[f] = learnPooledTrend(series, donors, k, h);
    }

    // Each fold is forecast and calibrated with the other fold as its donors.
    std::vector<CutSeries> cutSeries;
    cutSeries.reserve(eligible.size());
    for (size_t i : eligible)
        cutSeries.push_back({&series[i], fold[i], h});
    const std::vector<ForecastGroup> groups{{&populations[0], &pooled[0], 1},
                                            {&populations[1], &pooled[1], 0}};
    const CalibratedForecasts calibrated =
        forecastCalibrated(options.method, k, cutSeries, groups, options, parallelFor);

    result.rows.resize(eligible.size());
    for (size_t e = 0; e < eligible.size(); ++e) {
        const size_t i = eligible[e];
        const ModelSeries& s = series[i];
        const CalibratedSeries& c = calibrated.series[e];
        BacktestRow& row = result.rows[e];
        row.seriesIndex = i;
        row.lastObserved = s.counts[static_cast<size_t>(k)];
        row.actual = s.counts[static_cast<size_t>(k) + static_cast<size_t>(h)];
        row.ok = c.forecast.ok;
        if (row.ok) {
            row.predicted = c.forecast.future.back();
            row.logSd = c.forecast.logSd.back();
            row.interval = c.intervals.back();
        } else {
            // A method that cannot forecast is scored as no change.
            row.predicted = row.lastObserved;
            row.logSd = 1.0;
            row.interval = predictionInterval(row.lastObserved, row.predicted, row.logSd,
                                              calibrated.calibrations[fold[i]].at(h));
        }
    }
    result.summary = summarise(result.rows);
    return result;
}

}  // namespace hubgrowth
