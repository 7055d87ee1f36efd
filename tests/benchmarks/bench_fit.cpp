// Fit benchmark on the real lineage in ../shared/reference: per-series time on one thread,
// accuracy against the paper method's scipy fits (m = 100), a plain Ceres autodiff baseline
// in the same process (as in Ceres' examples/curve_fitting.cc), and the all-thread speed-up.
//   bench_fit [--smoke] [--misses] [--slowest]   (--smoke: a small subset, for ctest; --misses:
//   list the series whose SSE is above scipy's x 1.001; --slowest: the 1 % slowest fits)
#include <ceres/ceres.h>
#include <glog/logging.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QThread>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <numeric>

#include "hubgrowth/core/io/csv_reader.h"
#include "hubgrowth/data/batch_fitter.h"
#include "hubgrowth/data/paper_csv_importer.h"
#include "hubgrowth/testsupport/reference_data.h"

using namespace hubgrowth;
using Clock = std::chrono::steady_clock;

namespace {

double micros(Clock::duration d) {
    return std::chrono::duration<double, std::micro>(d).count();
}

double percentile(std::vector<double> v, double q) {
    if (v.empty())
        return 0.0;
    std::sort(v.begin(), v.end());
    return v[static_cast<size_t>(q * (v.size() - 1))];
}

// The straightforward Ceres fit: one autodiff residual per month, bounds, fixed start.
struct AutoDiffResidual {
    AutoDiffResidual(double t, double y, double m) : t_(t), y_(y), m_(m) {}
    template <typename T>
    bool operator()(const T* const p, T* residual) const {
        const T z = (T(std::log(t_)) - p[1]) / p[2];
        const T cdf = T(0.5) * erfc(-z * T(M_SQRT1_2));
        residual[0] = T(m_) * (exp(p[0] * cdf) - T(1.0)) - T(y_);
        return true;
    }
    double t_, y_, m_;
};

double autodiffFit(const std::vector<double>& counts, double m) {
    double p[3] = {1.0, 1.0, 1.0};
    ceres::Problem problem;
    for (size_t t = 1; t < counts.size(); ++t) {
        problem.AddResidualBlock(new ceres::AutoDiffCostFunction<AutoDiffResidual, 1, 3>(
                                     new AutoDiffResidual(double(t), counts[t], m)),
                                 nullptr, p);
    }
    problem.SetParameterLowerBound(p, 0, 1e-9);
    problem.SetParameterLowerBound(p, 2, 1e-9);
    ceres::Solver::Options options;
    options.linear_solver_type = ceres::DENSE_QR;
    options.logging_type = ceres::SILENT;
    ceres::Solver::Summary summary;
    ceres::Solve(options, &problem, &summary);
    return 2.0 * summary.final_cost;
}

std::map<std::string, double> readScipySse(const QString& path) {
    std::map<std::string, double> sse;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return sse;
    const CsvDocument doc = parseCsv(file.readAll().toStdString());
    for (size_t i = 1; i < doc.records.size(); ++i) {
        const auto& f = doc.records[i].fields;
        if (f.size() >= 8 && !f[7].empty())
            sse[f[0]] = std::stod(f[7]);
    }
    return sse;
}

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    // The autodiff baseline's failed trial steps would otherwise log to stderr.
    google::InitGoogleLogging(argv[0]);
    FLAGS_minloglevel = google::GLOG_ERROR;
    const bool smoke = app.arguments().contains(QStringLiteral("--smoke"));
    const bool listMisses = app.arguments().contains(QStringLiteral("--misses"));
    const bool listSlowest = app.arguments().contains(QStringLiteral("--slowest"));
    if (!testing::haveReference()) {
        std::printf("bench_fit: reference data not found at %s; skipping\n",
                    qPrintable(testing::referenceDir()));
        return 0;
    }
    const ImportResult loaded = importPaperCsv(testing::referenceFinetuneDir());
    if (!loaded.ok()) {
        std::fprintf(stderr, "bench_fit: %s\n", qPrintable(loaded.error));
        return 1;
    }
    std::vector<ModelSeries> series;
    for (const auto& s : loaded.dataset.series) {
        if (s.observedMonths() >= 3)
            series.push_back(s);
    }
    if (smoke)
        series.resize(std::min<size_t>(series.size(), 150));
    const auto scipy = readScipySse(testing::referenceDir() + "/paper-method-fits-m100.csv");

    FitOptions options;
    options.m = 100.0;
    const int repeats = smoke ? 1 : 5;
    // One cold pass over all series (what a batch pays), then the best of `repeats` per series
    // (the fit's own cost, without the scheduler's noise on a shared machine).
    std::vector<double> singlePass;
    std::vector<FitResult> results(series.size());
    for (size_t i = 0; i < series.size(); ++i) {
        const auto t0 = Clock::now();
        results[i] = fitWsb(series[i].counts, options);
        singlePass.push_back(micros(Clock::now() - t0));
    }
    std::vector<double> times;
    for (size_t i = 0; i < series.size(); ++i) {
        double best = singlePass[i];
        for (int r = 1; r < repeats; ++r) {
            const auto t0 = Clock::now();
            results[i] = fitWsb(series[i].counts, options);
            best = std::min(best, micros(Clock::now() - t0));
        }
        times.push_back(best);
    }
    if (listSlowest) {
        std::vector<size_t> order(series.size());
        std::iota(order.begin(), order.end(), size_t{0});
        std::sort(order.begin(), order.end(),
                  [&](size_t a, size_t b) { return times[a] > times[b]; });
        order.resize(std::max<size_t>(1, series.size() / 100));
        for (const size_t i : order) {
            std::printf("  slow: %s n=%d %.1f us, %d iterations (%s), lambda %.4g\n",
                        series[i].id.c_str(), results[i].observedMonths, times[i],
                        results[i].iterations, fitOutcomeName(results[i].outcome),
                        results[i].params.lambda);
        }
    }
    int atCap = 0;
    long totalIterations = 0;
    for (const FitResult& r : results) {
        if (r.outcome == FitOutcome::MaxIterations)
            ++atCap;
        totalIterations += r.iterations;
    }
    int finiteCount = 0, compared = 0, scipyFailed = 0, notWorse = 0, notWorseWithFloor = 0;
    double ourTotal = 0, scipyTotal = 0;
    for (size_t i = 0; i < series.size(); ++i) {
        const FitResult& r = results[i];
        if (std::isfinite(r.params.lambda) && std::isfinite(r.params.mu) &&
            std::isfinite(r.params.sigma)) {
            ++finiteCount;
        }
        const auto it = scipy.find(series[i].id);
        if (it == scipy.end())
            continue;
        if (!std::isfinite(it->second)) {  // scipy's fit overflowed on this series
            ++scipyFailed;
            continue;
        }
        ++compared;
        ourTotal += r.sse;
        scipyTotal += it->second;
        if (r.sse <= it->second * 1.001) {
            ++notWorse;
        } else if (listMisses) {
            std::printf("  miss: %s n=%d ours %.10g scipy %.10g (%s, %d iterations)\n",
                        series[i].id.c_str(), r.observedMonths, r.sse, it->second,
                        fitOutcomeName(r.outcome), r.iterations);
        }
        if (r.sse <= it->second * 1.001 + 1e-9)
            ++notWorseWithFloor;
    }
    const double total = std::accumulate(times.begin(), times.end(), 0.0);

    // Baseline in the same process: a plain autodiff Ceres fit of the same series.
    std::vector<double> baseline;
    const size_t baselineCount = smoke ? std::min<size_t>(series.size(), 50) : series.size();
    for (size_t i = 0; i < baselineCount; ++i) {
        const auto t0 = Clock::now();
        autodiffFit(series[i].counts, options.m);
        baseline.push_back(micros(Clock::now() - t0));
    }
    const double baselineMean =
        std::accumulate(baseline.begin(), baseline.end(), 0.0) / baseline.size();
    double oursOnBaselineSet = 0;
    for (size_t i = 0; i < baselineCount; ++i)
        oursOnBaselineSet += times[i];
    oursOnBaselineSet /= baselineCount;

    // All threads through the batch runner.
    auto timeBatch = [&](int threads) {
        BatchOptions batch;
        batch.fit = options;
        batch.threads = threads;
        double best = 1e300;
        for (int r = 0; r < repeats; ++r) {
            const auto t0 = Clock::now();
            fitBatch(series, batch);
            best = std::min(best, micros(Clock::now() - t0));
        }
        return best;
    };
    const int cores = QThread::idealThreadCount();
    const double oneThread = timeBatch(1);
    const double allThreads = timeBatch(cores);

    std::printf("bench_fit%s: %zu series with >= 3 months (m = 100)\n", smoke ? " (smoke)" : "",
                series.size());
    std::printf(
        "  per-series fit, 1 thread, best of %d: median %.2f us, mean %.2f us, p90 %.2f us, p99 "
        "%.1f us, "
        "max %.1f us\n",
        repeats, percentile(times, 0.5), total / times.size(), percentile(times, 0.9),
        percentile(times, 0.99), percentile(times, 1.0));
    std::printf("  per-series fit, 1 thread, one cold pass: mean %.2f us, p99 %.1f us\n",
                std::accumulate(singlePass.begin(), singlePass.end(), 0.0) / singlePass.size(),
                percentile(singlePass, 0.99));
    std::printf("  stopped at the iteration cap: %d / %zu (%.2f %%); iterations: %.1f per series\n",
                atCap, series.size(), 100.0 * atCap / std::max<size_t>(series.size(), 1),
                double(totalIterations) / std::max<size_t>(series.size(), 1));
    std::printf("  finite parameters: %d / %zu\n", finiteCount, series.size());
    std::printf(
        "  SSE <= scipy SSE x 1.001: %d / %d (%.2f %%); allowing 1e-9 absolute: %d / %d (%.2f "
        "%%)\n",
        notWorse, compared, 100.0 * notWorse / std::max(compared, 1), notWorseWithFloor, compared,
        100.0 * notWorseWithFloor / std::max(compared, 1));
    std::printf("  series where scipy's SSE is not finite (left out above): %d\n", scipyFailed);
    std::printf("  total SSE: ours %.6g, scipy %.6g (ratio %.4f)\n", ourTotal, scipyTotal,
                ourTotal / std::max(scipyTotal, 1e-300));
    std::printf(
        "  plain Ceres autodiff baseline on %zu series: mean %.1f us vs ours %.2f us (%.0fx "
        "faster)\n",
        baselineCount, baselineMean, oursOnBaselineSet,
        baselineMean / std::max(oursOnBaselineSet, 1e-9));
    std::printf("  batch: 1 thread %.1f ms, %d threads %.1f ms (speed-up %.2fx)\n",
                oneThread / 1000.0, cores, allThreads / 1000.0,
                oneThread / std::max(allThreads, 1e-9));
    return 0;
}
