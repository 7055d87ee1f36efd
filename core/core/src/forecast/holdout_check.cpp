#include "hubgrowth/core/forecast/holdout_check.h"

#include <cmath>

namespace hubgrowth {

namespace {

bool inside(double value, double lo, double hi) {
    return std::isfinite(lo) && std::isfinite(hi) && value >= lo && value <= hi;
}

}  // namespace

HoldoutCheck checkHoldout(const SeriesForecast& forecast, const std::vector<double>& counts) {
    HoldoutCheck check;
    if (!forecast.ok)
        return check;
    for (const ForecastPoint& p : forecast.path) {
        if (p.month < forecast.observedMonths || p.month < 0 || size_t(p.month) >= counts.size())
            continue;
        const double actual = counts[size_t(p.month)];
        if (!std::isfinite(actual) || !std::isfinite(p.fitted))
            continue;
        ++check.points;
        check.inside80 += inside(actual, p.lo80, p.hi80) ? 1 : 0;
        check.inside95 += inside(actual, p.lo95, p.hi95) ? 1 : 0;
        if (p.month > check.lastMonth) {
            check.lastMonth = p.month;
            check.lastApe = actual > 0.0 ? std::abs(p.fitted - actual) / actual : -1.0;
        }
    }
    return check;
}

}  // namespace hubgrowth
