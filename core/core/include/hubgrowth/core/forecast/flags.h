#pragma once
// Warnings attached to a series and its fit, each with a reason a user can read: abrupt jumps
// (structural breaks, e.g. a batch upload of derivatives), poor fits (the paper's "does not
// fit" outliers), histories too short to forecast from the series alone, and forecasts whose
// 80 % band is too wide for the point to mean much.

#include <string>
#include <vector>

#include "hubgrowth/core/forecast/curve_fit.h"

namespace hubgrowth {

enum class FlagKind { AbruptJump, PoorFit, ShortHistory, WideInterval };

// "abrupt-jump", "poor-fit", "short-history", "wide-interval"
const char* flagName(FlagKind kind);

struct ForecastFlag {
    FlagKind kind = FlagKind::PoorFit;
    int month = -1;  // where it happened, when it is one month
    std::string reason;
};

struct FlagThresholds {
    double jumpFactor = 5.0;      // an increment this many times the typical one ...
    double jumpMinimum = 10.0;    // ... of at least this many derivatives ...
    double jumpShare = 0.3;       // ... that is at least this share of the count after it
    double minR2 = 0.9;           // fits below this R^2 on the cumulative curve are poor
    double maxDispersion = 10.0;  // ... and so are fits whose increments scatter this much more
                                  // than the negative binomial allows
    int shortMonths = 6;          // fewer months after month 0 than this is a short history
    double alpha = 0.25;  // the population's negative-binomial alpha the scatter is judged by
    double maxBandRatio = 10.0;  // an 80 % band whose top is more than this many times the
                                 // larger of the point and the count at the cut is too wide ...
    double bandMinimum = 10.0;   // ... and both are taken as at least this (a band of 0..12 on
                                 // a model with none yet is not news)
};

// counts: months 0..n-1. fit: the fitted curve to judge, or nullptr for the data checks only.
std::vector<ForecastFlag> detectFlags(const double* counts, int n, const CurveFit* fit,
                                      const FlagThresholds& thresholds = {});

// Whether a forecast's 80 % band is too wide to act on: an order of magnitude above both the
// point and what is already there (its donors disagree about series like it, or it has none).
bool isWideInterval(double atCut, double point, double hi80, const FlagThresholds& thresholds = {});

// Appends a wide-interval flag for the band at the forecast's last month when isWideInterval.
void flagWideInterval(double atCut, double point, double hi80, int month,
                      const FlagThresholds& thresholds, std::vector<ForecastFlag>* flags);

// "abrupt-jump: ...; poor-fit: ..." (empty for no flags).
std::string describeFlags(const std::vector<ForecastFlag>& flags);

// The flags' distinct names in the order they first occur, joined by separator ("abrupt-jump;
// poor-fit" for two jumps and a poor fit: the months are in the reasons).
std::string flagNames(const std::vector<ForecastFlag>& flags, const std::string& separator);

}  // namespace hubgrowth
