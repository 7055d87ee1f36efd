#include "wsb_ridge.h"

#include <cmath>

#include "hubgrowth/core/model/normal_distribution.h"

namespace hubgrowth::ridge {

namespace {

// phi(z) / Phi(z), the log-derivative of Phi; about -z deep in the lower tail.
double millsRatio(double z) {
    return normalPdf(z) / normalCdf(z);
}

}  // namespace

bool TailCoordinates::toLog(const double* y, double* x, Eigen::Matrix3d* dxdy) const {
    const double logU = y[0];
    const double slope = y[1];
    if (reciprocalDepth && !(y[2] > 0.0))
        return false;
    const double z = reciprocalDepth ? -1.0 / y[2] : y[2];
    if (!(slope > 0.0) || !(z < 40.0))
        return false;
    const double h = millsRatio(z);
    const double sigma = h / slope;
    const double logCdf = std::log(normalCdf(z));
    x[0] = logU - logCdf;
    x[1] = logRef - sigma * z;
    x[2] = std::log(sigma);
    // Month 1 (ln t = 0) is the deepest point of the window in the tail.
    if (!std::isfinite(x[0]) || !std::isfinite(x[1]) || !std::isfinite(x[2]) || x[0] > 705.0 ||
        !(-x[1] / sigma > kDeepestZ))
        return false;
    // d/d(logU, slope, z) of (ln lambda, mu, ln sigma); h'(z) = -h (z + h).
    const double dLogSigmaDz = -(z + h);
    (*dxdy) << 1.0, 0.0, -h,                                       // ln lambda
        0.0, z * sigma / slope, -sigma - z * sigma * dLogSigmaDz,  // mu
        0.0, -1.0 / slope, dLogSigmaDz;                            // ln sigma
    if (reciprocalDepth)
        dxdy->col(2) *= 1.0 / (y[2] * y[2]);  // dz/dv for z = -1/v
    return true;
}

bool TailCoordinates::fromLog(const Eigen::Vector3d& x, Eigen::Vector3d* y) const {
    const double invSigma = std::exp(-x[2]);
    const double z = (logRef - x[1]) * invSigma;
    const double cdf = normalCdf(z);
    if (!(cdf > 0.0) || !(-x[1] * invSigma > kDeepestZ))
        return false;
    if (reciprocalDepth && !(z < 0.0))
        return false;
    (*y) << x[0] + std::log(cdf), millsRatio(z) * invSigma, reciprocalDepth ? -1.0 / z : z;
    return y->allFinite();
}

}  // namespace hubgrowth::ridge
