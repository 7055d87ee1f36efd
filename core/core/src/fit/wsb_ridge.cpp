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
    const double z = y[2];
    if (!(slope > 0.0) || !(z > kDeepestZ) || !(z < 40.0))
        return false;
    const double h = millsRatio(z);
    const double sigma = h / slope;
    const double logCdf = std::log(normalCdf(z));
    x[0] = logU - logCdf;
    x[1] = logRef - sigma * z;
    x[2] = std::log(sigma);
    if (!std::isfinite(x[0]) || !std::isfinite(x[1]) || !std::isfinite(x[2]) || x[0] > 700.0)
        return false;
    // d/d(logU, slope, z) of (ln lambda, mu, ln sigma); h'(z) = -h (z + h).
    const double dLogSigmaDz = -(z + h);
    (*dxdy) << 1.0, 0.0, -h,                                       // ln lambda
        0.0, z * sigma / slope, -sigma - z * sigma * dLogSigmaDz,  // mu
        0.0, -1.0 / slope, dLogSigmaDz;                            // ln sigma
    return true;
}

bool TailCoordinates::fromLog(const Eigen::Vector3d& x, Eigen::Vector3d* y) const {
    const double invSigma = std::exp(-x[2]);
    const double z = (logRef - x[1]) * invSigma;
    const double cdf = normalCdf(z);
    if (!(cdf > 0.0) || !(z > kDeepestZ))
        return false;
    (*y) << x[0] + std::log(cdf), millsRatio(z) * invSigma, z;
    return y->allFinite();
}

}  // namespace hubgrowth::ridge
