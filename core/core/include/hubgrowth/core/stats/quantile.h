#pragma once
// Sample quantiles, for robust axis ranges and summaries.

#include <vector>

namespace hubgrowth {

// Linear-interpolated quantile (numpy's default, "type 7") of the finite values, q in [0, 1].
// NaN for an empty (or all non-finite) input. positiveOnly drops values <= 0 (log scales).
double quantile(const std::vector<double>& values, double q, bool positiveOnly = false);

}  // namespace hubgrowth
