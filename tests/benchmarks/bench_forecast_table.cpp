// The table's forecast column: every series of a dataset forecast 12 months ahead with `auto`
// (and the other methods with --methods), as the workbench's Forecast column computes it.
// Forecaster::forecastMany (series of one age share one calibration) against the baseline of
// one Forecaster::forecast per series (what the column did before), in the same process: the
// baseline runs on every k-th series and is scaled to all of them (printed as such). Both give
// the same numbers (tests/core/test_forecast_many).
//   bench_forecast_table [--smoke] [--methods] [--baseline-step K]
//   default: the reference lineage in ../shared/reference (skips when absent); --smoke: a
//   120-model synthetic demo dataset (for ctest).
#include <QCoreApplication>
#include <QStringList>
#include <chrono>
#include <cstdio>

#include "hubgrowth/core/demo/demo_generator.h"
#include "hubgrowth/data/forecast_batch_job.h"
#include "hubgrowth/data/paper_csv_importer.h"
#include "hubgrowth/data/population_forecaster.h"
#include "hubgrowth/testsupport/reference_data.h"

using namespace hubgrowth;
using Clock = std::chrono::steady_clock;

namespace {

double seconds(Clock::duration d) {
    return std::chrono::duration<double>(d).count();
}

void benchMethod(const Forecaster& forecaster, const std::vector<ModelSeries>& series,
                 ForecastMethod method, int baselineStep) {
    std::vector<ForecastTarget> targets;
    for (const ModelSeries& s : series)
        targets.push_back({&s, method});
    const auto t0 = Clock::now();
    const std::vector<SeriesForecast> many = forecaster.forecastMany(targets, 12);
    const double batch = seconds(Clock::now() - t0);
    int ok = 0;
    for (const SeriesForecast& f : many)
        ok += f.ok ? 1 : 0;

    int sampled = 0, differ = 0;
    const auto t1 = Clock::now();
    for (size_t i = 0; i < series.size(); i += size_t(baselineStep)) {
        const SeriesForecast one = forecaster.forecast(series[i], method, 12);
        ++sampled;
        const double a = forecastAt(one, 12), b = forecastAt(many[i], 12);
        differ += (one.ok != many[i].ok || (one.ok && a != b)) ? 1 : 0;
    }
    const double baseline = seconds(Clock::now() - t1) * double(series.size()) / sampled;
    std::printf(
        "%-9s %6zu series  forecastMany %7.2f s  one by one %8.1f s (%d sampled, "
        "scaled)  ratio %6.1fx  ok %d  differing %d\n",
        methodName(method), series.size(), batch, baseline, sampled,
        baseline / std::max(batch, 1e-9), ok, differ);
}

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const bool smoke = args.contains(QStringLiteral("--smoke"));
    const int stepAt = args.indexOf(QStringLiteral("--baseline-step"));
    int step = stepAt > 0 ? args.value(stepAt + 1).toInt() : (smoke ? 4 : 25);
    step = std::max(1, step);
    std::vector<ModelSeries> series;
    if (smoke) {
        DemoOptions options;
        options.baseModels = 120;
        series = generateDemoDataset(options).series;
    } else {
        if (!testing::haveReference()) {
            std::printf("bench_forecast_table: reference data not found at %s; skipping\n",
                        qPrintable(testing::referenceDir()));
            return 0;
        }
        const ImportResult loaded = importPaperCsv(testing::referenceFinetuneDir());
        if (!loaded.ok()) {
            std::fprintf(stderr, "bench_forecast_table: %s\n", qPrintable(loaded.error));
            return 1;
        }
        series = loaded.dataset.series;
    }
    const auto t0 = Clock::now();
    const Forecaster forecaster(series, populationForecasterOptions(100.0));
    std::printf("bench_forecast_table (%s): %zu series, population learnt in %.2f s\n",
                smoke ? "smoke" : "reference", series.size(), seconds(Clock::now() - t0));
    benchMethod(forecaster, series, ForecastMethod::Auto, step);
    if (args.contains(QStringLiteral("--methods"))) {
        for (ForecastMethod method : kAllMethods) {
            if (method != ForecastMethod::Auto)
                benchMethod(forecaster, series, method, step);
        }
    }
    return 0;
}
