#include "hubgrowth/core/forecast/pooled_trend.h"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>

namespace hubgrowth {

std::array<double, 4> pooledFeatures(const double* counts, int n, int h) {
    const double last = counts[n - 1];
    const int span = std::min(3, n - 1);
    const double lastMonth = std::max(0.0, last - counts[n - 2]);
    const double recent = std::max(0.0, (last - counts[n - 1 - span]) / span);
    const double overall = std::max(0.0, last / (n - 1));
    return {1.0, std::log1p(h * lastMonth), std::log1p(h * recent), std::log1p(h * overall)};
}

PooledTrend learnPooledTrend(const std::vector<ModelSeries>& series,
                             const std::vector<size_t>& donors, int cut, int horizon,
                             double minCountAtCut) {
    PooledTrend trend;
    trend.cut = cut;
    for (int h = 1; h <= horizon; ++h) {
        std::vector<std::array<double, 4>> rows;
        std::vector<double> targets;
        for (size_t i : donors) {
            const ModelSeries& s = series[i];
            if (cut < 1 || s.observedMonths() < cut + h + 1)
                continue;
            const double atCut = s.counts[static_cast<size_t>(cut)];
            if (!(atCut >= minCountAtCut))
                continue;
            rows.push_back(pooledFeatures(s.counts.data(), cut + 1, h));
            targets.push_back(std::log1p(std::max(
                0.0, s.counts[static_cast<size_t>(cut) + static_cast<size_t>(h)] - atCut)));
        }
        std::array<double, 4> beta{0.0, 0.0, 0.0, 0.0};
        double sd = 1.0;
        const int count = static_cast<int>(rows.size());
        if (count >= PooledTrend::kMinSamples) {
            Eigen::MatrixXd x(count, 4);
            Eigen::VectorXd y(count);
            for (int r = 0; r < count; ++r) {
                for (int c = 0; c < 4; ++c)
                    x(r, c) = rows[static_cast<size_t>(r)][static_cast<size_t>(c)];
                y(r) = targets[static_cast<size_t>(r)];
            }
            // A whisper of ridge keeps collinear rates (steady series) solvable.
            const Eigen::Matrix4d gram = x.transpose() * x + 1e-6 * Eigen::Matrix4d::Identity();
            const Eigen::Vector4d b = gram.ldlt().solve(x.transpose() * y);
            const Eigen::VectorXd residuals = y - x * b;
            sd = std::sqrt(residuals.squaredNorm() / std::max(1, count - 4));
            for (int c = 0; c < 4; ++c)
                beta[static_cast<size_t>(c)] = b(c);
        }
        trend.coefficients.push_back(beta);
        trend.residualSd.push_back(sd);
        trend.samples.push_back(count);
    }
    return trend;
}

}  // namespace hubgrowth
