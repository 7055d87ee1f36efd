#include "hubgrowth/core/forecast/pooled_trend.h"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>

#include "hubgrowth/core/series/recent_change.h"

namespace hubgrowth {

namespace {

// The mean monthly increment over the recent months of months 0..n-1 (n >= 2).
double recentRate(const double* counts, int n) {
    const RecentChange change = recentChange(counts, n);
    return std::max(0.0, change.added / change.span);
}

// Least squares of targets on rows (P features each, the intercept among them), appended to
// one horizon's coefficients, residual sd and sample count (zeros and 1 below kMinSamples).
template <size_t P>
void appendFit(const std::vector<std::array<double, P>>& rows, const std::vector<double>& targets,
               std::vector<std::array<double, P>>* coefficients, std::vector<double>* residualSd,
               std::vector<int>* samples) {
    const int count = static_cast<int>(rows.size());
    samples->push_back(count);
    coefficients->push_back({});
    residualSd->push_back(1.0);
    if (count < PooledTrend::kMinSamples)
        return;
    std::array<double, P>* beta = &coefficients->back();
    double* sd = &residualSd->back();
    const int p = static_cast<int>(P);
    Eigen::MatrixXd x(count, p);
    Eigen::VectorXd y(count);
    for (int r = 0; r < count; ++r) {
        for (int c = 0; c < p; ++c)
            x(r, c) = rows[static_cast<size_t>(r)][static_cast<size_t>(c)];
        y(r) = targets[static_cast<size_t>(r)];
    }
    // A whisper of ridge keeps collinear rates (steady series) solvable.
    const Eigen::MatrixXd gram = x.transpose() * x + 1e-6 * Eigen::MatrixXd::Identity(p, p);
    const Eigen::VectorXd b = gram.ldlt().solve(x.transpose() * y);
    const Eigen::VectorXd residuals = y - x * b;
    *sd = std::sqrt(residuals.squaredNorm() / std::max(1, count - p));
    for (int c = 0; c < p; ++c)
        (*beta)[static_cast<size_t>(c)] = b(c);
}

}  // namespace

std::array<double, 4> pooledFeatures(const double* counts, int n, int h) {
    const double last = counts[n - 1];
    const double lastMonth = std::max(0.0, last - counts[n - 2]);
    const double overall = std::max(0.0, last / (n - 1));
    return {1.0, std::log1p(h * lastMonth), std::log1p(h * recentRate(counts, n)),
            std::log1p(h * overall)};
}

std::optional<double> pooledLeadFeature(const std::vector<double>& lead, int n, int h) {
    if (n < 2 || static_cast<int>(lead.size()) < n)
        return std::nullopt;
    const double rate = recentRate(lead.data(), n);
    if (!std::isfinite(rate))
        return std::nullopt;
    return std::log1p(h * rate);
}

PooledTrend learnPooledTrend(const std::vector<ModelSeries>& series,
                             const std::vector<size_t>& donors, int cut, int horizon,
                             double minCountAtCut) {
    PooledTrend trend;
    trend.cut = cut;
    for (int h = 1; h <= horizon; ++h) {
        std::vector<std::array<double, 4>> rows;
        std::vector<double> targets;
        std::vector<std::array<double, 5>> leadRows;
        std::vector<double> leadTargets;
        for (size_t i : donors) {
            const ModelSeries& s = series[i];
            if (cut < 1 || s.observedMonths() < cut + h + 1)
                continue;
            const double atCut = s.counts[static_cast<size_t>(cut)];
            if (!(atCut >= minCountAtCut))
                continue;
            const auto features = pooledFeatures(s.counts.data(), cut + 1, h);
            const double target = std::log1p(
                std::max(0.0, s.counts[static_cast<size_t>(cut) + static_cast<size_t>(h)] - atCut));
            rows.push_back(features);
            targets.push_back(target);
            if (const auto lead = pooledLeadFeature(s.leadCounts, cut + 1, h)) {
                leadRows.push_back({features[0], features[1], features[2], features[3], *lead});
                leadTargets.push_back(target);
            }
        }
        appendFit(rows, targets, &trend.coefficients, &trend.residualSd, &trend.samples);
        appendFit(leadRows, leadTargets, &trend.leadCoefficients, &trend.leadResidualSd,
                  &trend.leadSamples);
    }
    return trend;
}

}  // namespace hubgrowth
