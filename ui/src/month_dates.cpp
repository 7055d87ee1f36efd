#include "hubgrowth/ui/month_dates.h"

#include <cmath>

#include "hubgrowth/core/series/calendar.h"
#include "hubgrowth/core/series/model_series.h"
#include "hubgrowth/core/series/series_builder.h"

namespace hubgrowth {

QString monthDay(const ModelSeries& series, double month) {
    const std::optional<std::int64_t> created = parseIsoInstant(series.createdAt);
    // Beyond a few thousand years the calendar arithmetic is no date anyone means.
    if (!created || !std::isfinite(month) || std::abs(month) > 12000.0)
        return {};
    const auto offset = static_cast<std::int64_t>(std::llround(month * kSecondsPerMonth));
    return QString::fromStdString(formatIsoDate(*created + offset));
}

QString monthDate(const ModelSeries& series, double month) {
    return monthDay(series, month).left(7);
}

}  // namespace hubgrowth
