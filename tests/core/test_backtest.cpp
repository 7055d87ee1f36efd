// The backtest's eligibility rule, cross-fitting folds, metrics, and the Forecaster path API.
#include <QtTest>
#include <cmath>
#include <numeric>
#include <random>

#include "hubgrowth/core/forecast/backtest.h"
#include "hubgrowth/core/forecast/forecaster.h"
#include "hubgrowth/testsupport/forecast_test_data.h"

using namespace hubgrowth;

namespace {
ModelSeries series(std::vector<double> counts, const std::string& id = "x/y") {
    ModelSeries s;
    s.id = id;
    s.org = "X";
    s.counts = std::move(counts);
    return s;
}
}  // namespace

class TestBacktest : public QObject {
    Q_OBJECT
  private slots:
    void eligibilityNeedsKPlusHPlusOneMonthsAndTenAtTheCut() {
        QVERIFY(isBacktestEligible(series({0, 4, 8, 10, 13, 15}), 3, 2));
        QVERIFY(!isBacktestEligible(series({0, 4, 8, 10, 13}), 3, 2));     // only K+H months
        QVERIFY(!isBacktestEligible(series({0, 4, 8, 9, 30, 40}), 3, 2));  // 9 < 10 at month K
        QVERIFY(isBacktestEligible(series({0, 4, 8, 9, 30, 40}), 3, 2, 5.0));
        QVERIFY(!isBacktestEligible(series({0, 4, 8, 10, 13, 15}), 0, 2));
    }

    void foldsAreStableAndBalanced() {
        QCOMPARE(crossFitFold("meta-llama/Llama-2-7b"), crossFitFold("meta-llama/Llama-2-7b"));
        int ones = 0;
        for (int i = 0; i < 1000; ++i)
            ones += crossFitFold("org/model-" + std::to_string(i));
        QVERIFY(ones > 400 && ones < 600);
    }

    void summaryComputesTheMetrics() {
        std::vector<BacktestRow> rows(4);
        const double predicted[] = {110, 80, 100, 5000};
        for (size_t i = 0; i < 4; ++i) {
            rows[i].actual = 100.0;
            rows[i].predicted = predicted[i];
            rows[i].ok = true;
            rows[i].interval = {0, 90, 120, 50, 200};
        }
        const BacktestSummary s = summarise(rows);
        QCOMPARE(s.n, 4);
        QCOMPARE(s.medianApe, 15.0);  // APEs 10, 20, 0, 4900 -> median of 10 and 20
        QCOMPARE(s.coverage80, 1.0);
        QCOMPARE(s.coverage95, 1.0);
        QCOMPARE(s.outsideTenfold, 1);
    }

    void backtestOnSimulatedSeriesIsFiniteForEveryMethod() {
        const auto population = testing::simulatePopulation(120, 14, {1.2, 1.5, 0.0}, 0.2, 0.05, 8);
        int eligible = 0;
        for (const auto& s : population)
            eligible += isBacktestEligible(s, 6, 6) ? 1 : 0;
        for (ForecastMethod method : kAllMethods) {
            BacktestOptions options;
            options.trainMonths = 6;
            options.horizon = 6;
            options.method = method;
            const BacktestResult r = runBacktest(population, options);
            QCOMPARE(r.summary.n, eligible);
            for (const BacktestRow& row : r.rows) {
                QVERIFY(std::isfinite(row.predicted) && std::isfinite(row.interval.hi95));
                QCOMPARE(row.actual, population[row.seriesIndex].counts[12]);
            }
            // The paper's unanchored fit drifts off the last count; the others continue from it.
            QVERIFY2(r.summary.medianApe < 100.0, methodName(method));
            // The generating family with the population prior forecasts these series well.
            if (method == ForecastMethod::WsbPrior)
                QVERIFY(r.summary.medianApe < 20.0);
        }
    }

    void forecasterGivesThePathWithIntervalsAndFlags() {
        auto population = testing::simulatePopulation(150, 20, {1.8, 1.8, -0.2}, 0.3, 0.1, 9);
        const Forecaster forecaster(population);
        ModelSeries young = population[0];
        young.counts.resize(8);
        const SeriesForecast f = forecaster.forecast(young, ForecastMethod::Auto, 6);
        QVERIFY2(f.ok, f.error.c_str());
        QCOMPARE(int(f.path.size()), 8 + 6);
        QVERIFY(f.calibrationSeries > 20);
        for (int k = 0; k < 8; ++k) {
            QCOMPARE(f.path[size_t(k)].actual, young.counts[size_t(k)]);
            QVERIFY(std::isnan(f.path[size_t(k)].lo80));
        }
        for (int k = 8; k < 14; ++k) {
            const ForecastPoint& p = f.path[size_t(k)];
            QVERIFY(std::isnan(p.actual));
            QVERIFY(p.lo95 <= p.lo80 && p.lo80 <= p.fitted && p.fitted <= p.hi80 &&
                    p.hi80 <= p.hi95);
            QVERIFY(p.lo95 >= young.counts.back());
        }
        // Bands widen with the horizon.
        QVERIFY(f.path[13].hi95 - f.path[13].lo95 >= f.path[8].hi95 - f.path[8].lo95);

        const SeriesForecast tooShort =
            forecaster.forecast(series({0, 1}), ForecastMethod::Auto, 6);
        QVERIFY(!tooShort.ok);
        QVERIFY(!tooShort.error.empty());
        const SeriesForecast withNan =
            forecaster.forecast(series({0, 1, std::nan(""), 3}), ForecastMethod::Bass, 6);
        QVERIFY(!withNan.ok);
    }

    // Too few series reach the oldest series' last forecast month from its age: its donors are
    // cut at the latest month where 20 of them (10 or more there) do, so its bands and auto's
    // guard stay calibrated; a younger series keeps donors cut at its own age.
    void theOldestSeriesAreCalibratedOnDonorsCutEarlier() {
        auto population = testing::simulatePopulation(150, 30, {1.8, 1.8, -0.2}, 0.3, 0.1, 13);
        for (size_t i = 0; i < population.size(); ++i)
            population[i].counts.resize(8 + i % 23);  // 8 to 30 months
        const int horizon = 6;
        auto reaching = [&](int at) {
            int n = 0;
            for (const ModelSeries& s : population)
                n += s.observedMonths() >= at + horizon + 1 && s.counts[size_t(at)] >= 10.0;
            return n;
        };
        const Forecaster forecaster(population);
        const ModelSeries& oldest = population[22];
        QCOMPARE(oldest.observedMonths(), 30);
        int expected = oldest.observedMonths() - 1;
        while (expected > 0 && reaching(expected) < IntervalCalibration::kMinSamples)
            --expected;
        QVERIFY(expected < oldest.observedMonths() - 1);
        QCOMPARE(reaching(oldest.observedMonths() - 1), 0);
        for (ForecastMethod method : {ForecastMethod::Auto, ForecastMethod::Linear}) {
            const SeriesForecast f = forecaster.forecast(oldest, method, horizon);
            QVERIFY2(f.ok, f.error.c_str());
            QCOMPARE(f.calibrationCut, expected);
            QVERIFY(f.calibrationSeries >= IntervalCalibration::kMinSamples);
            QVERIFY(std::isfinite(f.path.back().hi95));
        }
        const ModelSeries& younger = population[4];  // 12 months
        QVERIFY(reaching(younger.observedMonths() - 1) >= IntervalCalibration::kMinSamples);
        const SeriesForecast f = forecaster.forecast(younger, ForecastMethod::Auto, horizon);
        QVERIFY2(f.ok, f.error.c_str());
        QCOMPARE(f.calibrationCut, younger.observedMonths() - 1);
        QVERIFY(f.calibrationSeries >= IntervalCalibration::kMinSamples);
    }

    // Cumulative counts never fall, so no forecast path, band edge or point, may fall either,
    // whatever the method and however noisy the calibration of each horizon.
    void forecastPathsNeverFall() {
        auto population = testing::simulatePopulation(120, 24, {1.8, 1.8, -0.2}, 0.6, 0.4, 21);
        const Forecaster forecaster(population);
        for (ForecastMethod method : {ForecastMethod::Auto, ForecastMethod::WsbPrior,
                                      ForecastMethod::Linear, ForecastMethod::Bass}) {
            for (size_t i = 0; i < population.size(); i += 7) {
                ModelSeries young = population[i];
                young.counts.resize(6);
                const SeriesForecast f = forecaster.forecast(young, method, 18);
                if (!f.ok)
                    continue;
                for (size_t k = 7; k < f.path.size(); ++k) {
                    const ForecastPoint& a = f.path[k - 1];
                    const ForecastPoint& b = f.path[k];
                    QVERIFY2(
                        b.fitted >= a.fitted && b.lo80 >= a.lo80 && b.hi80 >= a.hi80 &&
                            b.lo95 >= a.lo95 && b.hi95 >= a.hi95,
                        qPrintable(QStringLiteral("%1 month %2").arg(methodName(method)).arg(k)));
                }
            }
        }
    }

    // Series that always add 1.5x their recent 3-month rate: the pooled trend learns the rule
    // from the others and applies it to a new one.
    void pooledTrendLearnsThePopulationRule() {
        std::mt19937 rng(4);
        std::uniform_real_distribution<double> rate(2.0, 200.0);
        std::vector<ModelSeries> population;
        for (int i = 0; i < 60; ++i) {
            const double r = rate(rng);
            std::vector<double> c{0.0};
            for (int t = 1; t <= 6; ++t)
                c.push_back(c.back() + r);
            for (int h = 1; h <= 4; ++h)
                c.push_back(c[6] + 1.5 * r * h);
            population.push_back(series(c, "p/" + std::to_string(i)));
        }
        std::vector<size_t> donors(population.size() - 1);
        std::iota(donors.begin(), donors.end(), size_t(1));
        const PooledTrend trend = learnPooledTrend(population, donors, 6, 4);
        QVERIFY(trend.has(4));
        QVERIFY(!trend.has(5));
        ForecastContext context;
        context.pooled = &trend;
        const auto& target = population[0].counts;
        const MethodForecast f =
            forecastMethod(ForecastMethod::Pooled, target.data(), 7, 4, context);
        QVERIFY(f.ok);
        for (int h = 1; h <= 4; ++h) {
            QVERIFY2(std::fabs(f.future[size_t(h - 1)] / target[size_t(6 + h)] - 1.0) < 0.02,
                     qPrintable(QString::number(f.future[size_t(h - 1)])));
        }
        // Learned at another age, or without enough series: no forecast.
        QVERIFY(!forecastMethod(ForecastMethod::Pooled, target.data(), 6, 4, context).ok);
        const PooledTrend few = learnPooledTrend(population, {1, 2, 3}, 6, 4);
        context.pooled = &few;
        QVERIFY(!forecastMethod(ForecastMethod::Pooled, target.data(), 7, 4, context).ok);
    }

    // Increments fell from 8 to 4 a month over the last 6 months: the damped trend continues at
    // 4 a month decaying by phi = 0.5^(1/3) each month; a series that sped up is extended
    // linearly, never faster; fewer than 7 months cannot show a change and give no forecast.
    void dampedTrendDecaysAtTheObservedRate() {
        ForecastContext context;
        const std::vector<double> slowing{0, 8, 16, 24, 28, 32, 36};
        const MethodForecast f =
            forecastMethod(ForecastMethod::Damped, slowing.data(), 7, 6, context);
        QVERIFY(f.ok);
        const double phi = std::cbrt(0.5);
        double months = 0.0;
        for (int h = 1; h <= 6; ++h) {
            months += std::pow(phi, h);
            QVERIFY(std::fabs(f.future[size_t(h - 1)] - (36.0 + 4.0 * months)) < 1e-9);
            QVERIFY(f.logSd[size_t(h - 1)] > 0.0);
        }
        QVERIFY(f.future.back() < 36.0 + 4.0 * 6);  // below the linear trend

        const std::vector<double> faster{0, 2, 4, 6, 16, 26, 36};
        const MethodForecast g =
            forecastMethod(ForecastMethod::Damped, faster.data(), 7, 3, context);
        const MethodForecast linear =
            forecastMethod(ForecastMethod::Linear, faster.data(), 7, 3, context);
        QVERIFY(g.ok);
        for (size_t h = 0; h < 3; ++h)
            QCOMPARE(g.future[h], linear.future[h]);

        QVERIFY(!forecastMethod(ForecastMethod::Damped, slowing.data(), 6, 3, context).ok);
        // auto lets it vote only when it can see a change of rate.
        context.autoStrategy = AutoStrategy::MedianBestRival;
        const MethodForecast withDamped =
            forecastMethod(ForecastMethod::Auto, slowing.data(), 7, 3, context);
        const MethodForecast young =
            forecastMethod(ForecastMethod::Auto, slowing.data(), 6, 3, context);
        QVERIFY(withDamped.detail.find("damped") != std::string::npos);
        QVERIFY(young.ok);
        QVERIFY(young.detail.find("damped") == std::string::npos);
    }

    void methodNamesRoundTrip() {
        for (ForecastMethod method : kAllMethods)
            QCOMPARE(parseMethod(methodName(method)), std::optional(method));
        QVERIFY(!parseMethod("prophet"));
    }
};

QTEST_APPLESS_MAIN(TestBacktest)
#include "test_backtest.moc"
