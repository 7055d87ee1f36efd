#include "hubgrowth/core/series/head_to_head.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "hubgrowth/core/stats/quantile.h"

namespace hubgrowth {

namespace {

// Cumulative count at fractional month t (0 <= t <= size - 1).
double countAt(const std::vector<double>& counts, double t) {
    const auto last = static_cast<double>(counts.size() - 1);
    t = std::clamp(t, 0.0, last);
    const auto below = static_cast<size_t>(std::floor(t));
    if (below + 1 >= counts.size())
        return counts.back();
    const double fraction = t - static_cast<double>(below);
    return counts[below] + fraction * (counts[below + 1] - counts[below]);
}

}  // namespace

double HeadToHead::successorShare() const {
    const double total = successorGain + incumbentGain;
    return total > 0.0 ? successorGain / total : std::numeric_limits<double>::quiet_NaN();
}

std::optional<HeadToHead> compareHeadToHead(const std::vector<double>& incumbent,
                                            const std::vector<double>& successor,
                                            double offsetMonths) {
    if (!std::isfinite(offsetMonths) || offsetMonths < 0.0 || incumbent.empty() ||
        successor.empty()) {
        return std::nullopt;
    }
    const double incumbentSpan = static_cast<double>(incumbent.size() - 1) - offsetMonths;
    const int months = static_cast<int>(
        std::floor(std::min(incumbentSpan, static_cast<double>(successor.size() - 1))));
    if (months < 1)
        return std::nullopt;
    HeadToHead result;
    result.offsetMonths = offsetMonths;
    result.months = months;
    result.successorGain = successor[size_t(months)] - successor[0];
    result.incumbentGain =
        countAt(incumbent, offsetMonths + months) - countAt(incumbent, offsetMonths);
    result.sameAge = static_cast<int>(std::min(incumbent.size(), successor.size())) - 1;
    result.successorAtSameAge = successor[size_t(result.sameAge)];
    result.incumbentAtSameAge = incumbent[size_t(result.sameAge)];
    for (const double value : {result.successorGain, result.incumbentGain,
                               result.successorAtSameAge, result.incumbentAtSameAge}) {
        if (!std::isfinite(value))
            return std::nullopt;  // a NaN count would make every comparison below meaningless
    }
    return result;
}

HeadToHeadSummary summarizeHeadToHead(const std::vector<HeadToHead>& comparisons) {
    HeadToHeadSummary summary;
    std::vector<double> shares;
    for (const HeadToHead& c : comparisons) {
        ++summary.pairs;
        if (c.successorGain > c.incumbentGain)
            ++summary.successorGainedMore;
        if (c.successorAtSameAge > c.incumbentAtSameAge)
            ++summary.successorAheadAtSameAge;
        const double share = c.successorShare();
        if (std::isfinite(share))
            shares.push_back(share);
    }
    summary.medianSuccessorShare =
        shares.empty() ? std::numeric_limits<double>::quiet_NaN() : quantile(shares, 0.5);
    return summary;
}

}  // namespace hubgrowth
