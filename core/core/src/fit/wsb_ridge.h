#pragma once
// The lambda -> infinity limit of the WSB curve (a "ridge" of the least-squares problem).
// Deep in Phi's lower tail, with mu and sigma growing together, ln(lambda Phi(z)) tends to a
// straight line in ln t, so the model tends to the power-law family
//   c(t) = m * (exp(A t^b) - 1),
// which the 3-parameter iterations only crawl towards. That family is fitted directly (two
// well-conditioned parameters) and written back as the representable point of the ridge
// nearest to it: the curve placed as deep in the tail as doubles allow.

#include <Eigen/Core>

namespace hubgrowth::ridge {

struct PowerLaw {
    double logA = 0.0;  // ln A
    double b = 0.0;     // slope of ln(ln(1 + c/m)) in ln t
    double sse = 0.0;
    bool ok = false;
};

// Least-squares fit of m (exp(A t^b) - 1) to y at log-times logT (count points; months >= 1).
// transformed[i] = ln(1 + max(y_i, 0) / m) gives the start.
PowerLaw fitPowerLaw(const double* logT, const double* y, const double* transformed, int count,
                     double m, double* scratch);

// A curve seen through its straight-line behaviour at log-time logRef: ln(lambda Phi(z)) there
// and its slope in ln t. Along a ridge these stay put while the depth z in Phi's tail grows.
struct TailLine {
    double logRef = 0.0;
    double logU = 0.0;
    double slope = 0.0;
};

TailLine tailLineOf(const Eigen::Vector3d& x, double logRef);
TailLine tailLineOf(const PowerLaw& law, double logRef);

// (ln lambda, mu, ln sigma) of the curve with that line placed at depth zRef of Phi's tail, no
// deeper than keeps Phi(z) a normal double at logFirst. False when not representable.
bool pointOnRidge(const TailLine& line, double zRef, double logFirst, Eigen::Vector3d* x);

}  // namespace hubgrowth::ridge
