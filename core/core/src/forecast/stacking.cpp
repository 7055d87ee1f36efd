#include "hubgrowth/core/forecast/stacking.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>

namespace hubgrowth {

namespace {

bool usable(const StackingSample& s, int members) {
    if (static_cast<int>(s.memberLogs.size()) != members || !std::isfinite(s.actualLog))
        return false;
    for (double x : s.memberLogs) {
        if (!std::isfinite(x))
            return false;
    }
    return true;
}

}  // namespace

double stackingLoss(const std::vector<StackingSample>& samples,
                    const std::vector<double>& weights) {
    double loss = 0.0;
    for (const StackingSample& s : samples) {
        if (!usable(s, static_cast<int>(weights.size())))
            continue;
        double combined = 0.0;
        for (size_t j = 0; j < weights.size(); ++j)
            combined += weights[j] * s.memberLogs[j];
        loss += std::fabs(s.actualLog - combined);
    }
    return loss;
}

std::vector<double> learnStackingWeights(const std::vector<StackingSample>& samples, int members,
                                         const StackingOptions& options) {
    if (members < 1)
        return {};
    std::vector<double> equal(static_cast<size_t>(members), 1.0 / members);
    std::vector<StackingSample> used;
    for (const StackingSample& s : samples) {
        if (usable(s, members))
            used.push_back(s);
    }
    if (used.empty())
        return equal;

    // The LAD loss is convex and piecewise linear in w; with a handful of members an exhaustive
    // search of the simplex lattice finds its minimum to within the lattice spacing, with no
    // starting point or step size to choose. Ties keep the first (lexicographic) lattice point.
    const int steps = std::max(options.gridSteps, 1);
    std::vector<int> units(static_cast<size_t>(members), 0);
    std::vector<double> best = equal;
    double bestLoss = std::numeric_limits<double>::infinity();
    std::vector<double> weights(static_cast<size_t>(members));
    std::function<void(int, int)> visit = [&](int member, int remaining) {
        if (member == members - 1) {
            units[static_cast<size_t>(member)] = remaining;
            for (size_t j = 0; j < weights.size(); ++j)
                weights[j] = static_cast<double>(units[j]) / steps;
            const double loss = stackingLoss(used, weights);
            if (loss < bestLoss) {
                bestLoss = loss;
                best = weights;
            }
            return;
        }
        for (int u = 0; u <= remaining; ++u) {
            units[static_cast<size_t>(member)] = u;
            visit(member + 1, remaining - u);
        }
    };
    visit(0, steps);

    const double n = static_cast<double>(used.size());
    const double prior = std::max(options.shrinkage, 0.0);
    for (size_t j = 0; j < best.size(); ++j)
        best[j] = (n * best[j] + prior * equal[j]) / (n + prior);
    return best;
}

}  // namespace hubgrowth
