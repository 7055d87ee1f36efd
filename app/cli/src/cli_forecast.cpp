// `hubgrowth forecast INPUT --model ID [--horizon H] [--method NAME] [--m M] [--out FILE]`
#include "hubgrowth/cli/cli.h"
#include "hubgrowth/cli/cli_common.h"
#include "hubgrowth/cli/cli_verbs.h"
#include "hubgrowth/core/forecast/forecaster.h"
#include "hubgrowth/data/batch_fitter.h"
#include "hubgrowth/data/csv_format.h"
#include "hubgrowth/data/dataset_loader.h"
#include "hubgrowth/data/output_file.h"

namespace hubgrowth::cli {

namespace {
const QString kVerb = QStringLiteral("forecast");
}  // namespace

int runForecast(const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Fits one model's series and writes month,actual,fitted,lo80,hi80,lo95,hi95 "
        "through the last observed month plus H months: the fitted curve over the data, "
        "then the point forecast with 80 % and 95 % prediction intervals."));
    parser.addPositionalArgument(QStringLiteral("INPUT"),
                                 QStringLiteral("Paper-format CSV file or folder, or 'demo'."));
    parser.addOption({QStringLiteral("model"), QStringLiteral("Hub id of the base model."),
                      QStringLiteral("ID")});
    parser.addOption(
        {QStringLiteral("horizon"),
         QStringLiteral("Months to forecast beyond the data (default 12, at most 1200)."),
         QStringLiteral("H")});
    addMethodOption(parser);
    addMOption(parser);
    addOutCsvOption(parser);
    addMinChildrenOption(parser);
    if (auto stop = parseVerbArgs(parser, args, kVerb))
        return *stop;
    int minChildren = 1;
    if (!readMinChildren(parser, &minChildren))
        return kUsageError;

    ForecasterOptions forecasterOptions;
    ForecastMethod method = ForecastMethod::Auto;
    int horizon = 12;
    if (!readDouble(parser, QStringLiteral("m"), 1e-9, &forecasterOptions.m) ||
        !readInt(parser, QStringLiteral("horizon"), 0, &horizon, kMaxHorizonMonths) ||
        !readMethod(parser, &method)) {
        return kUsageError;
    }
    if (parser.positionalArguments().size() != 1 || !parser.isSet(QStringLiteral("model"))) {
        return usageError(kVerb, QStringLiteral("needs one INPUT and --model ID"));
    }

    const ImportResult loaded = loadDataset(parser.positionalArguments().front(),
                                            store::kDefaultRelations, nullptr, minChildren);
    if (!loaded.ok())
        return fail(kVerb, loaded.error);
    for (const auto& warning : loaded.dataset.warnings)
        warn(kVerb, warning);
    const std::string id = parser.value(QStringLiteral("model")).toStdString();
    const ModelSeries* series = nullptr;
    for (const auto& s : loaded.dataset.series) {
        if (s.id == id)
            series = &s;
    }
    if (!series) {
        return fail(kVerb,
                    QStringLiteral("no model '%1' in %2")
                        .arg(QString::fromStdString(id), parser.positionalArguments().front()));
    }
    if (series->observedMonths() < 3) {
        return fail(kVerb, QStringLiteral("%1 has %2 observed months; at least 3 are needed")
                               .arg(QString::fromStdString(id))
                               .arg(series->observedMonths()));
    }

    forecasterOptions.parallelFor = threadPoolParallelFor();
    const Forecaster forecaster(loaded.dataset.series, forecasterOptions);
    const SeriesForecast forecast = forecaster.forecast(*series, method, horizon);
    if (!forecast.ok) {
        return fail(kVerb, QString::fromStdString(id) + QStringLiteral(": ") +
                               QString::fromStdString(forecast.error));
    }
    QByteArray csv = csvRow({"month", "actual", "fitted", "lo80", "hi80", "lo95", "hi95"});
    for (const ForecastPoint& p : forecast.path) {
        csv += csvRow({QString::number(p.month), formatNumber(p.actual), formatNumber(p.fitted),
                       formatNumber(p.lo80), formatNumber(p.hi80), formatNumber(p.lo95),
                       formatNumber(p.hi95)});
    }
    const QString error = writeOutput(parser.value(QStringLiteral("out")), csv);
    if (!error.isEmpty())
        return fail(kVerb, error);
    err() << "hubgrowth forecast: method " << methodName(method) << " ("
          << QString::fromStdString(forecast.detail) << "); intervals calibrated on "
          << forecast.calibrationSeries;
    // Too few series old enough to reach the last forecast month: the core cut them earlier.
    if (forecast.calibratedOnEarlierCut())
        err() << " series cut at month " << forecast.calibrationCut
              << " (too few older series reach +" << horizon << " months)\n";
    else
        err() << " older series\n";
    for (const ForecastFlag& flag : forecast.flags) {
        err() << "hubgrowth forecast: flag " << flagName(flag.kind) << ": "
              << QString::fromStdString(flag.reason) << "\n";
    }
    err().flush();
    return kOk;
}

}  // namespace hubgrowth::cli
