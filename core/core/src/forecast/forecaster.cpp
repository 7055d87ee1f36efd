#include "hubgrowth/core/forecast/forecaster.h"

#include <algorithm>

namespace hubgrowth {

Forecaster::Forecaster(std::vector<ModelSeries> population, ForecasterOptions options)
    : Forecaster(std::move(population), std::move(options), nullptr, {}) {}

Forecaster::Forecaster(std::vector<ModelSeries> population, ForecasterOptions options,
                       const std::atomic<bool>* cancel,
                       std::function<void(int done, int total)> progress)
    : population_(std::move(population)), options_(std::move(options)) {
    PopulationOptions populationOptions;
    populationOptions.m = options_.m;
    populationOptions.cancel = cancel;
    populationOptions.progress = std::move(progress);
    model_ = learnPopulation(population_, populationOptions);
}

SeriesForecast Forecaster::forecast(const ModelSeries& series, ForecastMethod method,
                                    int horizon) const {
    SeriesForecast out;
    out.method = method;
    const int n = series.observedMonths();
    out.observedMonths = n;
    if (n < 3) {
        out.error = "needs at least 3 observed months, has " + std::to_string(n);
        return out;
    }
    for (double c : series.counts) {
        if (!std::isfinite(c)) {
            out.error = "the series has a missing or non-finite count";
            return out;
        }
    }
    horizon = std::max(horizon, 0);
    // The population's series cut at this series' age: they teach the pooled trend and, forecast
    // h = 1..horizon ahead, calibrate the intervals (group 0, calibrating itself and the series,
    // group 1).
    const int cut = n - 1;
    std::vector<size_t> others, donors;
    for (size_t i = 0; i < population_.size(); ++i) {
        const ModelSeries& s = population_[i];
        if (s.id == series.id && s.org == series.org)
            continue;
        others.push_back(i);
        if (s.observedMonths() >= cut + 2 &&
            s.counts[static_cast<size_t>(cut)] >= options_.minCountAtCut) {
            donors.push_back(i);
        }
    }
    others = evenlySpaced(others, options_.maxTrendSeries);
    donors = evenlySpaced(donors, options_.maxCalibrationSeries);
    const PooledTrend pooled = learnPooledTrend(population_, others, cut, horizon);

    std::vector<CutSeries> cutSeries;
    for (size_t i : donors) {
        const ModelSeries& s = population_[i];
        cutSeries.push_back({&s, 0, std::min(horizon, s.observedMonths() - 1 - cut)});
    }
    cutSeries.push_back({&series, 1, horizon});
    const std::vector<ForecastGroup> groups{{&model_, &pooled, 0}, {&model_, &pooled, 0}};
    CalibratedForecasts calibrated =
        forecastCalibrated(method, cut, cutSeries, groups, options_, options_.parallelFor);
    const CalibratedSeries& target = calibrated.series.back();
    const MethodForecast& f = target.forecast;
    if (!f.ok) {
        if (!target.recombined) {
            out.error =
                std::string("method ") + methodName(method) + " could not forecast this series";
            if (!f.error.empty())
                out.error += " (" + f.error + ")";
        } else {
            out.error = "method auto could not combine its members for this series";
        }
        return out;
    }
    out.detail = f.detail;
    FlagThresholds thresholds;
    thresholds.alpha = model_.dispersion;
    out.flags = detectFlags(series.counts.data(), n, f.fit.ok ? &f.fit : nullptr, thresholds);
    out.calibrationSeries = calibrated.calibrations.back().samples(horizon);

    for (int month = 0; month < n + horizon; ++month) {
        ForecastPoint p;
        p.month = month;
        if (month < n) {
            p.actual = series.counts[static_cast<size_t>(month)];
            p.fitted = f.fitted[static_cast<size_t>(month)];
        } else {
            const auto k = static_cast<size_t>(month - n);
            const PredictionInterval& interval = target.intervals[k];
            p.fitted = f.future[k];
            p.lo80 = interval.lo80;
            p.hi80 = interval.hi80;
            p.lo95 = interval.lo95;
            p.hi95 = interval.hi95;
        }
        out.path.push_back(p);
    }
    // A cumulative count never falls, so neither can its quantiles from one month to the next:
    // X(h) <= X(h+1) on every path gives q(X(h)) <= q(X(h+1)). Horizons are calibrated on
    // different donors and can break that by noise; the running maximum restores it (and
    // keeps lo95 <= lo80 <= point <= hi80 <= hi95).
    for (size_t k = static_cast<size_t>(n) + 1; k < out.path.size(); ++k) {
        const ForecastPoint& before = out.path[k - 1];
        ForecastPoint& p = out.path[k];
        p.fitted = std::max(p.fitted, before.fitted);
        p.lo80 = std::max(p.lo80, before.lo80);
        p.hi80 = std::max(p.hi80, before.hi80);
        p.lo95 = std::max(p.lo95, before.lo95);
        p.hi95 = std::max(p.hi95, before.hi95);
    }
    out.ok = true;
    return out;
}

}  // namespace hubgrowth
