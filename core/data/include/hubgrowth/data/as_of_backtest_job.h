#pragma once
// The as-of backtest (core/forecast/as_of_backtest.h, `hubgrowth backtest --as-of`) as a
// BackgroundJob, for the Curve tab's time machine: the rows of every eligible model of the
// dataset at one date and horizon; the panel summarises the rows of the models its filter
// shows. cancel() makes the remaining parallel work return at once (ended(true) follows and
// the result must be dropped). One job runs once; a newer request takes a new job.

#include <cstdint>
#include <vector>

#include "hubgrowth/core/forecast/as_of_backtest.h"
#include "hubgrowth/data/background_job.h"

namespace hubgrowth {

class AsOfBacktestJob : public BackgroundJob {
    Q_OBJECT
  public:
    using BackgroundJob::BackgroundJob;
    ~AsOfBacktestJob() override;  // cancels and waits for the worker thread

    // Works on its own copy of series; false while running.
    bool start(std::vector<ModelSeries> series, std::int64_t asOf, const AsOfOptions& options,
               int threads = 0);
    // After ended(false): runAsOfBacktest's rows (once; moved out).
    std::vector<AsOfRow> takeRows() { return std::move(rows_); }

  private:
    std::vector<AsOfRow> rows_;  // written by the work, read after ended()
};

}  // namespace hubgrowth
