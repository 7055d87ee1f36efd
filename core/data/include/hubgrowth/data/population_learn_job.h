#pragma once
// Learns a Forecaster (forecast/forecaster.h) from a population as a BackgroundJob, for
// ForecastJob, through learnPopulationForecaster (population_forecaster.h: a population learnt
// before under the same key is not learnt again): progressed() reports the series learnt;
// cancel() stops the learning at the next series (ended(true) follows and there is no result).
// One job learns once.

#include <atomic>
#include <memory>
#include <vector>

#include "hubgrowth/core/forecast/forecaster.h"
#include "hubgrowth/data/background_job.h"
#include "hubgrowth/data/population_forecaster.h"

namespace hubgrowth {

class PopulationLearnJob : public BackgroundJob {
    Q_OBJECT
  public:
    using BackgroundJob::BackgroundJob;
    ~PopulationLearnJob() override;  // cancels and waits for the worker thread

    // Learns from (a copy of) the population with this m (populationForecasterOptions); key
    // names the population (empty: not cached). False while running.
    bool start(const QString& key, SeriesPool population, double m);
    // After ended(false): the learnt Forecaster (once; moved out); null after ended(true).
    std::shared_ptr<const Forecaster> takeResult() { return std::move(result_); }

  private:
    std::shared_ptr<const Forecaster> result_;  // written by the work, read after ended()
};

}  // namespace hubgrowth
