#pragma once
// Fits the WSB model to one cumulative series by least squares, with Ceres' TinySolver
// (Levenberg-Marquardt on a fixed 3-parameter problem, analytic Jacobian, no allocation per
// iteration). Parameters are solved in (ln lambda, mu, ln sigma) so lambda, sigma > 0 hold
// without bound constraints, and the start comes from linearising the model (see .cpp).

#include <vector>

#include "hubgrowth/core/fit/fit_result.h"

namespace hubgrowth {

struct FitOptions {
    double m = 100.0;  // the fixed constant m of c(t)
    int maxIterations = 200;
    bool computeCovariance = true;
};

// counts[k] is the cumulative count at month k (k = 0..n-1); month 0 is the base's creation.
FitResult fitWsb(const double* counts, int n, const FitOptions& options);
inline FitResult fitWsb(const std::vector<double>& counts, const FitOptions& options) {
    return fitWsb(counts.data(), static_cast<int>(counts.size()), options);
}

// Sum of squared errors of params on counts (months 0..n-1).
double wsbSse(const double* counts, int n, const WsbParams& params, double m);

}  // namespace hubgrowth
