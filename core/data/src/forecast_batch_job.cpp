#include "hubgrowth/data/forecast_batch_job.h"

#include <algorithm>

#include "hubgrowth/data/population_forecaster.h"

namespace hubgrowth {

ForecastBatchJob::~ForecastBatchJob() {
    cancelAndWait();
}

int ForecastBatchJob::finished(int k) const {
    return finishOrder_[static_cast<size_t>(k)];
}

bool ForecastBatchJob::start(const QString& populationKey, std::vector<ModelSeries> population,
                             double m, std::vector<ForecastRequest> requests, int horizon) {
    if (isRunning())
        return false;
    results_.assign(requests.size(), SeriesForecast{});
    finishOrder_.clear();
    finishOrder_.reserve(requests.size());  // never reallocated while the owner reads it
    horizon_ = horizon;
    auto input = std::make_shared<std::vector<ModelSeries>>(std::move(population));
    auto wanted = std::make_shared<const std::vector<ForecastRequest>>(std::move(requests));
    return run([this, populationKey, input, wanted, m, horizon](JobContext& context) {
        const int requested = static_cast<int>(wanted->size());
        context.progress(0, requested);
        const std::shared_ptr<const Forecaster> forecaster = learnPopulationForecaster(
            populationKey, std::move(*input), m, context.cancelFlag(), {});
        if (!forecaster || context.cancelled())
            return;
        std::vector<ForecastTarget> targets;
        targets.reserve(wanted->size());
        for (const ForecastRequest& r : *wanted)
            targets.push_back({&r.series, r.method});
        // Each batch is written before progressed() announces it (a queued signal).
        forecaster->forecastMany(
            targets, horizon, context.cancelFlag(),
            [&](const std::vector<size_t>& indices, const std::vector<SeriesForecast>& results) {
                for (size_t i : indices) {
                    results_[i] = results[i];
                    finishOrder_.push_back(static_cast<int>(i));
                }
                context.progress(static_cast<int>(finishOrder_.size()), requested);
            });
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
