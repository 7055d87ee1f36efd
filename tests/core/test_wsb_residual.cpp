#include <ceres/jet.h>

#include <QtTest>
#include <cmath>
#include <vector>

#include "fit/wsb_ridge.h"  // private to the core: the fitter's tail coordinates
#include "hubgrowth/core/fit/wsb_residual.h"
#include "hubgrowth/core/model/growth_curve.h"
#include "hubgrowth/core/model/wsb_model.h"

using namespace hubgrowth;

// The fitter's hand-written residual and Jacobian against the one templated curve definition,
// differentiated automatically with ceres::Jet.
class TestWsbResidual : public QObject {
    Q_OBJECT
  private slots:
    void analyticJacobianMatchesAutomaticDifferentiation_data() {
        QTest::addColumn<double>("lambda");
        QTest::addColumn<double>("mu");
        QTest::addColumn<double>("sigma");
        QTest::addColumn<double>("m");
        QTest::newRow("typical") << 2.0 << 1.5 << 1.0 << 100.0;
        QTest::newRow("early-steep") << 4.0 << 0.5 << 0.3 << 100.0;
        QTest::newRow("ridge-far") << 800.0 << 9.0 << 2.5 << 100.0;
        QTest::newRow("near-step") << 1.5 << 2.2 << 0.02 << 30.0;
        QTest::newRow("tiny-lambda") << 1e-4 << 3.0 << 1.2 << 100.0;
    }
    void analyticJacobianMatchesAutomaticDifferentiation() {
        QFETCH(double, lambda);
        QFETCH(double, mu);
        QFETCH(double, sigma);
        QFETCH(double, m);
        constexpr int kMonths = 34;
        std::vector<double> logT, y;
        for (int t = 1; t <= kMonths; ++t) {
            logT.push_back(std::log(double(t)));
            y.push_back(3.0 * t);
        }
        WsbLogResidual residual;
        residual.logT = logT.data();
        residual.y = y.data();
        residual.count = kMonths;
        residual.m = m;
        const double x[3] = {std::log(lambda), mu, std::log(sigma)};
        std::vector<double> r(kMonths), jacobian(3 * kMonths);
        QVERIFY(residual(x, r.data(), jacobian.data()));

        using Jet = ceres::Jet<double, 3>;
        const Jet xj[3] = {Jet(x[0], 0), Jet(x[1], 1), Jet(x[2], 2)};
        for (int i = 0; i < kMonths; ++i) {
            const Jet c = wsbLogParamValue(xj, logT[i], m);
            // Same expression, same operations: the values agree to the last bit.
            QCOMPARE(r[i], c.a - y[i]);
            for (int k = 0; k < 3; ++k) {
                const double analytic = jacobian[i + k * kMonths];
                const double automatic = c.v[k];
                QVERIFY2(std::abs(analytic - automatic) <= 1e-12 * std::abs(automatic) + 1e-300,
                         qPrintable(QStringLiteral("t=%1 d%2: %3 vs %4")
                                        .arg(i + 1)
                                        .arg(k)
                                        .arg(analytic, 0, 'g', 17)
                                        .arg(automatic, 0, 'g', 17)));
            }
        }
    }

    void everyUserEvaluatesTheSameCurve() {
        const WsbParams p{2.5, 1.7, 0.8};
        const double x[3] = {std::log(p.lambda), p.mu, std::log(p.sigma)};
        for (int t = 1; t <= 40; ++t) {
            const double natural = wsbValue(t, p, 100.0);
            const double logParam = wsbLogParamValue(x, std::log(double(t)), 100.0);
            const double forecast = curveValue(CurveKind::Wsb, x, t, 100.0);
            QCOMPARE(forecast, logParam);
            QVERIFY(std::abs(natural - logParam) <= 1e-12 * natural);
        }
        QCOMPARE(curveValue(CurveKind::Wsb, x, 0.0, 100.0), 0.0);
        QCOMPARE(wsbValue(0.0, p, 100.0), 0.0);
    }

    // The tail-coordinate residual (the fitter's ridge walk): the chained Jacobian against
    // central differences of its own residuals, and the coordinates' round trip.
    void tailCoordinatesJacobianMatchesDifferences_data() {
        QTest::addColumn<double>("lambda");
        QTest::addColumn<double>("mu");
        QTest::addColumn<double>("sigma");
        QTest::addColumn<bool>("reciprocal");
        QTest::newRow("shallow-z") << 3.0 << 1.8 << 0.9 << false;
        QTest::newRow("ridge-z") << 800.0 << 9.0 << 2.5 << false;
        QTest::newRow("ridge-v") << 800.0 << 9.0 << 2.5 << true;
        QTest::newRow("deep-v") << 1e21 << 60.0 << 6.0 << true;
    }
    void tailCoordinatesJacobianMatchesDifferences() {
        QFETCH(double, lambda);
        QFETCH(double, mu);
        QFETCH(double, sigma);
        QFETCH(bool, reciprocal);
        const int n = 25;
        std::vector<double> logT, y;
        for (int t = 1; t < n; ++t) {
            logT.push_back(std::log(double(t)));
            y.push_back(3.0 * t);
        }
        WsbLogResidual inner;
        inner.logT = logT.data();
        inner.y = y.data();
        inner.count = n - 1;
        ridge::TailResidual<WsbLogResidual> tail;
        tail.inner = &inner;
        tail.coordinates.logRef = 0.5 * logT.back();
        tail.coordinates.reciprocalDepth = reciprocal;
        const Eigen::Vector3d x(std::log(lambda), mu, std::log(sigma));
        Eigen::Vector3d v;
        QVERIFY(tail.coordinates.fromLog(x, &v));
        double back[3];
        Eigen::Matrix3d unused;
        QVERIFY(tail.coordinates.toLog(v.data(), back, &unused));
        for (int k = 0; k < 3; ++k)
            QVERIFY2(std::abs(back[k] - x[k]) <= 1e-9 * (1 + std::abs(x[k])),
                     qPrintable(QString::number(k)));

        const int count = n - 1;
        std::vector<double> r(count), j(3 * count), rPlus(count), rMinus(count);
        QVERIFY(tail(v.data(), r.data(), j.data()));
        for (int k = 0; k < 3; ++k) {
            const double h = 1e-6 * std::max(1.0, std::abs(v[k]));
            Eigen::Vector3d plus = v, minus = v;
            plus[k] += h;
            minus[k] -= h;
            QVERIFY(tail(plus.data(), rPlus.data(), nullptr));
            QVERIFY(tail(minus.data(), rMinus.data(), nullptr));
            for (int i = 0; i < count; ++i) {
                const double numeric = (rPlus[i] - rMinus[i]) / (2 * h);
                const double analytic = j[size_t(i + k * count)];
                QVERIFY2(std::abs(numeric - analytic) <= 1e-5 * std::abs(analytic) + 1e-6,
                         qPrintable(QStringLiteral("coordinate %1, month %2: %3 vs %4")
                                        .arg(k)
                                        .arg(i + 1)
                                        .arg(analytic)
                                        .arg(numeric)));
            }
        }
    }
};

QTEST_APPLESS_MAIN(TestWsbResidual)
#include "test_wsb_residual.moc"
