#pragma once
// The Wang-Song-Barabasi citation model applied to cumulative fine-tune counts:
//   c(t) = m * (exp(lambda * Phi((ln t - mu) / sigma)) - 1),  c(0) = 0,
// with t in months since the base model's creation.

#include <array>

namespace hubgrowth {

struct WsbParams {
    double lambda = 1.0;  // relative fitness, > 0
    double mu = 1.0;      // immediacy (log-months)
    double sigma = 1.0;   // longevity, > 0
};

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
