#include "forecast/backtest.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "forecast/stacking.h"

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

    result.rows.resize(eligible.size());
    const bool stacked =
        options.method == ForecastMethod::Auto && options.autoStrategy == AutoStrategy::Stacked;
    std::vector<MethodForecast> forecasts(stacked ? eligible.size() : 0);
    // auto: each member's forecast of month K+H (its point and spread; nothing when it failed),
    // for the envelope of the members' own calibrated bands.
    struct MemberForecast {
        bool ok = false;
        double predicted = 0.0;
        double logSd = 0.0;
    };
    const bool envelope = options.method == ForecastMethod::Auto && options.memberEnvelope;
    std::vector<std::vector<MemberForecast>> memberForecasts(envelope ? eligible.size() : 0);
    auto body = [&](int e) {
        const size_t i = eligible[static_cast<size_t>(e)];
        const ModelSeries& s = series[i];
        ForecastContext context;
        context.m = options.m;
        context.population = &populations[fold[i]];
        context.org = s.org;
        context.autoStrategy = options.autoStrategy;
        context.autoMembers = options.autoMembers;
        context.anchorLeastSquares = options.anchorLeastSquares;
        context.fitDispersion = options.fitDispersion;
        context.parameterUncertainty = options.parameterUncertainty;
        context.autoParameterUncertainty = options.autoParameterUncertainty;
        context.pooled = &pooled[fold[i]];
        context.autoWithLinear = options.autoWithLinear;
        context.autoWithPooled = options.autoWithPooled;
        context.autoWithDamped = options.autoWithDamped;
        const MethodForecast f = forecastMethod(options.method, s.counts.data(), k + 1, h, context);
        BacktestRow& row = result.rows[static_cast<size_t>(e)];
        row.seriesIndex = i;
        row.lastObserved = s.counts[static_cast<size_t>(k)];
        row.actual = s.counts[static_cast<size_t>(k) + static_cast<size_t>(h)];
        row.ok = f.ok;
        row.predicted = f.ok ? f.future.back() : row.lastObserved;
        row.logSd = f.ok ? f.logSd.back() : 1.0;
        const MethodForecast linear =
            forecastMethod(ForecastMethod::Linear, s.counts.data(), k + 1, h, context);
        row.reference = linear.ok ? linear.future.back() : row.lastObserved;
        if (envelope) {
            for (const MethodForecast& m : f.members) {
                memberForecasts[static_cast<size_t>(e)].push_back(
                    m.ok && m.future.size() == static_cast<size_t>(h)
                        ? MemberForecast{true, m.future.back(), m.logSd.back()}
                        : MemberForecast{});
            }
        }
        if (stacked)
            forecasts[static_cast<size_t>(e)] = f;
    };
    if (parallelFor) {
        parallelFor(static_cast<int>(eligible.size()), body);
    } else {
        for (int e = 0; e < static_cast<int>(eligible.size()); ++e)
            body(e);
    }

    // Stacking: each fold's weights are learned from the other fold's forecasts and outcomes,
    // and its members recombined with them (nothing is refitted).
    if (stacked) {
        std::vector<std::vector<StackingSample>> samples(2);
        for (size_t e = 0; e < result.rows.size(); ++e) {
            const BacktestRow& row = result.rows[e];
            std::vector<double> logs = memberLogIncrements(forecasts[e], row.lastObserved, h);
            if (!row.ok || logs.empty())
                continue;
            samples[static_cast<size_t>(fold[row.seriesIndex])].push_back(
                {std::move(logs), std::log1p(std::max(row.actual - row.lastObserved, 0.0))});
        }
        std::vector<std::vector<double>> weights[2];
        for (int f = 0; f < 2; ++f) {
            const size_t members =
                samples[static_cast<size_t>(1 - f)].empty()
                    ? 0
                    : samples[static_cast<size_t>(1 - f)].front().memberLogs.size();
            if (members > 0) {
                weights[f] = {learnStackingWeights(samples[static_cast<size_t>(1 - f)],
                                                   static_cast<int>(members))};
            }
        }
        for (size_t e = 0; e < result.rows.size(); ++e) {
            BacktestRow& row = result.rows[e];
            if (!row.ok)
                continue;
            const ModelSeries& s = series[row.seriesIndex];
            const MethodForecast f =
                combineAutoMembers(std::move(forecasts[e].members), s.counts.data(), k + 1, h,
                                   &weights[fold[row.seriesIndex]]);
            row.ok = f.ok;
            row.predicted = f.ok ? f.future.back() : row.lastObserved;
            row.logSd = f.ok ? f.logSd.back() : 1.0;
        }
    }

    // The population guard: how far the linear trend's forecasts miss in the other fold bounds
    // how far auto's point may stray from this series' own linear trend.
    if (options.method == ForecastMethod::Auto && options.populationGuard) {
        std::vector<std::vector<CalibrationSample>> references(2);
        for (const BacktestRow& row : result.rows) {
            references[static_cast<size_t>(fold[row.seriesIndex])].push_back(
                {row.lastObserved, row.reference, row.actual, 1.0});
        }
        IntervalCalibration guards[2];
        for (int f = 0; f < 2; ++f) {
            std::vector<std::vector<CalibrationSample>> byHorizon(static_cast<size_t>(h));
            byHorizon.back() = references[static_cast<size_t>(1 - f)];
            guards[f] = IntervalCalibration::fromSamples(byHorizon, false);
        }
        for (BacktestRow& row : result.rows) {
            if (!row.ok)
                continue;
            row.predicted =
                clampToReference(row.lastObserved, row.predicted, row.reference,
                                 guards[fold[row.seriesIndex]].at(h), options.guardBand);
        }
    }

    // Split-conformal calibration: each fold's shift and z quantiles come from the other fold.
    std::vector<std::vector<CalibrationSample>> samples(2);
    for (const BacktestRow& row : result.rows) {
        if (!row.ok)
            continue;
        samples[static_cast<size_t>(fold[row.seriesIndex])].push_back(
            {row.lastObserved, row.predicted, row.actual, row.logSd});
    }
    IntervalCalibration calibrations[2];
    for (int f = 0; f < 2; ++f) {
        std::vector<std::vector<CalibrationSample>> byHorizon(static_cast<size_t>(h));
        byHorizon.back() = samples[static_cast<size_t>(1 - f)];
        calibrations[f] = IntervalCalibration::fromSamples(byHorizon, options.standardiseErrors);
    }
    // The members' own calibrations, each fold's from the other fold (as above).
    size_t memberCount = 0;
    for (const auto& members : memberForecasts)
        memberCount = std::max(memberCount, members.size());
    std::vector<IntervalCalibration> memberCalibrations[2];
    for (size_t j = 0; j < memberCount; ++j) {
        std::vector<CalibrationSample> byFold[2];
        for (size_t e = 0; e < result.rows.size(); ++e) {
            const BacktestRow& row = result.rows[e];
            if (!row.ok || memberForecasts[e].size() != memberCount || !memberForecasts[e][j].ok)
                continue;
            const MemberForecast& m = memberForecasts[e][j];
            byFold[fold[row.seriesIndex]].push_back(
                {row.lastObserved, m.predicted, row.actual, m.logSd});
        }
        for (int f = 0; f < 2; ++f) {
            std::vector<std::vector<CalibrationSample>> byHorizon(static_cast<size_t>(h));
            byHorizon.back() = byFold[1 - f];
            memberCalibrations[f].push_back(
                IntervalCalibration::fromSamples(byHorizon, options.standardiseErrors));
        }
    }
    for (size_t e = 0; e < result.rows.size(); ++e) {
        BacktestRow& row = result.rows[e];
        HorizonCalibration calibration = calibrations[fold[row.seriesIndex]].at(h);

        row.interval = predictionInterval(row.lastObserved, row.predicted, row.logSd, calibration);
        if (envelope && row.ok && memberForecasts[e].size() == memberCount) {
            std::vector<PredictionInterval> bands;
            for (size_t j = 0; j < memberCount; ++j) {
                const MemberForecast& m = memberForecasts[e][j];
                if (m.ok) {
                    bands.push_back(
                        predictionInterval(row.lastObserved, m.predicted, m.logSd,
                                           memberCalibrations[fold[row.seriesIndex]][j].at(h)));
                }
            }
            row.interval = limitToMemberEnvelope(row.interval, bands, row.predicted);
        }
        // The point moves only with the shift; otherwise it stays the method's own (the paper's
        // unanchored wsb-ls may lie below the last count, and is scored as it is).
        if (row.ok && options.calibratePoint)
            row.predicted = row.interval.median;
    }
    result.summary = summarise(result.rows);
    return result;
}

}  // namespace hubgrowth
