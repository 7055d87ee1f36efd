#include "hubgrowth/data/forecast_job.h"

#include <QMetaObject>

#include "hubgrowth/data/population_learn_job.h"
#include "hubgrowth/data/series_forecast_job.h"

namespace hubgrowth {

ForecastJob::ForecastJob(QObject* parent) : QObject(parent) {}

ForecastJob::~ForecastJob() {
    cancel();
    // The jobs are children: each waits for its worker thread as it is deleted.
}

const BackgroundJob* ForecastJob::populationLearner() const {
    return learner_;
}

void ForecastJob::retire(BackgroundJob* job) {
    if (!job)
        return;
    disconnect(job, nullptr, this, nullptr);  // nothing of it is delivered any more
    job->cancel();
    if (job->isRunning())
        connect(job, &BackgroundJob::ended, job, &QObject::deleteLater);
    else
        job->deleteLater();
}

void ForecastJob::stopLearning() {
    retire(learner_);
    learner_ = nullptr;
}

void ForecastJob::stopForecasting() {
    retire(forecasting_);
    forecasting_ = nullptr;
}

void ForecastJob::setPopulation(std::vector<ModelSeries> population, double m, const QString& key) {
    setPopulation(std::make_shared<const std::vector<ModelSeries>>(std::move(population)), m, key);
}

void ForecastJob::setPopulation(std::shared_ptr<const std::vector<ModelSeries>> population,
                                double m, const QString& key) {
    stopLearning();
    forecaster_.reset();
    // Forecasts from the old population are of no use any more.
    waiting_.reset();
    stopForecasting();
    ++latest_;
    m_ = m;
    populationSet_ = true;
    auto* learner = new PopulationLearnJob(this);
    learner_ = learner;
    connect(learner, &BackgroundJob::progressed, this, &ForecastJob::populationProgressed);
    connect(learner, &BackgroundJob::ended, this, [this, learner](bool cancelled) {
        learner_ = nullptr;
        learner->deleteLater();
        if (!cancelled)
            learnt(learner->takeResult());
    });
    learner->start(key, std::move(population), m);
}

void ForecastJob::learnt(const std::shared_ptr<const Forecaster>& forecaster) {
    forecaster_ = forecaster;
    emit populationReady();
    if (waiting_) {
        Request next = std::move(*waiting_);
        waiting_.reset();
        dispatch(std::move(next));
    }
}

quint64 ForecastJob::request(ModelSeries series, ForecastMethod method, int horizon) {
    Request request{++latest_, std::move(series), method, horizon};
    waiting_.reset();
    stopForecasting();
    const quint64 id = request.id;
    if (!populationSet_) {
        QMetaObject::invokeMethod(
            this,
            [this, id] {
                SeriesForecast failed;
                failed.error = "no population to forecast from";
                deliver(id, failed);
            },
            Qt::QueuedConnection);
        return id;
    }
    if (!forecaster_) {
        waiting_ = std::move(request);
        return id;
    }
    dispatch(std::move(request));
    return id;
}

void ForecastJob::dispatch(Request request) {
    auto* job = new SeriesForecastJob(this);
    forecasting_ = job;
    connect(job, &BackgroundJob::ended, this, [this, job, id = request.id](bool cancelled) {
        forecasting_ = nullptr;
        job->deleteLater();
        if (!cancelled)
            deliver(id, job->takeResult());
    });
    job->start(forecaster_, std::move(request.series), request.method, request.horizon);
}

void ForecastJob::deliver(quint64 id, const SeriesForecast& forecast) {
    if (id != latest_)
        return;  // stale: a newer request supersedes it
    emit forecastReady(id, forecast);
}

void ForecastJob::cancel() {
    waiting_.reset();
    ++latest_;  // every outstanding request is now stale
    stopForecasting();
    if (learner_) {
        stopLearning();
        populationSet_ = false;  // the learner was stopped: setPopulation again
    }
}

}  // namespace hubgrowth
