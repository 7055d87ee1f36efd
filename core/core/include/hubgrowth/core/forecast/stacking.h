#pragma once
// Out-of-fold stacking: the weights with which `auto` (strategy Stacked) combines its members'
// forecasts, learned from pseudo-forecasts of other series cut at the same age. The members'
// forecasts x_j = ln(1 + future increment) are combined as sum_j w_j x_j with w_j >= 0 and
// sum_j w_j = 1 (a convex combination can never leave the members' range), and the weights
// minimise the sum of absolute errors against the actual ln(1 + increment): least absolute
// deviation, because the target is the median error and a few explosive series must not steer
// the weights. With few donors the estimate is noisy, so it is shrunk toward equal weights as if
// `shrinkage` extra donors had voted for them.

#include <vector>

namespace hubgrowth {

struct StackingSample {
    std::vector<double> memberLogs;  // ln(1 + member's forecast increment), one per member
    double actualLog = 0.0;          // ln(1 + actual increment)
};

struct StackingOptions {
    // Donors at which the data and the equal-weight prior count the same; the default is the
    // number of pseudo-forecasts the interval calibration needs before it trusts them.
    double shrinkage = 20.0;
    int gridSteps = 20;  // the simplex is searched on the lattice with spacing 1 / gridSteps
};

// Weights for `members` members (equal weights without samples). Samples with a different
// member count or a non-finite value are skipped.
std::vector<double> learnStackingWeights(const std::vector<StackingSample>& samples, int members,
                                         const StackingOptions& options = {});

// Sum of absolute errors of the combination `weights` over the samples (for tests and tuning).
double stackingLoss(const std::vector<StackingSample>& samples, const std::vector<double>& weights);

}  // namespace hubgrowth
