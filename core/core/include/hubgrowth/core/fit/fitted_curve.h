#pragma once
// A fitted growth curve in its unconstrained parameters x (see model/growth_curve.h): what both
// fitters hand on, and the one way to ask a fit for its value, gradient and covariance. The
// least-squares fitter's FitResult converts to it with FitResult::curve(); the count-likelihood
// fitter's CurveFit is one.

#include <Eigen/Core>
#include <array>

#include "hubgrowth/core/model/growth_curve.h"

namespace hubgrowth {

struct FittedCurve {
    CurveKind kind = CurveKind::Wsb;
    double m = 100.0;  // WSB's constant m (unused by the other curves)
    std::array<double, 3> x{0.0, 0.0, 0.0};
    // Covariance of x; meaningful only when covarianceValid.
    Eigen::Matrix3d covariance = Eigen::Matrix3d::Zero();
    bool covarianceValid = false;
    int observedMonths = 0;  // months 0..n-1 were used
    double r2 = 0.0;         // of the cumulative curve, months 0..n-1

    double value(double t) const { return curveValue(kind, x.data(), t, m); }
    // d value(t) / d x, exact (automatic differentiation of curveValue).
    Eigen::Vector3d gradient(double t) const;
};

}  // namespace hubgrowth
