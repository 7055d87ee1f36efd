#pragma once
// Turns lineage (when a base and each of its derivatives were created) into monthly cumulative
// counts. A "month" is the mean Gregorian month, 30.436875 days, counted from the base's
// creation instant: month k covers derivatives created in (0, k months]. c(0) = 0 always;
// a derivative stamped at or before its base (clock skew, re-uploads) counts from month 1.
// Derivatives created after the cut-off are ignored; unknown creation times are excluded and
// counted. The series holds months 0..floor((asOf - base) / month).

#include <cstdint>
#include <optional>
#include <vector>

namespace hubgrowth {

inline constexpr double kSecondsPerMonth = 30.436875 * 86400.0;

struct MonthlyCounts {
    std::vector<double> counts;
    int unknownDates = 0;  // derivatives without a usable creation time
    int beforeBase = 0;    // stamped at or before the base; placed in month 1
    int afterCutoff = 0;   // created after asOf; not counted
};

// Times are Unix seconds (UTC). asOf - baseCreated must fit in int64 and its months in int (the
// store loader rejects implausible times before calling this).
MonthlyCounts buildMonthlyCounts(std::int64_t baseCreated,
                                 const std::vector<std::optional<std::int64_t>>& childCreated,
                                 std::int64_t asOf);

}  // namespace hubgrowth
