#include "hubgrowth/data/forecast_job.h"

#include <QMetaObject>
#include <QPointer>

#include "hubgrowth/data/batch_fitter.h"

namespace hubgrowth {

ForecastJob::ForecastJob(QObject* parent) : QObject(parent) {
    // One learner and one forecast at a time are plenty; the learner's calibration has its own
    // pool (threadPoolParallelFor).
    pool_.setMaxThreadCount(2);
}

ForecastJob::~ForecastJob() {
    cancel();
    pool_.waitForDone();
}

void ForecastJob::setPopulation(std::vector<ModelSeries> population, double m) {
    if (learningCancel_)
        learningCancel_->store(true);
    forecaster_.reset();
    // Forecasts from the old population are of no use any more.
    waiting_.reset();
    latestAtomic_ = ++latest_;
    m_ = m;
    populationSet_ = true;
    learning_ = true;
    const quint64 generation = ++populationGeneration_;
    auto superseded = std::make_shared<std::atomic<bool>>(false);
    learningCancel_ = superseded;
    pool_.start([this, population = std::move(population), m, generation, superseded] {
        ForecasterOptions options;
        options.m = m;
        // A superseded population skips its remaining pseudo-forecasts: the learner is
        // discarded anyway, and the next one needs the cores.
        options.parallelFor = [inner = threadPoolParallelFor(), superseded](
                                  int count, const std::function<void(int)>& body) {
            inner(count, [&](int i) {
                if (!superseded->load())
                    body(i);
            });
        };
        auto forecaster = std::make_shared<const Forecaster>(population, options);
        if (superseded->load())
            return;
        QMetaObject::invokeMethod(
            this,
            [this, forecaster, generation] {
                if (generation != populationGeneration_)
                    return;  // a newer population is being learnt
                forecaster_ = forecaster;
                learning_ = false;
                emit populationReady();
                if (waiting_) {
                    Request request = std::move(*waiting_);
                    waiting_.reset();
                    dispatch(std::move(request));
                }
            },
            Qt::QueuedConnection);
    });
}

quint64 ForecastJob::request(ModelSeries series, ForecastMethod method, int horizon) {
    Request request{++latest_, std::move(series), method, horizon};
    latestAtomic_ = latest_;
    waiting_.reset();
    if (!populationSet_) {
        const quint64 id = request.id;
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
        return latest_;
    }
    const quint64 id = request.id;
    dispatch(std::move(request));
    return id;
}

void ForecastJob::dispatch(Request request) {
    ++running_;
    pool_.start([this, forecaster = forecaster_, request = std::move(request)] {
        SeriesForecast forecast;
        const bool superseded = request.id != latestAtomic_.load();
        if (!superseded)
            forecast = forecaster->forecast(request.series, request.method, request.horizon);
        QMetaObject::invokeMethod(
            this,
            [this, id = request.id, forecast = std::move(forecast)] {
                --running_;
                deliver(id, forecast);
            },
            Qt::QueuedConnection);
    });
}

void ForecastJob::deliver(quint64 id, const SeriesForecast& forecast) {
    if (id != latest_)
        return;  // stale: a newer request supersedes it
    emit forecastReady(id, forecast);
}

void ForecastJob::cancel() {
    waiting_.reset();
    latestAtomic_ = ++latest_;  // every outstanding request is now stale
    if (learningCancel_ && learning_) {
        learningCancel_->store(true);
        learning_ = false;
        populationSet_ = false;  // the learner was stopped: setPopulation again
    }
}

}  // namespace hubgrowth
