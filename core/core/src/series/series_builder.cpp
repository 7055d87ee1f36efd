#include "hubgrowth/core/series/series_builder.h"

#include <cmath>

namespace hubgrowth {

MonthlyCounts buildMonthlyCounts(std::int64_t baseCreated,
                                 const std::vector<std::optional<std::int64_t>>& childCreated,
                                 std::int64_t asOf) {
    MonthlyCounts out;
    if (asOf < baseCreated) {
        out.counts.assign(1, 0.0);
        return out;
    }
    const int lastMonth =
        static_cast<int>(std::floor(static_cast<double>(asOf - baseCreated) / kSecondsPerMonth));
    std::vector<double> increments(static_cast<size_t>(lastMonth) + 1, 0.0);
    for (const auto& created : childCreated) {
        if (!created) {
            ++out.unknownDates;
            continue;
        }
        if (*created > asOf) {
            ++out.afterCutoff;
            continue;
        }
        int month;
        if (*created <= baseCreated) {  // compared, not subtracted: any int64 is safe here
            ++out.beforeBase;
            month = 1;
        } else {
            const std::int64_t delta = *created - baseCreated;  // <= asOf - baseCreated
            month = static_cast<int>(std::ceil(static_cast<double>(delta) / kSecondsPerMonth));
        }
        if (month <= lastMonth)
            increments[static_cast<size_t>(month)] += 1.0;
    }
    out.counts.resize(increments.size());
    double running = 0.0;
    for (size_t k = 0; k < increments.size(); ++k) {
        running += increments[k];
        out.counts[k] = running;
    }
    return out;
}

}  // namespace hubgrowth
