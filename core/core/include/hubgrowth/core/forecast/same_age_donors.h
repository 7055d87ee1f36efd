#pragma once
// The same-age donors: the population's series cut at a target's age, forecast and scored on
// what they did next, calibrate the target's intervals (and teach auto's guard and stacking).
// One definition for the Forecaster and the as-of pipeline's SameAge mode, so the two give the
// same forecast on the same data (tests/core/test_as_of).

#include <functional>
#include <vector>

#include "hubgrowth/core/forecast/calibrated_forecast.h"
#include "hubgrowth/core/forecast/pooled_trend.h"
#include "hubgrowth/core/forecast/population.h"
#include "hubgrowth/core/series/model_series.h"

namespace hubgrowth {

// Caps for huge datasets (evenly spaced subsets; every series counts below them): series
// pseudo-forecast to calibrate the intervals, and series the pooled trend learns from.
struct DonorCaps {
    int maxCalibrationSeries = 5000;
    int maxTrendSeries = 20000;
};

// Where same-age donors are cut for a series cut at `cut`: the latest month <= cut at which
// IntervalCalibration::kMinSamples series (at least minCountAtCut there, not skipped) are
// observed `horizon` months later; cut itself when no month has that many. A model older than
// nearly all others would otherwise have no donors for its last forecast month, and its bands
// and auto's guard would go uncalibrated; younger ages carry at least as much uncertainty.
int sameAgeDonorCut(const std::vector<ModelSeries>& population, int cut, int horizon,
                    double minCountAtCut, const std::function<bool(const ModelSeries&)>& skip = {});

// What series cut at month `cut` are forecast with.
struct SameAgeContext {
    std::vector<size_t> donors;  // into the population, cut at donorCut
    PooledTrend pooled;          // at the targets' cut
    int donorCut = 0;            // cut, or earlier (sameAgeDonorCut)
    PooledTrend donorPooled;     // at donorCut, when it is earlier
};

// The donors and pooled trends at `cut`; series for which skip() holds take no part (the
// Forecaster skips longer copies of the target: they would teach it its own future).
SameAgeContext sameAgeContext(const std::vector<ModelSeries>& population, int cut, int horizon,
                              double minCountAtCut, const DonorCaps& caps,
                              const std::function<bool(const ModelSeries&)>& skip = {});

// The forecasts of targets (all cut at `cut`) calibrated on context's donors: the result's
// series are the donors', then the targets' (from context.donors.size()); its last calibration
// is the targets'.
CalibratedForecasts forecastOnSameAgeDonors(ForecastMethod method, int cut, int horizon,
                                            const std::vector<ModelSeries>& population,
                                            const PopulationModel& model,
                                            const SameAgeContext& context,
                                            const std::vector<const ModelSeries*>& targets,
                                            const ForecastSettings& settings,
                                            const ParallelFor& parallelFor = {});

}  // namespace hubgrowth
