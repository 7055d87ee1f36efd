// `hubgrowth forecast INPUT --model ID [--horizon H] [--m M] [--out FILE]`
#include "cli.h"
#include "cli_common.h"
#include "cli_verbs.h"
#include "data/csv_format.h"
#include "data/dataset_loader.h"
#include "data/output_file.h"
#include "fit/wsb_fitter.h"

namespace hubgrowth::cli {

int runForecast(const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Fits one model's series and writes month,actual,fitted through the last "
                       "observed month plus H months."));
    parser.addPositionalArgument(QStringLiteral("INPUT"),
                                 QStringLiteral("Paper-format CSV file or folder, or 'demo'."));
    parser.addOption({QStringLiteral("model"), QStringLiteral("Hub id of the base model."),
                      QStringLiteral("ID")});
    parser.addOption({QStringLiteral("horizon"),
                      QStringLiteral("Months to forecast beyond the data (default 12)."),
                      QStringLiteral("H")});
    parser.addOption({QStringLiteral("m"), QStringLiteral("The fixed constant m (default 100)."),
                      QStringLiteral("M")});
    parser.addOption({QStringLiteral("out"),
                      QStringLiteral("Output CSV file ('-' or none: standard output)."),
                      QStringLiteral("FILE")});
    if (auto stop = parseVerbArgs(parser, args, QStringLiteral("forecast"))) return *stop;

    FitOptions fitOptions;
    int horizon = 12;
    if (!readDouble(parser, QStringLiteral("m"), 1e-9, &fitOptions.m) ||
        !readInt(parser, QStringLiteral("horizon"), 0, &horizon)) {
        return kUsageError;
    }
    if (parser.positionalArguments().size() != 1 || !parser.isSet(QStringLiteral("model"))) {
        err() << "hubgrowth forecast: needs one INPUT and --model ID\n"
                 "Try 'hubgrowth forecast --help'.\n";
        err().flush();
        return kUsageError;
    }

    const ImportResult loaded = loadDataset(parser.positionalArguments().front());
    if (!loaded.ok()) {
        err() << "hubgrowth forecast: " << loaded.error << "\n";
        err().flush();
        return kInputError;
    }
    const std::string id = parser.value(QStringLiteral("model")).toStdString();
    const ModelSeries* series = nullptr;
    for (const auto& s : loaded.dataset.series) {
        if (s.id == id) series = &s;
    }
    if (!series) {
        err() << "hubgrowth forecast: no model '" << QString::fromStdString(id) << "' in "
              << parser.positionalArguments().front() << "\n";
        err().flush();
        return kInputError;
    }
    if (series->observedMonths() < 3) {
        err() << "hubgrowth forecast: " << QString::fromStdString(id) << " has "
              << series->observedMonths() << " observed months; at least 3 are needed\n";
        err().flush();
        return kInputError;
    }

    const FitResult fit = fitWsb(series->counts, fitOptions);
    QByteArray csv = csvRow({"month", "actual", "fitted"});
    const int lastMonth = series->observedMonths() - 1 + horizon;
    for (int month = 0; month <= lastMonth; ++month) {
        const QString actual = month < series->observedMonths()
                                   ? formatNumber(series->counts[static_cast<size_t>(month)])
                                   : QString();
        csv += csvRow({QString::number(month), actual,
                       formatNumber(wsbValue(month, fit.params, fitOptions.m))});
    }
    const QString error = writeOutput(parser.value(QStringLiteral("out")), csv);
    if (!error.isEmpty()) {
        err() << "hubgrowth forecast: " << error << "\n";
        err().flush();
        return kInputError;
    }
    return kOk;
}

}  // namespace hubgrowth::cli
