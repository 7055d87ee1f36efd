#include "forecast/population.h"

#include <algorithm>
#include <cmath>

namespace hubgrowth {

namespace {

double median(std::vector<double> v) {
    if (v.empty())
        return 0.0;
    const size_t mid = v.size() / 2;
    std::nth_element(v.begin(), v.begin() + static_cast<long>(mid), v.end());
    const double upper = v[mid];
    if (v.size() % 2 == 1)
        return upper;
    return 0.5 * (upper + *std::max_element(v.begin(), v.begin() + static_cast<long>(mid)));
}

// Robust centre and spread (median, 1.4826 MAD) of each parameter; the spread has a floor so
// that a tight cluster never pins a new series completely.
CurvePrior robustPrior(const std::vector<std::array<double, 3>>& xs) {
    CurvePrior prior;
    constexpr double kMinSd = 0.2;
    for (size_t j = 0; j < 3; ++j) {
        std::vector<double> v;
        for (const auto& x : xs)
            v.push_back(x[j]);
        const double centre = median(v);
        for (double& e : v)
            e = std::fabs(e - centre);
        prior.mean[j] = centre;
        prior.sd[j] = std::max(kMinSd, 1.4826 * median(v));
    }
    return prior;
}

// Method-of-moments alpha of one fit: E[(y - mu)^2 - mu] / E[mu^2].
double momentDispersion(const CurveFit& fit, const std::vector<double>& counts) {
    double num = 0.0, den = 0.0, previous = 0.0;
    for (int t = 1; t < fit.observedMonths; ++t) {
        const double c = fit.value(t);
        const double mu = std::max(c - previous, 0.0);
        previous = c;
        const double y = counts[static_cast<size_t>(t)] - counts[static_cast<size_t>(t - 1)];
        num += (y - mu) * (y - mu) - mu;
        den += mu * mu;
    }
    return den > 0.0 ? num / den : 0.0;
}

}  // namespace

const CurvePrior* PopulationModel::priorFor(const std::string& org) const {
    if (!hasPrior)
        return nullptr;
    const auto it = byOrg.find(org);
    return it != byOrg.end() ? &it->second : &global;
}

PopulationModel learnPopulation(const std::vector<ModelSeries>& series,
                                const PopulationOptions& options,
                                const std::vector<bool>& include) {
    PopulationModel population;
    population.m = options.m;
    std::vector<std::array<double, 3>> all;
    std::map<std::string, std::vector<std::array<double, 3>>> perOrg;
    std::vector<double> dispersions;
    CurveFitOptions fitOptions;
    fitOptions.m = options.m;
    for (size_t i = 0; i < series.size(); ++i) {
        if (!include.empty() && !include[i])
            continue;
        const ModelSeries& s = series[i];
        if (s.observedMonths() < options.minMonths || s.lastCount() < options.minLastCount)
            continue;
        const CurveFit fit =
            fitCurve(CurveKind::Wsb, s.counts.data(), s.observedMonths(), fitOptions);
        if (!fit.ok)
            continue;
        all.push_back(fit.x);
        perOrg[s.org].push_back(fit.x);
        dispersions.push_back(momentDispersion(fit, s.counts));
    }
    population.seriesUsed = static_cast<int>(all.size());
    if (all.size() < 5)
        return population;
    population.hasPrior = true;
    population.global = robustPrior(all);
    for (const auto& [org, xs] : perOrg) {
        if (static_cast<int>(xs.size()) >= options.minSeriesPerOrg)
            population.byOrg[org] = robustPrior(xs);
    }
    population.dispersion = std::clamp(median(dispersions), 0.01, 4.0);
    return population;
}

}  // namespace hubgrowth
