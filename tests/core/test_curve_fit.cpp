// Rival growth curves fitted by the negative-binomial increment likelihood: parameter recovery
// on synthetic data with known parameters, AICc, and the likelihood itself.
#include <QtTest>
#include <cmath>

#include "hubgrowth/core/forecast/curve_fit.h"
#include "hubgrowth/testsupport/forecast_test_data.h"

using namespace hubgrowth;

namespace {
double relativeError(double a, double b) {
    return std::fabs(a - b) / std::fabs(b);
}
}  // namespace

class TestCurveFit : public QObject {
    Q_OBJECT
  private slots:
    void curvesStartAtZeroAndGrow_data() {
        QTest::addColumn<int>("kind");
        QTest::newRow("wsb") << int(CurveKind::Wsb);
        QTest::newRow("bass") << int(CurveKind::Bass);
        QTest::newRow("gompertz") << int(CurveKind::Gompertz);
        QTest::newRow("logistic") << int(CurveKind::Logistic);
    }
    void curvesStartAtZeroAndGrow() {
        QFETCH(int, kind);
        const std::array<double, 3> x{std::log(500.0), std::log(0.3), std::log(0.2)};
        const std::array<double, 3> xw{1.5, 2.0, 0.0};
        const auto& p = kind == int(CurveKind::Wsb) ? xw : x;
        QCOMPARE(curveValue(CurveKind(kind), p.data(), 0.0, 100.0), 0.0);
        double previous = 0.0;
        for (int t = 1; t < 40; ++t) {
            const double v = curveValue(CurveKind(kind), p.data(), t, 100.0);
            QVERIFY(v >= previous);
            previous = v;
        }
    }

    // Noise-free data from known parameters: the fit recovers them.
    void recoversKnownParameters_data() {
        QTest::addColumn<int>("kind");
        QTest::addColumn<double>("a");
        QTest::addColumn<double>("b");
        QTest::addColumn<double>("c");
        QTest::newRow("wsb") << int(CurveKind::Wsb) << std::log(3.0) << 1.8 << std::log(0.7);
        QTest::newRow("bass") << int(CurveKind::Bass) << std::log(800.0) << std::log(0.01)
                              << std::log(0.35);
        QTest::newRow("gompertz") << int(CurveKind::Gompertz) << std::log(600.0) << std::log(4.0)
                                  << std::log(0.2);
        QTest::newRow("logistic") << int(CurveKind::Logistic) << std::log(400.0) << std::log(0.4)
                                  << 9.0;
    }
    void recoversKnownParameters() {
        QFETCH(int, kind);
        QFETCH(double, a);
        QFETCH(double, b);
        QFETCH(double, c);
        std::mt19937 rng(1);
        const std::array<double, 3> truth{a, b, c};
        const auto counts = testing::simulateCounts(CurveKind(kind), truth, 25, 0.0, rng);
        const CurveFit fit = fitCurve(CurveKind(kind), counts.data(), 25, {});
        QVERIFY(fit.ok);
        for (size_t j = 0; j < 3; ++j) {
            QVERIFY2(
                std::fabs(fit.x[j] - truth[j]) < 1e-3 * std::max(1.0, std::fabs(truth[j])),
                qPrintable(
                    QStringLiteral("x[%1] = %2, truth %3").arg(j).arg(fit.x[j]).arg(truth[j])));
        }
        QVERIFY(fit.r2 > 0.999999);
        QVERIFY(fit.covarianceValid);
    }

    // With negative-binomial noise the fitted curve still tracks the truth and its forecast.
    void fitsNoisyDataCloseToTheTruth_data() { recoversKnownParameters_data(); }
    void fitsNoisyDataCloseToTheTruth() {
        QFETCH(int, kind);
        QFETCH(double, a);
        QFETCH(double, b);
        QFETCH(double, c);
        const std::array<double, 3> truth{a, b, c};
        std::mt19937 rng(7);
        int good = 0;
        const int trials = 20;
        for (int trial = 0; trial < trials; ++trial) {
            const auto counts = testing::simulateCounts(CurveKind(kind), truth, 20, 0.05, rng);
            CurveFitOptions options;
            options.dispersion = 0.05;
            const CurveFit fit = fitCurve(CurveKind(kind), counts.data(), 20, options);
            QVERIFY(fit.ok);
            const double future = fit.value(24);
            const double real = curveValue(CurveKind(kind), truth.data(), 24, 100.0);
            if (relativeError(future, real) < 0.15)
                ++good;
        }
        QVERIFY2(good >= trials * 8 / 10, qPrintable(QString::number(good)));
    }

    void rejectsUnusableSeries() {
        const std::vector<double> shortSeries{0, 1};
        QVERIFY(!fitCurve(CurveKind::Bass, shortSeries.data(), 2, {}).ok);
        const std::vector<double> zeros{0, 0, 0, 0, 0};
        QVERIFY(!fitCurve(CurveKind::Gompertz, zeros.data(), 5, {}).ok);
        const std::vector<double> nan{0, 1, std::nan(""), 4};
        QVERIFY(!fitCurve(CurveKind::Wsb, nan.data(), 4, {}).ok);
    }

    void aiccMatchesItsDefinition() {
        // AICc = 2k - 2 lnL + 2k(k+1)/(n-k-1)
        QCOMPARE(aicc(-10.0, 3, 10), 6.0 + 20.0 + 24.0 / 6.0);
        QVERIFY(std::isinf(aicc(-10.0, 3, 4)));
        // Fewer parameters win when the likelihood is equal.
        QVERIFY(aicc(-10.0, 2, 12) < aicc(-10.0, 3, 12));
    }

    void aiccPrefersTheGeneratingCurve() {
        std::mt19937 rng(3);
        const std::array<double, 3> truth{std::log(900.0), std::log(0.005), std::log(0.45)};
        int wins = 0;
        for (int trial = 0; trial < 10; ++trial) {
            const auto counts = testing::simulateCounts(CurveKind::Bass, truth, 30, 0.02, rng);
            CurveFitOptions options;
            options.dispersion = 0.02;
            const CurveFit bass = fitCurve(CurveKind::Bass, counts.data(), 30, options);
            const CurveFit gompertz = fitCurve(CurveKind::Gompertz, counts.data(), 30, options);
            QVERIFY(std::isfinite(bass.aicc) && std::isfinite(gompertz.aicc));
            if (bass.aicc < gompertz.aicc)
                ++wins;
        }
        QVERIFY2(wins >= 7, qPrintable(QString::number(wins)));
    }

    void negativeBinomialIsADistribution() {
        for (double alpha : {0.0, 0.3, 2.0}) {
            double total = 0.0, mean = 0.0;
            for (int y = 0; y < 2000; ++y) {
                const double p = std::exp(negativeBinomialLogPmf(y, 12.0, alpha));
                total += p;
                mean += y * p;
            }
            QVERIFY(std::fabs(total - 1.0) < 1e-6);
            QVERIFY(std::fabs(mean - 12.0) < 1e-4);
        }
    }
};

QTEST_APPLESS_MAIN(TestCurveFit)
#include "test_curve_fit.moc"
