#pragma once
// Fits a growth curve to one cumulative series through its monthly increments, with a count
// likelihood: each increment d_t = c(t) - c(t-1) has variance mu_t + alpha mu_t^2 (alpha = 0:
// quasi-Poisson, the forecaster's choice; alpha > 0: negative binomial), solved by iteratively
// reweighted least squares with Ceres' TinySolver and exact (Jet) derivatives.
// An optional Gaussian prior on the three parameters turns the fit into a MAP estimate.

#include <Eigen/Core>
#include <array>

#include "hubgrowth/core/fit/fitted_curve.h"

namespace hubgrowth {

// Independent Gaussian prior on the unconstrained parameters x of a curve.
struct CurvePrior {
    std::array<double, 3> mean{0.0, 0.0, 0.0};
    std::array<double, 3> sd{1.0, 1.0, 1.0};
};

struct CurveFitOptions {
    double m = 100.0;                   // WSB's constant m
    double dispersion = 0.0;            // alpha of the negative binomial; 0: (quasi-)Poisson
    const CurvePrior* prior = nullptr;  // MAP when set
    int reweightRounds = 3;
};

// The curve (kind, m, x, covariance of x: the inverse Gauss-Newton Hessian scaled by the Pearson
// dispersion, months used, r2) and what the likelihood adds.
struct CurveFit : FittedCurve {
    double logLikelihood = 0.0;      // negative-binomial log-likelihood of the increments
    double aicc = 0.0;               // +inf when there are too few increments for AICc
    double pearsonDispersion = 1.0;  // sum of squared Pearson residuals / degrees of freedom
    bool ok = false;                 // false: nothing usable (too short, no adoption, NaN)
};

// counts[k]: cumulative count at month k (counts[0] == 0), k = 0..n-1; needs n >= 3.
CurveFit fitCurve(CurveKind kind, const double* counts, int n, const CurveFitOptions& options);

// log P(y) for a negative binomial with mean mu and variance mu + alpha mu^2 (Poisson at 0).
double negativeBinomialLogPmf(double y, double mu, double alpha);

// Corrected Akaike criterion; +inf when n <= k + 1.
double aicc(double logLikelihood, int parameters, int observations);

}  // namespace hubgrowth
