#include <QtTest>
#include <cmath>
#include <limits>

#include "hubgrowth/core/stats/histogram.h"

using namespace hubgrowth;

class TestHistogram : public QObject {
    Q_OBJECT
  private slots:
    void linearBinsCountEveryFiniteValue() {
        const Histogram h = linearHistogram({0.0, 0.5, 1.0, 1.5, 2.0, NAN, INFINITY}, 4);
        QCOMPARE(int(h.edges.size()), 5);
        QCOMPARE(h.edges.front(), 0.0);
        QCOMPARE(h.edges.back(), 2.0);
        QCOMPARE(h.counts, (std::vector<int>{1, 1, 1, 2}));  // the maximum falls in the last bin
        QCOMPARE(h.ignored, 2);
        QCOMPARE(h.outside, 0);
    }

    void constantInputGivesOneBin() {
        const Histogram h = linearHistogram({3.0, 3.0, 3.0}, 10);
        QCOMPARE(int(h.counts.size()), 1);
        QCOMPARE(h.counts[0], 3);
        QVERIFY(h.edges[0] < 3.0 && h.edges[1] > 3.0);
    }

    void emptyInputGivesNoBins() {
        QVERIFY(linearHistogram({}, 5).counts.empty());
        QVERIFY(logHistogram({-1.0, 0.0}, 5).counts.empty());
        QCOMPARE(logHistogram({-1.0, 0.0}, 5).ignored, 2);
    }

    void logBinsAreEvenInLog10() {
        const Histogram h = logHistogram({1.0, 10.0, 100.0, 1000.0, 0.0, -5.0}, 3);
        QCOMPARE(int(h.counts.size()), 3);
        QVERIFY(std::abs(h.edges[1] - 10.0) < 1e-9);
        QVERIFY(std::abs(h.edges[2] - 100.0) < 1e-9);
        QCOMPARE(h.counts, (std::vector<int>{1, 1, 2}));
        QCOMPARE(h.ignored, 2);
    }

    void explicitEdgesReportValuesOutside() {
        const Histogram h = histogramWithEdges({-1.0, 0.0, 0.99, 1.0, 5.0}, {0.0, 1.0, 2.0});
        QCOMPARE(h.counts, (std::vector<int>{2, 1}));
        QCOMPARE(h.outside, 2);
    }
};

QTEST_APPLESS_MAIN(TestHistogram)
#include "test_histogram.moc"
