#pragma once
// The fitter's residual c(t_i) - y_i for months t_i >= 1 in the unconstrained parameters
// x = (ln lambda, mu, ln sigma), with its analytic Jacobian: the fast path of the one curve
// definition in model/wsb_model.h (tests check it against automatic differentiation of that).

#include <Eigen/Core>
#include <cmath>

#include "hubgrowth/core/model/wsb_model.h"

namespace hubgrowth {

struct WsbLogResidual {
    using Scalar = double;
    enum { NUM_RESIDUALS = Eigen::Dynamic, NUM_PARAMETERS = 3 };

    const double* logT = nullptr;
    const double* y = nullptr;
    int count = 0;
    double m = 100.0;

    int NumResiduals() const { return count; }

    // The Jacobian, when asked for, is column-major (count x 3), as TinySolver expects.
    bool operator()(const double* x, double* residuals, double* jacobian) const {
        const double lambda = std::exp(x[0]);
        const double mu = x[1];
        const double invSigma = std::exp(-x[2]);
        for (int i = 0; i < count; ++i) {
            const double z = (logT[i] - mu) * invSigma;
            const double cdf = normalCdfOf(z);
            const double u = lambda * cdf;
            const double em1 = std::expm1(u);
            residuals[i] = m * em1 - y[i];
            if (jacobian) {
                const double growth = m * (em1 + 1.0);
                const double dz = growth * lambda * normalPdf(z);
                jacobian[i] = growth * u;              // d/d ln(lambda)
                jacobian[i + count] = -dz * invSigma;  // d/d mu
                jacobian[i + 2 * count] = -dz * z;     // d/d ln(sigma)
            }
        }
        return true;
    }
};

}  // namespace hubgrowth
