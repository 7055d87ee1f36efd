#include "forecast/forecaster.h"

#include <algorithm>

#include "forecast/stacking.h"

namespace hubgrowth {

Forecaster::Forecaster(std::vector<ModelSeries> population, ForecasterOptions options)
    : population_(std::move(population)), options_(std::move(options)) {
    PopulationOptions populationOptions;
    populationOptions.m = options_.m;
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
    ForecastContext context;
    context.m = options_.m;
    context.population = &model_;
    context.org = series.org;
    context.autoStrategy = options_.autoStrategy;
    // The population's series cut at this series' age: they teach the pooled trend and, forecast
    // h = 1..horizon ahead, calibrate the intervals.
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
    context.pooled = &pooled;

    MethodForecast f = forecastMethod(method, series.counts.data(), n, horizon, context);
    if (!f.ok) {
        out.error = std::string("method ") + methodName(method) + " could not forecast this series";
        if (method == ForecastMethod::Pooled) {
            out.error += " (fewer than 20 other series of its age to learn from)";
        } else if (method == ForecastMethod::Damped && n < 7) {
            out.error += " (needs 7 observed months: two 3-month windows)";
        } else if (!(series.lastCount() > 0.0)) {
            out.error += " (no adoption yet: every count is 0; use linear or auto)";
        }
        return out;
    }
    out.detail = f.detail;
    FlagThresholds thresholds;
    thresholds.alpha = model_.dispersion;
    out.flags = detectFlags(series.counts.data(), n, f.fit.ok ? &f.fit : nullptr, thresholds);

    std::vector<MethodForecast> pseudo(donors.size());
    std::vector<MethodForecast> references(donors.size());
    const bool guarded = method == ForecastMethod::Auto;
    auto body = [&](int d) {
        const ModelSeries& s = population_[donors[static_cast<size_t>(d)]];
        ForecastContext c = context;
        c.org = s.org;
        const int available = std::min(horizon, s.observedMonths() - 1 - cut);
        pseudo[static_cast<size_t>(d)] =
            forecastMethod(method, s.counts.data(), cut + 1, available, c);
        if (guarded) {
            references[static_cast<size_t>(d)] =
                forecastMethod(ForecastMethod::Linear, s.counts.data(), cut + 1, available, c);
        }
    };
    if (options_.parallelFor) {
        options_.parallelFor(static_cast<int>(donors.size()), body);
    } else {
        for (int d = 0; d < static_cast<int>(donors.size()); ++d)
            body(d);
    }
    // Stacking (auto, strategy Stacked): weights per horizon learned from the donors'
    // pseudo-forecasts; the donors and the series are recombined with them (nothing is refitted).
    if (guarded && options_.autoStrategy == AutoStrategy::Stacked) {
        std::vector<std::vector<double>> weights;
        for (int h = 1; h <= horizon; ++h) {
            std::vector<StackingSample> stack;
            for (size_t d = 0; d < donors.size(); ++d) {
                const ModelSeries& s = population_[donors[d]];
                const double atCut = s.counts[static_cast<size_t>(cut)];
                std::vector<double> logs = memberLogIncrements(pseudo[d], atCut, h);
                if (!pseudo[d].ok || logs.empty())
                    continue;
                const double actual = s.counts[static_cast<size_t>(cut) + static_cast<size_t>(h)];
                stack.push_back({std::move(logs), std::log1p(std::max(actual - atCut, 0.0))});
            }
            weights.push_back(learnStackingWeights(stack, static_cast<int>(f.members.size())));
        }
        for (size_t d = 0; d < donors.size(); ++d) {
            if (!pseudo[d].ok)
                continue;
            const int available = static_cast<int>(pseudo[d].future.size());
            pseudo[d] = combineAutoMembers(std::move(pseudo[d].members),
                                           population_[donors[d]].counts.data(), cut + 1, available,
                                           &weights);
        }
        f = combineAutoMembers(std::move(f.members), series.counts.data(), n, horizon, &weights);
        if (!f.ok) {
            out.error = "method auto could not combine its members for this series";
            return out;
        }
        out.detail = f.detail;
    }
    // auto's population guard (see backtest.h): the linear trend's calibrated 80 % band.
    std::vector<std::vector<CalibrationSample>> referenceSamples(static_cast<size_t>(horizon));
    for (size_t d = 0; guarded && d < donors.size(); ++d) {
        const MethodForecast& r = references[d];
        const ModelSeries& s = population_[donors[d]];
        for (size_t h = 0; r.ok && h < r.future.size(); ++h) {
            referenceSamples[h].push_back({s.counts[static_cast<size_t>(cut)], r.future[h],
                                           s.counts[static_cast<size_t>(cut) + h + 1], 1.0});
        }
    }
    const IntervalCalibration guard = IntervalCalibration::fromSamples(referenceSamples, false);
    auto guardedPoint = [&](double last, double point, const MethodForecast& reference, size_t h) {
        if (!guarded || !reference.ok)
            return point;
        return clampToReference(last, point, reference.future[h],
                                guard.at(static_cast<int>(h) + 1));
    };
    for (size_t d = 0; guarded && d < donors.size(); ++d) {
        MethodForecast& p = pseudo[d];
        const double last = population_[donors[d]].counts[static_cast<size_t>(cut)];
        for (size_t h = 0; p.ok && h < p.future.size(); ++h) {
            p.future[h] = guardedPoint(last, p.future[h], references[d], h);
        }
    }

    std::vector<std::vector<CalibrationSample>> samples(static_cast<size_t>(horizon));
    for (size_t d = 0; d < donors.size(); ++d) {
        const MethodForecast& p = pseudo[d];
        if (!p.ok)
            continue;
        const ModelSeries& s = population_[donors[d]];
        for (size_t h = 0; h < p.future.size(); ++h) {
            samples[h].push_back({s.counts[static_cast<size_t>(cut)], p.future[h],
                                  s.counts[static_cast<size_t>(cut) + h + 1], p.logSd[h]});
        }
    }
    const IntervalCalibration calibration = IntervalCalibration::fromSamples(samples);
    out.calibrationSeries = calibration.samples(horizon);

    // auto: each member's own calibration on the same donors, for the envelope of their bands.
    const size_t memberCount = guarded ? f.members.size() : 0;
    std::vector<IntervalCalibration> memberCalibrations;
    for (size_t j = 0; j < memberCount; ++j) {
        std::vector<std::vector<CalibrationSample>> memberSamples(static_cast<size_t>(horizon));
        for (size_t d = 0; d < donors.size(); ++d) {
            if (!pseudo[d].ok || pseudo[d].members.size() != memberCount)
                continue;
            const MethodForecast& m = pseudo[d].members[j];
            const ModelSeries& s = population_[donors[d]];
            for (size_t h = 0; m.ok && h < m.future.size(); ++h) {
                memberSamples[h].push_back({s.counts[static_cast<size_t>(cut)], m.future[h],
                                            s.counts[static_cast<size_t>(cut) + h + 1],
                                            m.logSd[h]});
            }
        }
        memberCalibrations.push_back(IntervalCalibration::fromSamples(memberSamples));
    }

    const double last = series.counts.back();
    std::vector<double> future = f.future;
    if (guarded) {
        const MethodForecast reference =
            forecastMethod(ForecastMethod::Linear, series.counts.data(), n, horizon, context);
        for (size_t h = 0; h < future.size(); ++h) {
            future[h] = guardedPoint(last, future[h], reference, h);
        }
    }
    for (int month = 0; month < n + horizon; ++month) {
        ForecastPoint p;
        p.month = month;
        if (month < n) {
            p.actual = series.counts[static_cast<size_t>(month)];
            p.fitted = f.fitted[static_cast<size_t>(month)];
        } else {
            const int h = month - n + 1;
            HorizonCalibration hc = calibration.at(h);

            const size_t k = static_cast<size_t>(h - 1);
            PredictionInterval interval = predictionInterval(last, future[k], f.logSd[k], hc);
            std::vector<PredictionInterval> memberBands;
            for (size_t j = 0; j < memberCount; ++j) {
                const MethodForecast& m = f.members[j];
                if (m.ok && k < m.future.size()) {
                    memberBands.push_back(predictionInterval(last, m.future[k], m.logSd[k],
                                                             memberCalibrations[j].at(h)));
                }
            }
            interval = limitToMemberEnvelope(interval, memberBands, future[k]);
            p.fitted = future[k];
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
