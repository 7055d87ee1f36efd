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
    return start(populationKey,
                 std::make_shared<const std::vector<ModelSeries>>(std::move(population)), m,
                 std::move(requests), horizon);
}

bool ForecastBatchJob::start(const QString& populationKey, SeriesPool population, double m,
                             std::vector<ForecastRequest> requests, int horizon) {
    if (!population)
        return false;
    auto wanted = std::make_shared<const std::vector<ForecastRequest>>(std::move(requests));
    return launch(populationKey, std::move(population), m, int(wanted->size()), horizon,
                  [wanted](const std::vector<ModelSeries>&, std::vector<ModelSeries>*) {
                      std::vector<ForecastTarget> targets;
                      targets.reserve(wanted->size());
                      for (const ForecastRequest& r : *wanted)
                          targets.push_back({&r.series, r.method});
                      return targets;
                  });
}

bool ForecastBatchJob::startAll(const QString& populationKey, SeriesPool population, double m,
                                ForecastMethod method, int firstMonths, int horizon) {
    if (!population)
        return false;
    const int count = int(population->size());
    return launch(populationKey, std::move(population), m, count, horizon,
                  [method, firstMonths](const std::vector<ModelSeries>& series,
                                        std::vector<ModelSeries>* copies) {
                      // Only the series the Curve tab's cut shortens are copied (a second
                      // population otherwise); the rest are forecast where they are.
                      const auto isCut = [firstMonths](const ModelSeries& s) {
                          return firstMonths > 0 && s.observedMonths() > firstMonths;
                      };
                      copies->reserve(size_t(std::count_if(series.begin(), series.end(), isCut)));
                      std::vector<ForecastTarget> targets;
                      targets.reserve(series.size());
                      for (const ModelSeries& s : series) {
                          if (!isCut(s)) {
                              targets.push_back({&s, method});
                              continue;
                          }
                          copies->push_back(s);
                          copies->back().counts.resize(size_t(firstMonths));
                          targets.push_back({&copies->back(), method});
                      }
                      return targets;
                  });
}

bool ForecastBatchJob::launch(const QString& populationKey, SeriesPool population, double m,
                              int requested, int horizon, TargetsOf makeTargets) {
    if (isRunning())
        return false;
    results_.assign(size_t(requested), SeriesForecast{});
    finishOrder_.clear();
    finishOrder_.reserve(size_t(requested));  // never reallocated while the owner reads it
    horizon_ = horizon;
    return run([this, populationKey, input = std::move(population), m, horizon, requested,
                makeTargets = std::move(makeTargets)](JobContext& context) {
        context.progress(0, requested);
        const std::shared_ptr<const Forecaster> forecaster =
            learnPopulationForecaster(populationKey, input, m, context.cancelFlag(), {});
        if (!forecaster || context.cancelled())
            return;
        std::vector<ModelSeries> copies;  // outlives the forecasts: targets may point into it
        const std::vector<ForecastTarget> targets = makeTargets(*input, &copies);
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
