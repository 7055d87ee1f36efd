#pragma once
// The change of a cumulative count over its last few months. The pooled trend's recent rate and
// the ranking's recent lead children both read it, so they agree on what "recent" spans.

#include <algorithm>

namespace hubgrowth {

// "Recent" is the last three months, or fewer when the series is shorter.
inline constexpr int kRecentMonths = 3;

struct RecentChange {
    double added = 0.0;  // the rise of the count over the span (negative if it fell)
    int span = 0;        // months, min(kRecentMonths, n - 1)
};

// Of months 0..n-1 of counts, n >= 1.
inline RecentChange recentChange(const double* counts, int n) {
    const int span = std::min(kRecentMonths, n - 1);
    return {counts[n - 1] - counts[n - 1 - span], span};
}

}  // namespace hubgrowth
