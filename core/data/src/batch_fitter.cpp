#include "hubgrowth/data/batch_fitter.h"

#include <QMetaObject>
#include <QThread>
#include <QThreadPool>
#include <algorithm>

namespace hubgrowth {

namespace {

int threadCount(int requested) {
    return requested > 0 ? requested : std::max(1, QThread::idealThreadCount());
}

// One worker: takes chunks until the input is exhausted or cancelled. onChunk runs on the
// worker thread after each chunk.
template <typename Fit, typename OnChunk>
void runWorker(std::atomic<int>& next, std::atomic<int>& done, int total, int chunk,
               const std::atomic<bool>* cancel, Fit&& fit, OnChunk&& onChunk) {
    for (;;) {
        if (cancel && cancel->load(std::memory_order_relaxed))
            return;
        const int first = next.fetch_add(chunk);
        if (first >= total)
            return;
        const int last = std::min(total, first + chunk);
        int fitted = 0;
        for (int i = first; i < last; ++i) {
            if (cancel && cancel->load(std::memory_order_relaxed))
                break;
            fit(i);
            ++fitted;
        }
        const int doneNow = done.fetch_add(fitted) + fitted;
        if (fitted > 0)
            onChunk(first, fitted, doneNow);
        if (fitted < last - first)
            return;
    }
}

}  // namespace

BatchOutcome fitBatch(const std::vector<ModelSeries>& series, const BatchOptions& options,
                      const std::function<void(int, int)>& progress,
                      const std::atomic<bool>* cancel) {
    BatchOutcome outcome;
    const int total = static_cast<int>(series.size());
    outcome.results.resize(series.size());
    std::vector<char> doneFlags(series.size(), 0);
    std::atomic<int> next{0};
    std::atomic<int> done{0};
    const int workers = std::min(threadCount(options.threads), std::max(total, 1));
    const int chunk = std::max(1, options.chunkSize);

    QThreadPool pool;
    pool.setMaxThreadCount(workers);
    for (int w = 0; w < workers; ++w) {
        pool.start([&] {
            runWorker(
                next, done, total, chunk, cancel,
                [&](int i) {
                    outcome.results[static_cast<size_t>(i)] =
                        fitWsb(series[static_cast<size_t>(i)].counts, options.fit);
                    doneFlags[static_cast<size_t>(i)] = 1;
                },
                [](int, int, int) {});
        });
    }
    while (!pool.waitForDone(50)) {
        if (progress)
            progress(done.load(), total);
    }
    outcome.completed = done.load();
    outcome.cancelled = outcome.completed < total;
    outcome.done.assign(doneFlags.begin(), doneFlags.end());
    if (progress)
        progress(outcome.completed, total);
    return outcome;
}

ParallelFor threadPoolParallelFor(int threads, int chunkSize) {
    return [threads, chunkSize](int total, const std::function<void(int)>& body) {
        std::atomic<int> next{0};
        std::atomic<int> done{0};
        const int workers = std::min(threadCount(threads), std::max(total, 1));
        QThreadPool pool;
        pool.setMaxThreadCount(workers);
        for (int w = 0; w < workers; ++w) {
            pool.start([&] {
                runWorker(next, done, total, std::max(1, chunkSize), nullptr, body,
                          [](int, int, int) {});
            });
        }
        pool.waitForDone();
    };
}

BatchFitJob::BatchFitJob(QObject* parent) : BackgroundJob(parent) {}

BatchFitJob::~BatchFitJob() {
    cancelAndWait();
}

bool BatchFitJob::start(std::vector<std::vector<double>> counts, const BatchOptions& options) {
    if (isRunning())
        return false;
    // One input for the workers: the counts become a pool of series of their own (moved).
    auto pool = std::make_shared<std::vector<ModelSeries>>(counts.size());
    for (size_t i = 0; i < counts.size(); ++i)
        (*pool)[i].counts = std::move(counts[i]);
    return start(SeriesPool(std::move(pool)), 0, options);
}

bool BatchFitJob::start(SeriesPool series, int firstMonths, const BatchOptions& options) {
    if (isRunning() || !series)
        return false;
    series_ = std::move(series);
    firstMonths_ = firstMonths;
    total_ = int(series_->size());
    return launch(options);
}

const std::vector<double>& BatchFitJob::countsOf(int i, std::vector<double>* scratch) const {
    const std::vector<double>& all = (*series_)[static_cast<size_t>(i)].counts;
    if (firstMonths_ <= 0 || all.size() <= size_t(firstMonths_))
        return all;
    scratch->assign(all.begin(), all.begin() + firstMonths_);
    return *scratch;
}

bool BatchFitJob::launch(const BatchOptions& options) {
    results_.assign(size_t(total_), FitResult{});
    options_ = options;
    incomplete_ = false;
    return run([this](JobContext& context) {
        const int seriesCount = total();
        std::atomic<int> next{0};
        std::atomic<int> done{0};
        const int workers = std::min(threadCount(options_.threads), std::max(seriesCount, 1));
        QThreadPool pool;
        pool.setMaxThreadCount(workers);
        for (int w = 0; w < workers; ++w) {
            pool.start([&] {
                runWorker(
                    next, done, seriesCount, std::max(1, options_.chunkSize), context.cancelFlag(),
                    [&](int i) {
                        std::vector<double> scratch;
                        results_[static_cast<size_t>(i)] =
                            fitWsb(countsOf(i, &scratch), options_.fit);
                    },
                    [&](int first, int count, int doneNow) {
                        // Queued to the job: if the job is destroyed first, Qt drops the call.
                        QMetaObject::invokeMethod(
                            this,
                            [this, first, count, doneNow, seriesCount] {
                                emit chunkReady(first, count, doneNow, seriesCount);
                            },
                            Qt::QueuedConnection);
                    });
            });
        }
        pool.waitForDone();
        incomplete_ = done.load() < seriesCount;
    });
}

void BatchFitJob::workEnded(bool /*cancelled*/) {
    emit finished(incomplete_);
}

}  // namespace hubgrowth
