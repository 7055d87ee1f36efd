#include "hubgrowth/core/forecast/forecaster.h"

#include <algorithm>
#include <map>
#include <utility>

namespace hubgrowth {

Forecaster::Forecaster(std::vector<ModelSeries> population, ForecasterOptions options)
    : Forecaster(std::move(population), std::move(options), nullptr, {}) {}

Forecaster::Forecaster(std::vector<ModelSeries> population, ForecasterOptions options,
                       const std::atomic<bool>* cancel,
                       std::function<void(int done, int total)> progress)
    : Forecaster(std::make_shared<const std::vector<ModelSeries>>(std::move(population)),
                 std::move(options), cancel, std::move(progress)) {}

Forecaster::Forecaster(std::shared_ptr<const std::vector<ModelSeries>> population,
                       ForecasterOptions options, const std::atomic<bool>* cancel,
                       std::function<void(int done, int total)> progress)
    : population_(population ? std::move(population)
                             : std::make_shared<const std::vector<ModelSeries>>()),
      options_(std::move(options)) {
    PopulationOptions populationOptions;
    populationOptions.m = options_.m;
    populationOptions.cancel = cancel;
    populationOptions.progress = std::move(progress);
    model_ = learnPopulation(*population_, populationOptions);
}

namespace {

// Why a series cannot be forecast (empty: it can).
std::string inputError(const ModelSeries& series) {
    const int n = series.observedMonths();
    if (n < 3)
        return "needs at least 3 observed months, has " + std::to_string(n);
    for (double c : series.counts) {
        if (!std::isfinite(c))
            return "the series has a missing or non-finite count";
    }
    return {};
}

bool sameModel(const ModelSeries& a, const ModelSeries& b) {
    return a.id == b.id && a.org == b.org;
}

// A copy of exclude that knows more than it: such a copy would teach exclude's own future.
// Copies no longer than exclude hold only its past and may calibrate it.
bool isLongerCopy(const ModelSeries& s, const ModelSeries* exclude) {
    return exclude && s.observedMonths() > exclude->observedMonths() && sameModel(s, *exclude);
}

}  // namespace

SameAgeContext Forecaster::contextAt(int cut, int horizon, const ModelSeries* exclude) const {
    return sameAgeContext(population(), cut, horizon, options_.minCountAtCut, options_,
                          [exclude](const ModelSeries& s) { return isLongerCopy(s, exclude); });
}

bool Forecaster::holdsLongerCopy(const ModelSeries& series, int cut) const {
    return std::any_of(population().begin(), population().end(), [&](const ModelSeries& s) {
        return s.observedMonths() >= cut + 2 && sameModel(s, series);
    });
}

CalibratedForecasts Forecaster::calibrate(ForecastMethod method, int cut, int horizon,
                                          const SameAgeContext& context,
                                          const std::vector<const ModelSeries*>& targets,
                                          const ParallelFor& parallelFor) const {
    return forecastOnSameAgeDonors(method, cut, horizon, population(), model_, context, targets,
                                   options_, parallelFor);
}

SeriesForecast Forecaster::forecast(const ModelSeries& series, ForecastMethod method,
                                    int horizon) const {
    horizon = std::max(horizon, 0);
    const std::string error = inputError(series);
    if (!error.empty()) {
        SeriesForecast out;
        out.method = method;
        out.observedMonths = series.observedMonths();
        out.error = error;
        return out;
    }
    const int cut = series.observedMonths() - 1;
    const SameAgeContext context = contextAt(cut, horizon, &series);
    const CalibratedForecasts calibrated =
        calibrate(method, cut, horizon, context, {&series}, options_.parallelFor);
    return finish(series, method, horizon, calibrated.series.back(),
                  calibrated.calibrations.back().samples(horizon), context.donorCut);
}

SeriesForecast Forecaster::finish(const ModelSeries& series, ForecastMethod method, int horizon,
                                  const CalibratedSeries& target, int calibrationSamples,
                                  int calibrationCut) const {
    SeriesForecast out;
    out.method = method;
    const int n = series.observedMonths();
    out.observedMonths = n;
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
    out.calibrationSeries = calibrationSamples;
    out.calibrationCut = calibrationCut;

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
    if (horizon > 0 && n > 0) {
        const ForecastPoint& last = out.path.back();
        flagWideInterval(series.lastCount(), last.fitted, last.hi80, last.month, thresholds,
                         &out.flags);
    }
    out.ok = true;
    return out;
}

std::vector<SeriesForecast> Forecaster::forecastMany(const std::vector<ForecastTarget>& targets,
                                                     int horizon, const std::atomic<bool>* cancel,
                                                     const FinishedBatch& finished) const {
    horizon = std::max(horizon, 0);
    std::vector<SeriesForecast> out(targets.size());
    auto cancelled = [cancel] { return cancel && cancel->load(std::memory_order_relaxed); };
    auto report = [&finished, &out](const std::vector<size_t>& done) {
        if (finished && !done.empty())
            finished(done, out);
    };
    // Targets by (cut, method): each group is one calibration.
    std::map<std::pair<int, ForecastMethod>, std::vector<size_t>> shared;
    std::vector<size_t> alone, failed;
    for (size_t t = 0; t < targets.size(); ++t) {
        const ModelSeries& series = *targets[t].series;
        out[t].method = targets[t].method;
        out[t].observedMonths = series.observedMonths();
        out[t].error = inputError(series);
        if (!out[t].error.empty()) {
            failed.push_back(t);
            continue;
        }
        const int cut = series.observedMonths() - 1;
        if (holdsLongerCopy(series, cut))
            alone.push_back(t);
        else
            shared[{cut, targets[t].method}].push_back(t);
    }
    report(failed);
    // A cancelled call skips its remaining pseudo-forecasts (and drops their group).
    const ParallelFor pool = [this, &cancelled](int count, const std::function<void(int)>& body) {
        auto watched = [&](int i) {
            if (!cancelled())
                body(i);
        };
        if (options_.parallelFor)
            options_.parallelFor(count, watched);
        else
            for (int i = 0; i < count; ++i)
                watched(i);
    };
    for (const auto& [key, members] : shared) {
        if (cancelled())
            break;
        const auto [cut, method] = key;
        // No target of this group is (a copy of) an eligible donor, so excluding it, as
        // forecast() does, changes nothing.
        const SameAgeContext context = contextAt(cut, horizon, nullptr);
        std::vector<const ModelSeries*> series;
        for (size_t t : members)
            series.push_back(targets[t].series);
        const CalibratedForecasts calibrated =
            calibrate(method, cut, horizon, context, series, pool);
        if (cancelled())
            break;  // a cancelled pool skipped some of the work
        const int samples = calibrated.calibrations.back().samples(horizon);
        const size_t first = context.donors.size();
        for (size_t p = 0; p < members.size(); ++p)
            out[members[p]] = finish(*series[p], method, horizon, calibrated.series[first + p],
                                     samples, context.donorCut);
        report(members);
    }
    for (size_t t : alone) {
        if (cancelled())
            break;
        const ModelSeries& series = *targets[t].series;
        const int cut = series.observedMonths() - 1;
        const SameAgeContext context = contextAt(cut, horizon, &series);
        const CalibratedForecasts calibrated =
            calibrate(targets[t].method, cut, horizon, context, {&series}, pool);
        if (cancelled())
            break;
        out[t] = finish(series, targets[t].method, horizon, calibrated.series.back(),
                        calibrated.calibrations.back().samples(horizon), context.donorCut);
        report({t});
    }
    if (cancelled()) {
        for (SeriesForecast& f : out) {
            if (!f.ok && f.error.empty())
                f.error = "cancelled";
        }
    }
    return out;
}

}  // namespace hubgrowth
