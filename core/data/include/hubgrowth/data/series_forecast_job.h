#pragma once
// Forecasts one series with a learnt Forecaster as a BackgroundJob, for ForecastJob. cancel()
// skips the forecast's remaining pseudo-forecasts and drops its result (ended(true)). One job
// forecasts once.

#include <memory>

#include "hubgrowth/core/forecast/forecaster.h"
#include "hubgrowth/data/background_job.h"

namespace hubgrowth {

class SeriesForecastJob : public BackgroundJob {
    Q_OBJECT
  public:
    using BackgroundJob::BackgroundJob;
    ~SeriesForecastJob() override;  // cancels and waits for the worker thread

    // Forecasts its own copy of series; false while running.
    bool start(std::shared_ptr<const Forecaster> forecaster, ModelSeries series,
               ForecastMethod method, int horizon);
    // After ended(false): the forecast (once; moved out).
    SeriesForecast takeResult() { return std::move(result_); }

  private:
    SeriesForecast result_;  // written by the work, read after ended()
};

}  // namespace hubgrowth
