#pragma once
// Fits many series on a thread pool. fitBatch() blocks (the CLI); BatchFitJob runs the same
// engine as a BackgroundJob and streams results to its owner's thread (the GUI). Results are in
// input order; cancellation is checked before every series, so it takes effect within one fit
// (well under a millisecond).

#include <atomic>
#include <functional>
#include <memory>
#include <vector>

#include "hubgrowth/core/fit/wsb_fitter.h"
#include "hubgrowth/core/forecast/backtest.h"
#include "hubgrowth/core/series/model_series.h"
#include "hubgrowth/data/background_job.h"
#include "hubgrowth/data/series_pool.h"

namespace hubgrowth {

struct BatchOptions {
    FitOptions fit;
    int threads = 0;     // 0: one per core
    int chunkSize = 16;  // series a worker takes at a time
};

struct BatchOutcome {
    std::vector<FitResult> results;  // results[i] is series[i]'s fit (default when not reached)
    std::vector<bool> done;          // which results were computed
    int completed = 0;
    bool cancelled = false;
};

// progress(done, total) is called on the calling thread about every 50 ms and once at the end.
BatchOutcome fitBatch(const std::vector<ModelSeries>& series, const BatchOptions& options,
                      const std::function<void(int, int)>& progress = {},
                      const std::atomic<bool>* cancel = nullptr);

// A ParallelFor (see forecast/backtest.h) that runs on a thread pool with the same chunked
// workers as fitBatch; threads = 0: one per core.
ParallelFor threadPoolParallelFor(int threads = 0, int chunkSize = 8);

// fitBatch's engine as a BackgroundJob: the job's worker thread drives the pool and results
// stream to the owner's thread chunk by chunk.
class BatchFitJob : public BackgroundJob {
    Q_OBJECT
  public:
    explicit BatchFitJob(QObject* parent = nullptr);
    ~BatchFitJob() override;  // cancels and waits for the workers

    // Starts fitting the given counts (moved into a pool of their own). A job runs once at a
    // time; false while it runs.
    bool start(std::vector<std::vector<double>> counts, const BatchOptions& options);
    // Fits every series of a shared population, cut to its first firstMonths (0: all) on the
    // workers: nothing is copied on the caller's thread.
    bool start(SeriesPool series, int firstMonths, const BatchOptions& options);
    int total() const { return total_; }
    // Valid for indices reported by chunkReady.
    const FitResult& result(int index) const { return results_[static_cast<size_t>(index)]; }

  signals:
    void chunkReady(int first, int count, int done, int total);
    // cancelled: not every series was fitted.
    void finished(bool cancelled);

  protected:
    void workEnded(bool cancelled) override;

  private:
    bool launch(const BatchOptions& options);
    // The counts of series i, cut to firstMonths_ (into scratch when cut).
    const std::vector<double>& countsOf(int i, std::vector<double>* scratch) const;

    SeriesPool series_;
    int firstMonths_ = 0;
    int total_ = 0;
    std::vector<FitResult> results_;
    BatchOptions options_;
    bool incomplete_ = false;  // written by the work, read once it ended
};

}  // namespace hubgrowth
