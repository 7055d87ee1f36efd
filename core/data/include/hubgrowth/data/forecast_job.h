#pragma once
// Runs the Forecaster (forecast/forecaster.h) off the UI thread, on the BackgroundJob pattern:
// the population's priors and interval calibration are learnt once per dataset and m by a
// PopulationLearnJob (shared by key with the table's ForecastBatchJob: population_forecaster.h);
// each request then forecasts one series in a SeriesForecastJob, delivered on the owner's
// thread. Only the newest request counts: an older result that arrives late is dropped, a
// superseded request stops its pseudo-forecasts, and a superseded (or cancelled) population
// stops learning at its next series.
//
//   ForecastJob job;
//   job.setPopulation(dataset.series, 100.0, key);          // returns at once
//   connect(&job, &ForecastJob::forecastReady, ...);       // (id, SeriesForecast)
//   const quint64 id = job.request(series, ForecastMethod::Auto, 12);

#include <QObject>
#include <QString>
#include <memory>
#include <optional>
#include <vector>

#include "hubgrowth/core/forecast/forecaster.h"

namespace hubgrowth {

class BackgroundJob;
class PopulationLearnJob;
class SeriesForecastJob;

class ForecastJob : public QObject {
    Q_OBJECT
  public:
    explicit ForecastJob(QObject* parent = nullptr);
    ~ForecastJob() override;  // cancels and waits for the workers

    // Starts learning from a copy of the population with this m (populationForecasterOptions),
    // or takes the Forecaster learnt before under the same key (populationKey; empty: always
    // learn). Supersedes every earlier request; requests made before it is learnt wait for it.
    void setPopulation(std::vector<ModelSeries> population, double m, const QString& key = {});
    // The same without a copy: the population is shared (the table model's series).
    void setPopulation(std::shared_ptr<const std::vector<ModelSeries>> population, double m,
                       const QString& key = {});
    bool hasPopulation() const { return populationSet_; }
    bool isPopulationReady() const { return forecaster_ != nullptr; }
    double m() const { return m_; }

    // Forecasts a copy of series; returns the request's id (increasing). Supersedes every
    // earlier request. Without a population the request fails at once (delivered queued).
    quint64 request(ModelSeries series, ForecastMethod method, int horizon);
    quint64 latestRequest() const { return latest_; }
    bool isBusy() const { return waiting_.has_value() || forecasting_ || learner_; }
    // Drops the pending request and stops learning; nothing more is delivered until the next
    // request (and setPopulation, if learning was stopped).
    void cancel();

    // The population being learnt (null when none is), for tests.
    const BackgroundJob* populationLearner() const;

  signals:
    // The newest request's forecast (never a superseded one's).
    void forecastReady(quint64 id, const hubgrowth::SeriesForecast& forecast);
    void populationReady();
    // Series of the current population learnt so far.
    void populationProgressed(int done, int total);

  private:
    struct Request {
        quint64 id = 0;
        ModelSeries series;
        ForecastMethod method = ForecastMethod::Auto;
        int horizon = 0;
    };
    void dispatch(Request request);
    void deliver(quint64 id, const SeriesForecast& forecast);
    void learnt(const std::shared_ptr<const Forecaster>& forecaster);
    void stopLearning();
    void stopForecasting();
    // Cancels a superseded job and deletes it once its work has ended (never blocking here).
    void retire(BackgroundJob* job);

    PopulationLearnJob* learner_ = nullptr;     // the current population's, while learning
    SeriesForecastJob* forecasting_ = nullptr;  // the newest request's, while it runs
    std::shared_ptr<const Forecaster> forecaster_;
    quint64 latest_ = 0;
    std::optional<Request> waiting_;  // made before the population was learnt
    double m_ = 100.0;
    bool populationSet_ = false;
};

}  // namespace hubgrowth
