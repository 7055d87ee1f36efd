#include "hubgrowth/core/forecast/as_of_rank.h"

#include <algorithm>
#include <cmath>

#include "hubgrowth/core/series/recent_change.h"

namespace hubgrowth {

double forecastGain(const AsOfForecast& forecast) {
    if (!forecast.ok || forecast.predicted.empty())
        return std::nan("");
    return forecast.predicted.back() - forecast.atCut;
}

std::optional<double> recentLeadChildren(const ModelSeries& series, const AsOfForecast& forecast) {
    const int n = forecast.observedMonths;
    if (n < 1 || static_cast<int>(series.leadCounts.size()) < n)
        return std::nullopt;
    const double added = recentChange(series.leadCounts.data(), n).added;
    if (!std::isfinite(added))
        return std::nullopt;
    return std::max(0.0, added);
}

std::vector<size_t> rankByGain(const std::vector<ModelSeries>& series,
                               const std::vector<AsOfForecast>& forecasts) {
    std::vector<size_t> order;
    for (size_t i = 0; i < forecasts.size(); ++i) {
        if (forecasts[i].ok && !forecasts[i].predicted.empty())
            order.push_back(i);
    }
    std::vector<double> gain(forecasts.size(), 0.0);
    for (size_t i : order)
        gain[i] = forecastGain(forecasts[i]);
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        if (gain[a] != gain[b])
            return gain[a] > gain[b];
        return series[forecasts[a].seriesIndex].id < series[forecasts[b].seriesIndex].id;
    });
    return order;
}

}  // namespace hubgrowth
