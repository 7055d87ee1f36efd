#include "wsb_ridge.h"

#include <ceres/tiny_solver.h>

#include <cmath>

#include "hubgrowth/core/model/normal_distribution.h"

namespace hubgrowth::ridge {

namespace {

// Phi(z) stays a normal double down to z ~ -37.5; the ridge point keeps every month above this.
constexpr double kDeepestZ = -36.0;

struct PowerLawResidual {
    using Scalar = double;
    enum { NUM_RESIDUALS = Eigen::Dynamic, NUM_PARAMETERS = 2 };

    const double* logT = nullptr;
    const double* y = nullptr;
    int count = 0;
    double m = 100.0;

    int NumResiduals() const { return count; }

    bool operator()(const double* x, double* residuals, double* jacobian) const {
        for (int i = 0; i < count; ++i) {
            const double u = std::exp(x[0] + x[1] * logT[i]);
            const double em1 = std::expm1(u);
            residuals[i] = m * em1 - y[i];
            if (jacobian) {
                const double d = m * (em1 + 1.0) * u;
                jacobian[i] = d;                    // d/d ln A
                jacobian[i + count] = d * logT[i];  // d/d b
            }
        }
        return true;
    }
};

// phi(z) / Phi(z), the log-derivative of Phi; about -z deep in the lower tail.
double millsRatio(double z) {
    return normalPdf(z) / normalCdf(z);
}

}  // namespace

PowerLaw fitPowerLaw(const double* logT, const double* y, const double* transformed, int count,
                     double m, double* scratch) {
    PowerLaw law;
    // Start: ln(transformed) is linear in ln t on the power law.
    double sw = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (int i = 0; i < count; ++i) {
        if (!(transformed[i] > 0.0))
            continue;
        const double v = std::log(transformed[i]);
        const double w = transformed[i];  // small values carry the most relative noise
        sw += w;
        sx += w * logT[i];
        sy += w * v;
        sxx += w * logT[i] * logT[i];
        sxy += w * logT[i] * v;
    }
    const double varX = sw > 0 ? sxx - sx * sx / sw : 0.0;
    if (!(varX > 1e-12))
        return law;
    Eigen::Vector2d x;
    x[1] = (sxy - sx * sy / sw) / varX;
    x[0] = (sy - x[1] * sx) / sw;
    if (!x.allFinite())
        return law;

    PowerLawResidual residual;
    residual.logT = logT;
    residual.y = y;
    residual.count = count;
    residual.m = m;
    ceres::TinySolver<PowerLawResidual> solver;
    solver.options.max_num_iterations = 50;
    solver.options.gradient_tolerance = 1e-14;
    solver.options.parameter_tolerance = 1e-12;
    solver.options.function_tolerance = 1e-12;
    solver.options.cost_threshold = 0.0;
    const auto& summary = solver.Solve(residual, &x);
    residual(x.data(), scratch, nullptr);
    double sse = 0.0;
    for (int i = 0; i < count; ++i)
        sse += scratch[i] * scratch[i];
    (void)summary;
    law.logA = x[0];
    law.b = x[1];
    law.sse = sse;
    law.ok = x.allFinite() && std::isfinite(sse);
    return law;
}

TailLine tailLineOf(const Eigen::Vector3d& x, double logRef) {
    const double invSigma = std::exp(-x[2]);
    const double z = (logRef - x[1]) * invSigma;
    return {logRef, x[0] + std::log(normalCdf(z)), millsRatio(z) * invSigma};
}

TailLine tailLineOf(const PowerLaw& law, double logRef) {
    return {logRef, law.logA + law.b * logRef, law.b};
}

bool pointOnRidge(const TailLine& line, double zRef, double logFirst, Eigen::Vector3d* x) {
    if (!(line.slope > 0.0) || !std::isfinite(line.logU))
        return false;
    // Slope = millsRatio(z) / sigma at logRef; the first month sits invSigma * (logRef -
    // logFirst) further down the tail, which must stay within Phi's reach.
    double invSigma = line.slope / millsRatio(zRef);
    const double lowest = zRef - invSigma * (line.logRef - logFirst);
    if (lowest < kDeepestZ) {
        zRef += kDeepestZ - lowest;
        invSigma = line.slope / millsRatio(zRef);
    }
    if (!(invSigma > 0.0) || !std::isfinite(invSigma))
        return false;
    const double sigma = 1.0 / invSigma;
    const double logLambda = line.logU - std::log(normalCdf(zRef));
    (*x) << logLambda, line.logRef - sigma * zRef, std::log(sigma);
    return x->allFinite() && logLambda < 700.0;
}

}  // namespace hubgrowth::ridge
