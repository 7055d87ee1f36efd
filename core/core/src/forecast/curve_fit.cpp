#include "hubgrowth/core/forecast/curve_fit.h"

#include <ceres/jet.h>
#include <ceres/tiny_solver.h>
#include <ceres/tiny_solver_autodiff_function.h>

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <vector>

#include "hubgrowth/core/fit/wsb_fitter.h"

namespace hubgrowth {

const char* curveName(CurveKind kind) {
    switch (kind) {
        case CurveKind::Wsb:
            return "wsb";
        case CurveKind::Bass:
            return "bass";
        case CurveKind::Gompertz:
            return "gompertz";
        case CurveKind::Logistic:
            return "logistic";
    }
    return "unknown";
}

double negativeBinomialLogPmf(double y, double mu, double alpha) {
    mu = std::max(mu, 1e-9);
    if (!(alpha > 1e-12))
        return y * std::log(mu) - mu - std::lgamma(y + 1.0);
    const double r = 1.0 / alpha;
    return std::lgamma(y + r) - std::lgamma(r) - std::lgamma(y + 1.0) + r * std::log(r / (r + mu)) +
           y * std::log(mu / (r + mu));
}

double aicc(double logLikelihood, int parameters, int observations) {
    const int k = parameters;
    if (observations <= k + 1)
        return std::numeric_limits<double>::infinity();
    return 2.0 * k - 2.0 * logLikelihood + 2.0 * k * (k + 1.0) / (observations - k - 1.0);
}

namespace {

// Weighted increment residuals (c(t) - c(t-1) - d_t) / sd_t for t = 1..n-1, then the prior's
// (x_j - mean_j) / sd_j when there is one.
struct IncrementResidual {
    CurveKind kind = CurveKind::Wsb;
    double m = 100.0;
    const double* increments = nullptr;
    const double* invSd = nullptr;
    int count = 0;  // increments
    const CurvePrior* prior = nullptr;

    int NumResiduals() const { return count + (prior ? 3 : 0); }

    template <typename T>
    bool operator()(const T* x, T* residuals) const {
        T previous(0.0);
        for (int i = 0; i < count; ++i) {
            const T c = curveValue(kind, x, static_cast<double>(i + 1), m);
            residuals[i] = (c - previous - T(increments[i])) * T(invSd[i]);
            previous = c;
        }
        if (prior) {
            for (int j = 0; j < 3; ++j) {
                const auto jj = static_cast<size_t>(j);
                residuals[count + j] = (x[j] - T(prior->mean[jj])) / T(prior->sd[jj]);
            }
        }
        return true;
    }
};

using AutoDiff = ceres::TinySolverAutoDiffFunction<IncrementResidual, Eigen::Dynamic, 3>;
using Solver = ceres::TinySolver<AutoDiff>;
using Vec3 = Eigen::Matrix<double, 3, 1>;

double objective(const AutoDiff& f, const Vec3& x, Eigen::VectorXd* scratch) {
    scratch->resize(f.NumResiduals());
    if (!f(x.data(), scratch->data(), nullptr))
        return std::numeric_limits<double>::infinity();
    const double v = scratch->squaredNorm();
    return std::isfinite(v) ? v : std::numeric_limits<double>::infinity();
}

// A coarse grid of starting points per curve, scaled by the data (last count yLast over n months).
std::vector<Vec3> startingPoints(CurveKind kind, const double* counts, int n, double m) {
    const double yLast = counts[n - 1];
    const double span = static_cast<double>(n - 1);
    std::vector<Vec3> starts;
    const double sizes[] = {1.2, 2.0, 5.0, 20.0};
    switch (kind) {
        case CurveKind::Wsb: {
            FitOptions ls;
            ls.m = m;
            ls.computeCovariance = false;
            const FitResult r = fitWsb(counts, n, ls);
            if (r.converged() && std::isfinite(r.params.lambda) && r.params.lambda > 0.0) {
                const std::array<double, 3> x = r.curve().x;
                starts.emplace_back(x[0], x[1], x[2]);
            }
            for (double s : sizes) {
                for (double mu : {0.5, 1.0, 2.0}) {
                    for (double sigma : {0.5, 1.0, 2.0}) {
                        starts.emplace_back(std::log(std::log1p(s * yLast / m)),
                                            std::log(mu * span), std::log(sigma));
                    }
                }
            }
            break;
        }
        case CurveKind::Bass:
            for (double s : sizes) {
                for (double p : {0.003, 0.03, 0.2}) {
                    for (double q : {0.05, 0.2, 0.6}) {
                        starts.emplace_back(std::log(s * yLast), std::log(p), std::log(q));
                    }
                }
            }
            break;
        case CurveKind::Gompertz:
            for (double s : sizes) {
                for (double b : {1.0, 3.0, 8.0}) {
                    for (double k : {0.3 / span, 1.0 / span, 3.0 / span}) {
                        starts.emplace_back(std::log(s * yLast), std::log(b), std::log(k));
                    }
                }
            }
            break;
        case CurveKind::Logistic:
            for (double s : sizes) {
                for (double k : {1.0 / span, 3.0 / span, 8.0 / span}) {
                    for (double t0 : {0.3, 1.0, 2.0}) {
                        starts.emplace_back(std::log(s * yLast), std::log(k), t0 * span);
                    }
                }
            }
            break;
    }
    return starts;
}

}  // namespace

CurveFit fitCurve(CurveKind kind, const double* counts, int n, const CurveFitOptions& options) {
    CurveFit fit;
    fit.kind = kind;
    fit.m = options.m;
    fit.observedMonths = n;
    fit.aicc = std::numeric_limits<double>::infinity();
    if (n < 3)
        return fit;
    for (int k = 0; k < n; ++k) {
        if (!std::isfinite(counts[k]))
            return fit;
    }
    if (!(counts[n - 1] > 0.0))
        return fit;

    const int count = n - 1;
    std::vector<double> increments(static_cast<size_t>(count));
    std::vector<double> invSd(static_cast<size_t>(count));
    for (int i = 0; i < count; ++i) {
        increments[static_cast<size_t>(i)] = std::max(0.0, counts[i + 1] - counts[i]);
    }
    const double alpha = std::max(0.0, options.dispersion);
    auto setWeights = [&](auto meanAt) {
        for (int i = 0; i < count; ++i) {
            const double mu = std::max(meanAt(i), 1.0);
            invSd[static_cast<size_t>(i)] = 1.0 / std::sqrt(mu + alpha * mu * mu);
        }
    };
    // First weights from the data, smoothed over neighbouring months.
    setWeights([&](int i) {
        double sum = 0.0;
        int used = 0;
        for (int j = std::max(0, i - 1); j <= std::min(count - 1, i + 1); ++j, ++used) {
            sum += increments[static_cast<size_t>(j)];
        }
        return sum / used;
    });

    IncrementResidual residual;
    residual.kind = kind;
    residual.m = options.m;
    residual.increments = increments.data();
    residual.invSd = invSd.data();
    residual.count = count;
    residual.prior = options.prior;
    AutoDiff f(residual);
    Eigen::VectorXd scratch;

    Vec3 x;
    double best = std::numeric_limits<double>::infinity();
    std::vector<Vec3> starts = startingPoints(kind, counts, n, options.m);
    if (options.prior) {
        starts.emplace_back(options.prior->mean[0], options.prior->mean[1], options.prior->mean[2]);
    }
    // Rank the starts, then polish the two best.
    std::vector<std::pair<double, size_t>> ranked;
    for (size_t s = 0; s < starts.size(); ++s)
        ranked.emplace_back(objective(f, starts[s], &scratch), s);
    std::sort(ranked.begin(), ranked.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    if (ranked.empty() || !std::isfinite(ranked.front().first))
        return fit;

    Solver solver;
    solver.options.max_num_iterations = 100;
    solver.options.gradient_tolerance = 1e-12;
    solver.options.parameter_tolerance = 1e-10;
    for (size_t r = 0; r < std::min<size_t>(2, ranked.size()); ++r) {
        if (!std::isfinite(ranked[r].first))
            break;
        Vec3 trial = starts[ranked[r].second];
        solver.options.function_tolerance = 1e-10 * ranked[r].first;
        solver.Solve(f, &trial);
        const double value = objective(f, trial, &scratch);
        if (value < best && trial.allFinite()) {
            best = value;
            x = trial;
        }
    }
    if (!std::isfinite(best))
        return fit;

    // Reweight with the fitted means and solve again (IRLS).
    for (int round = 1; round < options.reweightRounds; ++round) {
        std::array<double, 3> xa{x[0], x[1], x[2]};
        setWeights([&](int i) {
            return curveValue(kind, xa.data(), i + 1.0, options.m) -
                   curveValue(kind, xa.data(), i, options.m);
        });
        Vec3 trial = x;
        solver.options.function_tolerance = 1e-10 * std::max(objective(f, trial, &scratch), 1e-300);
        solver.Solve(f, &trial);
        if (trial.allFinite() && std::isfinite(objective(f, trial, &scratch)))
            x = trial;
    }

    fit.x = {x[0], x[1], x[2]};
    fit.ok = true;

    // Statistics on the final weights.
    double logLik = 0.0, pearson = 0.0, previous = 0.0, sse = 0.0;
    double mean = 0.0;
    for (int k = 0; k < n; ++k)
        mean += counts[k];
    mean /= n;
    double sst = 0.0;
    for (int k = 0; k < n; ++k)
        sst += (counts[k] - mean) * (counts[k] - mean);
    for (int i = 0; i < count; ++i) {
        const double c = fit.value(i + 1.0);
        const double mu = std::max(c - previous, 1e-9);
        previous = c;
        const double y = std::round(increments[static_cast<size_t>(i)]);
        logLik += negativeBinomialLogPmf(y, mu, alpha);
        const double muFloor = std::max(mu, 1.0);
        pearson += (y - mu) * (y - mu) / (muFloor + alpha * muFloor * muFloor);
        sse += (c - counts[i + 1]) * (c - counts[i + 1]);
    }
    fit.logLikelihood = logLik;
    fit.aicc = aicc(logLik, 3, count);
    const int dof = count - 3;
    fit.pearsonDispersion = dof > 0 ? pearson / dof : 1.0;
    fit.r2 = sst > 0.0 ? 1.0 - sse / sst : 1.0;

    Eigen::VectorXd res(f.NumResiduals());
    Eigen::Matrix<double, Eigen::Dynamic, 3> jac(f.NumResiduals(), 3);
    if (f(x.data(), res.data(), jac.data()) && jac.allFinite()) {
        const Eigen::Matrix3d jtj = jac.transpose() * jac;
        Eigen::SelfAdjointEigenSolver<Eigen::Matrix3d> eig(jtj);
        const Eigen::Vector3d& values = eig.eigenvalues();
        const double largest = values.maxCoeff();
        if (largest > 0.0 && values.minCoeff() / largest > 1e-12) {
            const double scale = std::max(1.0, fit.pearsonDispersion);
            fit.covariance = scale * eig.eigenvectors() * values.cwiseInverse().asDiagonal() *
                             eig.eigenvectors().transpose();
            fit.covarianceValid = fit.covariance.allFinite();
        }
    }
    return fit;
}

}  // namespace hubgrowth
