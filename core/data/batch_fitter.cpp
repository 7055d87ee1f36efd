#include "data/batch_fitter.h"

#include <QMetaObject>
#include <QThread>
#include <algorithm>

namespace hubgrowth {

struct BatchFitJob::State {
    std::vector<std::vector<double>> counts;
    std::vector<FitResult> results;
    BatchOptions options;
    std::atomic<int> next{0};
    std::atomic<int> done{0};
    std::atomic<int> activeWorkers{0};
    std::atomic<bool> cancel{false};
    std::atomic<bool> running{false};
};

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
        if (cancel && cancel->load(std::memory_order_relaxed)) return;
        const int first = next.fetch_add(chunk);
        if (first >= total) return;
        const int last = std::min(total, first + chunk);
        int fitted = 0;
        for (int i = first; i < last; ++i) {
            if (cancel && cancel->load(std::memory_order_relaxed)) break;
            fit(i);
            ++fitted;
        }
        const int doneNow = done.fetch_add(fitted) + fitted;
        if (fitted > 0) onChunk(first, fitted, doneNow);
        if (fitted < last - first) return;
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
        if (progress) progress(done.load(), total);
    }
    outcome.completed = done.load();
    outcome.cancelled = outcome.completed < total;
    outcome.done.assign(doneFlags.begin(), doneFlags.end());
    if (progress) progress(outcome.completed, total);
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

BatchFitJob::BatchFitJob(QObject* parent) : QObject(parent), state_(std::make_shared<State>()) {}

BatchFitJob::~BatchFitJob() {
    cancel();
    pool_.waitForDone();
}

void BatchFitJob::start(std::vector<std::vector<double>> counts, const BatchOptions& options) {
    Q_ASSERT(!state_->running.load());
    state_->counts = std::move(counts);
    state_->results.assign(state_->counts.size(), FitResult{});
    state_->options = options;
    state_->running = true;
    const int seriesCount = static_cast<int>(state_->counts.size());
    const int workers = std::min(threadCount(options.threads), std::max(seriesCount, 1));
    pool_.setMaxThreadCount(workers);
    state_->activeWorkers = workers;
    for (int w = 0; w < workers; ++w) {
        // Workers hold the state by shared_ptr and post to `this` as context: if the job is
        // destroyed first, Qt drops the queued calls.
        pool_.start([this, state = state_, seriesCount] {
            runWorker(
                state->next, state->done, seriesCount, std::max(1, state->options.chunkSize),
                &state->cancel,
                [&](int i) {
                    state->results[static_cast<size_t>(i)] =
                        fitWsb(state->counts[static_cast<size_t>(i)], state->options.fit);
                },
                [&](int first, int count, int doneNow) {
                    QMetaObject::invokeMethod(
                        this, [this, first, count, doneNow, seriesCount] {
                            emit chunkReady(first, count, doneNow, seriesCount);
                        },
                        Qt::QueuedConnection);
                });
            if (state->activeWorkers.fetch_sub(1) == 1) {
                const bool cancelled = state->done.load() < seriesCount;
                QMetaObject::invokeMethod(
                    this, [this, state, cancelled] {
                        state->running = false;
                        emit finished(cancelled);
                    },
                    Qt::QueuedConnection);
            }
        });
    }
}

void BatchFitJob::cancel() { state_->cancel = true; }

bool BatchFitJob::isRunning() const { return state_->running.load(); }

int BatchFitJob::total() const { return static_cast<int>(state_->counts.size()); }

const FitResult& BatchFitJob::result(int index) const {
    return state_->results[static_cast<size_t>(index)];
}

}  // namespace hubgrowth
