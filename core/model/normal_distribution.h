#pragma once
// Standard normal distribution helpers used by the growth models.

#include <cmath>

namespace hubgrowth {

inline constexpr double kInvSqrt2 = 0.70710678118654752440;
inline constexpr double kInvSqrt2Pi = 0.39894228040143267794;

// Phi(z) via erfc, which stays accurate far into the lower tail (where 1 + erf cancels).
inline double normalCdf(double z) { return 0.5 * std::erfc(-z * kInvSqrt2); }

inline double normalPdf(double z) { return kInvSqrt2Pi * std::exp(-0.5 * z * z); }

// Inverse of Phi for p in (0, 1); returns -inf/+inf at the ends.
double normalQuantile(double p);

}  // namespace hubgrowth
