#include "hubgrowth/core/forecast/same_age_donors.h"

#include <algorithm>

namespace hubgrowth {

int sameAgeDonorCut(const std::vector<ModelSeries>& population, int cut, int horizon,
                    double minCountAtCut, const std::function<bool(const ModelSeries&)>& skip) {
    if (horizon < 1)
        return cut;
    auto enoughReach = [&](int at) {
        int reaching = 0;
        for (const ModelSeries& s : population) {
            if (s.observedMonths() < at + horizon + 1 || (skip && skip(s)) ||
                !(s.counts[static_cast<size_t>(at)] >= minCountAtCut))
                continue;
            if (++reaching >= IntervalCalibration::kMinSamples)
                return true;
        }
        return false;
    };
    for (int at = cut; at >= 0; --at) {
        if (enoughReach(at))
            return at;
    }
    return cut;
}

// Only series at least two months longer than a cut can teach at it (they need a month after
// it), so the caps sample those.
SameAgeContext sameAgeContext(const std::vector<ModelSeries>& population, int cut, int horizon,
                              double minCountAtCut, const DonorCaps& caps,
                              const std::function<bool(const ModelSeries&)>& skip) {
    SameAgeContext context;
    context.donorCut = sameAgeDonorCut(population, cut, horizon, minCountAtCut, skip);
    const bool earlier = context.donorCut < cut;
    std::vector<size_t> trendSeries, donorTrendSeries;
    for (size_t i = 0; i < population.size(); ++i) {
        const ModelSeries& s = population[i];
        if ((skip && skip(s)) || s.observedMonths() < context.donorCut + 2)
            continue;
        if (s.observedMonths() >= cut + 2)
            trendSeries.push_back(i);
        if (earlier)
            donorTrendSeries.push_back(i);
        if (s.counts[static_cast<size_t>(context.donorCut)] >= minCountAtCut)
            context.donors.push_back(i);
    }
    context.donors = evenlySpaced(context.donors, caps.maxCalibrationSeries);
    context.pooled =
        learnPooledTrend(population, evenlySpaced(trendSeries, caps.maxTrendSeries), cut, horizon);
    if (earlier) {
        context.donorPooled =
            learnPooledTrend(population, evenlySpaced(donorTrendSeries, caps.maxTrendSeries),
                             context.donorCut, horizon);
    }
    return context;
}

// Group 0 (the donors) calibrates itself and the targets (group 1).
CalibratedForecasts forecastOnSameAgeDonors(ForecastMethod method, int cut, int horizon,
                                            const std::vector<ModelSeries>& population,
                                            const PopulationModel& model,
                                            const SameAgeContext& context,
                                            const std::vector<const ModelSeries*>& targets,
                                            const ForecastSettings& settings,
                                            const ParallelFor& parallelFor) {
    std::vector<CutSeries> cutSeries;
    cutSeries.reserve(context.donors.size() + targets.size());
    const bool earlier = context.donorCut < cut;
    for (size_t i : context.donors) {
        const ModelSeries& s = population[i];
        cutSeries.push_back({&s, 0, std::min(horizon, s.observedMonths() - 1 - context.donorCut),
                             earlier ? context.donorCut : -1,
                             earlier ? &context.donorPooled : nullptr});
    }
    for (const ModelSeries* target : targets)
        cutSeries.push_back({target, 1, horizon});
    const std::vector<ForecastGroup> groups{{&model, &context.pooled, 0},
                                            {&model, &context.pooled, 0}};
    return forecastCalibrated(method, cut, cutSeries, groups, settings, parallelFor);
}

}  // namespace hubgrowth
