#pragma once
// Concentration of adoption (the paper's Fig. 5): how few models account for most fine-tunes.

#include <vector>

namespace hubgrowth {

struct LorenzPoint {
    double modelShare;  // fraction of models, largest first (0..1)
    double valueShare;  // fraction of the total they account for (0..1)
};

// The Pareto form of the Lorenz curve: models sorted by value, largest first; point i is the
// share of the total held by the top i models. Starts at (0, 0) and ends at (1, 1). Negative,
// NaN and Inf values are ignored. Empty (or all-zero) input gives just the diagonal's end points.
std::vector<LorenzPoint> paretoCurve(const std::vector<double>& values);

// Smallest fraction of models (largest first) whose values reach `target` (e.g. 0.8) of the
// total; interpolated linearly within a model so the answer varies continuously. 0 when the
// total is 0.
double modelShareForValueShare(const std::vector<double>& values, double target);

// Gini coefficient of the non-negative finite values (0: equal, -> 1: concentrated).
double giniCoefficient(const std::vector<double>& values);

}  // namespace hubgrowth
