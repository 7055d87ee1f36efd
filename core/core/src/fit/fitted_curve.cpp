#include "hubgrowth/core/fit/fitted_curve.h"

#include <ceres/jet.h>

#include <cmath>

#include "hubgrowth/core/fit/fit_result.h"

namespace hubgrowth {

Eigen::Vector3d FittedCurve::gradient(double t) const {
    using Jet = ceres::Jet<double, 3>;
    Jet xj[3];
    for (int i = 0; i < 3; ++i)
        xj[i] = Jet(x[static_cast<size_t>(i)], i);
    const Jet v = curveValue(kind, xj, t, m);
    return v.v;
}

FittedCurve FitResult::curve() const {
    FittedCurve c;
    c.kind = CurveKind::Wsb;
    c.m = m;
    c.observedMonths = observedMonths;
    c.x = {std::log(params.lambda), params.mu, std::log(params.sigma)};
    c.r2 = r2;
    if (covarianceValid) {
        // (lambda, mu, sigma) -> (ln lambda, mu, ln sigma): the Jacobian is diag(1/lambda, 1,
        // 1/sigma), so the covariance is scaled by it on both sides.
        const Eigen::Vector3d scale(1.0 / params.lambda, 1.0, 1.0 / params.sigma);
        c.covariance = scale.asDiagonal() * covariance * scale.asDiagonal();
        c.covarianceValid = c.covariance.allFinite();
    }
    return c;
}

}  // namespace hubgrowth
