#pragma once
// The forecasting methods and one method's raw forecast from a cut (before intervals).

#include <optional>
#include <string>
#include <vector>

#include "hubgrowth/core/forecast/curve_fit.h"
#include "hubgrowth/core/forecast/pooled_trend.h"
#include "hubgrowth/core/forecast/population.h"

namespace hubgrowth {

enum class ForecastMethod {
    WsbLs,     // the paper's method: WSB by least squares on cumulative counts, not anchored
    Wsb,       // WSB, negative-binomial increments, anchored at the last observation
    WsbPrior,  // the same with the population prior (MAP): the cold-start method
    Bass,
    Gompertz,
    Logistic,
    Linear,  // the last 3 months' linear trend
    Pooled,  // the pooled trend across series of the same age (see pooled_trend.h)
    Auto,    // the ensemble chosen by backtest (see forecast_method.cpp)
    // The last 3 months' rate, decaying geometrically at the rate it decayed from the 3 months
    // before (never growing): needs 7 months
    Damped,
};

inline constexpr ForecastMethod kAllMethods[] = {ForecastMethod::WsbLs,    ForecastMethod::Wsb,
                                                 ForecastMethod::WsbPrior, ForecastMethod::Bass,
                                                 ForecastMethod::Gompertz, ForecastMethod::Logistic,
                                                 ForecastMethod::Linear,   ForecastMethod::Pooled,
                                                 ForecastMethod::Damped,   ForecastMethod::Auto};

const char* methodName(ForecastMethod method);
std::optional<ForecastMethod> parseMethod(const std::string& name);
std::string methodNameList();  // "wsb-ls|wsb|...|auto"

// How `auto` combines its members (kept selectable so the benchmark can compare them).
enum class AutoStrategy {
    Median,           // median of the members' forecasts
    MedianBestRival,  // median of wsb-prior, the rival curve with the lowest AICc, and linear
    AiccWeights,      // Akaike-weighted mean of the curve members
    AiccSelect,       // the curve member with the lowest AICc
    // MedianBestRival's members, combined with out-of-fold stacking weights (stacking.h) when
    // the context has them, else by their median
    Stacked,
};

// The members `auto` combines.
std::vector<ForecastMethod> defaultAutoMembers();

// How the methods forecast: the knobs every fit sees (part of ForecastSettings).
struct MethodSettings {
    double m = 100.0;
    AutoStrategy autoStrategy = AutoStrategy::MedianBestRival;
    bool anchorLeastSquares = false;  // wsb-ls continues from the last count (benchmark only)
    // alpha of the fitting likelihood: 0 = quasi-Poisson (chosen by backtest, see README);
    // < 0: the population's negative-binomial alpha. Intervals always use the population's.
    double fitDispersion = 0.0;
    // Add the fit's parameter uncertainty (delta method) to the spread that standardises the
    // errors before conformal calibration.
    bool parameterUncertainty = true;
    // The same for auto's members. Off: auto's spread already holds the members' disagreement,
    // which is its model and parameter uncertainty; adding each member's own would count it
    // twice (the backtest agrees: see README).
    bool autoParameterUncertainty = false;
    bool autoWithLinear = true;  // auto's members besides wsb-prior and the best rival
    bool autoWithPooled = true;
    bool autoWithDamped = true;  // a member only where it can forecast (>= 7 months)
    std::vector<ForecastMethod> autoMembers = defaultAutoMembers();
};

// The settings plus what one forecast learned from its population.
struct ForecastContext : MethodSettings {
    const PopulationModel* population = nullptr;  // priors and dispersion; none: uninformed
    std::string org;
    const PooledTrend* pooled = nullptr;  // learned at this cut; none: the pooled method fails
    // The series' lead relations by month (ModelSeries::leadCounts; only months 0..n-1 are
    // read); none or empty: the pooled method uses the fine-tunes alone.
    const std::vector<double>* lead = nullptr;
    // AutoStrategy::Stacked: weights[h - 1][member] (the last row for longer horizons) over
    // auto's members in order (wsb-prior, best rival, linear if autoWithLinear, pooled if
    // autoWithPooled, damped if autoWithDamped); none: the members' median.
    const std::vector<std::vector<double>>* stackingWeights = nullptr;
};

struct MethodForecast {
    bool ok = false;
    std::string error;           // why not, when !ok (may be empty: no more specific reason)
    std::vector<double> fitted;  // months 0..n-1
    std::vector<double> future;  // months n..n-1+H
    std::vector<double> logSd;   // model standard deviation of ln(future increment + 1), per h
    std::string detail;          // what was fitted (members of auto)
    CurveFit fit;                // the main curve fit, when the method fits one
    // auto (MedianBestRival, Stacked): its members' own forecasts, so that they can be
    // recombined with other weights without refitting
    std::vector<MethodForecast> members;
};

// counts: months 0..n-1 observed (n >= 2). Never throws; ok = false (with the reason in error,
// when there is one more specific than "could not forecast") when nothing can be said.
MethodForecast forecastMethod(ForecastMethod method, const double* counts, int n, int horizon,
                              const ForecastContext& context);

// auto's combination of its members: a weighted mean in ln(1 + increment) with weights[h - 1]
// (see ForecastContext::stackingWeights), or their median without weights. Keeps the members.
MethodForecast combineAutoMembers(std::vector<MethodForecast> members, const double* counts, int n,
                                  int horizon,
                                  const std::vector<std::vector<double>>* weights = nullptr);

// ln(1 + increment) of each of auto's members h months ahead; empty when a member failed or
// does not reach h (such a pseudo-forecast cannot teach stacking weights).
std::vector<double> memberLogIncrements(const MethodForecast& autoForecast, double lastObserved,
                                        int h);

}  // namespace hubgrowth
