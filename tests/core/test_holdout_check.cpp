// The visual backtest's score: held-out months against a forecast from the first K months.
#include <QtTest>
#include <cmath>

#include "hubgrowth/core/demo/demo_generator.h"
#include "hubgrowth/core/forecast/holdout_check.h"

using namespace hubgrowth;

namespace {

ForecastPoint point(int month, double fitted, double lo80, double hi80, double lo95, double hi95) {
    ForecastPoint p;
    p.month = month;
    p.fitted = fitted;
    p.lo80 = lo80;
    p.hi80 = hi80;
    p.lo95 = lo95;
    p.hi95 = hi95;
    return p;
}

}  // namespace

class TestHoldoutCheck : public QObject {
    Q_OBJECT
  private slots:
    void scoresOnlyTheMonthsAfterTheCut() {
        SeriesForecast f;
        f.ok = true;
        f.observedMonths = 3;
        f.path = {
            point(0, 1, NAN, NAN, NAN, NAN), point(1, 2, NAN, NAN, NAN, NAN),
            point(2, 3, NAN, NAN, NAN, NAN), point(3, 10, 9, 11, 8, 12),  // actual 10: inside both
            point(4, 12, 11, 13, 10, 14),   // actual 14: inside 95 only (its edge)
            point(5, 14, 13, 15, 12, 16)};  // actual 20: outside both
        const std::vector<double> counts{1, 2, 3, 10, 14, 20, 25};  // month 6: past the horizon
        const HoldoutCheck c = checkHoldout(f, counts);
        QCOMPARE(c.points, 3);
        QCOMPARE(c.inside80, 1);
        QCOMPARE(c.inside95, 2);
        QCOMPARE(c.lastMonth, 5);
        QCOMPARE(c.lastApe, 6.0 / 20.0);
    }

    void nothingToScoreWithoutHeldOutMonthsOrAForecast() {
        SeriesForecast f;
        f.ok = true;
        f.observedMonths = 4;
        f.path = {point(4, 5, 4, 6, 3, 7)};
        QVERIFY(!checkHoldout(f, {1, 2, 3, 4}).any());  // the data ends at the cut
        f.ok = false;
        QVERIFY(!checkHoldout(f, {1, 2, 3, 4, 5}).any());
    }

    void aZeroCountHasNoPercentageError() {
        SeriesForecast f;
        f.ok = true;
        f.observedMonths = 1;
        f.path = {point(1, 0.5, 0, 1, 0, 2)};
        const HoldoutCheck c = checkHoldout(f, {0, 0});
        QCOMPARE(c.points, 1);
        QCOMPARE(c.lastApe, -1.0);
        QCOMPARE(c.inside80, 1);
    }

    void aRealForecastFromTheFirstMonthsIsScored() {
        const Dataset demo = generateDemoDataset();
        const ModelSeries* longest = &demo.series.front();
        for (const ModelSeries& s : demo.series) {
            if (s.observedMonths() > longest->observedMonths())
                longest = &s;
        }
        const int n = longest->observedMonths(), cut = n - 6;
        QVERIFY(cut >= 3);
        ModelSeries truncated = *longest;
        truncated.counts.resize(size_t(cut));
        const Forecaster forecaster(demo.series);
        const SeriesForecast f = forecaster.forecast(truncated, ForecastMethod::Auto, 6);
        QVERIFY2(f.ok, f.error.c_str());
        const HoldoutCheck c = checkHoldout(f, longest->counts);
        QCOMPARE(c.points, 6);
        QCOMPARE(c.lastMonth, n - 1);
        QVERIFY(c.inside95 >= c.inside80);
        QVERIFY(c.lastApe >= 0.0 && std::isfinite(c.lastApe));
    }
};

QTEST_GUILESS_MAIN(TestHoldoutCheck)
#include "test_holdout_check.moc"
