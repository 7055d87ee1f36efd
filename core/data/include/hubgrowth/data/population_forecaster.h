#pragma once
// The one way the data layer learns a population's Forecaster, for ForecastJob (the Curve tab)
// and ForecastBatchJob (the table's column and the forecast table): the same options, so their
// numbers agree, and the last Forecaster learnt to the end kept by its population key, so a
// dataset opened once is learnt once whichever asks first. Thread-safe.

#include <QString>
#include <atomic>
#include <functional>
#include <memory>
#include <vector>

#include "hubgrowth/core/forecast/forecaster.h"
#include "hubgrowth/data/series_pool.h"

namespace hubgrowth {

// m and the thread pool; everything else the Forecaster's defaults.
ForecasterOptions populationForecasterOptions(double m);

// A key naming a population and m (dataset generation, for instance); empty: never cached.
QString populationKey(quint64 generation, double m);

// The cached Forecaster of key, or one learnt now from the population, shared (and cached
// unless cancelled: null then). progress(done, total) reports the series learnt.
std::shared_ptr<const Forecaster> learnPopulationForecaster(
    const QString& key, const SeriesPool& population, double m, const std::atomic<bool>* cancel,
    const std::function<void(int done, int total)>& progress);

}  // namespace hubgrowth
