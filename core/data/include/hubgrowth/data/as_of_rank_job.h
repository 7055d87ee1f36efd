#pragma once
// Ranks models by forecast gain as of a date (core/forecast/as_of_rank.h) as a BackgroundJob,
// for the workbench's Rising tab: the forecasts of every model known at the date and, when the
// date leaves room for it, the as-of backtest's rows (runAsOfBacktest) of the same date and
// horizon. cancel() makes the remaining parallel work return at once (ended(true) follows and
// the result must be dropped). One job runs once; a newer request takes a new job.

#include <cstdint>
#include <vector>

#include "hubgrowth/core/forecast/as_of_backtest.h"
#include "hubgrowth/data/background_job.h"

namespace hubgrowth {

struct AsOfRanking {
    std::int64_t asOf = 0;
    AsOfOptions options;
    std::vector<AsOfForecast> forecasts;  // forecastAsOf of every model known at asOf
    std::vector<size_t> order;            // rankByGain: positions into forecasts
    bool backtested = false;              // rows below were computed
    std::vector<AsOfRow> backtestRows;    // runAsOfBacktest(series, asOf, options)
};

class AsOfRankJob : public BackgroundJob {
    Q_OBJECT
  public:
    using BackgroundJob::BackgroundJob;
    ~AsOfRankJob() override;  // cancels and waits for the worker thread

    // Works on its own copy of series; false while running. backtest: also score the models
    // against what they did in the horizon after the date (needs the months after it).
    bool start(std::vector<ModelSeries> series, std::int64_t asOf, const AsOfOptions& options,
               bool backtest, int threads = 0);
    // After ended(false): the result (once; moved out).
    AsOfRanking takeResult() { return std::move(result_); }

  private:
    AsOfRanking result_;  // written by the work, read after ended()
};

}  // namespace hubgrowth
