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

    std::vector<size_t> everyone(known.series.size());
    for (size_t k = 0; k < everyone.size(); ++k)
        everyone[k] = k;
    const std::vector<size_t> trendSeries = evenlySpaced(everyone, options.maxTrendSeries);

    for (const auto& [cut, positions] : byCut) {
        // Donors: the series older than the cut at the date (a target of this age cannot be
        // one), cut at the same month, with what they did up to the date as the outcome.
        std::vector<size_t> donors;
        for (size_t k = 0; k < known.series.size(); ++k) {
            const ModelSeries& s = known.series[k];
            if (s.observedMonths() >= cut + 2 &&
                s.counts[static_cast<size_t>(cut)] >= options.minCountAtCut) {
                donors.push_back(k);
            }
        }
        donors = evenlySpaced(donors, options.maxCalibrationSeries);
        const PooledTrend pooled = learnPooledTrend(known.series, trendSeries, cut, horizon);
        std::vector<CutSeries> cutSeries;
        for (size_t k : donors) {
            const ModelSeries& s = known.series[k];
            cutSeries.push_back({&s, 0, std::min(horizon, s.observedMonths() - 1 - cut)});
        }
        for (size_t t : positions) {
            const auto k = static_cast<size_t>(knownIndex[out[t].seriesIndex]);
            cutSeries.push_back({&known.series[k], 1, horizon});
        }
        const std::vector<ForecastGroup> groups{{&population, &pooled, 0},
                                                {&population, &pooled, 0}};
        const CalibratedForecasts calibrated =
            forecastCalibrated(options.method, cut, cutSeries, groups, options, parallelFor);
        for (size_t p = 0; p < positions.size(); ++p) {
            AsOfForecast& f = out[positions[p]];
            const CalibratedSeries& c = calibrated.series[donors.size() + p];
            if (!c.forecast.ok) {
                f.error = std::string("method ") + methodName(options.method) +
                          " could not forecast this series";
                if (!c.forecast.error.empty())
                    f.error += " (" + c.forecast.error + ")";
                continue;
            }
            const ModelSeries& s = known.series[static_cast<size_t>(knownIndex[f.seriesIndex])];
            f.ok = true;
            f.detail = c.forecast.detail;
            f.flags = detectFlags(s.counts.data(), s.observedMonths(),
                                  c.forecast.fit.ok ? &c.forecast.fit : nullptr, thresholds);
            f.calibrationSeries = calibrated.calibrations.back().samples(horizon);
            fillPath(c, &f);
        }
    }
    return out;
}

}  // namespace hubgrowth
