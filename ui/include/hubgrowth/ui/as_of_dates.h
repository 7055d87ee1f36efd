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

// A date as ISO text: the day alone at midnight UTC, else the full instant.
QString asOfDateText(std::int64_t instant);

}  // namespace hubgrowth
