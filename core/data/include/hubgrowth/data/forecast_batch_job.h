#pragma once
// Forecasts many series as a BackgroundJob: the population's Forecaster (learnt once per key
// and shared with ForecastJob: population_forecaster.h, so the numbers equal the Curve tab's) is
// learnt on the worker, then every request is forecast by Forecaster::forecastMany (series of
// one age share one calibration). Results stream in batches, in no particular order: after each
// progressed(done, total) the results of finished(k) for k < done can be read on the owner's
// thread.
//
//   auto* job = new ForecastBatchJob(this);
//   connect(job, &BackgroundJob::progressed, ...);  // job->forecast(job->finished(k)), k < done
//   job->start(populationKey(generation, m), dataset.series, m, {{series, ForecastMethod::Auto}},
//   12);

#include <QString>
#include <functional>
#include <memory>
#include <vector>

#include "hubgrowth/core/forecast/forecaster.h"
#include "hubgrowth/data/background_job.h"
#include "hubgrowth/data/population_forecaster.h"

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
    bool start(const QString& populationKey, SeriesPool population, double m,
               std::vector<ForecastRequest> requests, int horizon);
    // Every series of a shared population, cut to its first firstMonths (0: all) on the
    // worker, forecast with one method: nothing of the population is copied on the caller's
    // thread. Request k is series k.
    bool startAll(const QString& populationKey, SeriesPool population, double m,
                  ForecastMethod method, int firstMonths, int horizon);
    int total() const { return static_cast<int>(results_.size()); }
    int horizon() const { return horizon_; }
    // The k-th request to finish (k below the last progressed() count): an index into requests.
    int finished(int k) const;
    // Valid for finished(k) with k below the last progressed() count.
    const SeriesForecast& forecast(int index) const { return results_[static_cast<size_t>(index)]; }

  private:
    // The targets, made on the worker from the population; a series it must change (cut) is
    // copied into `copies` (reserved up front: the targets point into it), the others are read
    // where they are.
    using TargetsOf = std::function<std::vector<ForecastTarget>(const std::vector<ModelSeries>&,
                                                                std::vector<ModelSeries>* copies)>;
    bool launch(const QString& populationKey, SeriesPool population, double m, int requested,
                int horizon, TargetsOf makeTargets);

    std::vector<SeriesForecast> results_;  // sized before the work starts
    std::vector<int> finishOrder_;  // reserved before the work starts, appended by the worker
    int horizon_ = 0;
};

// The point forecast `monthsAhead` months after the last observed month, never below that last
// count; NaN when the forecast failed or does not reach so far.
double forecastAt(const SeriesForecast& forecast, int monthsAhead);
// The count a forecast starts from (NaN when its path does not hold it).
double forecastFloor(const SeriesForecast& forecast);

}  // namespace hubgrowth
