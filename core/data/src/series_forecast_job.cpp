#include "hubgrowth/data/series_forecast_job.h"

namespace hubgrowth {

SeriesForecastJob::~SeriesForecastJob() {
    cancelAndWait();
}

bool SeriesForecastJob::start(std::shared_ptr<const Forecaster> forecaster, ModelSeries series,
                              ForecastMethod method, int horizon) {
    if (isRunning())
        return false;
    result_ = {};
    auto input = std::make_shared<const ModelSeries>(std::move(series));
    return run([this, forecaster = std::move(forecaster), input, method,
                horizon](const JobContext& context) {
        // Through forecastMany: a cancelled (superseded) request skips its pseudo-forecasts.
        std::vector<SeriesForecast> done =
            forecaster->forecastMany({{input.get(), method}}, horizon, context.cancelFlag());
        if (!context.cancelled())
            result_ = std::move(done.front());
    });
}

}  // namespace hubgrowth
