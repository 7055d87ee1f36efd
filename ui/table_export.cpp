#include "table_export.h"

#include <QAbstractItemModel>
#include <QStringList>

#include "data/csv_format.h"
#include "model_table_model.h"

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

QByteArray seriesCsv(const ModelTableModel& model, const QVector<int>& rows, int horizon) {
    QByteArray out = csvRow({"model", "month", "observed", "fitted", "in_fit_window"});
    for (int row : rows) {
        const ModelSeries& s = model.series(row);
        const FitResult* f = model.fit(row);
        const bool curve = f && f->outcome != FitOutcome::NoAdoption;
        const int n = s.observedMonths();
        const int last = curve ? n - 1 + horizon : n - 1;
        for (int k = 0; k <= last; ++k) {
            out += csvRow(
                {QString::fromStdString(s.id), QString::number(k),
                 k < n ? formatNumber(s.counts[size_t(k)]) : QString(),
                 curve ? formatNumber(wsbValue(k, f->params, f->m)) : QString(),
                 f && k < f->observedMonths ? QStringLiteral("true") : QStringLiteral("false")});
        }
    }
    return out;
}

QByteArray fitsCsv(const ModelTableModel& model) {
    return fitTableCsv(model.dataset().series, model.fits(), model.fittedFlags());
}

}  // namespace hubgrowth
