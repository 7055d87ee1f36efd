#pragma once
// How a forecast reads in words: the Curve tab's summary and the method combos' tooltips.

#include <QString>
#include <cmath>

#include "hubgrowth/core/forecast/forecast_method.h"

namespace hubgrowth {

struct HoldoutCheck;
struct SeriesForecast;

// Cumulative counts never fall: a forecast or band edge below the count it starts from (a
// finite floor) is that count.
inline double atLeastFloor(double value, double floor) {
    return std::isfinite(floor) && std::isfinite(value) ? std::max(value, floor) : value;
}

// One line per method, for the combos' item tooltips.
QString methodDescription(ForecastMethod method);
// The visual backtest's score, in the backtest's terms (" · held out: …").
QString holdoutSummary(const HoldoutCheck& check);
// " · forecast auto (…): c(+12 mo, auto) = …, 80 % …" for the summary under the chart.
QString forecastSummary(const SeriesForecast& forecast, int horizon);

}  // namespace hubgrowth
