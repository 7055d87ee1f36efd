#pragma once
// The one calibrated-forecast path behind the Forecaster and the backtest. Series cut at the
// same month are forecast in groups; each group is calibrated on a donor group of series whose
// outcomes after the cut are known:
//   1. every series' raw forecast (and, for auto's guard, its linear trend);
//   2. auto, strategy Stacked: stacking weights per horizon from the donors' member forecasts,
//      and every forecast recombined with them (nothing is refitted);
//   3. auto: the population guard, the point kept inside the calibrated band of the series' own
//      linear trend (calibrated on the donors' linear trends, see clampToReference);
//   4. split-conformal calibration of the intervals on the donors' (guarded) forecasts;
//   5. auto: no band edge beyond its members' own calibrated bands (limitToMemberEnvelope).
// The Forecaster forecasts one series with the population as one donor group that also
// calibrates itself; the backtest forecasts each cross-fitting fold with the other as donors.
// The as-of forecasts (as_of.h) mix ages in one call: each CutSeries may carry its own cut and
// pooled trend.

#include <functional>
#include <vector>

#include "hubgrowth/core/forecast/forecast_method.h"
#include "hubgrowth/core/forecast/interval_calibration.h"
#include "hubgrowth/core/forecast/pooled_trend.h"
#include "hubgrowth/core/forecast/population.h"
#include "hubgrowth/core/series/model_series.h"

namespace hubgrowth {

// Runs body(i) for i in [0, count); the default is a plain loop. The data layer passes its
// thread pool here.
using ParallelFor = std::function<void(int count, const std::function<void(int)>& body)>;

// Everything that decides a calibrated forecast besides the data: the methods' settings and how
// they are calibrated. Embedded in ForecasterOptions and BacktestOptions.
struct ForecastSettings : MethodSettings {
    double minCountAtCut = 10.0;  // donors have at least this many adoptions at the cut
    // z = error / the method's own spread before the conformal quantiles; false: one width
    bool standardiseErrors = true;
    bool populationGuard = true;  // auto only: see step 3 above
    bool memberEnvelope = true;   // auto only: see step 5 above
    GuardBand guardBand = GuardBand::Central80;
    bool calibratePoint = false;  // move the point by the calibration's median shift
};

// One series cut at the pipeline's cut.
struct CutSeries {
    const ModelSeries* series = nullptr;  // months 0..cut are the input; later ones the outcome
    int group = 0;
    int horizon = 0;  // months forecast; a donor's must all be observed
    // This series' own cut and pooled trend (learned at that cut), when it is not cut at the
    // pipeline's cut (the as-of forecasts mix ages: as_of.h); -1 / null: the pipeline's / group's.
    int cut = -1;
    const PooledTrend* pooled = nullptr;
};

// What one group's series are forecast with.
struct ForecastGroup {
    const PopulationModel* population = nullptr;
    const PooledTrend* pooled = nullptr;
    int donors = 0;  // the group that calibrates this one (may be itself)
};

struct CalibratedSeries {
    // After stacking, the guard and (calibratePoint) the shift; ok = false: no forecast.
    MethodForecast forecast;
    std::vector<PredictionInterval> intervals;  // [h - 1], for ok forecasts
    bool recombined = false;  // stacking recombined the members (failed: it could not)
};

struct CalibratedForecasts {
    std::vector<CalibratedSeries> series;           // as the input
    std::vector<IntervalCalibration> calibrations;  // [group]: its intervals' calibration
};

CalibratedForecasts forecastCalibrated(ForecastMethod method, int cut,
                                       const std::vector<CutSeries>& series,
                                       const std::vector<ForecastGroup>& groups,
                                       const ForecastSettings& settings,
                                       const ParallelFor& parallelFor = {});

}  // namespace hubgrowth
