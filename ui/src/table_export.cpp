#include "hubgrowth/ui/table_export.h"

#include <QAbstractItemModel>
#include <QStringList>

#include <cmath>

#include "hubgrowth/core/forecast/forecaster.h"
#include "hubgrowth/data/csv_format.h"
#include "hubgrowth/ui/model_table_model.h"

namespace hubgrowth {

QByteArray tableCsv(const QAbstractItemModel* table) {
    QStringList header;
    for (int c = 0; c < table->columnCount(); ++c) {
        header << table->headerData(c, Qt::Horizontal, Qt::DisplayRole).toString();
    }
    QByteArray out = csvRow(header);
    for (int r = 0; r < table->rowCount(); ++r) {
        QStringList cells;
        for (int c = 0; c < table->columnCount(); ++c) {
            const QVariant raw = table->index(r, c).data(Qt::UserRole);
            if (raw.typeId() == QMetaType::Double) {
                cells << formatNumber(raw.toDouble());
            } else {
                cells << raw.toString();
            }
        }
        out += csvRow(cells);
    }
    return out;
}

QByteArray seriesCsv(const ModelTableModel& model, const QVector<int>& rows, int horizon,
                     const ForecastLookup& forecastOf) {
    QByteArray out = csvRow({"model", "month", "observed", "fitted", "in_fit_window",
                             "forecast_method", "forecast", "lo80", "hi80", "lo95", "hi95"});
    auto cell = [](double v) { return std::isfinite(v) ? formatNumber(v) : QString(); };
    for (int row : rows) {
        const ModelSeries& s = model.series(row);
        const FitResult* f = model.fit(row);
        const bool curve = f && f->outcome != FitOutcome::NoAdoption;
        const SeriesForecast* forecast = forecastOf ? forecastOf(row) : nullptr;
        if (forecast && !forecast->ok)
            forecast = nullptr;
        const int n = s.observedMonths();
        int last = curve ? n - 1 + horizon : n - 1;
        double floor = std::nan("");
        if (forecast) {
            last = std::max(last, int(forecast->path.size()) - 1);
            if (forecast->observedMonths > 0 &&
                size_t(forecast->observedMonths) <= forecast->path.size())
                floor = forecast->path[size_t(forecast->observedMonths - 1)].actual;
        }
        auto atLeast = [&](double v) {
            return std::isfinite(v) && std::isfinite(floor) ? std::max(v, floor) : v;
        };
        for (int k = 0; k <= last; ++k) {
            QStringList cells{
                QString::fromStdString(s.id), QString::number(k),
                k < n ? formatNumber(s.counts[size_t(k)]) : QString(),
                curve ? formatNumber(wsbValue(k, f->params, f->m)) : QString(),
                f && k < f->observedMonths ? QStringLiteral("true") : QStringLiteral("false")};
            const bool ahead =
                forecast && k >= forecast->observedMonths && size_t(k) < forecast->path.size();
            if (ahead) {
                const ForecastPoint& p = forecast->path[size_t(k)];
                cells << QString::fromLatin1(methodName(forecast->method))
                      << cell(atLeast(p.fitted)) << cell(atLeast(p.lo80)) << cell(atLeast(p.hi80))
                      << cell(atLeast(p.lo95)) << cell(atLeast(p.hi95));
            } else {
                cells << QString() << QString() << QString() << QString() << QString() << QString();
            }
            out += csvRow(cells);
        }
    }
    return out;
}

QByteArray fitsCsv(const ModelTableModel& model) {
    return fitTableCsv(model.dataset().series, model.fits(), model.fittedFlags());
}

}  // namespace hubgrowth
