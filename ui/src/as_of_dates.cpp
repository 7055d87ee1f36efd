#include "hubgrowth/ui/as_of_dates.h"

#include <QDateTime>
#include <algorithm>

#include "hubgrowth/core/forecast/as_of.h"
#include "hubgrowth/core/series/calendar.h"

namespace hubgrowth {

namespace {
constexpr int kMaxDates = 1200;  // a hundred years of months
}

QVector<std::int64_t> asOfDates(const std::vector<ModelSeries>& series) {
    QVector<std::int64_t> dates;
    const auto latest = latestDataInstant(series);
    if (!latest)
        return dates;
    std::int64_t earliest = *latest;
    for (const ModelSeries& s : series) {
        if (const auto created = parseIsoInstant(s.createdAt))
            earliest = std::min(earliest, *created);
    }
    const QDate last = QDateTime::fromSecsSinceEpoch(*latest, Qt::UTC).date();
    for (int k = 1; k <= kMaxDates; ++k) {
        const std::int64_t date =
            QDateTime(last.addMonths(-k), QTime(0, 0), Qt::UTC).toSecsSinceEpoch();
        if (monthsOfAge(earliest, date) < 1)
            break;  // no model a month old yet
        dates << date;
    }
    std::reverse(dates.begin(), dates.end());
    dates << *latest;
    return dates;
}

QString asOfDateText(std::int64_t instant) {
    return QDateTime::fromSecsSinceEpoch(instant, Qt::UTC).date().toString(Qt::ISODate);
}

}  // namespace hubgrowth
