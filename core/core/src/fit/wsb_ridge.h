#pragma once
// Tail coordinates for the WSB fit's long valleys. On a "ridge" (the least-squares optimum at
// lambda -> infinity, or far along that direction) mu and sigma grow together while the curve
// sinks into Phi's lower tail, where ln(lambda Phi(z)) tends to a straight line in ln t: the
// limit is the power law c(t) = m (exp(A t^b) - 1). In (ln lambda, mu, ln sigma) that valley
// is curved and Levenberg-Marquardt crawls along it; in the coordinates below -- the fitted
// ln(lambda Phi) and its slope in ln t at one log-time, which the data pin down, and the depth
// z there -- it is a straight line along z, with a reachable end where Phi(z) leaves the doubles.

#include <Eigen/Core>

namespace hubgrowth::ridge {

// Deepest standardised log-time the tail coordinates reach at month 1 (the window's deepest
// point): Phi(z) and phi(z) stay normal doubles.
inline constexpr double kDeepestZ = -37.5;

// The fitter's residual in tail coordinates y = (ln(lambda Phi(z_ref)), slope of that in ln t,
// z_ref) at a fixed log-time: the quantities the data pin down, plus the depth in Phi's tail.
// A ridge is a straight valley along z_ref here, walked in a few steps instead of crawled.
struct TailCoordinates {
    double logRef = 0.0;
    // Deep in the tail the third coordinate is v = -1/z instead of z: the SSE along the valley
    // then varies smoothly up to the power-law limit at v = 0, so a minimum at finite depth is
    // found rather than stepped over into the flat far end.
    bool reciprocalDepth = false;

    // False when y maps to no finite point (slope <= 0, or beyond Phi's reach).
    bool toLog(const double* y, double* x, Eigen::Matrix3d* dxdy) const;
    bool fromLog(const Eigen::Vector3d& x, Eigen::Vector3d* y) const;
};

template <typename Residual>
struct TailResidual {
    using Scalar = double;
    enum { NUM_RESIDUALS = Eigen::Dynamic, NUM_PARAMETERS = 3 };

    const Residual* inner = nullptr;
    TailCoordinates coordinates;

    int NumResiduals() const { return inner->NumResiduals(); }

    bool operator()(const double* y, double* residuals, double* jacobian) const {
        double x[3];
        Eigen::Matrix3d dxdy;
        if (!coordinates.toLog(y, x, &dxdy)) {
            // TinySolver ignores the return value of a trial step: a huge residual rejects it.
            for (int i = 0; i < inner->NumResiduals(); ++i)
                residuals[i] = 1e100;
            return false;
        }
        if (!(*inner)(x, residuals, jacobian))
            return false;
        if (jacobian) {
            const int count = inner->NumResiduals();
            for (int i = 0; i < count; ++i) {
                const Eigen::RowVector3d row(jacobian[i], jacobian[i + count],
                                             jacobian[i + 2 * count]);
                const Eigen::RowVector3d chained = row * dxdy;
                jacobian[i] = chained[0];
                jacobian[i + count] = chained[1];
                jacobian[i + 2 * count] = chained[2];
            }
        }
        return true;
    }
};

}  // namespace hubgrowth::ridge
