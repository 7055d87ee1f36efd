#pragma once
// The dates an "as of" control offers (the Rising tab and the Curve tab's time machine share
// them, so one index names the same date in both): oldest first, the data's last date
// (latestDataInstant) last, before it the same day of each earlier month at midnight UTC, back
// to the first month in which some model was a month old.

#include <QString>
#include <QVector>
#include <cstdint>
#include <vector>

#include "hubgrowth/core/series/model_series.h"

namespace hubgrowth {

QVector<std::int64_t> asOfDates(const std::vector<ModelSeries>& series);

// An as-of date as the views show it: the UTC day, "yyyy-MM-dd" (the data's last date is an
// instant such as 2025-02-20T05:19:08Z; its time of day means nothing to a reader). CSV and CLI
// output keep the full instant.
QString asOfDateText(std::int64_t instant);

}  // namespace hubgrowth
