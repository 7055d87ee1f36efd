#include "hubgrowth/data/store/paper_csv_export.h"

#include <QStringList>
#include <algorithm>

#include "hubgrowth/data/csv_format.h"

namespace hubgrowth {

QByteArray paperCsvText(const std::vector<ModelSeries>& series) {
    int months = 1;
    for (const ModelSeries& s : series)
        months = std::max(months, s.observedMonths());
    QStringList header{QStringLiteral("model")};
    for (int k = 0; k < months; ++k)
        header << QStringLiteral("%1-month").arg(k);
    header << QStringLiteral("company") << QStringLiteral("created_at")
           << QStringLiteral("unknown_dates");
    QByteArray out = csvRow(header);
    for (const ModelSeries& s : series) {
        QStringList row{QString::fromStdString(s.id)};
        for (int k = 0; k < months; ++k) {
            row << (k < s.observedMonths() ? formatNumber(s.counts[static_cast<size_t>(k)])
                                           : QString());
        }
        row << QString::fromStdString(s.org) << QString::fromStdString(s.createdAt)
            << QString::number(s.unknownDates);
        out += csvRow(row);
    }
    return out;
}

}  // namespace hubgrowth
