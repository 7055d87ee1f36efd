#include "hubgrowth/data/csv_format.h"

#include <QStringList>
#include <cmath>

#include "hubgrowth/core/io/csv_reader.h"

namespace hubgrowth {

QString formatNumber(double value) {
    if (!std::isfinite(value))
        return {};
    return QString::number(value, 'g', 12);
}

QByteArray csvRow(const QStringList& cells) {
    QByteArray row;
    for (int i = 0; i < cells.size(); ++i) {
        if (i > 0)
            row += ',';
        row += QByteArray::fromStdString(csvEscape(cells[i].toStdString()));
    }
    row += '\n';
    return row;
}

QByteArray fitTableCsv(const std::vector<ModelSeries>& series,
                       const std::vector<FitResult>& results, const std::vector<bool>& computed) {
    QByteArray out = csvRow({"model", "org", "created_at", "n_months", "last_count", "m", "lambda",
                             "mu", "sigma", "sse", "rmse", "r2", "converged", "ultimate",
                             "lambda_se", "mu_se", "sigma_se", "iterations", "outcome"});
    for (size_t i = 0; i < series.size() && i < results.size(); ++i) {
        const ModelSeries& s = series[i];
        const FitResult& r = results[i];
        if (!computed[i] || s.observedMonths() < 3)
            continue;
        out +=
            csvRow({QString::fromStdString(s.id), QString::fromStdString(s.org),
                    QString::fromStdString(s.createdAt), QString::number(s.observedMonths()),
                    formatNumber(s.lastCount()), formatNumber(r.m), formatNumber(r.params.lambda),
                    formatNumber(r.params.mu), formatNumber(r.params.sigma), formatNumber(r.sse),
                    formatNumber(r.rmse), formatNumber(r.r2), r.converged() ? "true" : "false",
                    formatNumber(wsbUltimate(r.params, r.m)), formatNumber(r.standardError(0)),
                    formatNumber(r.standardError(1)), formatNumber(r.standardError(2)),
                    QString::number(r.iterations), fitOutcomeName(r.outcome)});
    }
    return out;
}

}  // namespace hubgrowth
