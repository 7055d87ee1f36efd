#pragma once
// The forecasting API for the CLI and the GUI: one series, one method, a horizon -> the path
// for months 0..N-1+H with the fitted curve over the data, point forecasts and calibrated
// 80 % / 95 % prediction intervals beyond it, and flags.
//
//   Forecaster forecaster(dataset.series, options);      // learns priors + dispersion once
//   SeriesForecast f = forecaster.forecast(series, ForecastMethod::Auto, 12);
//
// The population is the dataset the series came from: its priors shrink short series, and its
// older series calibrate the intervals (split-conformal: pseudo-forecasts cut at the same age
// as the series, compared with what those series did next). For `auto` the same donors bound
// the point: it stays inside the 80 % band of the population-calibrated linear trend, as in the
// backtest. When fewer than IntervalCalibration::kMinSamples series are old enough to reach the
// last forecast month (a model older than nearly all others), the donors are cut at the latest
// earlier month where that many are: younger ages carry at least as much uncertainty, so the
// bands stay honest and the guard keeps bounding the point, instead of both going uncalibrated.
// Thread-safe after construction.

#include <atomic>
#include <cmath>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "hubgrowth/core/forecast/calibrated_forecast.h"
#include "hubgrowth/core/forecast/flags.h"
#include "hubgrowth/core/forecast/forecast_method.h"
#include "hubgrowth/core/forecast/population.h"
#include "hubgrowth/core/forecast/same_age_donors.h"
#include "hubgrowth/core/series/model_series.h"

namespace hubgrowth {

struct ForecastPoint {
    int month = 0;
    double actual = std::nan("");  // NaN beyond the data
    double fitted = std::nan("");  // the method's curve over the data; the point forecast beyond
    // Prediction intervals; NaN over the data.
    double lo80 = std::nan(""), hi80 = std::nan(""), lo95 = std::nan(""), hi95 = std::nan("");
};

struct SeriesForecast {
    bool ok = false;
    std::string error;  // why not, when !ok
    ForecastMethod method = ForecastMethod::Auto;
    std::string detail;  // the curves behind it (auto's members)
    int observedMonths = 0;
    std::vector<ForecastPoint> path;  // months 0..observedMonths-1+horizon
    std::vector<ForecastFlag> flags;
    int calibrationSeries = 0;  // series the intervals were calibrated on (last month)
    // The month those series were cut at: the series' own last month, or an earlier one when
    // too few series are old enough to reach its last forecast month (see Forecaster).
    int calibrationCut = -1;
    bool calibratedOnEarlierCut() const {
        return calibrationCut >= 0 && calibrationCut < observedMonths - 1;
    }
};

struct ForecasterOptions : ForecastSettings, DonorCaps {
    ParallelFor parallelFor;  // for the calibration's pseudo-forecasts; empty: one thread
};

// One series to forecast with forecastMany, and the method to forecast it with.
struct ForecastTarget {
    const ModelSeries* series = nullptr;
    ForecastMethod method = ForecastMethod::Auto;
};

class Forecaster {
  public:
    explicit Forecaster(std::vector<ModelSeries> population, ForecasterOptions options = {});
    // Learns the population with a cancel flag and a progress report (PopulationOptions); once
    // the flag is set the learning stops at the next series and the Forecaster must be dropped.
    Forecaster(std::vector<ModelSeries> population, ForecasterOptions options,
               const std::atomic<bool>* cancel, std::function<void(int done, int total)> progress);
    // The same, sharing the population instead of owning a copy (the workbench's 200 k series).
    Forecaster(std::shared_ptr<const std::vector<ModelSeries>> population,
               ForecasterOptions options, const std::atomic<bool>* cancel,
               std::function<void(int done, int total)> progress);

    SeriesForecast forecast(const ModelSeries& series, ForecastMethod method, int horizon) const;

    // The same forecasts as forecast() on each target, many times faster: series of one age and
    // method share one pooled trend and one calibration (a series' donors depend only on its
    // age, unless the population holds a longer copy of it, which is excluded: such a target is
    // forecast alone). finished(indices, results) reports each batch of done targets on this
    // thread (results[i] is final for i in indices); once *cancel is set the remaining targets
    // are skipped (error "cancelled").
    using FinishedBatch = std::function<void(const std::vector<size_t>& indices,
                                             const std::vector<SeriesForecast>& results)>;
    std::vector<SeriesForecast> forecastMany(const std::vector<ForecastTarget>& targets,
                                             int horizon, const std::atomic<bool>* cancel = nullptr,
                                             const FinishedBatch& finished = {}) const;

    const PopulationModel& populationModel() const { return model_; }
    // The series it learned from and forecasts with (shared when given as a shared pointer).
    const std::vector<ModelSeries>& population() const { return *population_; }

  private:
    // What a series cut at month `cut` is forecast with (same_age_donors.h), without
    // `exclude`'s longer copies.
    SameAgeContext contextAt(int cut, int horizon, const ModelSeries* exclude) const;
    // Whether the population holds a copy of series that could teach its own forecast at cut.
    bool holdsLongerCopy(const ModelSeries& series, int cut) const;
    // The forecasts of targets (all cut at `cut`) calibrated on context's donors.
    CalibratedForecasts calibrate(ForecastMethod method, int cut, int horizon,
                                  const SameAgeContext& context,
                                  const std::vector<const ModelSeries*>& targets,
                                  const ParallelFor& parallelFor) const;
    SeriesForecast finish(const ModelSeries& series, ForecastMethod method, int horizon,
                          const CalibratedSeries& target, int calibrationSamples,
                          int calibrationCut) const;

    std::shared_ptr<const std::vector<ModelSeries>> population_;  // never null
    ForecasterOptions options_;
    PopulationModel model_;
};

}  // namespace hubgrowth
