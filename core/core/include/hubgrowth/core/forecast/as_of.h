#pragma once
// Forecasting as of a calendar date: what a user forecasting on that date could have done.
// Every series stops at the same instant: a model of whole age a months (months of 30.436875
// days from its creation, as the series are counted) shows months 0..a only, so young models
// have a month or two. Everything a forecast learns (the population's priors and dispersion,
// the pooled trend, the interval calibration, stacking weights, auto's guard) comes from these
// truncated series alone, through the one calibrated-forecast path (forecastCalibrated): a
// series aged a is calibrated on the series that were at least a+1 months old at the date,
// cut at month a, against what they did up to the date. Nothing after the date can change a
// forecast made as of it (tests/core/test_as_of).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "hubgrowth/core/forecast/calibrated_forecast.h"
#include "hubgrowth/core/forecast/flags.h"
#include "hubgrowth/core/forecast/same_age_donors.h"
#include "hubgrowth/core/series/model_series.h"

namespace hubgrowth {

// Whole months (30.436875 days) from created to asOf, rounded down; negative before creation.
int monthsOfAge(std::int64_t created, std::int64_t asOf);

// The dataset as it was known at asOf: series[i] is input series source[i] with months
// 0..min(age, observed - 1) only (its lead relations too), and nothing else a later snapshot
// knows (its published fit, successor, downloads, unknown-date count). Series without a
// parsable creation time or created after asOf are left out.
struct AsOfPopulation {
    std::vector<ModelSeries> series;
    std::vector<size_t> source;  // index into the input
    std::vector<int> age;        // whole months of age at asOf (may exceed the data)
};
AsOfPopulation truncateAsOf(const std::vector<ModelSeries>& series, std::int64_t asOf);

// The latest instant the data speaks for: the end of the last observed month of the series
// that reaches furthest (created + (observed - 1) months). Truncating there keeps every
// consistent series whole. Nothing when no series has a parsable creation time.
std::optional<std::int64_t> latestDataInstant(const std::vector<ModelSeries>& series);

// Which pseudo-forecasts calibrate an as-of forecast (and teach auto's guard and stacking).
enum class AsOfCalibration {
    // The forecasts the same method made H months before the date, of every series then known
    // (each at its own age then, with everything learned from the data of that earlier date),
    // scored at the date (h < H: h months after that earlier date): the same calendar cohort,
    // market and mix of ages as the forecasts being calibrated, and donors for every age.
    SameDate,
    // The series older than the target at the date, cut at the target's age (the Forecaster's
    // donors): matched on age, but their months after the cut happened in the past, and the
    // oldest series have none.
    SameAge,
};

struct AsOfOptions : ForecastSettings, DonorCaps {
    AsOfCalibration calibration = AsOfCalibration::SameDate;
    // SameDate: short histories (fewer than FlagThresholds::shortMonths months after month 0,
    // the short-history flag) and longer ones are calibrated on donors of their own class
    // (Mondrian conformal calibration), when each class has enough donors.
    bool ageClasses = true;
    int horizon = 6;
    ForecastMethod method = ForecastMethod::Auto;
};

struct AsOfForecast {
    size_t seriesIndex = 0;  // into the input
    int age = 0;             // whole months at asOf
    int observedMonths = 0;  // of the truncated series (age + 1 when the data reaches asOf)
    double atCut = 0.0;      // the last count known at asOf
    bool ok = false;
    std::string error;   // why not, when !ok
    std::string detail;  // the curves behind it (auto's members)
    // [h - 1] for h = 1..horizon: point and bands of the cumulative count, never falling with h
    std::vector<double> predicted;
    std::vector<PredictionInterval> intervals;
    std::vector<ForecastFlag> flags;
    int calibrationSeries = 0;  // donors behind the last horizon's intervals
};

// Forecasts the input series `targets` (every series known at asOf with age >= 1 when null) as
// of asOf, in input order. A target without a usable creation time, created after asOf or
// younger than a month gets ok = false with the reason.
std::vector<AsOfForecast> forecastAsOf(const std::vector<ModelSeries>& series, std::int64_t asOf,
                                       const AsOfOptions& options,
                                       const std::vector<size_t>* targets = nullptr,
                                       const ParallelFor& parallelFor = {});

}  // namespace hubgrowth
