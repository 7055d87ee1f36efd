#pragma once
// Models ranked by their forecast gain as of a date (`hubgrowth rank`, the workbench's Rising
// tab): one ordering for both, so they list the same models in the same order.

#include <optional>
#include <vector>

#include "hubgrowth/core/forecast/as_of.h"

namespace hubgrowth {

// The forecast's gain over its horizon: the count at the last horizon month minus the count at
// the cut; NaN when the forecast failed.
double forecastGain(const AsOfForecast& forecast);

// The base's lead children (adapters and quantizations not counted, ModelSeries::leadCounts)
// created in the recent months the forecast knew (kRecentMonths, the span the pooled trend's
// recent rate reads): months observedMonths - 4 .. observedMonths - 1 of `series` (the input
// series, not truncated), so only what was known at the date. Nothing when the lead is unknown
// (the paper's CSV, or relations not listed to the end).
std::optional<double> recentLeadChildren(const ModelSeries& series, const AsOfForecast& forecast);

// Positions into `forecasts` of those that succeeded, largest gain first (ties by model id, so
// the order is stable). `series` is the input forecastAsOf was given.
std::vector<size_t> rankByGain(const std::vector<ModelSeries>& series,
                               const std::vector<AsOfForecast>& forecasts);

}  // namespace hubgrowth
