#include <QtTest>
#include <cmath>

#include "hubgrowth/core/model/normal_distribution.h"
#include "hubgrowth/core/model/wsb_model.h"

using namespace hubgrowth;

class TestWsbModel : public QObject {
    Q_OBJECT
  private slots:
    void valueAtKnownPoints() {
        const WsbParams p{2.0, 1.0, 1.0};
        QCOMPARE(wsbValue(0.0, p, 100.0), 0.0);
        QCOMPARE(wsbValue(-3.0, p, 100.0), 0.0);
        // At t = e^mu, z = 0 and Phi = 1/2: c = m (e^(lambda/2) - 1).
        QVERIFY(std::abs(wsbValue(std::exp(1.0), p, 100.0) - 100.0 * (std::exp(1.0) - 1.0)) < 1e-9);
        QVERIFY(std::abs(wsbValue(std::exp(1.0), p, 30.0) - 30.0 * (std::exp(1.0) - 1.0)) < 1e-9);
    }

    void gradientMatchesFiniteDifferences_data() {
        QTest::addColumn<double>("t");
        QTest::addColumn<double>("lambda");
        QTest::addColumn<double>("mu");
        QTest::addColumn<double>("sigma");
        QTest::newRow("early") << 0.5 << 2.0 << 1.0 << 1.0;
        QTest::newRow("mid") << 5.0 << 3.5 << 1.5 << 0.7;
        QTest::newRow("late") << 30.0 << 1.2 << 0.3 << 1.8;
        QTest::newRow("large-lambda") << 12.0 << 40.0 << 6.0 << 2.0;
        QTest::newRow("sharp") << 3.0 << 0.8 << 1.0 << 0.2;
    }
    void gradientMatchesFiniteDifferences() {
        QFETCH(double, t);
        QFETCH(double, lambda);
        QFETCH(double, mu);
        QFETCH(double, sigma);
        const WsbParams p{lambda, mu, sigma};
        const double m = 100.0;
        const auto g = wsbGradient(t, p, m);
        for (int i = 0; i < 3; ++i) {
            WsbParams hi = p, lo = p;
            double* hiField = i == 0 ? &hi.lambda : i == 1 ? &hi.mu : &hi.sigma;
            double* loField = i == 0 ? &lo.lambda : i == 1 ? &lo.mu : &lo.sigma;
            const double h = 1e-6 * std::max(1.0, std::abs(*hiField));
            *hiField += h;
            *loField -= h;
            const double numeric = (wsbValue(t, hi, m) - wsbValue(t, lo, m)) / (2 * h);
            const double scale = std::max(1.0, std::abs(numeric));
            QVERIFY2(std::abs(g[i] - numeric) < 1e-5 * scale,
                     qPrintable(QStringLiteral("param %1: analytic %2 vs numeric %3")
                                    .arg(i)
                                    .arg(g[i], 0, 'g', 12)
                                    .arg(numeric, 0, 'g', 12)));
        }
    }

    void rateIsTheTimeDerivative() {
        const WsbParams p{2.5, 1.2, 0.9};
        for (double t : {0.7, 2.0, 9.0, 25.0}) {
            const double h = 1e-5;
            const double numeric = (wsbValue(t + h, p, 100) - wsbValue(t - h, p, 100)) / (2 * h);
            QVERIFY(std::abs(wsbRate(t, p, 100) - numeric) < 1e-5 * std::max(1.0, numeric));
        }
    }

    void ultimateIsTheLimit() {
        const WsbParams p{1.7, 0.5, 0.8};
        QVERIFY(std::abs(wsbUltimate(p, 100) - 100 * (std::exp(1.7) - 1)) < 1e-9);
        QVERIFY(std::abs(wsbValue(1e12, p, 100) - wsbUltimate(p, 100)) < 1e-6);
    }

    void timeToFractionInvertsTheCurve() {
        const WsbParams p{3.0, 1.5, 0.9};
        for (double f : {0.1, 0.5, 0.8, 0.99}) {
            const double t = wsbTimeToFraction(p, f);
            QVERIFY(std::isfinite(t) && t > 0);
            QVERIFY(std::abs(wsbValue(t, p, 100) / wsbUltimate(p, 100) - f) < 1e-9);
        }
        QVERIFY(std::isinf(wsbTimeToFraction(p, 1.0)));
        QVERIFY(std::isinf(wsbTimeToFraction(p, 0.0)));
    }

    void normalQuantileInvertsCdf() {
        for (double p : {1e-300, 1e-12, 1e-4, 0.02, 0.3, 0.5, 0.77, 0.98, 1 - 1e-9}) {
            const double z = normalQuantile(p);
            QVERIFY(std::abs(normalCdf(z) - p) <= 1e-12 * std::max(p, 1e-300) + 1e-300 ||
                    std::abs(normalCdf(z) / p - 1) < 1e-9);
        }
        QVERIFY(std::isinf(normalQuantile(0.0)));
        QVERIFY(std::isinf(normalQuantile(1.0)));
        QVERIFY(std::isinf(normalQuantile(std::nan(""))));
    }
};

QTEST_APPLESS_MAIN(TestWsbModel)
#include "test_wsb_model.moc"
