#include <QtTest>
#include <cmath>
#include <vector>

#include "hubgrowth/core/fit/fitted_curve.h"
#include "hubgrowth/core/fit/wsb_fitter.h"
#include "hubgrowth/core/forecast/forecast_method.h"

using namespace hubgrowth;

namespace {

// A WSB curve with a little deterministic wobble, so the fit has residuals and a covariance.
std::vector<double> wobblyCurve(int n) {
    const WsbParams truth{2.5, 1.8, 0.9};
    std::vector<double> c(static_cast<size_t>(n), 0.0);
    for (int k = 1; k < n; ++k)
        c[static_cast<size_t>(k)] =
            std::round(wsbValue(k, truth, 100.0) * (1.0 + 0.03 * std::sin(k)));
    return c;
}

bool near(double a, double b, double tolerance) {
    return std::abs(a - b) <= tolerance * std::max({1.0, std::abs(a), std::abs(b)});
}

}  // namespace

// The least-squares fit's result seen as a curve in (ln lambda, mu, ln sigma): the same curve,
// the chain rule's gradient, and a covariance that gives the same delta-method variance.
class TestFittedCurve : public QObject {
    Q_OBJECT
  private slots:
    void leastSquaresFitIsTheSameCurve() {
        const std::vector<double> counts = wobblyCurve(20);
        const FitResult r = fitWsb(counts, {});
        QVERIFY(r.identified());
        QVERIFY(r.covarianceValid);
        QVERIFY(r.hasCurve());
        const FittedCurve c = r.curve();
        QCOMPARE(int(c.kind), int(CurveKind::Wsb));
        QCOMPARE(c.m, r.m);
        QCOMPARE(c.observedMonths, 20);
        QCOMPARE(c.r2, r.r2);
        QCOMPARE(c.x[0], std::log(r.params.lambda));
        QCOMPARE(c.x[1], r.params.mu);
        QCOMPARE(c.x[2], std::log(r.params.sigma));
        QVERIFY(c.covarianceValid);
        for (int t = 0; t <= 30; ++t) {
            QVERIFY2(near(c.value(t), wsbValue(t, r.params, r.m), 1e-12),
                     qPrintable(QString::number(t)));
        }
        for (double t : {1.0, 5.0, 19.0, 31.0}) {
            const std::array<double, 3> natural = wsbGradient(t, r.params, r.m);
            const Eigen::Vector3d g = c.gradient(t);
            QVERIFY(near(g[0], r.params.lambda * natural[0], 1e-9));
            QVERIFY(near(g[1], natural[1], 1e-9));
            QVERIFY(near(g[2], r.params.sigma * natural[2], 1e-9));
            // The variance of c(t) does not depend on the parameterisation.
            const Eigen::Vector3d gn(natural[0], natural[1], natural[2]);
            const double varianceX = g.dot(c.covariance * g);
            const double varianceNatural = gn.dot(r.covariance * gn);
            QVERIFY2(
                varianceX > 0.0 && near(varianceX, varianceNatural, 1e-8),
                qPrintable(
                    QStringLiteral("t=%1: %2 vs %3").arg(t).arg(varianceX).arg(varianceNatural)));
        }
    }

    void noCovarianceStaysInvalid() {
        FitOptions options;
        options.computeCovariance = false;
        const FitResult r = fitWsb(wobblyCurve(12), options);
        QVERIFY(!r.covarianceValid);
        const FittedCurve c = r.curve();
        QVERIFY(!c.covarianceValid);
        QVERIFY(c.covariance.isZero());
    }

    void failedFitsHaveNoCurve() {
        QVERIFY(!fitWsb(std::vector<double>{0.0, 1.0}, {}).hasCurve());
        QVERIFY(!fitWsb(std::vector<double>{0.0, std::nan(""), 3.0}, {}).hasCurve());
        const FitResult flat = fitWsb(std::vector<double>{0.0, 0.0, 0.0, 0.0}, {});
        QCOMPARE(flat.outcome, FitOutcome::NoAdoption);
        QVERIFY(flat.hasCurve());
    }

    // The wsb-ls forecast uses exactly this curve.
    void leastSquaresForecastCarriesTheCurve() {
        const std::vector<double> counts = wobblyCurve(15);
        const FittedCurve c = fitWsb(counts, {}).curve();
        const MethodForecast f =
            forecastMethod(ForecastMethod::WsbLs, counts.data(), 15, 6, ForecastContext{});
        QVERIFY(f.ok);
        QVERIFY(f.fit.ok);
        QCOMPARE(f.fit.x, c.x);
        QVERIFY(f.fit.covariance == c.covariance);
        QCOMPARE(f.fit.covarianceValid, c.covarianceValid);
        QCOMPARE(f.fit.value(20.0), c.value(20.0));
    }
};

QTEST_APPLESS_MAIN(TestFittedCurve)
#include "test_fitted_curve.moc"
