// ForecastJob: the forecast arrives on the owner's thread, a newer request supersedes an older
// one (its result is dropped), cancel delivers nothing and stops the learning, and a request
// without a population fails with a message.
#include <QSignalSpy>
#include <QtTest>

#include "hubgrowth/core/demo/demo_generator.h"
#include "hubgrowth/data/background_job.h"
#include "hubgrowth/data/forecast_job.h"
#include "hubgrowth/data/population_forecaster.h"

using namespace hubgrowth;

namespace {

const ModelSeries& longestSeries(const Dataset& dataset) {
    const ModelSeries* best = &dataset.series.front();
    for (const auto& s : dataset.series) {
        if (s.observedMonths() > best->observedMonths())
            best = &s;
    }
    return *best;
}

}  // namespace

class TestForecastJob : public QObject {
    Q_OBJECT
    Dataset demo_ = generateDemoDataset();

  private slots:
    void deliversTheForecastWithBands() {
        ForecastJob job;
        QSignalSpy ready(&job, &ForecastJob::forecastReady);
        job.setPopulation(demo_.series, 100.0);
        QVERIFY(job.isBusy());
        // Younger than the oldest series, so older ones calibrate its intervals.
        ModelSeries series = longestSeries(demo_);
        series.counts.resize(series.counts.size() - 12);
        const quint64 id = job.request(series, ForecastMethod::Auto, 6);
        QVERIFY(ready.wait(120000));
        QCOMPARE(ready.size(), 1);
        QCOMPARE(ready.front().at(0).value<quint64>(), id);
        const auto forecast = ready.front().at(1).value<SeriesForecast>();
        QVERIFY2(forecast.ok, forecast.error.c_str());
        QCOMPARE(int(forecast.path.size()), series.observedMonths() + 6);
        QVERIFY(forecast.calibrationSeries > 0);
        const ForecastPoint& end = forecast.path.back();
        QVERIFY(end.lo95 <= end.lo80 && end.lo80 <= end.fitted && end.fitted <= end.hi80 &&
                end.hi80 <= end.hi95);
        QVERIFY(job.isPopulationReady());
        QVERIFY(!job.isBusy());
    }

    void aNewerRequestSupersedesAnOlderOne() {
        ForecastJob job;
        QSignalSpy ready(&job, &ForecastJob::forecastReady);
        job.setPopulation(demo_.series, 100.0);
        QSignalSpy learnt(&job, &ForecastJob::populationReady);
        QVERIFY(learnt.wait(120000));
        const ModelSeries& series = longestSeries(demo_);
        // Both requests are on their way before either result is delivered.
        const quint64 first = job.request(series, ForecastMethod::Linear, 12);
        const quint64 second = job.request(series, ForecastMethod::Gompertz, 3);
        QVERIFY(second > first);
        QVERIFY(ready.wait(60000));
        QTest::qWait(200);  // room for the first one's result, which must not come
        QCOMPARE(ready.size(), 1);
        QCOMPARE(ready.front().at(0).value<quint64>(), second);
        const auto forecast = ready.front().at(1).value<SeriesForecast>();
        QCOMPARE(forecast.method, ForecastMethod::Gompertz);
        QCOMPARE(int(forecast.path.size()), series.observedMonths() + 3);
    }

    void requestsWaitForThePopulation() {
        ForecastJob job;
        QSignalSpy ready(&job, &ForecastJob::forecastReady);
        job.setPopulation(demo_.series, 100.0);
        job.request(longestSeries(demo_), ForecastMethod::Linear, 2);  // superseded while waiting
        job.setPopulation(demo_.series, 50.0);                         // supersedes the first
        const quint64 id = job.request(longestSeries(demo_), ForecastMethod::Wsb, 2);
        QVERIFY(ready.wait(120000));
        QTest::qWait(200);
        QCOMPARE(ready.size(), 1);
        QCOMPARE(ready.front().at(0).value<quint64>(), id);
        QCOMPARE(job.m(), 50.0);
    }

    void cancelDeliversNothing() {
        ForecastJob job;
        QSignalSpy ready(&job, &ForecastJob::forecastReady);
        job.setPopulation(demo_.series, 100.0);
        job.request(longestSeries(demo_), ForecastMethod::Auto, 12);
        job.cancel();
        QVERIFY(!job.hasPopulation());  // learning was stopped
        QVERIFY(!ready.wait(1500));
    }

    void cancelDuringLearningStopsIt() {
        DemoOptions big;
        big.baseModels = 3000;  // thousands of series to learn: cancel lands mid-way
        ForecastJob job;
        QSignalSpy learnt(&job, &ForecastJob::populationReady);
        QSignalSpy progress(&job, &ForecastJob::populationProgressed);
        job.setPopulation(generateDemoDataset(big).series, 100.0);
        QVERIFY(progress.wait(120000));  // learning is under way
        const BackgroundJob* learner = job.populationLearner();
        QVERIFY(learner != nullptr);
        QSignalSpy ended(learner, &BackgroundJob::ended);
        QSignalSpy learnerProgress(learner, &BackgroundJob::progressed);
        job.cancel();
        QVERIFY(!job.hasPopulation());
        QVERIFY(!job.isBusy());
        QVERIFY(job.populationLearner() == nullptr);
        QVERIFY(ended.wait(120000));
        QCOMPARE(ended.front().at(0).toBool(), true);
        // It stopped before its last series: the last report (they come before ended) is short.
        const QList<QVariant> last =
            learnerProgress.isEmpty() ? progress.back() : learnerProgress.back();
        const int total = last.at(1).toInt();
        QVERIFY(total > 1000);
        QVERIFY2(last.at(0).toInt() < total, qPrintable(QString::number(last.at(0).toInt())));
        QTest::qWait(200);
        QCOMPARE(learnt.size(), 0);
    }

    // The workbench's pool is shared with the forecaster it learns, not copied; the same key
    // gives the same forecaster, another key a new one.
    void theLearntForecasterSharesThePool() {
        const auto pool =
            std::make_shared<const std::vector<ModelSeries>>(generateDemoDataset().series);
        const auto first =
            learnPopulationForecaster(QStringLiteral("share|1"), pool, 100.0, nullptr, {});
        QVERIFY(first);
        QCOMPARE(&first->population(), pool.get());
        QCOMPARE(learnPopulationForecaster(QStringLiteral("share|1"), pool, 100.0, nullptr, {}),
                 first);
        const auto other =
            learnPopulationForecaster(QStringLiteral("share|2"), pool, 100.0, nullptr, {});
        QVERIFY(other != first);
        QCOMPARE(&other->population(), pool.get());
    }

    void tooShortAndNoPopulationFailWithAMessage() {
        ForecastJob job;
        QSignalSpy ready(&job, &ForecastJob::forecastReady);
        job.request(longestSeries(demo_), ForecastMethod::Auto, 12);
        QVERIFY(ready.wait(10000));
        QVERIFY(!ready.front().at(1).value<SeriesForecast>().ok);
        QVERIFY(!ready.front().at(1).value<SeriesForecast>().error.empty());

        job.setPopulation(demo_.series, 100.0);
        ModelSeries shortSeries = longestSeries(demo_);
        shortSeries.counts.resize(2);
        job.request(shortSeries, ForecastMethod::Auto, 12);
        QVERIFY(ready.wait(120000));
        const auto forecast = ready.back().at(1).value<SeriesForecast>();
        QVERIFY(!forecast.ok);
        QVERIFY(!forecast.error.empty());
    }
};

QTEST_GUILESS_MAIN(TestForecastJob)
#include "test_forecast_job.moc"
