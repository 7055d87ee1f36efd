#pragma once
// A synthetic store's lineage with a known lead: every base's adapters and quantizations (the
// lead relations) rise and fall on their own schedule, and its fine-tunes follow them two
// months later. What the lead adds to a forecast can only be shown where it is known to lead;
// the reference data has fine-tunes alone (tests/core/test_as_of, bench_asof --lead).

#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "hubgrowth/core/forecast/as_of.h"
#include "hubgrowth/core/series/calendar.h"
#include "hubgrowth/core/series/model_series.h"

namespace hubgrowth::testing {

inline constexpr int kLeadLagMonths = 2;

// size bases created every spacingDays from firstCreated, each observed up to snapshot. A base's
// lead relations arrive at an expected k (t / p) e^(1 - t / p) a month (peak k at month p, k
// log-normal around 30, p uniform in 2..10); its fine-tunes in month t are Poisson with mean
// 0.8 times the lead children of month t - kLeadLagMonths.
inline std::vector<ModelSeries> simulateLeadPopulation(int size, std::int64_t firstCreated,
                                                       int spacingDays, std::int64_t snapshot,
                                                       unsigned seed) {
    std::mt19937 rng(seed);
    std::normal_distribution<double> logScale(std::log(30.0), 1.0);
    std::uniform_real_distribution<double> peak(2.0, 10.0);
    std::vector<ModelSeries> population;
    for (int i = 0; i < size; ++i) {
        const std::int64_t created =
            firstCreated + static_cast<std::int64_t>(i) * spacingDays * 86400 + 3600;
        const int months = monthsOfAge(created, snapshot) + 1;
        if (months < 2)
            continue;
        const double k = std::exp(logScale(rng));
        const double p = peak(rng);
        ModelSeries s;
        s.id = "lead/" + std::to_string(i);
        s.org = i % 3 == 0 ? "Lead A" : "Lead B";
        s.createdAt = formatIsoDate(created) + "T01:00:00Z";
        s.counts.assign(static_cast<size_t>(months), 0.0);
        s.leadCounts.assign(static_cast<size_t>(months), 0.0);
        std::vector<double> leadMonthly(static_cast<size_t>(months), 0.0);
        for (int t = 1; t < months; ++t) {
            const double rate = k * (t / p) * std::exp(1.0 - t / p);
            leadMonthly[static_cast<size_t>(t)] =
                static_cast<double>(std::poisson_distribution<long>(std::max(rate, 1e-9))(rng));
            const int source = t - kLeadLagMonths;
            const double mean = source >= 1 ? 0.8 * leadMonthly[static_cast<size_t>(source)] : 0.0;
            const double fineTunes =
                static_cast<double>(std::poisson_distribution<long>(std::max(mean, 1e-9))(rng));
            const auto at = static_cast<size_t>(t);
            s.leadCounts[at] = s.leadCounts[at - 1] + leadMonthly[at];
            s.counts[at] = s.counts[at - 1] + fineTunes;
        }
        population.push_back(std::move(s));
    }
    return population;
}

// The same population without what a store alone knows (as if read from the paper's CSV).
inline std::vector<ModelSeries> withoutLeads(std::vector<ModelSeries> population) {
    for (ModelSeries& s : population)
        s.leadCounts.clear();
    return population;
}

}  // namespace hubgrowth::testing
