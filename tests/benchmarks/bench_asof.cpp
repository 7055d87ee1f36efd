// As-of backtest benchmark on the real lineage in ../shared/reference: every series truncated
// at one calendar date, everything learned from the truncated data only, each model forecast
// H = 6 months past its last month at the date. For every forecasting method side by side (the
// paper's plain WSB least squares with m = 100 and the linear trend included) and the dates
// 2024-08-18 and 2024-02-18, prints n, median and 90th-percentile APE, the same for models at
// most 3 months old at the date, 80 %/95 % coverage, Spearman's rho of predicted vs actual
// gains, the top-10 % overlap, series the method could not forecast, and the time.
//   bench_asof [--smoke] [--variants] [--rows] [--lead]
//   --smoke: one organisation, one date, auto and linear (for ctest), and a small lead run;
//   --variants: also auto's alternatives (stacking, no guard, no pooled member, ...); --rows:
//   every row too; --lead: only the synthetic store with a known lead (runLeadBenchmark).
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QThread>
#include <chrono>
#include <cstdio>

#include "hubgrowth/core/forecast/as_of_backtest.h"
#include "hubgrowth/core/series/calendar.h"
#include "hubgrowth/data/batch_fitter.h"
#include "hubgrowth/data/paper_csv_importer.h"
#include "hubgrowth/testsupport/lead_population.h"
#include "hubgrowth/testsupport/reference_data.h"

using namespace hubgrowth;

namespace {

struct Variant {
    std::string label;
    AsOfOptions options;
};

std::vector<Variant> variants(bool smoke, bool alternatives) {
    std::vector<Variant> list;
    for (ForecastMethod method : kAllMethods) {
        if ((smoke || alternatives) && method != ForecastMethod::Auto &&
            method != ForecastMethod::Linear)
            continue;
        Variant v{methodName(method), {}};
        v.options.method = method;
        list.push_back(v);
    }
    if (!alternatives)
        return list;
    auto add = [&](const std::string& label, auto&& tweak) {
        Variant v{label, {}};
        v.options.method = ForecastMethod::Auto;
        tweak(v.options);
        list.push_back(v);
    };
    add("auto one class", [](AsOfOptions& o) { o.ageClasses = false; });
    add("auto same-age", [](AsOfOptions& o) { o.calibration = AsOfCalibration::SameAge; });
    add("linear same-age", [](AsOfOptions& o) {
        o.method = ForecastMethod::Linear;
        o.calibration = AsOfCalibration::SameAge;
    });
    add("auto stacked", [](AsOfOptions& o) { o.autoStrategy = AutoStrategy::Stacked; });
    add("auto no guard", [](AsOfOptions& o) { o.populationGuard = false; });
    add("auto no pooled", [](AsOfOptions& o) { o.autoWithPooled = false; });
    add("auto no envelope", [](AsOfOptions& o) { o.memberEnvelope = false; });
    add("auto +point shift", [](AsOfOptions& o) { o.calibratePoint = true; });
    add("auto median-of-5", [](AsOfOptions& o) { o.autoStrategy = AutoStrategy::Median; });
    add("auto one-width", [](AsOfOptions& o) { o.standardiseErrors = false; });
    return list;
}

void printHeader() {
    std::printf("%-10s %-18s %4s %7s %7s %4s %8s %8s %6s %6s %6s %7s %6s %8s\n", "as_of", "method",
                "n", "medAPE", "p90APE", "nY", "medAPE_Y", "p90APE_Y", "cov80", "cov95", "rho",
                "top10%", "failed", "time_ms");
}

void printSummary(const std::string& date, const std::string& label, const AsOfSummary& s,
                  double ms) {
    std::printf(
        "%-10s %-18s %4d %7.1f %7.1f %4d %8.1f %8.1f %6.3f %6.3f %6.3f %3d/%-3d %6d %8.0f\n",
        date.c_str(), label.c_str(), s.all.n, s.all.medianApe, s.all.p90Ape, s.young.n,
        s.young.medianApe, s.young.p90Ape, s.all.coverage80, s.all.coverage95, s.gainSpearman,
        s.topOverlap, s.topCount, s.all.failed, ms);
    std::fflush(stdout);
}

// Whether the wide-interval flag picks out the forecasts to distrust: the summary of the rows
// it would flag against the rest.
void printWideIntervals(const std::string& date, const std::vector<AsOfRow>& rows) {
    std::vector<AsOfRow> wide, rest;
    for (const AsOfRow& r : rows)
        (isWideInterval(r.atCut, r.predicted, r.interval.hi80) ? wide : rest).push_back(r);
    printSummary(date, "auto wide-interval", summariseAsOf(wide), 0.0);
    printSummary(date, "auto the rest", summariseAsOf(rest), 0.0);
}

// What the lead relations add, on a synthetic store whose fine-tunes follow them (its lead is
// known): each method with the leads and without them (the fine-tunes alone).
void runLeadBenchmark(bool smoke, const ParallelFor& pool) {
    const std::int64_t snapshot = *parseIsoInstant("2025-01-01");
    const auto population = testing::simulateLeadPopulation(
        smoke ? 300 : 900, *parseIsoInstant("2022-06-01"), smoke ? 3 : 1, snapshot, 15);
    const auto fineTunesAlone = testing::withoutLeads(population);
    std::printf(
        "Synthetic store with a known lead (fine-tunes follow adapters and quantizations "
        "%d months later): %zu series, H = 6\n",
        testing::kLeadLagMonths, population.size());
    printHeader();
    for (const char* date : {"2024-06-01", "2024-03-01"}) {
        const std::int64_t asOf = *parseIsoInstant(date);
        for (ForecastMethod method :
             {ForecastMethod::Pooled, ForecastMethod::Auto, ForecastMethod::Linear}) {
            AsOfOptions options;
            options.method = method;
            for (bool withLead : {false, true}) {
                const auto start = std::chrono::steady_clock::now();
                const auto rows =
                    runAsOfBacktest(withLead ? population : fineTunesAlone, asOf, options, pool);
                const double ms = std::chrono::duration<double, std::milli>(
                                      std::chrono::steady_clock::now() - start)
                                      .count();
                printSummary(date,
                             std::string(methodName(method)) + (withLead ? " +lead" : " alone"),
                             summariseAsOf(rows), ms);
            }
        }
        if (smoke)
            break;
    }
}

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const bool smoke = app.arguments().contains(QStringLiteral("--smoke"));
    const bool alternatives = app.arguments().contains(QStringLiteral("--variants"));
    const bool dump = app.arguments().contains(QStringLiteral("--rows"));
    const ParallelFor pool = threadPoolParallelFor();
    if (smoke || app.arguments().contains(QStringLiteral("--lead")))
        runLeadBenchmark(smoke, pool);
    if (app.arguments().contains(QStringLiteral("--lead")))
        return 0;
    if (!testing::haveReference()) {
        std::printf("bench_asof: reference data not found at %s; skipping\n",
                    qPrintable(testing::referenceDir()));
        return 0;
    }
    const QString input = smoke ? testing::referenceFinetuneDir() + QStringLiteral("/Qwen.csv")
                                : testing::referenceFinetuneDir();
    const ImportResult loaded = importPaperCsv(input);
    if (!loaded.ok()) {
        std::fprintf(stderr, "bench_asof: %s\n", qPrintable(loaded.error));
        return 1;
    }
    const auto& series = loaded.dataset.series;
    std::printf("As-of backtest on %s: %zu series, H = 6, %s\n", qPrintable(QDir(input).dirName()),
                series.size(), qPrintable(QDateTime::currentDateTimeUtc().toString(Qt::ISODate)));
    printHeader();
    std::vector<std::string> dates{"2024-08-18"};
    if (!smoke)
        dates.push_back("2024-02-18");
    double totalMs = 0.0;
    for (const std::string& date : dates) {
        const std::int64_t asOf = *parseIsoInstant(date);
        for (const Variant& v : variants(smoke, alternatives)) {
            const auto start = std::chrono::steady_clock::now();
            const std::vector<AsOfRow> rows = runAsOfBacktest(series, asOf, v.options, pool);
            const double ms =
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                    .count();
            totalMs += ms;
            const AsOfSummary s = summariseAsOf(rows);
            if (dump) {
                for (const AsOfRow& r : rows) {
                    std::printf("row %s %s %d %g %g %g %g %g %g %g\n", date.c_str(),
                                series[r.seriesIndex].id.c_str(), r.age, r.atCut, r.actual,
                                r.predicted, r.interval.lo80, r.interval.hi80, r.interval.lo95,
                                r.interval.hi95);
                }
            }
            printSummary(date, v.label, s, ms);
            if (v.label == "auto")
                printWideIntervals(date, rows);
        }
    }
    std::printf("total %.1f s on %d threads\n", totalMs / 1000.0, QThread::idealThreadCount());
    return 0;
}
