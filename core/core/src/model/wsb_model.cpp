#include "hubgrowth/core/model/wsb_model.h"

#include <cmath>
#include <limits>

#include "hubgrowth/core/model/normal_distribution.h"

namespace hubgrowth {

double wsbValue(double t, const WsbParams& p, double m) {
    if (!(t > 0.0))
        return 0.0;
    const double z = (std::log(t) - p.mu) / p.sigma;
    return wsbOfStandardised(z, p.lambda, m);
}

std::array<double, 3> wsbGradient(double t, const WsbParams& p, double m) {
    if (!(t > 0.0))
        return {0.0, 0.0, 0.0};
    const double z = (std::log(t) - p.mu) / p.sigma;
    const double phiCdf = normalCdf(z);
    const double growth = m * std::exp(p.lambda * phiCdf);  // m * e^u
    const double dz = growth * p.lambda * normalPdf(z);     // dc/dz
    return {growth * phiCdf, -dz / p.sigma, -dz * z / p.sigma};
}

double wsbRate(double t, const WsbParams& p, double m) {
    if (!(t > 0.0))
        return 0.0;
    const double z = (std::log(t) - p.mu) / p.sigma;
    return m * std::exp(p.lambda * normalCdf(z)) * p.lambda * normalPdf(z) / (p.sigma * t);
}

double wsbUltimate(const WsbParams& p, double m) {
    return m * std::expm1(p.lambda);
}

double wsbTimeToFraction(const WsbParams& p, double fraction) {
    if (!(fraction > 0.0 && fraction < 1.0) || !(p.lambda > 0.0)) {
        return std::numeric_limits<double>::infinity();
    }
    // c(t) = f * c_inf  <=>  Phi(z) = ln(1 + f * (e^lambda - 1)) / lambda
    const double target = std::log1p(fraction * std::expm1(p.lambda)) / p.lambda;
    const double z = normalQuantile(target);
    if (!std::isfinite(z))
        return std::numeric_limits<double>::infinity();
    return std::exp(p.mu + p.sigma * z);
}

}  // namespace hubgrowth
