// Backtest benchmark on the real lineage in ../shared/reference: for every forecasting method
// side by side (the paper's plain WSB least squares with m = 100 included) and for the cuts
// 12->18, 6->12 and 3->6, prints n, median and 90th-percentile APE, 80 %/95 % interval
// coverage, forecasts outside [0.1x, 10x] the actual, series the method could not forecast
// (scored at the last count), and the time.
//   bench_backtest [--smoke] [--variants]
//   --smoke: one organisation only (for ctest); --variants: also the design alternatives
//   (likelihoods, auto strategies and members, stacking, guard band, point calibration) behind
//   the choices in the README.
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QThread>
#include <chrono>
#include <cstdio>

#include "hubgrowth/core/forecast/backtest.h"
#include "hubgrowth/data/batch_fitter.h"
#include "hubgrowth/data/paper_csv_importer.h"
#include "hubgrowth/testsupport/reference_data.h"

using namespace hubgrowth;

namespace {

struct Variant {
    std::string label;
    BacktestOptions options;  // trainMonths and horizon are set per cut
};

std::vector<Variant> variants(bool alternatives) {
    std::vector<Variant> list;
    for (ForecastMethod method : kAllMethods) {
        Variant v{methodName(method), {}};
        v.options.method = method;
        list.push_back(v);
    }
    if (!alternatives)
        return list;
    using M = ForecastMethod;
    auto add = [&](const std::string& label, M method, auto&& tweak) {
        Variant v{label, {}};
        v.options.method = method;
        tweak(v.options);
        list.push_back(v);
    };
    add("wsb-ls anchored", M::WsbLs, [](BacktestOptions& o) { o.anchorLeastSquares = true; });
    add("wsb nb-fit", M::Wsb, [](BacktestOptions& o) { o.fitDispersion = -1.0; });
    add("auto nb-fit", M::Auto, [](BacktestOptions& o) { o.fitDispersion = -1.0; });
    add("auto median-of-5", M::Auto,
        [](BacktestOptions& o) { o.autoStrategy = AutoStrategy::Median; });
    add("auto aicc-weights", M::Auto,
        [](BacktestOptions& o) { o.autoStrategy = AutoStrategy::AiccWeights; });
    add("auto aicc-select", M::Auto,
        [](BacktestOptions& o) { o.autoStrategy = AutoStrategy::AiccSelect; });
    add("auto prior+linear", M::Auto, [](BacktestOptions& o) {
        o.autoStrategy = AutoStrategy::Median;
        o.autoMembers = {M::WsbPrior, M::Linear};
    });
    add("auto +point shift", M::Auto, [](BacktestOptions& o) { o.calibratePoint = true; });
    add("auto +param sd", M::Auto, [](BacktestOptions& o) { o.autoParameterUncertainty = true; });
    add("auto no pooled", M::Auto, [](BacktestOptions& o) { o.autoWithPooled = false; });
    add("auto no linear", M::Auto, [](BacktestOptions& o) { o.autoWithLinear = false; });
    add("auto no damped", M::Auto, [](BacktestOptions& o) { o.autoWithDamped = false; });
    add("auto no guard", M::Auto, [](BacktestOptions& o) { o.populationGuard = false; });
    add("auto no envelope", M::Auto, [](BacktestOptions& o) { o.memberEnvelope = false; });
    add("auto guard95", M::Auto, [](BacktestOptions& o) { o.guardBand = GuardBand::Central95; });
    add("auto stacked", M::Auto,
        [](BacktestOptions& o) { o.autoStrategy = AutoStrategy::Stacked; });
    add("auto stacked guard95", M::Auto, [](BacktestOptions& o) {
        o.autoStrategy = AutoStrategy::Stacked;
        o.guardBand = GuardBand::Central95;
    });
    add("auto one-width", M::Auto, [](BacktestOptions& o) { o.standardiseErrors = false; });
    add("wsb-prior one-width", M::WsbPrior,
        [](BacktestOptions& o) { o.standardiseErrors = false; });
    add("linear one-width", M::Linear, [](BacktestOptions& o) { o.standardiseErrors = false; });
    add("linear +point shift", M::Linear, [](BacktestOptions& o) { o.calibratePoint = true; });
    return list;
}

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const bool smoke = app.arguments().contains(QStringLiteral("--smoke"));
    const bool alternatives = app.arguments().contains(QStringLiteral("--variants"));
    if (!testing::haveReference()) {
        std::printf("bench_backtest: reference data not found at %s; skipping\n",
                    qPrintable(testing::referenceDir()));
        return 0;
    }
    const QString input = smoke ? testing::referenceFinetuneDir() + QStringLiteral("/Qwen.csv")
                                : testing::referenceFinetuneDir();
    const ImportResult loaded = importPaperCsv(input);
    if (!loaded.ok()) {
        std::fprintf(stderr, "bench_backtest: %s\n", qPrintable(loaded.error));
        return 1;
    }
    const auto& series = loaded.dataset.series;
    std::printf("Backtest on %s: %zu series, %s\n", qPrintable(QDir(input).dirName()),
                series.size(), qPrintable(QDateTime::currentDateTimeUtc().toString(Qt::ISODate)));
    std::printf("%-8s %-20s %5s %8s %8s %6s %6s %7s %6s %6s %8s\n", "cut", "method", "n", "medAPE%",
                "p90APE%", "cov80", "cov95", "w95", "out10x", "failed", "time_ms");
    const ParallelFor pool = threadPoolParallelFor();
    const std::pair<int, int> cuts[] = {{12, 6}, {6, 6}, {3, 3}};
    double totalMs = 0.0;
    for (const auto& [k, h] : cuts) {
        for (Variant v : variants(alternatives)) {
            v.options.trainMonths = k;
            v.options.horizon = h;
            const auto start = std::chrono::steady_clock::now();
            const BacktestResult r = runBacktest(series, v.options, pool);
            const double ms =
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                    .count();
            totalMs += ms;
            const BacktestSummary& s = r.summary;
            std::printf("%2d->%-4d %-20s %5d %8.1f %8.1f %6.3f %6.3f %7.1f %6d %6d %8.0f\n", k,
                        k + h, v.label.c_str(), s.n, s.medianApe, s.p90Ape, s.coverage80,
                        s.coverage95, s.medianWidth95, s.outsideTenfold, s.failed, ms);
            std::fflush(stdout);
        }
    }
    std::printf("total %.1f s on %d threads\n", totalMs / 1000.0, QThread::idealThreadCount());
    return 0;
}
