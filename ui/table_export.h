#pragma once
// CSV exports of the workbench: the table as shown, every fit, the selected models' series.

#include <QByteArray>
#include <QVector>

class QAbstractItemModel;

namespace hubgrowth {

class ModelTableModel;

// Every row and column of a (filtered, sorted) table, raw values (Qt::UserRole) when present.
QByteArray tableCsv(const QAbstractItemModel* table);

// Long format: model, month, observed, fitted, in_fit_window; fitted continues `horizon`
// months past the last observed month (observed left empty there).
QByteArray seriesCsv(const ModelTableModel& model, const QVector<int>& rows, int horizon);

// The `hubgrowth fit` table of every fitted model.
QByteArray fitsCsv(const ModelTableModel& model);

}  // namespace hubgrowth
