#pragma once
// The Wang-Song-Barabasi citation model applied to cumulative fine-tune counts:
//   c(t) = m * (exp(lambda * Phi((ln t - mu) / sigma)) - 1),  c(0) = 0,
// with t in months since the base model's creation.

#include <array>
#include <cmath>

#include "hubgrowth/core/model/normal_distribution.h"

namespace hubgrowth {

struct WsbParams {
    double lambda = 1.0;  // relative fitness, > 0
    double mu = 1.0;      // immediacy (log-months)
    double sigma = 1.0;   // longevity, > 0
};

// The one definition of the curve, as templates so that doubles give values and ceres::Jet
// gives exact derivatives of the very same expression. Everything else (the natural-parameter
// functions below, the fitter's analytic Jacobian, the forecaster's curves) evaluates these.

// c as a function of the standardised log-time z = (ln t - mu) / sigma.
template <typename T>
T wsbOfStandardised(const T& z, const T& lambda, double m) {
    using std::expm1;
    return T(m) * expm1(lambda * normalCdfOf(z));
}

// c(t) at log-time logT in the fitter's unconstrained parameters x = (ln lambda, mu, ln sigma).
template <typename T>
T wsbLogParamValue(const T* x, double logT, double m) {
    using std::exp;
    const T z = (T(logT) - x[1]) * exp(-x[2]);
    return wsbOfStandardised(z, T(exp(x[0])), m);
}

// Value of c(t) for a fixed constant m. Returns 0 for t <= 0.
double wsbValue(double t, const WsbParams& p, double m);

// Partial derivatives (d/dlambda, d/dmu, d/dsigma) of c(t); all zero for t <= 0.
std::array<double, 3> wsbGradient(double t, const WsbParams& p, double m);

// dc/dt, the monthly adoption rate implied by the model.
double wsbRate(double t, const WsbParams& p, double m);

// Ultimate impact c_inf = m * (exp(lambda) - 1).
double wsbUltimate(const WsbParams& p, double m);

// Time t (months) at which c(t) reaches fraction f in (0, 1) of c_inf; +inf if unreachable.
// Independent of m, since c_inf scales with m too.
double wsbTimeToFraction(const WsbParams& p, double fraction);

}  // namespace hubgrowth
