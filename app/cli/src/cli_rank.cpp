// `hubgrowth rank INPUT [--as-of DATE] [--horizon H] [--top N] [--method NAME] [--m M]
//  [--threads N] [--out FILE]`: models ranked by their forecast gain over the next H months.
#include <algorithm>
#include <numeric>

#include "hubgrowth/cli/cli.h"
#include "hubgrowth/cli/cli_as_of.h"
#include "hubgrowth/cli/cli_common.h"
#include "hubgrowth/cli/cli_verbs.h"
#include "hubgrowth/core/forecast/as_of_rank.h"
#include "hubgrowth/core/forecast/flags.h"
#include "hubgrowth/core/series/recent_change.h"
#include "hubgrowth/data/batch_fitter.h"
#include "hubgrowth/data/csv_format.h"
#include "hubgrowth/data/dataset_loader.h"
#include "hubgrowth/data/output_file.h"

namespace hubgrowth::cli {

namespace {

const QString kVerb = QStringLiteral("rank");

}  // namespace

int runRank(const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral(
            "Ranks the models by their forecast gain in fine-tunes over the next H months, as of a "
            "date: every series truncated there and everything learned from the truncated data. "
            "Columns rank,model,org,as_of,age_months,at_cut,predicted,gain,lo80,hi80,lo95,hi95,"
            "flags,lead_3mo (the count at month age+H with its 80 % and 95 % prediction intervals; "
            "lead_3mo: on a store, the base's adapters and quantizations not counted that were "
            "created in the last %1 months before the date, which usually come before fine-tunes; "
            "empty when unknown).")
            .arg(kRecentMonths));
    parser.addPositionalArgument(
        QStringLiteral("INPUT"),
        QStringLiteral("Paper-format CSV file or folder, a store (*.db), or 'demo'."));
    addAsOfOption(parser, false);
    parser.addOption({QStringLiteral("horizon"),
                      QStringLiteral("H: months ahead (default 6, at most 1200)."),
                      QStringLiteral("H")});
    parser.addOption({QStringLiteral("top"),
                      QStringLiteral("Only the N models with the largest gain (default: all)."),
                      QStringLiteral("N")});
    addMethodOption(parser);
    addMOption(parser);
    addThreadsOption(parser);
    addOutCsvOption(parser);
    if (auto stop = parseVerbArgs(parser, args, kVerb))
        return *stop;

    AsOfOptions options;
    int top = 0, threads = 0;
    std::vector<std::int64_t> dates;
    if (!readAsOfDates(parser, &dates) ||
        !readInt(parser, QStringLiteral("horizon"), 1, &options.horizon, kMaxHorizonMonths) ||
        !readInt(parser, QStringLiteral("top"), 1, &top) ||
        !readDouble(parser, QStringLiteral("m"), 1e-9, &options.m) ||
        !readInt(parser, QStringLiteral("threads"), 0, &threads) ||
        !readMethod(parser, &options.method)) {
        return kUsageError;
    }
    if (dates.size() > 1)
        return usageError(kVerb, QStringLiteral("--as-of may be given once"));
    if (parser.positionalArguments().size() != 1)
        return usageError(kVerb, QStringLiteral("needs one INPUT"));

    const ImportResult loaded = loadDataset(parser.positionalArguments().front());
    if (!loaded.ok())
        return fail(kVerb, loaded.error);
    for (const auto& warning : loaded.dataset.warnings)
        warn(kVerb, warning);
    const std::vector<ModelSeries>& series = loaded.dataset.series;
    std::int64_t asOf = 0;
    if (!dates.empty()) {
        asOf = dates.front();
    } else if (const auto latest = latestDataInstant(series)) {
        asOf = *latest;
    } else {
        return fail(kVerb, QStringLiteral("no series in %1 has a creation time to date it")
                               .arg(parser.positionalArguments().front()));
    }

    const std::vector<AsOfForecast> forecasts =
        forecastAsOf(series, asOf, options, nullptr, threadPoolParallelFor(threads));
    std::vector<size_t> order = rankByGain(series, forecasts);
    const size_t failed = forecasts.size() - order.size();
    if (top > 0 && order.size() > static_cast<size_t>(top))
        order.resize(static_cast<size_t>(top));

    const QString asOfText = formatAsOf(asOf);
    QByteArray csv = csvRow({"rank", "model", "org", "as_of", "age_months", "at_cut", "predicted",
                             "gain", "lo80", "hi80", "lo95", "hi95", "flags", "lead_3mo"});
    for (size_t r = 0; r < order.size(); ++r) {
        const AsOfForecast& f = forecasts[order[r]];
        const ModelSeries& s = series[f.seriesIndex];
        const PredictionInterval& band = f.intervals.back();
        const std::optional<double> lead = recentLeadChildren(s, f);
        csv += csvRow({QString::number(r + 1), QString::fromStdString(s.id),
                       QString::fromStdString(s.org), asOfText,
                       QString::number(f.observedMonths - 1), formatNumber(f.atCut),
                       formatNumber(f.predicted.back()), formatNumber(f.predicted.back() - f.atCut),
                       formatNumber(band.lo80), formatNumber(band.hi80), formatNumber(band.lo95),
                       formatNumber(band.hi95), QString::fromStdString(flagNames(f.flags, ";")),
                       lead ? formatNumber(*lead) : QString()});
    }
    const QString error = writeOutput(parser.value(QStringLiteral("out")), csv);
    if (!error.isEmpty())
        return fail(kVerb, error);
    err() << "hubgrowth rank: method " << methodName(options.method) << ", as of " << asOfText
          << (dates.empty() ? " (the data's last date)" : "") << ", +" << options.horizon
          << " months: " << order.size() << " models ranked";
    if (failed > 0)
        err() << ", " << failed << " could not be forecast";
    err() << "\n";
    if (loaded.dataset.synthetic)
        err() << "hubgrowth rank: note: the input is synthetic demo data\n";
    err().flush();
    return kOk;
}

}  // namespace hubgrowth::cli
