#pragma once
// CSV tables the app writes: fits and forecasts. Numbers are printed with enough digits to
// round-trip; NaN and Inf never reach a file (they are written as empty cells).

#include <QByteArray>
#include <QString>
#include <vector>

#include "hubgrowth/core/fit/fit_result.h"
#include "hubgrowth/core/series/model_series.h"

namespace hubgrowth {

QString formatNumber(double value);

// The `hubgrowth fit` table: one row per series with at least 3 observed months.
// results[i] belongs to series[i]; rows whose fit was not computed are left out.
QByteArray fitTableCsv(const std::vector<ModelSeries>& series,
                       const std::vector<FitResult>& results, const std::vector<bool>& computed);

QByteArray csvRow(const QStringList& cells);

}  // namespace hubgrowth
