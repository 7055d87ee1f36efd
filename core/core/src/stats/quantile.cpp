#include "hubgrowth/core/stats/quantile.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace hubgrowth {

double quantile(const std::vector<double>& values, double q, bool positiveOnly) {
    std::vector<double> v;
    v.reserve(values.size());
    for (double x : values) {
        if (std::isfinite(x) && (!positiveOnly || x > 0.0))
            v.push_back(x);
    }
    if (v.empty() || !(q >= 0.0 && q <= 1.0))
        return std::numeric_limits<double>::quiet_NaN();
    const double pos = q * static_cast<double>(v.size() - 1);
    const size_t i = static_cast<size_t>(std::floor(pos));
    std::nth_element(v.begin(), v.begin() + static_cast<long>(i), v.end());
    const double lower = v[i];
    if (i + 1 >= v.size())
        return lower;
    const double upper = *std::min_element(v.begin() + static_cast<long>(i) + 1, v.end());
    return lower + (pos - static_cast<double>(i)) * (upper - lower);
}

}  // namespace hubgrowth
