#pragma once
// Standard normal distribution helpers used by the growth models.

#include <cmath>

namespace hubgrowth {

inline constexpr double kInvSqrt2 = 0.70710678118654752440;
inline constexpr double kInvSqrt2Pi = 0.39894228040143267794;

// Phi(z) via erfc, which stays accurate far into the lower tail (where 1 + erf cancels); a
// template so that ceres::Jet differentiates the same expression.
template <typename T>
T normalCdfOf(const T& z) {
    using std::erfc;
    return T(0.5) * erfc(-z * T(kInvSqrt2));
}

inline double normalCdf(double z) {
    return normalCdfOf(z);
}

inline double normalPdf(double z) {
    return kInvSqrt2Pi * std::exp(-0.5 * z * z);
}

// Inverse of Phi for p in (0, 1); returns -inf/+inf at the ends.
double normalQuantile(double p);

}  // namespace hubgrowth
