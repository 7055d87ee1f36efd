#pragma once
// Month indices as calendar dates: month k of a series is k mean Gregorian months after its
// base model's creation (series/series_builder.h), so the Curve tab and the forecast table can
// name it "2024-03".

#include <QString>

namespace hubgrowth {

struct ModelSeries;

// "YYYY-MM" of the instant `month` months after the creation; empty when the creation time is
// unknown or unreadable.
QString monthDate(const ModelSeries& series, double month);
// "YYYY-MM-DD" of the same instant; empty likewise.
QString monthDay(const ModelSeries& series, double month);

}  // namespace hubgrowth
