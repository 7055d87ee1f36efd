#include "hubgrowth/core/forecast/as_of.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "hubgrowth/core/series/calendar.h"
#include "hubgrowth/core/series/series_builder.h"

namespace hubgrowth {

int monthsOfAge(std::int64_t created, std::int64_t asOf) {
    const double months = std::floor(static_cast<double>(asOf - created) / kSecondsPerMonth + 1e-9);
    return static_cast<int>(std::clamp(months, -1e6, 1e6));
}

AsOfPopulation truncateAsOf(const std::vector<ModelSeries>& series, std::int64_t asOf) {
    AsOfPopulation out;
    for (size_t i = 0; i < series.size(); ++i) {
        const ModelSeries& s = series[i];
        const auto created = parseIsoInstant(s.createdAt);
        if (!created || s.counts.empty())
            continue;
        const int age = monthsOfAge(*created, asOf);
        if (age < 0)
            continue;
        ModelSeries known;
        known.id = s.id;
        known.org = s.org;
        known.createdAt = s.createdAt;
        const size_t months = std::min(static_cast<size_t>(age) + 1, s.counts.size());
        known.counts.assign(s.counts.begin(), s.counts.begin() + static_cast<long>(months));
        // The lead relations were counted on the same calendar months: cut at the same one.
        known.leadCounts.assign(
            s.leadCounts.begin(),
            s.leadCounts.begin() + static_cast<long>(std::min(months, s.leadCounts.size())));
        out.series.push_back(std::move(known));
        out.source.push_back(i);
        out.age.push_back(age);
    }
    return out;
}

std::optional<std::int64_t> latestDataInstant(const std::vector<ModelSeries>& series) {
    std::optional<std::int64_t> latest;
    for (const ModelSeries& s : series) {
        const auto created = parseIsoInstant(s.createdAt);
        if (!created || s.counts.empty())
            continue;
        const auto end = *created + static_cast<std::int64_t>(
                                        std::ceil((s.observedMonths() - 1) * kSecondsPerMonth));
        latest = latest ? std::max(*latest, end) : end;
    }
    return latest;
}

namespace {

// The target's calibrated path made monotone: a cumulative count never falls, so neither can
// its quantiles (the same running maximum as the Forecaster's).
void fillPath(const CalibratedSeries& calibrated, AsOfForecast* out) {
    const MethodForecast& f = calibrated.forecast;
    for (size_t k = 0; k < f.future.size() && k < calibrated.intervals.size(); ++k) {
        double point = f.future[k];
        PredictionInterval band = calibrated.intervals[k];
        if (k > 0) {
            const PredictionInterval& before = out->intervals.back();
            point = std::max(point, out->predicted.back());
            band.lo80 = std::max(band.lo80, before.lo80);
            band.hi80 = std::max(band.hi80, before.hi80);
            band.lo95 = std::max(band.lo95, before.lo95);
            band.hi95 = std::max(band.hi95, before.hi95);
        }
        out->predicted.push_back(point);
        out->intervals.push_back(band);
    }
}

// A target's result from its calibrated forecast.
void finish(const CalibratedSeries& c, const ModelSeries& known, ForecastMethod method,
            const FlagThresholds& thresholds, int calibrationSeries, AsOfForecast* f) {
    if (!c.forecast.ok) {
        f->error = std::string("method ") + methodName(method) + " could not forecast this series";
        if (!c.forecast.error.empty())
            f->error += " (" + c.forecast.error + ")";
        return;
    }
    f->ok = true;
    f->detail = c.forecast.detail;
    f->flags = detectFlags(known.counts.data(), known.observedMonths(),
                           c.forecast.fit.ok ? &c.forecast.fit : nullptr, thresholds);
    f->calibrationSeries = calibrationSeries;
    fillPath(c, f);
    if (!f->intervals.empty()) {
        const int lastMonth = f->observedMonths - 1 + static_cast<int>(f->intervals.size());
        flagWideInterval(f->atCut, f->predicted.back(), f->intervals.back().hi80, lastMonth,
                         thresholds, &f->flags);
    }
}

std::vector<size_t> allIndices(size_t n) {
    std::vector<size_t> v(n);
    for (size_t k = 0; k < n; ++k)
        v[k] = k;
    return v;
}

}  // namespace

std::vector<AsOfForecast> forecastAsOf(const std::vector<ModelSeries>& series, std::int64_t asOf,
                                       const AsOfOptions& options,
                                       const std::vector<size_t>* targets,
                                       const ParallelFor& parallelFor) {
    const AsOfPopulation known = truncateAsOf(series, asOf);
    std::vector<int> knownIndex(series.size(), -1);
    for (size_t k = 0; k < known.source.size(); ++k)
        knownIndex[known.source[k]] = static_cast<int>(k);

    std::vector<size_t> wanted;
    if (targets) {
        wanted = *targets;
    } else {
        for (size_t k = 0; k < known.source.size(); ++k) {
            if (known.series[k].observedMonths() >= 2)
                wanted.push_back(known.source[k]);
        }
    }

    std::vector<AsOfForecast> out(wanted.size());
    std::map<int, std::vector<size_t>> byCut;  // cut -> positions in `out`
    for (size_t t = 0; t < wanted.size(); ++t) {
        AsOfForecast& f = out[t];
        f.seriesIndex = wanted[t];
        const int k = wanted[t] < series.size() ? knownIndex[wanted[t]] : -1;
        if (k < 0) {
            f.error = "no creation time, or created after the date";
            continue;
        }
        const ModelSeries& s = known.series[static_cast<size_t>(k)];
        f.age = known.age[static_cast<size_t>(k)];
        f.observedMonths = s.observedMonths();
        f.atCut = s.lastCount();
        if (f.observedMonths < 2) {
            f.error = "younger than a month at the date";
            continue;
        }
        if (!std::all_of(s.counts.begin(), s.counts.end(),
                         [](double c) { return std::isfinite(c); })) {
            f.error = "the series has a missing or non-finite count";
            continue;
        }
        byCut[f.observedMonths - 1].push_back(t);
    }
    if (byCut.empty())
        return out;

    PopulationOptions populationOptions;
    populationOptions.m = options.m;
    const PopulationModel population = learnPopulation(known.series, populationOptions);
    FlagThresholds thresholds;
    thresholds.alpha = population.dispersion;
    const int horizon = std::max(options.horizon, 1);
    auto targetOf = [&](size_t t) -> const ModelSeries& {
        return known.series[static_cast<size_t>(knownIndex[out[t].seriesIndex])];
    };

    if (options.calibration == AsOfCalibration::SameDate) {
        // Donors: every series known H months before the date, forecast from what was known
        // then (population, pooled trends) and scored against what it did up to the date.
        const std::int64_t before =
            asOf - static_cast<std::int64_t>(horizon) * static_cast<std::int64_t>(kSecondsPerMonth);
        const AsOfPopulation past = truncateAsOf(series, before);
        const PopulationModel pastPopulation = learnPopulation(past.series, populationOptions);
        std::vector<size_t> donors;
        std::vector<int> donorHorizon;
        for (size_t p = 0; p < past.series.size(); ++p) {
            const ModelSeries& then = past.series[p];
            const int cut = then.observedMonths() - 1;
            const auto k = static_cast<size_t>(knownIndex[past.source[p]]);
            const int ahead = std::min(horizon, known.series[k].observedMonths() - 1 - cut);
            if (cut >= 1 && ahead >= 1 && then.lastCount() >= options.minCountAtCut) {
                donors.push_back(p);
                donorHorizon.push_back(ahead);
            }
        }
        const std::vector<size_t> kept =
            evenlySpaced(allIndices(donors.size()), options.maxCalibrationSeries);
        // Age classes: 0 short histories, 1 the rest; one class when either has too few donors.
        const int shortMonths = thresholds.shortMonths;  // alpha set above; the months are default
        int shortDonors = 0;
        for (size_t d : kept)
            shortDonors += past.series[donors[d]].observedMonths() - 1 < shortMonths ? 1 : 0;
        const bool classes =
            options.ageClasses && shortDonors >= IntervalCalibration::kMinSamples &&
            static_cast<int>(kept.size()) - shortDonors >= IntervalCalibration::kMinSamples;
        auto classOf = [&](int cut) { return classes && cut < shortMonths ? 0 : 1; };

        const std::vector<size_t> trendSeries =
            evenlySpaced(allIndices(known.series.size()), options.maxTrendSeries);
        const std::vector<size_t> pastTrendSeries =
            evenlySpaced(allIndices(past.series.size()), options.maxTrendSeries);
        std::map<int, PooledTrend> pastPooled, nowPooled;
        std::vector<CutSeries> cutSeries;
        for (size_t d : kept) {
            const size_t p = donors[d];
            const int cut = past.series[p].observedMonths() - 1;
            if (!pastPooled.count(cut))
                pastPooled[cut] = learnPooledTrend(past.series, pastTrendSeries, cut, horizon);
            const auto k = static_cast<size_t>(knownIndex[past.source[p]]);
            cutSeries.push_back(
                {&known.series[k], classOf(cut), donorHorizon[d], cut, &pastPooled[cut]});
        }
        const size_t firstTarget = cutSeries.size();
        std::vector<size_t> order;
        for (const auto& [cut, positions] : byCut) {
            nowPooled[cut] = learnPooledTrend(known.series, trendSeries, cut, horizon);
            for (size_t t : positions) {
                cutSeries.push_back(
                    {&targetOf(t), 2 + classOf(cut), horizon, cut, &nowPooled[cut]});
                order.push_back(t);
            }
        }
        // Groups 0 / 1: the donors of each class (then's population); 2 / 3: the targets.
        const std::vector<ForecastGroup> groups{{&pastPopulation, nullptr, 0},
                                                {&pastPopulation, nullptr, 1},
                                                {&population, nullptr, 0},
                                                {&population, nullptr, 1}};
        const CalibratedForecasts calibrated =
            forecastCalibrated(options.method, 0, cutSeries, groups, options, parallelFor);
        for (size_t p = 0; p < order.size(); ++p) {
            const CutSeries& target = cutSeries[firstTarget + p];
            const int samples =
                calibrated.calibrations[static_cast<size_t>(target.group)].samples(horizon);
            finish(calibrated.series[firstTarget + p], targetOf(order[p]), options.method,
                   thresholds, samples, &out[order[p]]);
        }
        return out;
    }

    for (const auto& [cut, positions] : byCut) {
        // Donors: the series older than the cut at the date (a target of this age cannot be
        // one), cut at the same month (or, when too few reach +H from it, earlier), with what
        // they did up to the date as the outcome: the Forecaster's, on the truncated data.
        const SameAgeContext context =
            sameAgeContext(known.series, cut, horizon, options.minCountAtCut, options);
        std::vector<const ModelSeries*> truncated;
        for (size_t t : positions)
            truncated.push_back(&targetOf(t));
        const CalibratedForecasts calibrated =
            forecastOnSameAgeDonors(options.method, cut, horizon, known.series, population, context,
                                    truncated, options, parallelFor);
        const int samples = calibrated.calibrations.back().samples(horizon);
        for (size_t p = 0; p < positions.size(); ++p) {
            finish(calibrated.series[context.donors.size() + p], targetOf(positions[p]),
                   options.method, thresholds, samples, &out[positions[p]]);
        }
    }
    return out;
}

}  // namespace hubgrowth
