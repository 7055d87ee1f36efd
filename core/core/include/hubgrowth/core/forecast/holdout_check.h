#pragma once
// The visual backtest's score: a forecast made from the first K months against the months the
// data has after K (held out). The same figures the backtest reports over many series: the
// absolute percentage error at the last held-out month and how often the bands hold the truth.

#include <vector>

#include "hubgrowth/core/forecast/forecaster.h"

namespace hubgrowth {

struct HoldoutCheck {
    int points = 0;    // held-out months with a forecast (and a positive count for the APE)
    int inside80 = 0;  // of them, inside the 80 % band (ends included)
    int inside95 = 0;
    int lastMonth = -1;     // the last held-out month with a forecast
    double lastApe = -1.0;  // |forecast − actual| / actual there, -1 when actual is 0
    bool any() const { return points > 0; }
};

// counts: the whole series (cumulative, month 0 first); the forecast was made from its first
// forecast.observedMonths months. Months past the forecast's horizon are not scored.
HoldoutCheck checkHoldout(const SeriesForecast& forecast, const std::vector<double>& counts);

}  // namespace hubgrowth
