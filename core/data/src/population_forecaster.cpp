#include "hubgrowth/data/population_forecaster.h"

#include <mutex>

#include "hubgrowth/data/batch_fitter.h"

namespace hubgrowth {

namespace {

// One entry: the workbench has one dataset open, and every view asks for its population.
struct LearntForecaster {
    std::mutex mutex;
    QString key;
    std::shared_ptr<const Forecaster> forecaster;
};

LearntForecaster& lastLearnt() {
    static LearntForecaster cache;
    return cache;
}

}  // namespace

ForecasterOptions populationForecasterOptions(double m) {
    ForecasterOptions options;
    options.m = m;
    options.parallelFor = threadPoolParallelFor();
    return options;
}

QString populationKey(quint64 generation, double m) {
    return QStringLiteral("%1|%2").arg(generation).arg(m, 0, 'g', 17);
}

std::shared_ptr<const Forecaster> learnPopulationForecaster(
    const QString& key, const SeriesPool& population, double m, const std::atomic<bool>* cancel,
    const std::function<void(int done, int total)>& progress) {
    LearntForecaster& cache = lastLearnt();
    if (!key.isEmpty()) {
        const std::lock_guard<std::mutex> lock(cache.mutex);
        if (cache.key == key)
            return cache.forecaster;
    }
    // Shares the pool: a copy of 200 k series cost the worker time and its memory twice.
    auto forecaster = std::make_shared<const Forecaster>(population, populationForecasterOptions(m),
                                                         cancel, progress);
    if (cancel && cancel->load())
        return nullptr;  // learning stopped part-way: not a Forecaster to keep
    if (!key.isEmpty()) {
        const std::lock_guard<std::mutex> lock(cache.mutex);
        cache.key = key;
        cache.forecaster = forecaster;
    }
    return forecaster;
}

}  // namespace hubgrowth
