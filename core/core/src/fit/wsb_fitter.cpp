#include "hubgrowth/core/fit/wsb_fitter.h"

#include <ceres/tiny_solver.h>

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "hubgrowth/core/fit/wsb_residual.h"
#include "hubgrowth/core/model/normal_distribution.h"
#include "wsb_ridge.h"

namespace hubgrowth {

const char* fitOutcomeName(FitOutcome outcome) {
    switch (outcome) {
        case FitOutcome::Converged:
            return "converged";
        case FitOutcome::PowerLawLimit:
            return "power-law-limit";
        case FitOutcome::MaxIterations:
            return "max-iterations";
        case FitOutcome::NoAdoption:
            return "no-adoption";
        case FitOutcome::TooShort:
            return "too-short";
        case FitOutcome::InvalidInput:
            return "invalid-input";
    }
    return "unknown";
}

double FitResult::standardError(int i) const {
    if (!covarianceValid || i < 0 || i > 2)
        return std::numeric_limits<double>::quiet_NaN();
    return std::sqrt(std::max(0.0, covariance(i, i)));
}

namespace {

constexpr int kMinMonths = 3;
// The longest series we fit on the stack; longer ones use the heap buffers below.
constexpr int kStackMonths = 64;

// Stop rules, relative to the SSE (see solveInChunks).
constexpr int kChunkIterations = 20;
constexpr double kStepGain = 1e-10;
// A converged lambda at or above this is the power-law limit: c-infinity = m(e^lambda - 1) is no
// longer a number, and mu, sigma only say how deep in Phi's tail the data sit.
constexpr double kPowerLawLambda = 1e15;
constexpr double kChunkGain = 1e-5;
constexpr double kCollapse = 0.999;
constexpr double kSecondStartShare = 0.5;
// A solve still falling after this many iterations walks on in tail coordinates for at most
// kTailWalkIterations (see walkInTailCoordinates).
constexpr int kRidgeCheckIterations = 20;
constexpr int kTailWalkIterations = 60;

using Solver = ceres::TinySolver<WsbLogResidual>;

struct Start {
    Eigen::Vector3d x{0.0, 0.0, 0.0};
    double sse = std::numeric_limits<double>::infinity();
};

double sseOf(const WsbLogResidual& f, const Eigen::Vector3d& x, double* scratch) {
    f(x.data(), scratch, nullptr);
    double sse = 0.0;
    for (int i = 0; i < f.count; ++i)
        sse += scratch[i] * scratch[i];
    return std::isfinite(sse) ? sse : std::numeric_limits<double>::infinity();
}

// ln(1 + c/m) = lambda * Phi((ln t - mu) / sigma): for a trial lambda above the largest
// transformed value, Phi^-1(ln(1 + c/m) / lambda) is a straight line in ln t whose intercept
// and slope give mu and sigma. Weighted least squares, weights phi(w) so that points whose
// quantile is ill-determined (near 0 or 1) count less.
bool linearisedStart(const double* logT, const double* transformed, int count, double lambda,
                     Eigen::Vector3d* x) {
    double sw = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
    int used = 0;
    for (int i = 0; i < count; ++i) {
        if (!(transformed[i] > 0.0))
            continue;
        const double q = std::min(transformed[i] / lambda, 1.0 - 1e-9);
        const double w = normalQuantile(q);
        const double weight = normalPdf(w) + 1e-3;
        sw += weight;
        sx += weight * logT[i];
        sy += weight * w;
        sxx += weight * logT[i] * logT[i];
        sxy += weight * logT[i] * w;
        ++used;
    }
    if (used < 2)
        return false;
    const double varX = sxx - sx * sx / sw;
    if (!(varX > 1e-12))
        return false;
    const double slope = (sxy - sx * sy / sw) / varX;  // 1 / sigma
    if (!(slope > 1e-6))
        return false;
    const double intercept = (sy - slope * sx) / sw;  // -mu / sigma
    const double sigma = 1.0 / slope;
    (*x) << std::log(lambda), -intercept * sigma, std::log(sigma);
    return x->allFinite();
}

// True when months 1.. are zeros followed by one positive level held to the end.
bool isSingleStep(const double* counts, int n) {
    int k = 1;
    while (k < n && counts[k] == 0.0)
        ++k;
    if (k >= n || !(counts[k] > 0.0))
        return false;
    for (int j = k + 1; j < n; ++j) {
        if (counts[j] != counts[k])
            return false;
    }
    return true;
}

// True when months 1.. are zeros, one intermediate value at month *middle, then one higher level
// held to the end: the model's step limit (sigma -> 0) with mu placed so that the middle month
// sits part-way up the step fits this exactly, which least squares only approaches.
bool isTwoLevelStep(const double* counts, int n, int* middle) {
    int k = 1;
    while (k < n && counts[k] == 0.0)
        ++k;
    if (k + 1 >= n || !(counts[k] > 0.0) || !(counts[k + 1] > counts[k]))
        return false;
    for (int j = k + 2; j < n; ++j) {
        if (counts[j] != counts[k + 1])
            return false;
    }
    *middle = k;
    return true;
}

void computeStatistics(const double* counts, int n, const FitOptions& options, FitResult* r) {
    double mean = 0.0;
    for (int k = 0; k < n; ++k)
        mean += counts[k];
    mean /= n;
    double sst = 0.0;
    for (int k = 0; k < n; ++k)
        sst += (counts[k] - mean) * (counts[k] - mean);
    r->sse = wsbSse(counts, n, r->params, options.m);
    r->rmse = std::sqrt(r->sse / n);
    r->r2 = sst > 0.0 ? 1.0 - r->sse / sst : (r->sse == 0.0 ? 1.0 : 0.0);
}

// s^2 (J^T J)^+ in the natural parameters, failing (as ceres::Covariance does by default) when
// J^T J is numerically rank deficient.
void computeCovariance(const double* counts, int n, const FitOptions& options, FitResult* r) {
    const int dof = n - 3;
    if (dof <= 0)
        return;
    Eigen::Matrix3d jtj = Eigen::Matrix3d::Zero();
    for (int t = 1; t < n; ++t) {
        const auto g = wsbGradient(t, r->params, options.m);
        const Eigen::Vector3d row(g[0], g[1], g[2]);
        jtj.noalias() += row * row.transpose();
    }
    (void)counts;
    if (!jtj.allFinite())
        return;
    Eigen::SelfAdjointEigenSolver<Eigen::Matrix3d> eig(jtj);
    const Eigen::Vector3d& values = eig.eigenvalues();
    const double largest = values.maxCoeff();
    if (!(largest > 0.0) || values.minCoeff() / largest < 1e-14)
        return;
    const double s2 = r->sse / dof;
    r->covariance = s2 * eig.eigenvectors() * values.cwiseInverse().asDiagonal() *
                    eig.eigenvectors().transpose();
    r->covarianceValid = r->covariance.allFinite();
}

// Levenberg-Marquardt in chunks of kChunkIterations. A solve ends when a step gains less than
// kStepGain of the SSE (far below what integer counts can resolve); it is re-armed only when
// the SSE collapsed (an exact fit heading for rounding level). A chunk that gains less than
// kChunkGain ends the solve too: further crawling changes the fit by less than the noise.
template <typename Function>
Start solveInChunks(ceres::TinySolver<Function>& solver, const Function& f, const Start& start,
                    int budget, int* iterations, bool* capped) {
    Start current = start;
    *capped = false;
    for (;;) {
        const int left = budget - *iterations;
        if (left <= 0) {
            *capped = true;
            break;
        }
        solver.options.function_tolerance = kStepGain * current.sse;
        solver.options.max_num_iterations = std::min(left, kChunkIterations) + 1;
        Eigen::Matrix<double, 3, 1> x = current.x;
        const auto& summary = solver.Solve(f, &x);
        *iterations += summary.iterations;
        const double sse = 2.0 * summary.final_cost;
        if (!(sse < current.sse))
            break;
        const double gain = (current.sse - sse) / current.sse;
        current.x = x;
        current.sse = sse;
        if (summary.status != ceres::TinySolver<Function>::HIT_MAX_ITERATIONS) {
            if (gain < kCollapse)
                break;
        } else if (gain < kChunkGain) {
            break;
        }
    }
    return current;
}

template <typename Function>
void configure(ceres::TinySolver<Function>* solver) {
    solver->options.gradient_tolerance = 1e-14;
    solver->options.parameter_tolerance = 1e-10;
    solver->options.cost_threshold = 0.0;
}

// Continues a solve in ridge::TailCoordinates at logRef; the result in log coordinates (the
// start itself when the point has no tail coordinates).
Start walkInTailCoordinates(const WsbLogResidual& residual, const Start& start, double logRef,
                            int budget, int* iterations, bool* capped, double* scratch) {
    ridge::TailResidual<WsbLogResidual> tail;
    tail.inner = &residual;
    tail.coordinates.logRef = logRef;
    tail.coordinates.reciprocalDepth = (logRef - start.x[1]) * std::exp(-start.x[2]) < -1.0;
    Start y;
    if (!tail.coordinates.fromLog(start.x, &y.x))
        return start;
    y.sse = sseOf(residual, start.x, scratch);
    ceres::TinySolver<ridge::TailResidual<WsbLogResidual>> solver;
    configure(&solver);
    const Start walked = solveInChunks(solver, tail, y, budget, iterations, capped);
    Start back;
    Eigen::Matrix3d unused;
    if (!tail.coordinates.toLog(walked.x.data(), back.x.data(), &unused))
        return start;
    back.sse = sseOf(residual, back.x, scratch);
    return back;
}

}  // namespace

double wsbSse(const double* counts, int n, const WsbParams& params, double m) {
    double sse = 0.0;
    for (int k = 0; k < n; ++k) {
        const double e = wsbValue(k, params, m) - counts[k];
        sse += e * e;
    }
    return sse;
}

FitResult fitWsb(const double* counts, int n, const FitOptions& options) {
    FitResult result;
    result.m = options.m;
    result.observedMonths = n;
    if (n < kMinMonths) {
        result.outcome = FitOutcome::TooShort;
        return result;
    }
    for (int k = 0; k < n; ++k) {
        if (!std::isfinite(counts[k])) {
            result.outcome = FitOutcome::InvalidInput;
            return result;
        }
    }

    const int count = n - 1;  // months 1..n-1; month 0 is c(0) = 0 whatever the parameters
    std::array<double, size_t{4} * kStackMonths> stack{};
    std::vector<double> heap;
    double* buffer = stack.data();
    if (count > kStackMonths) {
        heap.resize(4 * static_cast<size_t>(count));
        buffer = heap.data();
    }
    double* logT = buffer;
    double* transformed = buffer + count;
    double* scratch = buffer + 2 * static_cast<std::ptrdiff_t>(count);
    double yMax = 0.0;
    int firstPositive = -1;
    for (int i = 0; i < count; ++i) {
        logT[i] = std::log(static_cast<double>(i + 1));
        transformed[i] = std::log1p(std::max(counts[i + 1], 0.0) / options.m);
        if (transformed[i] > 0.0 && firstPositive < 0)
            firstPositive = i;
        yMax = std::max(yMax, transformed[i]);
    }

    if (!(yMax > 0.0)) {
        // Nothing adopted yet: put the whole curve beyond the observed window so c(t) is exactly
        // zero there, with a negligible fitness.
        result.params = {1e-6, std::log(static_cast<double>(n)) + 40.0, 1.0};
        result.outcome = FitOutcome::NoAdoption;
        computeStatistics(counts, n, options, &result);
        return result;
    }

    // A single jump from 0 to a level that then stays flat is fitted exactly by the model's
    // step limit (sigma -> 0); least squares can only creep towards it, so it is written down.
    if (isSingleStep(counts, n)) {
        const double level = counts[n - 1];
        const int lastZero = firstPositive;  // transformed[i] is month i + 1
        const double upper = std::log(static_cast<double>(lastZero + 1));
        const double lower = lastZero > 0 ? std::log(static_cast<double>(lastZero)) : upper - 2.0;
        const double sigma = (upper - lower) / 2.0 / 40.0;  // |z| = 40 on both sides: Phi is 0 or 1
        result.params = {std::log1p(level / options.m), (upper + lower) / 2.0, sigma};
        result.outcome = FitOutcome::Converged;
        computeStatistics(counts, n, options, &result);
        if (options.computeCovariance)
            computeCovariance(counts, n, options, &result);
        return result;
    }

    int middle = 0;
    if (isTwoLevelStep(counts, n, &middle)) {
        const double lambda = std::log1p(counts[n - 1] / options.m);
        const double z = normalQuantile(std::log1p(counts[middle] / options.m) / lambda);
        const double logMiddle = std::log(static_cast<double>(middle));
        double gap = std::log(static_cast<double>(middle + 1)) - logMiddle;
        if (middle > 1)
            gap = std::min(gap, logMiddle - std::log(static_cast<double>(middle - 1)));
        if (std::isfinite(z)) {
            // Neighbouring months land at |z| >= 40, where Phi is 0 or 1 in doubles.
            const double sigma = gap / (40.0 + std::abs(z));
            result.params = {lambda, logMiddle - sigma * z, sigma};
            result.outcome = FitOutcome::Converged;
            computeStatistics(counts, n, options, &result);
            if (options.computeCovariance)
                computeCovariance(counts, n, options, &result);
            return result;
        }
    }

    WsbLogResidual residual;
    residual.logT = logT;
    residual.y = counts + 1;
    residual.count = count;
    residual.m = options.m;

    // Candidate starts: the linearisation over a ladder of fitness values, from barely above the
    // data (saturated curves) to far above it (curves still in their early, convex phase).
    static constexpr double kLambdaRatios[] = {1.02, 1.3, 2.5, 8.0, 100.0};
    Start best, second;
    for (double ratio : kLambdaRatios) {
        Start s;
        if (!linearisedStart(logT, transformed, count, yMax * ratio, &s.x))
            continue;
        s.sse = sseOf(residual, s.x, scratch);
        if (s.sse < best.sse) {
            second = best;
            best = s;
        } else if (s.sse < second.sse) {
            second = s;
        }
    }
    if (!std::isfinite(best.sse)) {
        // A single jump (or too few distinct levels to draw a line): a steep step between the
        // last zero month and the first positive one.
        const double tJump = firstPositive + 0.5;  // months are 1-based: first positive is t+1
        best.x << std::log(yMax * 1.02), std::log(std::max(tJump, 0.5)), std::log(0.1);
        best.sse = sseOf(residual, best.x, scratch);
    }

    Solver solver;
    configure(&solver);
    auto solveFrom = [&](const Start& start, int budget, int* used, bool* cappedHere) {
        return solveInChunks(solver, residual, start, budget, used, cappedHere);
    };

    int iterations = 0;
    bool capped = false;
    Start fitted = solveFrom(best, std::min(options.maxIterations, kRidgeCheckIterations),
                             &iterations, &capped);
    // Still falling after the first chunk: the valley is long (a lambda -> infinity ridge, or an
    // optimum far along one). Up to kTailWalkIterations walk it in tail coordinates, where it is
    // straight; if that does not converge, the crawl goes on from the better point.
    const bool longValley = capped;
    if (capped) {
        const Start walked =
            walkInTailCoordinates(residual, fitted, 0.5 * (logT[0] + logT[count - 1]),
                                  std::min(options.maxIterations, iterations + kTailWalkIterations),
                                  &iterations, &capped, scratch);
        if (walked.sse < fitted.sse)
            fitted = walked;
    }
    if (capped && iterations < options.maxIterations)
        fitted = solveFrom(fitted, options.maxIterations, &iterations, &capped);
    // The runner-up start only pays when the first solve ended far above it, and it shares the
    // one iteration budget, so a ridge is never crawled twice (nor after it was walked).
    if (std::isfinite(second.sse) && !capped && !longValley &&
        fitted.sse > kSecondStartShare * second.sse) {
        bool cappedSecond = false;
        Start other = solveFrom(second, options.maxIterations, &iterations, &cappedSecond);
        if (other.sse < fitted.sse) {
            fitted = other;
            capped = cappedSecond;
        }
    }
    if (!(fitted.sse <= best.sse))
        fitted = best;  // never return worse than the start

    result.params = {std::exp(fitted.x[0]), fitted.x[1], std::exp(fitted.x[2])};
    result.iterations = iterations;
    result.outcome = capped ? FitOutcome::MaxIterations : FitOutcome::Converged;
    // The walk ended at the power-law limit (lambda where exp(lambda) and Phi leave the
    // doubles): the fit is the limit, its parameters are not.
    if (!capped && !(result.params.lambda < kPowerLawLambda))
        result.outcome = FitOutcome::PowerLawLimit;
    computeStatistics(counts, n, options, &result);
    if (options.computeCovariance)
        computeCovariance(counts, n, options, &result);
    return result;
}

}  // namespace hubgrowth
