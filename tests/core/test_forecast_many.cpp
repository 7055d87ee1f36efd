// Forecaster::forecastMany: the same forecasts as forecast() on each target (bit for bit: one
// meaning per number between the table's column and the Curve tab), targets of one age sharing
// a calibration, a target whose longer copy is in the population forecast without it, bad
// series failing with forecast()'s message, batches reported once per target, and cancel.
#include <QtTest>
#include <atomic>
#include <set>

#include "hubgrowth/core/demo/demo_generator.h"
#include "hubgrowth/core/forecast/forecaster.h"

using namespace hubgrowth;

namespace {

void compareForecasts(const SeriesForecast& many, const SeriesForecast& one, const char* what) {
    QVERIFY2(many.ok == one.ok, what);
    QCOMPARE(many.error, one.error);
    QCOMPARE(many.observedMonths, one.observedMonths);
    QCOMPARE(many.calibrationSeries, one.calibrationSeries);
    QCOMPARE(many.calibrationCut, one.calibrationCut);
    QCOMPARE(many.detail, one.detail);
    QCOMPARE(many.flags.size(), one.flags.size());
    QCOMPARE(many.path.size(), one.path.size());
    for (size_t k = 0; k < one.path.size(); ++k) {
        const ForecastPoint& a = many.path[k];
        const ForecastPoint& b = one.path[k];
        auto same = [](double x, double y) { return (std::isnan(x) && std::isnan(y)) || x == y; };
        QVERIFY2(same(a.fitted, b.fitted), what);
        QVERIFY2(same(a.lo80, b.lo80) && same(a.hi80, b.hi80), what);
        QVERIFY2(same(a.lo95, b.lo95) && same(a.hi95, b.hi95), what);
    }
}

}  // namespace

class TestForecastMany : public QObject {
    Q_OBJECT
    Dataset demo_ = [] {
        DemoOptions options;
        options.baseModels = 120;
        return generateDemoDataset(options);
    }();

    // Every 4th demo series in full, a truncated copy of a long one (its full copy is in the
    // population), and a series too short to forecast.
    std::vector<ModelSeries> targets() const {
        std::vector<ModelSeries> out;
        for (size_t i = 0; i < demo_.series.size(); i += 4)
            out.push_back(demo_.series[i]);
        for (const ModelSeries& s : demo_.series) {
            if (s.observedMonths() >= 20) {
                ModelSeries cut = s;
                cut.counts.resize(8);
                out.push_back(cut);
                break;
            }
        }
        ModelSeries tiny = demo_.series.front();
        tiny.id = "tiny/two-months";
        tiny.counts = {0.0, 3.0};
        out.push_back(tiny);
        return out;
    }

  private slots:
    void equalsForecastOnEachTarget_data() {
        QTest::addColumn<int>("method");
        QTest::newRow("auto") << int(ForecastMethod::Auto);
        QTest::newRow("wsb-prior") << int(ForecastMethod::WsbPrior);
        QTest::newRow("pooled") << int(ForecastMethod::Pooled);
    }
    void equalsForecastOnEachTarget() {
        QFETCH(int, method);
        const Forecaster forecaster(demo_.series);
        const std::vector<ModelSeries> wanted = targets();
        std::vector<ForecastTarget> batch;
        for (const ModelSeries& s : wanted)
            batch.push_back({&s, ForecastMethod(method)});
        std::multiset<size_t> reported;
        const std::vector<SeriesForecast> many = forecaster.forecastMany(
            batch, 9, nullptr,
            [&](const std::vector<size_t>& indices, const std::vector<SeriesForecast>& results) {
                QCOMPARE(results.size(), batch.size());
                reported.insert(indices.begin(), indices.end());
            });
        QCOMPARE(many.size(), wanted.size());
        QCOMPARE(reported.size(), wanted.size());  // each target reported exactly once
        QCOMPARE(std::set<size_t>(reported.begin(), reported.end()).size(), wanted.size());
        int ok = 0, cutEarlier = 0;
        for (size_t i = 0; i < wanted.size(); ++i) {
            const SeriesForecast one = forecaster.forecast(wanted[i], ForecastMethod(method), 9);
            compareForecasts(many[i], one, wanted[i].id.c_str());
            ok += one.ok ? 1 : 0;
            cutEarlier += one.ok && one.calibrationCut < one.observedMonths - 1 ? 1 : 0;
        }
        // The oldest targets, calibrated on donors cut earlier, are compared too.
        QVERIFY(cutEarlier > 0);
        // The comparison is of real forecasts.
        QVERIFY2(ok >= int(wanted.size()) / 2,
                 qPrintable(QStringLiteral("%1 of %2 ok; %3")
                                .arg(ok)
                                .arg(wanted.size())
                                .arg(QString::fromStdString(many.front().error))));
        QVERIFY(!many.back().ok);
        QVERIFY(QString::fromStdString(many.back().error).contains(QLatin1String("3 observed")));
    }

    void aCancelledCallSkipsTheRest() {
        const Forecaster forecaster(demo_.series);
        const std::vector<ModelSeries> wanted = targets();
        std::vector<ForecastTarget> batch;
        for (const ModelSeries& s : wanted)
            batch.push_back({&s, ForecastMethod::Auto});
        std::atomic<bool> cancel{false};
        int batches = 0;
        const std::vector<SeriesForecast> many = forecaster.forecastMany(
            batch, 6, &cancel, [&](const std::vector<size_t>&, const std::vector<SeriesForecast>&) {
                if (++batches == 2)
                    cancel = true;  // after the failed targets and the first age group
            });
        QCOMPARE(batches, 2);
        int cancelled = 0;
        for (const SeriesForecast& f : many)
            cancelled += f.error == "cancelled" ? 1 : 0;
        QVERIFY(cancelled > 0);
        QVERIFY(cancelled < int(many.size()));
    }
};

QTEST_APPLESS_MAIN(TestForecastMany)
#include "test_forecast_many.moc"
