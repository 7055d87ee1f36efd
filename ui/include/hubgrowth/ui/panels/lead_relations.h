#pragma once
// The Curve tab's line of a base's lead relations (adapters and quantizations it does not
// count), which a store knows and the forecasts' pooled trend reads: drawn beside the counted
// derivatives so that a lead is seen, not only used.

#include <optional>

#include "hubgrowth/core/series/model_series.h"
#include "hubgrowth/ui/charts/plot_view.h"

namespace hubgrowth {

// Months 0..months-1 (what a forecast cut there knew); nothing when the series has no lead (the
// paper's CSV, the demo) or its lead had not grown by then.
std::optional<PlotSeries> leadRelationsLine(const ModelSeries& series, int months);

}  // namespace hubgrowth
