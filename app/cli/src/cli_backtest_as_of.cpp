// `hubgrowth backtest INPUT... --as-of DATE [--as-of DATE...] --horizon H [--method NAME]`:
// every series truncated at each date, forecast H months past its age there, scored.
#include <QDateTime>
#include <QElapsedTimer>

#include "hubgrowth/cli/cli_as_of.h"
#include "hubgrowth/cli/cli_common.h"
#include "hubgrowth/core/forecast/as_of_backtest.h"
#include "hubgrowth/core/series/calendar.h"
#include "hubgrowth/data/batch_fitter.h"
#include "hubgrowth/data/csv_format.h"
#include "hubgrowth/data/output_file.h"

namespace hubgrowth::cli {

namespace {

const QString kVerb = QStringLiteral("backtest");

QByteArray asOfCsv(const std::vector<ModelSeries>& series, const AsOfOptions& options,
                   const std::vector<AsOfRow>& rows) {
    QByteArray csv = csvRow({"model", "org", "method", "as_of", "age_months", "at_cut", "actual",
                             "predicted", "lo80", "hi80", "lo95", "hi95"});
    for (const AsOfRow& row : rows) {
        const ModelSeries& s = series[row.seriesIndex];
        csv += csvRow({QString::fromStdString(s.id), QString::fromStdString(s.org),
                       QString::fromLatin1(methodName(options.method)), formatAsOf(row.asOf),
                       QString::number(row.age), formatNumber(row.atCut), formatNumber(row.actual),
                       formatNumber(row.predicted), formatNumber(row.interval.lo80),
                       formatNumber(row.interval.hi80), formatNumber(row.interval.lo95),
                       formatNumber(row.interval.hi95)});
    }
    return csv;
}

QString percent(double fraction) {
    return QString::number(100.0 * fraction, 'f', 1);
}

}  // namespace

void addAsOfOption(QCommandLineParser& parser, bool repeatable) {
    parser.addOption(
        {QStringLiteral("as-of"),
         repeatable ? QStringLiteral("Forecast as of this date (YYYY-MM-DD, midnight UTC, or an "
                                     "ISO 8601 time): every series truncated there, everything "
                                     "learned from the truncated data. May be given several "
                                     "times (one row per model and date, pooled summary).")
                    : QStringLiteral("Rank as of this date (YYYY-MM-DD, midnight UTC, or an ISO "
                                     "8601 time; default: the data's last date)."),
         QStringLiteral("DATE")});
}

bool readAsOfDates(const QCommandLineParser& parser, std::vector<std::int64_t>* dates) {
    for (const QString& value : parser.values(QStringLiteral("as-of"))) {
        const auto instant = parseIsoInstant(value.trimmed().toStdString());
        if (!instant) {
            err() << "hubgrowth: --as-of needs a date YYYY-MM-DD or an ISO 8601 time, got '"
                  << value << "'\n";
            err().flush();
            return false;
        }
        dates->push_back(*instant);
    }
    return true;
}

QString formatAsOf(std::int64_t instant) {
    if (instant % 86400 == 0)
        return QString::fromStdString(formatIsoDate(instant));
    return QDateTime::fromSecsSinceEpoch(instant, Qt::UTC).toString(Qt::ISODate);
}

int runBacktestAsOf(const QCommandLineParser& parser, const Dataset& dataset,
                    const AsOfOptions& options, const std::vector<std::int64_t>& dates,
                    int threads) {
    QElapsedTimer timer;
    timer.start();
    const ParallelFor pool = threadPoolParallelFor(threads);
    std::vector<AsOfRow> rows;
    for (std::int64_t date : dates) {
        std::vector<AsOfRow> atDate = runAsOfBacktest(dataset.series, date, options, pool);
        rows.insert(rows.end(), atDate.begin(), atDate.end());
    }
    const qint64 elapsedMs = timer.elapsed();
    const QString error =
        writeOutput(parser.value(QStringLiteral("out")), asOfCsv(dataset.series, options, rows));
    if (!error.isEmpty())
        return fail(kVerb, error);

    const AsOfSummary s = summariseAsOf(rows);
    QStringList dateNames;
    for (std::int64_t date : dates)
        dateNames << formatAsOf(date);
    err() << "hubgrowth backtest: method " << methodName(options.method) << ", as of "
          << dateNames.join(QStringLiteral(", ")) << " -> +" << options.horizon << " months: n "
          << s.all.n;
    if (s.all.n > 0) {
        err() << ", median APE " << QString::number(s.all.medianApe, 'f', 1) << " %, p90 APE "
              << QString::number(s.all.p90Ape, 'f', 1) << " %; at most 3 months old: n "
              << s.young.n;
        if (s.young.n > 0) {
            err() << ", median APE " << QString::number(s.young.medianApe, 'f', 1) << " %, p90 APE "
                  << QString::number(s.young.p90Ape, 'f', 1) << " %";
        }
        err() << "; 80 % coverage " << percent(s.all.coverage80) << " %, 95 % coverage "
              << percent(s.all.coverage95) << " %, Spearman rho of gains "
              << (std::isfinite(s.gainSpearman) ? QString::number(s.gainSpearman, 'f', 3)
                                                : QStringLiteral("n/a"))
              << ", top 10 % by predicted gain in the actual top 10 %: " << s.topOverlap << " of "
              << s.topCount << ", " << s.all.outsideTenfold << " outside [0.1x, 10x], "
              << s.all.failed << " not fitted";
    } else {
        err() << " (no model aged at least a month at the date with a count of at least 10 "
                 "there and its month +"
              << options.horizon << " observed)";
    }
    err() << "; " << elapsedMs << " ms\n";
    if (dataset.synthetic)
        err() << "hubgrowth backtest: note: the input is synthetic demo data\n";
    err().flush();
    return kOk;
}

}  // namespace hubgrowth::cli
