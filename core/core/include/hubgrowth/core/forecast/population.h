#pragma once
// Empirical-Bayes population model: what the typical series of a dataset (or of one
// organisation) looks like, learned from every series with enough history. Gives the WSB prior
// used for cold starts and the over-dispersion of monthly increments used by every fit.

#include <atomic>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "hubgrowth/core/forecast/curve_fit.h"
#include "hubgrowth/core/series/model_series.h"

namespace hubgrowth {

struct PopulationModel {
    bool hasPrior = false;
    CurvePrior global;                        // on WSB's (ln lambda, mu, ln sigma)
    std::map<std::string, CurvePrior> byOrg;  // organisations with enough series of their own
    double dispersion = 0.25;                 // alpha of the negative binomial
    int seriesUsed = 0;
    double m = 100.0;

    // The organisation's prior when it has one, else the global one; nullptr without a prior.
    const CurvePrior* priorFor(const std::string& org) const;
};

struct PopulationOptions {
    double m = 100.0;
    int minMonths = 7;           // a series informs the prior with this many observed months
    double minLastCount = 10.0;  // ... and at least this many adoptions
    int minSeriesPerOrg = 20;    // an organisation gets its own prior from this many series
    // Caps that keep a huge dataset (hundreds of thousands of series) to a few seconds: the
    // median and MAD of a few thousand evenly spaced series are as good as of all of them.
    int maxSeries = 4000;       // series behind the global prior and the dispersion
    int maxSeriesPerOrg = 400;  // series behind one organisation's prior
    int maxOrgPriors = 100;     // organisations (the largest) that get a prior of their own
    // Lets a caller stop a long learning: checked before each series is fitted; once set, the
    // learning returns at once and its (incomplete) result must be dropped.
    const std::atomic<bool>* cancel = nullptr;
    // Called after each series behind the global prior (done of total), on the calling thread.
    std::function<void(int done, int total)> progress;
};

// At most `limit` of `indices`, evenly spaced: deterministic, and keeps the input's spread.
std::vector<size_t> evenlySpaced(const std::vector<size_t>& indices, int limit);

// series[i] is used when include is empty or include[i] is true.
PopulationModel learnPopulation(const std::vector<ModelSeries>& series,
                                const PopulationOptions& options,
                                const std::vector<bool>& include = {});

}  // namespace hubgrowth
