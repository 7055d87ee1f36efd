#include <QSignalSpy>
#include <QtTest>
#include <random>

#include "hubgrowth/data/batch_fitter.h"

using namespace hubgrowth;

namespace {

std::vector<ModelSeries> syntheticSeries(int count, unsigned seed) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> lambda(0.5, 5.0), mu(0.3, 2.5), sigma(0.5, 1.5);
    std::uniform_int_distribution<int> months(3, 35);
    std::vector<ModelSeries> out;
    for (int i = 0; i < count; ++i) {
        ModelSeries s;
        s.id = "synthetic/" + std::to_string(i);
        const WsbParams p{lambda(rng), mu(rng), sigma(rng)};
        const int n = months(rng);
        for (int k = 0; k < n; ++k)
            s.counts.push_back(std::round(wsbValue(k, p, 100.0)));
        out.push_back(std::move(s));
    }
    return out;
}

bool sameFit(const FitResult& a, const FitResult& b) {
    return a.params.lambda == b.params.lambda && a.params.mu == b.params.mu &&
           a.params.sigma == b.params.sigma && a.sse == b.sse;
}

}  // namespace

class TestBatchFitter : public QObject {
    Q_OBJECT
  private slots:
    void resultsAreInInputOrder() {
        const auto series = syntheticSeries(500, 1);
        BatchOptions options;
        options.threads = 4;
        options.chunkSize = 7;
        const BatchOutcome outcome = fitBatch(series, options);
        QVERIFY(!outcome.cancelled);
        QCOMPARE(outcome.completed, 500);
        for (size_t i = 0; i < series.size(); ++i) {
            QVERIFY(outcome.done[i]);
            QVERIFY2(sameFit(outcome.results[i], fitWsb(series[i].counts, options.fit)),
                     qPrintable(QStringLiteral("series %1").arg(i)));
        }
    }

    void progressIsMonotoneAndEndsAtTotal() {
        const auto series = syntheticSeries(3000, 2);
        std::vector<int> reported;
        BatchOptions options;
        options.threads = 2;
        fitBatch(series, options, [&](int done, int total) {
            QCOMPARE(total, 3000);
            reported.push_back(done);
        });
        QVERIFY(!reported.empty());
        QCOMPARE(reported.back(), 3000);
        QVERIFY(std::is_sorted(reported.begin(), reported.end()));
    }

    void cancellationStopsTheBatchEarly() {
        const auto series = syntheticSeries(200000, 3);
        std::atomic<bool> cancel{false};
        int doneAtCancel = -1;
        BatchOptions options;
        options.threads = 2;
        options.chunkSize = 1;
        const BatchOutcome outcome = fitBatch(
            series, options,
            [&](int done, int) {
                if (doneAtCancel < 0 && done > 0) {
                    doneAtCancel = done;
                    cancel = true;
                }
            },
            &cancel);
        QVERIFY(outcome.cancelled);
        QVERIFY(doneAtCancel > 0);
        // The flag stops the workers early. The progress count is polled, so fits keep finishing
        // while the polling thread waits for a core between reading the count and raising the
        // flag (thousands per millisecond since the fitter got faster): an exact bound of one fit
        // per worker would race; that the batch ends far short of its end does not.
        QVERIFY2(
            outcome.completed < static_cast<int>(series.size()) / 2,
            qPrintable(
                QStringLiteral("%1 done, %2 at cancel").arg(outcome.completed).arg(doneAtCancel)));
        int flagged = 0;
        for (bool d : outcome.done)
            flagged += d ? 1 : 0;
        QCOMPARE(flagged, outcome.completed);
    }

    void asyncJobStreamsChunksInOrderAndFinishes() {
        const auto series = syntheticSeries(800, 4);
        std::vector<std::vector<double>> counts;
        for (const auto& s : series)
            counts.push_back(s.counts);
        BatchFitJob job;
        QSignalSpy finished(&job, &BatchFitJob::finished);
        std::vector<int> seen(series.size(), 0);
        connect(&job, &BatchFitJob::chunkReady, this, [&](int first, int count, int, int total) {
            QCOMPARE(total, 800);
            for (int i = first; i < first + count; ++i) {
                ++seen[static_cast<size_t>(i)];
                QVERIFY(sameFit(job.result(i), fitWsb(series[static_cast<size_t>(i)].counts, {})));
            }
        });
        BatchOptions options;
        options.threads = 2;
        job.start(std::move(counts), options);
        QVERIFY(job.isRunning());
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.first().first().toBool(), false);
        QVERIFY(!job.isRunning());
        for (int n : seen)
            QCOMPARE(n, 1);  // every series reported exactly once
    }

    void asyncJobCancelLeavesAConsistentState() {
        const auto series = syntheticSeries(20000, 5);
        std::vector<std::vector<double>> counts;
        for (const auto& s : series)
            counts.push_back(s.counts);
        BatchFitJob job;
        QSignalSpy finished(&job, &BatchFitJob::finished);
        int reported = 0;
        connect(&job, &BatchFitJob::chunkReady, this,
                [&](int, int count, int, int) { reported += count; });
        job.start(std::move(counts), {});
        job.cancel();
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.first().first().toBool(), true);
        QVERIFY(reported < 20000);
    }

    void emptyInputFinishesAtOnce() {
        BatchFitJob job;
        QSignalSpy finished(&job, &BatchFitJob::finished);
        job.start({}, {});
        QVERIFY(finished.wait(5000));
        QCOMPARE(finished.first().first().toBool(), false);
        QCOMPARE(fitBatch({}, {}).completed, 0);
    }
};

QTEST_GUILESS_MAIN(TestBatchFitter)
#include "test_batch_fitter.moc"
