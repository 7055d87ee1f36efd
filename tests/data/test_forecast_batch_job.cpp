// ForecastBatchJob: every request finishes exactly once (finished(k) streams them), each result
// equals the Forecaster's own forecast of that series (the Curve tab's number), the population
// learnt for a key is shared with ForecastJob (it is not learnt twice), and cancel ends the job
// without delivering the rest.
#include <QSignalSpy>
#include <QtTest>
#include <set>

#include "hubgrowth/core/demo/demo_generator.h"
#include "hubgrowth/data/forecast_batch_job.h"
#include "hubgrowth/data/forecast_job.h"
#include "hubgrowth/data/population_forecaster.h"

using namespace hubgrowth;

class TestForecastBatchJob : public QObject {
    Q_OBJECT
    Dataset demo_ = [] {
        DemoOptions options;
        options.baseModels = 80;
        return generateDemoDataset(options);
    }();

    std::vector<ForecastRequest> everySeries(ForecastMethod method) const {
        std::vector<ForecastRequest> requests;
        for (const ModelSeries& s : demo_.series)
            requests.push_back({s, method});
        return requests;
    }

  private slots:
    void streamsEveryRequestOnceWithTheForecastersNumbers() {
        const QString key = populationKey(1001, 100.0);
        ForecastBatchJob job;
        QSignalSpy ended(&job, &BackgroundJob::ended);
        std::set<int> seen;
        int delivered = 0;
        connect(&job, &BackgroundJob::progressed, this, [&](int done, int) {
            for (; delivered < done; ++delivered)
                QVERIFY(seen.insert(job.finished(delivered)).second);
        });
        QVERIFY(job.start(key, demo_.series, 100.0, everySeries(ForecastMethod::Auto), 12));
        QVERIFY(ended.wait(300000));
        QCOMPARE(ended.first().first().toBool(), false);
        QCOMPARE(int(seen.size()), int(demo_.series.size()));

        const Forecaster forecaster(demo_.series, populationForecasterOptions(100.0));
        int compared = 0;
        for (size_t i = 0; i < demo_.series.size(); i += 7) {
            const SeriesForecast one =
                forecaster.forecast(demo_.series[i], ForecastMethod::Auto, 12);
            const SeriesForecast& batch = job.forecast(int(i));
            QCOMPARE(batch.ok, one.ok);
            if (!one.ok)
                continue;
            QCOMPARE(forecastAt(batch, 12), forecastAt(one, 12));
            QCOMPARE(batch.path.back().hi95, one.path.back().hi95);
            ++compared;
        }
        QVERIFY(compared > 5);
    }

    void forecastJobReusesThePopulationLearntForTheKey() {
        const QString key = populationKey(1002, 100.0);
        ForecastBatchJob batch;
        QSignalSpy batchEnded(&batch, &BackgroundJob::ended);
        std::vector<ForecastRequest> one{{demo_.series.front(), ForecastMethod::Linear}};
        QVERIFY(batch.start(key, demo_.series, 100.0, one, 6));
        QVERIFY(batchEnded.wait(300000));

        ForecastJob job;
        QSignalSpy learning(&job, &ForecastJob::populationProgressed);
        QSignalSpy ready(&job, &ForecastJob::populationReady);
        job.setPopulation(demo_.series, 100.0, key);
        QVERIFY(ready.wait(60000));
        QCOMPARE(learning.count(), 0);  // taken from the cache, not learnt again

        ForecastJob other;  // a new key is learnt, with progress
        QSignalSpy otherLearning(&other, &ForecastJob::populationProgressed);
        QSignalSpy otherReady(&other, &ForecastJob::populationReady);
        other.setPopulation(demo_.series, 100.0, populationKey(1003, 100.0));
        QVERIFY(otherReady.wait(300000));
        QVERIFY(otherLearning.count() > 0);
    }

    void cancelEndsWithoutTheRest() {
        ForecastBatchJob job;
        QSignalSpy ended(&job, &BackgroundJob::ended);
        int delivered = 0;
        connect(&job, &BackgroundJob::progressed, this, [&](int done, int) { delivered = done; });
        QVERIFY(job.start(populationKey(1004, 100.0), demo_.series, 100.0,
                          everySeries(ForecastMethod::Auto), 12));
        job.cancel();
        QVERIFY(ended.wait(300000));
        QCOMPARE(ended.first().first().toBool(), true);
        QVERIFY(delivered < int(demo_.series.size()));
    }
};

QTEST_MAIN(TestForecastBatchJob)
#include "test_forecast_batch_job.moc"
