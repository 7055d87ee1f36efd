#include "hubgrowth/data/forecast_batch_job.h"

#include <algorithm>
#include <mutex>

#include "hubgrowth/data/batch_fitter.h"

namespace hubgrowth {

namespace {

// Forecasts between two progress reports (the table fills in steps of this many rows).
constexpr int kChunk = 32;

// The last Forecaster learnt to the end, by population key: learning takes seconds on a large
// dataset, and the models table and the forecast table ask for the same population.
struct LearntForecaster {
    std::mutex mutex;
    QString key;
    std::shared_ptr<const Forecaster> forecaster;
};

LearntForecaster& learnt() {
    static LearntForecaster cache;
    return cache;
}

}  // namespace

ForecastBatchJob::~ForecastBatchJob() {
    cancelAndWait();
}

bool ForecastBatchJob::start(const QString& populationKey, std::vector<ModelSeries> population,
                             double m, std::vector<ForecastRequest> requests, int horizon) {
    if (isRunning())
        return false;
    results_.assign(requests.size(), SeriesForecast{});
    horizon_ = horizon;
    auto input = std::make_shared<const std::vector<ModelSeries>>(std::move(population));
    auto wanted = std::make_shared<const std::vector<ForecastRequest>>(std::move(requests));
    return run([this, populationKey, input, wanted, m, horizon](JobContext& context) {
        std::shared_ptr<const Forecaster> forecaster;
        {
            LearntForecaster& cache = learnt();
            const std::lock_guard<std::mutex> lock(cache.mutex);
            if (cache.key == populationKey)
                forecaster = cache.forecaster;
        }
        const int requested = static_cast<int>(wanted->size());
        context.progress(0, requested);
        if (!forecaster) {
            // The learner outlives this job (the cache): its pool watches this job's cancel
            // flag only while it learns.
            auto watched =
                std::make_shared<std::atomic<const std::atomic<bool>*>>(context.cancelFlag());
            ForecasterOptions options;  // as ForecastJob's: only m and the pool differ
            options.m = m;
            options.parallelFor = [inner = threadPoolParallelFor(), watched](
                                      int count, const std::function<void(int)>& body) {
                inner(count, [&](int i) {
                    const std::atomic<bool>* cancel = watched->load();
                    if (!cancel || !cancel->load(std::memory_order_relaxed))
                        body(i);
                });
            };
            forecaster = std::make_shared<const Forecaster>(*input, options);
            watched->store(nullptr);
            if (context.cancelled())
                return;  // a learner that skipped pseudo-forecasts is not kept
            LearntForecaster& cache = learnt();
            const std::lock_guard<std::mutex> lock(cache.mutex);
            cache.key = populationKey;
            cache.forecaster = forecaster;
        }
        // One series at a time: each forecast runs its calibration on the learner's pool.
        for (int i = 0; i < requested && !context.cancelled(); ++i) {
            const ForecastRequest& r = (*wanted)[static_cast<size_t>(i)];
            results_[static_cast<size_t>(i)] = forecaster->forecast(r.series, r.method, horizon);
            if ((i + 1) % kChunk == 0 || i + 1 == requested)
                context.progress(i + 1, requested);
        }
    });
}

double forecastFloor(const SeriesForecast& forecast) {
    const int last = forecast.observedMonths - 1;
    if (last < 0 || static_cast<size_t>(last) >= forecast.path.size())
        return std::nan("");
    return forecast.path[static_cast<size_t>(last)].actual;
}

double forecastAt(const SeriesForecast& forecast, int monthsAhead) {
    const long month = static_cast<long>(forecast.observedMonths) - 1 + monthsAhead;
    if (!forecast.ok || monthsAhead < 1 || month < 0 ||
        static_cast<size_t>(month) >= forecast.path.size())
        return std::nan("");
    const double value = forecast.path[static_cast<size_t>(month)].fitted;
    const double floor = forecastFloor(forecast);
    // A cumulative count never falls below what was observed.
    return std::isfinite(value) && std::isfinite(floor) ? std::max(value, floor) : value;
}

}  // namespace hubgrowth
