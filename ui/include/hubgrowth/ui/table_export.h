#pragma once
// CSV exports of the workbench: the table as shown, every fit, the selected models' series.

#include <QByteArray>
#include <QVector>
#include <functional>

class QAbstractItemModel;

namespace hubgrowth {

class ModelTableModel;

// Every row and column of a (filtered, sorted) table, raw values (Qt::UserRole) when present.
QByteArray tableCsv(const QAbstractItemModel* table);

struct SeriesForecast;

// The forecast drawn for a source row (the Curve tab's), null when there is none.
using ForecastLookup = std::function<const SeriesForecast*(int row)>;

// Long format: model, month, observed, fitted, in_fit_window, then the forecast of the method
// named in forecast_method with its 80 % / 95 % prediction intervals (from `forecastOf`; the
// columns stay empty without one); fitted continues `horizon` months past the last observed
// month (observed left empty there). Forecasts never fall below the last count they start from.
QByteArray seriesCsv(const ModelTableModel& model, const QVector<int>& rows, int horizon,
                     const ForecastLookup& forecastOf = {});

// The `hubgrowth fit` table of every fitted model.
QByteArray fitsCsv(const ModelTableModel& model);

}  // namespace hubgrowth
