#include "hubgrowth/core/forecast/flags.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "hubgrowth/core/stats/quantile.h"

namespace hubgrowth {

const char* flagName(FlagKind kind) {
    switch (kind) {
        case FlagKind::AbruptJump:
            return "abrupt-jump";
        case FlagKind::PoorFit:
            return "poor-fit";
        case FlagKind::ShortHistory:
            return "short-history";
        case FlagKind::WideInterval:
            return "wide-interval";
    }
    return "unknown";
}

namespace {
std::string format(const char* pattern, double a, double b = 0.0, double c = 0.0) {
    char buffer[160];
    // Patterns use one to three of the numbers; the unused ones are ignored, as C allows.
    // cppcheck-suppress wrongPrintfScanfArgNum
    std::snprintf(buffer, sizeof buffer, pattern, a, b, c);
    return buffer;
}
}  // namespace

std::vector<ForecastFlag> detectFlags(const double* counts, int n, const CurveFit* fit,
                                      const FlagThresholds& thresholds) {
    std::vector<ForecastFlag> flags;
    if (n < 1)
        return flags;
    if (n - 1 < thresholds.shortMonths) {
        flags.push_back(
            {FlagKind::ShortHistory, -1,
             format("only %.0f months of history: the forecast leans on the population", n - 1.0)});
    }
    std::vector<double> increments;
    for (int t = 1; t < n; ++t)
        increments.push_back(std::max(0.0, counts[t] - counts[t - 1]));
    for (int t = 1; t < n && increments.size() >= 3; ++t) {
        const double jump = increments[static_cast<size_t>(t - 1)];
        std::vector<double> others = increments;
        others.erase(others.begin() + (t - 1));
        const double typical = std::max(1.0, quantile(others, 0.5));
        // A fast S-curve's steep months are large against the median increment too (many
        // months near 0), but so are their neighbours; a break stands out from the months on
        // both sides of it.
        const double before = t >= 2 ? increments[static_cast<size_t>(t - 2)] : 0.0;
        const double after = t < n - 1 ? increments[static_cast<size_t>(t)] : 0.0;
        const double neighbours = std::max(before, after);
        if (jump >= thresholds.jumpMinimum && jump >= thresholds.jumpFactor * typical &&
            jump >= thresholds.jumpFactor * neighbours &&
            jump >= thresholds.jumpShare * counts[t]) {
            flags.push_back(
                {FlagKind::AbruptJump, t,
                 format("abrupt jump at month %.0f: +%.0f, %.0fx the typical monthly increment", t,
                        jump, jump / typical)});
        }
    }
    if (fit && fit->ok && n - 1 >= thresholds.shortMonths) {
        if (fit->r2 < thresholds.minR2) {
            flags.push_back({FlagKind::PoorFit, -1,
                             format("poor fit: R^2 %.2f on the cumulative curve", fit->r2)});
        } else {
            // Pearson dispersion of the increments under the population's negative binomial.
            double chi2 = 0.0, previous = 0.0;
            for (int t = 1; t < n; ++t) {
                const double c = fit->value(t);
                const double mu = std::max(c - previous, 1.0);
                previous = c;
                const double y = counts[t] - counts[t - 1];
                chi2 += (y - mu) * (y - mu) / (mu + thresholds.alpha * mu * mu);
            }
            const double dispersion = chi2 / std::max(1, n - 4);
            if (dispersion > thresholds.maxDispersion) {
                flags.push_back({FlagKind::PoorFit, -1,
                                 format("poor fit: monthly increments scatter %.0fx more than the "
                                        "noise model allows",
                                        dispersion)});
            }
        }
    }
    return flags;
}

bool isWideInterval(double atCut, double point, double hi80, const FlagThresholds& thresholds) {
    const double base = std::max({atCut, point, thresholds.bandMinimum});
    return std::isfinite(hi80) && hi80 > thresholds.maxBandRatio * base;
}

void flagWideInterval(double atCut, double point, double hi80, int month,
                      const FlagThresholds& thresholds, std::vector<ForecastFlag>* flags) {
    if (!isWideInterval(atCut, point, hi80, thresholds))
        return;
    flags->push_back(
        {FlagKind::WideInterval, month,
         format("wide interval: the 80 %% band at month %.0f reaches %.0f against a forecast of "
                "%.0f; too uncertain to act on",
                month, hi80, point)});
}

std::string describeFlags(const std::vector<ForecastFlag>& flags) {
    std::string text;
    for (const ForecastFlag& flag : flags) {
        if (!text.empty())
            text += "; ";
        text += flag.reason;
    }
    return text;
}

std::string flagNames(const std::vector<ForecastFlag>& flags, const std::string& separator) {
    std::vector<FlagKind> seen;
    std::string text;
    for (const ForecastFlag& flag : flags) {
        if (std::find(seen.begin(), seen.end(), flag.kind) != seen.end())
            continue;
        seen.push_back(flag.kind);
        if (!text.empty())
            text += separator;
        text += flagName(flag.kind);
    }
    return text;
}

}  // namespace hubgrowth
