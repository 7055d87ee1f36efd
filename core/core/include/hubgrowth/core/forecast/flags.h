#pragma once
// Warnings attached to a series and its fit, each with a reason a user can read: abrupt jumps
// (structural breaks, e.g. a batch upload of derivatives), poor fits (the paper's "does not
// fit" outliers) and histories too short to forecast from the series alone.

#include <string>
#include <vector>

#include "hubgrowth/core/forecast/curve_fit.h"

namespace hubgrowth {

enum class FlagKind { AbruptJump, PoorFit, ShortHistory };

const char* flagName(FlagKind kind);  // "abrupt-jump", "poor-fit", "short-history"

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
};

// counts: months 0..n-1. fit: the fitted curve to judge, or nullptr for the data checks only.
std::vector<ForecastFlag> detectFlags(const double* counts, int n, const CurveFit* fit,
                                      const FlagThresholds& thresholds = {});

// "abrupt-jump: ...; poor-fit: ..." (empty for no flags).
std::string describeFlags(const std::vector<ForecastFlag>& flags);

// The flags' distinct names in the order they first occur, joined by separator ("abrupt-jump;
// poor-fit" for two jumps and a poor fit: the months are in the reasons).
std::string flagNames(const std::vector<ForecastFlag>& flags, const std::string& separator);

}  // namespace hubgrowth
