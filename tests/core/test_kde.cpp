#include <QtTest>
#include <cmath>
#include <random>

#include "hubgrowth/core/stats/kde.h"

using namespace hubgrowth;

namespace {

double trapezoid(const Density& d) {
    double area = 0.0;
    for (size_t i = 1; i < d.x.size(); ++i)
        area += 0.5 * (d.y[i] + d.y[i - 1]) * (d.x[i] - d.x[i - 1]);
    return area;
}

}  // namespace

class TestKde : public QObject {
    Q_OBJECT
  private slots:
    void silvermanMatchesTheFormula() {
        // 1..10: sd = 3.0277, IQR/1.34 = 4.5/1.34 = 3.358; min is sd.
        std::vector<double> x;
        for (int i = 1; i <= 10; ++i)
            x.push_back(i);
        const double expected = 0.9 * 3.0276503540974917 * std::pow(10.0, -0.2);
        QVERIFY(std::abs(silvermanBandwidth(x) - expected) < 1e-9);
    }

    void degenerateSamplesGetAUsableBandwidth() {
        QCOMPARE(silvermanBandwidth({}), 1.0);
        QCOMPARE(silvermanBandwidth({2.0}), 1.0);
        QCOMPARE(silvermanBandwidth({2.0, 2.0, 2.0}), 1.0);
        // IQR is 0 but sd is not: sd is used.
        QVERIFY(silvermanBandwidth({0, 0, 0, 0, 0, 0, 0, 10}) > 0.0);
    }

    void densityIntegratesToOneAndPeaksAtTheMean() {
        std::mt19937 rng(7);
        std::normal_distribution<double> normal(5.0, 2.0);
        std::vector<double> x(2000);
        for (double& v : x)
            v = normal(rng);
        x.push_back(NAN);
        const Density d = gaussianKde(x, 400);
        QCOMPARE(d.n, 2000);
        QVERIFY(std::abs(trapezoid(d) - 1.0) < 0.01);
        const size_t peak = size_t(std::max_element(d.y.begin(), d.y.end()) - d.y.begin());
        QVERIFY(std::abs(d.x[peak] - 5.0) < 0.5);
        // The true N(5, 2) density peaks at 1/(2 sqrt(2 pi)) = 0.1995.
        QVERIFY(std::abs(d.y[peak] - 0.1995) < 0.03);
    }

    void singleSampleIsAGaussianOfTheBandwidth() {
        const Density d = gaussianKde({0.0}, 201, 0.5);
        QCOMPARE(d.bandwidth, 0.5);
        QCOMPARE(d.x.front(), -1.5);
        QCOMPARE(d.x.back(), 1.5);
        QVERIFY(std::abs(d.y[100] - 1.0 / (0.5 * std::sqrt(2.0 * 3.14159265358979))) < 1e-9);
    }

    void logDensityWorksOnLog10AndDropsNonPositive() {
        const Density d = gaussianKdeLog10({1.0, 10.0, 100.0, 0.0, -3.0}, 100);
        QCOMPARE(d.n, 3);
        QVERIFY(d.x.front() > 0.0);
        QVERIFY(d.x.front() < 1.0 && d.x.back() > 100.0);
        QVERIFY(gaussianKde({}).x.empty());
    }
};

QTEST_APPLESS_MAIN(TestKde)
#include "test_kde.moc"
