// `hubgrowth backtest INPUT... --train-months K --horizon H [--method NAME] [--m M] [--threads N]
//  [--out FILE]`, or with `--as-of DATE...` instead of --train-months (cli_backtest_as_of.cpp)
#include <QElapsedTimer>

#include "hubgrowth/cli/cli.h"
#include "hubgrowth/cli/cli_as_of.h"
#include "hubgrowth/cli/cli_common.h"
#include "hubgrowth/cli/cli_verbs.h"
#include "hubgrowth/core/forecast/backtest.h"
#include "hubgrowth/data/batch_fitter.h"
#include "hubgrowth/data/csv_format.h"
#include "hubgrowth/data/dataset_loader.h"
#include "hubgrowth/data/output_file.h"

namespace hubgrowth::cli {

namespace {

const QString kVerb = QStringLiteral("backtest");

QByteArray backtestCsv(const std::vector<ModelSeries>& series, const BacktestOptions& options,
                       const BacktestResult& result) {
    QByteArray csv = csvRow({"model", "org", "method", "train_months", "horizon", "actual",
                             "predicted", "lo80", "hi80", "lo95", "hi95"});
    for (const BacktestRow& row : result.rows) {
        const ModelSeries& s = series[row.seriesIndex];
        csv += csvRow({QString::fromStdString(s.id), QString::fromStdString(s.org),
                       QString::fromLatin1(methodName(options.method)),
                       QString::number(options.trainMonths), QString::number(options.horizon),
                       formatNumber(row.actual), formatNumber(row.predicted),
                       formatNumber(row.interval.lo80), formatNumber(row.interval.hi80),
                       formatNumber(row.interval.lo95), formatNumber(row.interval.hi95)});
    }
    return csv;
}

// `--as-of DATE...`: every series truncated at each date instead of at month K.
int runAsOf(const QCommandLineParser& parser, int minChildren) {
    if (parser.isSet(QStringLiteral("train-months")))
        return usageError(kVerb, QStringLiteral("--as-of and --train-months exclude each other"));
    if (!parser.isSet(QStringLiteral("horizon")))
        return usageError(kVerb, QStringLiteral("--as-of needs --horizon H"));
    AsOfOptions options;
    int threads = 0;
    std::vector<std::int64_t> dates;
    if (!readAsOfDates(parser, &dates) ||
        !readInt(parser, QStringLiteral("horizon"), 1, &options.horizon, kMaxHorizonMonths) ||
        !readDouble(parser, QStringLiteral("m"), 1e-9, &options.m) ||
        !readInt(parser, QStringLiteral("threads"), 0, &threads) ||
        !readMethod(parser, &options.method)) {
        return kUsageError;
    }
    if (parser.positionalArguments().isEmpty())
        return usageError(kVerb, QStringLiteral("no INPUT given"));
    const ImportResult loaded =
        loadDatasets(parser.positionalArguments(), store::kDefaultRelations, nullptr, minChildren);
    if (!loaded.ok())
        return fail(kVerb, loaded.error);
    for (const auto& warning : loaded.dataset.warnings)
        warn(kVerb, warning);
    return runBacktestAsOf(parser, loaded.dataset, options, dates, threads);
}

}  // namespace

int runBacktest(const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Fits each series on months 0..K only and forecasts month K+H. One CSV row "
                       "per eligible series "
                       "(at least K+H+1 observed months and a count of at least 10 at month K); a "
                       "summary on stderr. With --as-of DATE instead of --train-months: every "
                       "series truncated at DATE (months 0..a, a its whole months of age), "
                       "everything learned from the truncated data, month a+H forecast; a row "
                       "per model with a >= 1, at least 10 at month a and month a+H observed."));
    parser.addPositionalArgument(QStringLiteral("INPUT"),
                                 QStringLiteral("Paper-format CSV file or folder, or 'demo'."),
                                 QStringLiteral("INPUT..."));
    parser.addOption({QStringLiteral("train-months"),
                      QStringLiteral("K: the last month used for fitting."), QStringLiteral("K")});
    parser.addOption({QStringLiteral("horizon"),
                      QStringLiteral("H: months ahead to forecast (at most 1200)."),
                      QStringLiteral("H")});
    addAsOfOption(parser, true);
    addMethodOption(parser);
    addMOption(parser);
    addThreadsOption(parser);
    addOutCsvOption(parser);
    addMinChildrenOption(parser);
    if (auto stop = parseVerbArgs(parser, args, kVerb))
        return *stop;
    int minChildren = 1;
    if (!readMinChildren(parser, &minChildren))
        return kUsageError;

    BacktestOptions options;
    int threads = 0;
    if (parser.isSet(QStringLiteral("as-of")))
        return runAsOf(parser, minChildren);
    if (!parser.isSet(QStringLiteral("train-months")) || !parser.isSet(QStringLiteral("horizon"))) {
        return usageError(kVerb, QStringLiteral("needs --train-months K and --horizon H"));
    }
    if (!readInt(parser, QStringLiteral("train-months"), 1, &options.trainMonths) ||
        !readInt(parser, QStringLiteral("horizon"), 1, &options.horizon, kMaxHorizonMonths) ||
        !readDouble(parser, QStringLiteral("m"), 1e-9, &options.m) ||
        !readInt(parser, QStringLiteral("threads"), 0, &threads) ||
        !readMethod(parser, &options.method)) {
        return kUsageError;
    }
    if (parser.positionalArguments().isEmpty()) {
        return usageError(kVerb, QStringLiteral("no INPUT given"));
    }

    const ImportResult loaded =
        loadDatasets(parser.positionalArguments(), store::kDefaultRelations, nullptr, minChildren);
    if (!loaded.ok())
        return fail(kVerb, loaded.error);
    for (const auto& warning : loaded.dataset.warnings)
        warn(kVerb, warning);

    QElapsedTimer timer;
    timer.start();
    const BacktestResult result =
        runBacktest(loaded.dataset.series, options, threadPoolParallelFor(threads));
    const qint64 elapsedMs = timer.elapsed();

    const QString error = writeOutput(parser.value(QStringLiteral("out")),
                                      backtestCsv(loaded.dataset.series, options, result));
    if (!error.isEmpty())
        return fail(kVerb, error);
    const BacktestSummary& s = result.summary;
    err() << "hubgrowth backtest: method " << methodName(options.method) << ", months 0.."
          << options.trainMonths << " -> month " << options.trainMonths + options.horizon << ": n "
          << s.n;
    if (s.n > 0) {
        err() << ", median APE " << QString::number(s.medianApe, 'f', 1) << " %, p90 APE "
              << QString::number(s.p90Ape, 'f', 1) << " %, 80 % coverage "
              << QString::number(100.0 * s.coverage80, 'f', 1) << " %, 95 % coverage "
              << QString::number(100.0 * s.coverage95, 'f', 1) << " %, " << s.outsideTenfold
              << " outside [0.1x, 10x], " << s.failed << " not fitted";
    } else {
        err() << " (no series has " << options.trainMonths + options.horizon + 1
              << " observed months and a count of at least 10 at month " << options.trainMonths
              << ")";
    }
    err() << "; " << elapsedMs << " ms\n";
    if (loaded.dataset.synthetic)
        err() << "hubgrowth backtest: note: the input is synthetic demo data\n";
    err().flush();
    return kOk;
}

}  // namespace hubgrowth::cli
