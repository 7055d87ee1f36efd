// Prediction intervals: conformal calibration and coverage on simulated series near nominal.
#include <QtTest>
#include <cmath>

#include "hubgrowth/core/forecast/backtest.h"
#include "hubgrowth/core/forecast/interval_calibration.h"
#include "hubgrowth/testsupport/forecast_test_data.h"

using namespace hubgrowth;

class TestForecastIntervals : public QObject {
    Q_OBJECT
  private slots:
    void calibrationLearnsTheErrorQuantiles() {
        // log errors of the increment ~ N(0.3, 0.5^2) with logSd 0.5: z ~ N(0, 1) after the shift.
        std::mt19937 rng(2);
        std::normal_distribution<double> normal(0.3, 0.5);
        std::vector<std::vector<CalibrationSample>> samples(1);
        for (int i = 0; i < 4000; ++i) {
            const double predicted = 100.0 + 50.0;
            const double actual = 100.0 + std::expm1(std::log1p(50.0) + normal(rng));
            samples[0].push_back({100.0, predicted, actual, 0.5});
        }
        const IntervalCalibration c = IntervalCalibration::fromSamples(samples);
        const HorizonCalibration h = c.at(1);
        QCOMPARE(h.samples, 4000);
        QVERIFY(std::fabs(h.shift - 0.3) < 0.03);
        QVERIFY(std::fabs(h.z[1] - (0.6 - 1.2816)) <
                0.08);  // z around the raw point: 0.3 / 0.5 + N(0, 1)
        QVERIFY(std::fabs(h.z[3] - (0.6 + 1.96)) < 0.12);
        // A longer horizon without samples falls back to the nearest calibrated one.
        QCOMPARE(c.samples(5), 0);
        QCOMPARE(c.at(5).samples, 4000);
        QCOMPARE(IntervalCalibration::fromSamples({samples[0], {}}).at(2).samples, 4000);
    }

    void uncalibratedIntervalsAreNormalAndNeverBelowTheLastCount() {
        const PredictionInterval i = predictionInterval(100.0, 150.0, 0.4, HorizonCalibration{});
        QVERIFY(std::fabs(i.median - 150.0) < 1e-9);
        QVERIFY(i.lo95 < i.lo80 && i.lo80 < i.median && i.median < i.hi80 && i.hi80 < i.hi95);
        QVERIFY(i.lo95 >= 100.0);
        QVERIFY(std::fabs(std::log1p(i.hi80 - 100.0) - std::log1p(50.0) - 1.2816 * 0.4) < 1e-3);
    }

    // The population guard keeps a point inside the reference's calibrated band: the 80 % band
    // by default, the 95 % one on request; uncalibrated, it leaves the point alone.
    void guardClampsToTheReferenceBand() {
        HorizonCalibration hc;
        hc.standardised = false;
        hc.samples = IntervalCalibration::kMinSamples;
        hc.z = {-2.0, -1.0, 1.0, 2.0};
        const double reference = 100.0 + std::expm1(3.0);  // increment e^3 - 1 over 100
        auto near = [](double a, double b) { return std::fabs(a - b) < 1e-9 * std::max(1.0, b); };
        QVERIFY(near(clampToReference(100.0, 1e6, reference, hc), 100.0 + std::expm1(4.0)));
        QVERIFY(near(clampToReference(100.0, 1e6, reference, hc, GuardBand::Central95),
                     100.0 + std::expm1(5.0)));
        QVERIFY(near(clampToReference(100.0, 100.0, reference, hc), 100.0 + std::expm1(2.0)));
        QCOMPARE(clampToReference(100.0, 120.0, reference, hc), 120.0);  // inside: untouched
        hc.samples = IntervalCalibration::kMinSamples - 1;
        QCOMPARE(clampToReference(100.0, 1e6, reference, hc), 1e6);
    }

    // Simulated negative-binomial series: the cross-fitted backtest's intervals cover close to
    // their nominal level.
    void autoBandStaysInsideItsMembersEnvelope() {
        // auto's band far wider than any member's: each edge comes back to the farthest member's.
        const auto interval = [](double lo95, double lo80, double hi80, double hi95) {
            PredictionInterval i;
            i.lo95 = lo95;
            i.lo80 = lo80;
            i.hi80 = hi80;
            i.hi95 = hi95;
            return i;
        };
        const PredictionInterval band = interval(100, 150, 5e6, 5e7);
        const PredictionInterval a = interval(180, 190, 230, 260);
        const PredictionInterval b = interval(170, 200, 400, 900);
        PredictionInterval limited = limitToMemberEnvelope(band, {a, b}, 210);
        QCOMPARE(limited.lo95, 170.0);  // the members' lowest lo95 is above auto's: narrowed
        QCOMPARE(limited.lo80, 190.0);
        QCOMPARE(limited.hi80, 400.0);
        QCOMPARE(limited.hi95, 900.0);
        // A band already inside the envelope is left alone; no members: nothing changes.
        const PredictionInterval inside = interval(175, 195, 300, 500);
        limited = limitToMemberEnvelope(inside, {a, b}, 210);
        QCOMPARE(limited.lo95, 175.0);
        QCOMPARE(limited.hi95, 500.0);
        limited = limitToMemberEnvelope(band, {}, 210);
        QCOMPARE(limited.hi95, 5e7);
        // The point stays inside even when the members' bands all lie to one side of it.
        limited = limitToMemberEnvelope(band, {a}, 300);
        QCOMPARE(limited.hi80, 300.0);
        QVERIFY(limited.hi95 >= limited.hi80);
        QVERIFY(limited.lo95 <= limited.lo80 && limited.lo80 <= 300.0);
    }

    void coverageOnSimulatedSeriesIsNearNominal_data() {
        QTest::addColumn<int>("method");
        QTest::newRow("wsb-prior") << int(ForecastMethod::WsbPrior);
        QTest::newRow("linear") << int(ForecastMethod::Linear);
        QTest::newRow("auto") << int(ForecastMethod::Auto);
    }
    void coverageOnSimulatedSeriesIsNearNominal() {
        QFETCH(int, method);
        const auto population =
            testing::simulatePopulation(800, 20, {2.0, 2.0, -0.1}, 0.3, 0.1, 42);
        BacktestOptions options;
        options.trainMonths = 8;
        options.horizon = 6;
        options.method = ForecastMethod(method);
        const BacktestResult r = runBacktest(population, options);
        QVERIFY(r.summary.n > 300);
        QVERIFY2(r.summary.coverage80 > 0.74 && r.summary.coverage80 < 0.86,
                 qPrintable(QString::number(r.summary.coverage80)));
        QVERIFY2(r.summary.coverage95 > 0.91 && r.summary.coverage95 < 0.99,
                 qPrintable(QString::number(r.summary.coverage95)));
        for (const BacktestRow& row : r.rows) {
            QVERIFY(row.interval.lo95 <= row.interval.lo80 &&
                    row.interval.lo80 <= row.interval.hi80 &&
                    row.interval.hi80 <= row.interval.hi95);
            QVERIFY(row.interval.lo95 >= row.lastObserved);
        }
    }
};

QTEST_APPLESS_MAIN(TestForecastIntervals)
#include "test_forecast_intervals.moc"
