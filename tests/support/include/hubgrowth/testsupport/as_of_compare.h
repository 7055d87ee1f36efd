#pragma once
// Two runs of forecastAsOf that should agree (a store against the same series in memory, data
// changed after the date against the original): the first way they differ, for QVERIFY2.

#include <QString>
#include <vector>

#include "hubgrowth/core/forecast/as_of.h"

namespace hubgrowth::testing {

// Empty when every forecast has the same success, detail, point path and 95 % band at the
// last month; otherwise which forecast differs and how.
inline QString firstAsOfDifference(const std::vector<AsOfForecast>& actual,
                                   const std::vector<AsOfForecast>& expected) {
    if (actual.size() != expected.size()) {
        return QStringLiteral("%1 forecasts, expected %2").arg(actual.size()).arg(expected.size());
    }
    for (size_t i = 0; i < actual.size(); ++i) {
        const AsOfForecast& a = actual[i];
        const AsOfForecast& e = expected[i];
        const QString which = QStringLiteral("forecast %1 (series %2): ").arg(i).arg(e.seriesIndex);
        if (a.ok != e.ok || a.detail != e.detail) {
            return which + QStringLiteral("ok %1 detail %2, expected ok %3 detail %4")
                               .arg(a.ok)
                               .arg(QString::fromStdString(a.detail))
                               .arg(e.ok)
                               .arg(QString::fromStdString(e.detail));
        }
        if (a.predicted != e.predicted)
            return which + QStringLiteral("a different point path");
        if (a.intervals.size() != e.intervals.size() ||
            (!e.intervals.empty() && a.intervals.back().hi95 != e.intervals.back().hi95)) {
            return which + QStringLiteral("a different 95 % band");
        }
    }
    return {};
}

}  // namespace hubgrowth::testing
