#pragma once
// Forecasts many series as a BackgroundJob: the population's Forecaster (forecast/forecaster.h,
// the same options as ForecastJob's, so the numbers equal the Curve tab's) is learnt on the
// worker, then every request is forecast on a thread pool in chunks. Results stream: after each
// progressed(done, total) the results [0, done) can be read on the owner's thread. The last
// learnt Forecaster is kept (per population key) and reused by the next job of that key.
//
//   auto* job = new ForecastBatchJob(this);
//   connect(job, &BackgroundJob::progressed, ...);  // job->forecast(i) for i < done
//   job->start(key, dataset.series, m, {{series, ForecastMethod::Auto}}, 12);

#include <QString>
#include <memory>
#include <vector>

#include "hubgrowth/core/forecast/forecaster.h"
#include "hubgrowth/data/background_job.h"

namespace hubgrowth {

struct ForecastRequest {
    ModelSeries series;  // cut already to the months the forecast starts from
    ForecastMethod method = ForecastMethod::Auto;
};

class ForecastBatchJob : public BackgroundJob {
    Q_OBJECT
  public:
    using BackgroundJob::BackgroundJob;
    ~ForecastBatchJob() override;  // cancels and waits for the worker thread

    // populationKey names the population and m (a Forecaster learnt for the same key is
    // reused). Works on copies; false while running.
    bool start(const QString& populationKey, std::vector<ModelSeries> population, double m,
               std::vector<ForecastRequest> requests, int horizon);
    int total() const { return static_cast<int>(results_.size()); }
    int horizon() const { return horizon_; }
    // Valid for indices below the last progressed() count.
    const SeriesForecast& forecast(int index) const { return results_[static_cast<size_t>(index)]; }

  private:
    std::vector<SeriesForecast> results_;  // sized before the work starts, filled in order
    int horizon_ = 0;
};

// The point forecast `monthsAhead` months after the last observed month, never below that last
// count; NaN when the forecast failed or does not reach so far.
double forecastAt(const SeriesForecast& forecast, int monthsAhead);
// The count a forecast starts from (NaN when its path does not hold it).
double forecastFloor(const SeriesForecast& forecast);

}  // namespace hubgrowth
