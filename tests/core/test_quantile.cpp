#include <QtTest>
#include <cmath>

#include "hubgrowth/core/stats/histogram.h"
#include "hubgrowth/core/stats/quantile.h"

using namespace hubgrowth;

class TestQuantile : public QObject {
    Q_OBJECT
  private slots:
    void interpolatesLikeNumpy() {
        const std::vector<double> v{4.0, 1.0, 3.0, 2.0, NAN};
        QCOMPARE(quantile(v, 0.0), 1.0);
        QCOMPARE(quantile(v, 1.0), 4.0);
        QCOMPARE(quantile(v, 0.5), 2.5);
        QCOMPARE(quantile(v, 0.25), 1.75);  // numpy.quantile([1,2,3,4], .25) == 1.75
    }

    void positiveOnlyAndEmpty() {
        QCOMPARE(quantile({-3.0, 0.0, 10.0, 20.0}, 0.0, true), 10.0);
        QVERIFY(std::isnan(quantile({}, 0.5)));
        QVERIFY(std::isnan(quantile({1.0}, 1.5)));
    }

    void edgesSpanTheRange() {
        const auto lin = linearEdges(0.0, 10.0, 5);
        QCOMPARE(int(lin.size()), 6);
        QCOMPARE(lin[1], 2.0);
        const auto log = logEdges(1.0, 1000.0, 3);
        QVERIFY(std::abs(log[1] - 10.0) < 1e-9);
        QCOMPARE(log.back(), 1000.0);
        QVERIFY(logEdges(0.0, 10.0, 3).empty());
        QVERIFY(linearEdges(5.0, 5.0, 3).empty());
    }
};

QTEST_APPLESS_MAIN(TestQuantile)
#include "test_quantile.moc"
