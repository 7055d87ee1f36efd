#pragma once
// The growth curves the forecaster can fit, written once as templates so the same code gives
// values (double) and exact derivatives (ceres::Jet). Every curve is parameterised by three
// unconstrained numbers x, with positivity by exp(), and passes through c(0) = 0.
//   WSB       c = m (exp(lambda Phi((ln t - mu) / sigma)) - 1)      x = (ln lambda, mu, ln sigma)
//   Bass      c = M (1 - e^{-(p+q)t}) / (1 + (q/p) e^{-(p+q)t})     x = (ln M, ln p, ln q)
//   Gompertz  c = M (exp(-b e^{-kt}) - exp(-b))                     x = (ln M, ln b, ln k)
//   Logistic  c = M (s(k(t - t0)) - s(-k t0)),  s = 1/(1+e^-u)      x = (ln M, ln k, t0)

#include <cmath>

#include "hubgrowth/core/model/wsb_model.h"

namespace hubgrowth {

enum class CurveKind { Wsb, Bass, Gompertz, Logistic };

inline constexpr int kCurveParameters = 3;

const char* curveName(CurveKind kind);

template <typename T>
T logisticSigmoid(const T& u) {
    using std::exp;
    return T(1.0) / (T(1.0) + exp(-u));
}

// c(t) for t >= 0; m is WSB's fixed constant (unused by the other curves).
template <typename T>
T curveValue(CurveKind kind, const T* x, double t, double m) {
    using std::exp;
    if (t <= 0.0)
        return T(0.0);
    switch (kind) {
        case CurveKind::Wsb:
            return wsbLogParamValue(x, std::log(t), m);
        case CurveKind::Bass: {
            const T p = exp(x[1]);
            const T q = exp(x[2]);
            const T decay = exp(-(p + q) * T(t));
            return exp(x[0]) * (T(1.0) - decay) / (T(1.0) + (q / p) * decay);
        }
        case CurveKind::Gompertz: {
            const T b = exp(x[1]);
            return exp(x[0]) * (exp(-b * exp(-exp(x[2]) * T(t))) - exp(-b));
        }
        case CurveKind::Logistic: {
            const T k = exp(x[1]);
            return exp(x[0]) * (logisticSigmoid(k * (T(t) - x[2])) - logisticSigmoid(-k * x[2]));
        }
    }
    return T(0.0);
}

}  // namespace hubgrowth
