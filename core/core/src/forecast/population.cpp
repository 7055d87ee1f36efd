#include "hubgrowth/core/forecast/population.h"

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
        v.reserve(xs.size());
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

std::vector<size_t> evenlySpaced(const std::vector<size_t>& indices, int limit) {
    const size_t n = indices.size();
    const size_t k = static_cast<size_t>(std::max(limit, 0));
    if (n <= k)
        return indices;
    std::vector<size_t> picked;
    picked.reserve(k);
    for (size_t j = 0; j < k; ++j)
        picked.push_back(indices[j * n / k]);
    return picked;
}

PopulationModel learnPopulation(const std::vector<ModelSeries>& series,
                                const PopulationOptions& options,
                                const std::vector<bool>& include) {
    PopulationModel population;
    population.m = options.m;
    std::vector<size_t> eligible;
    std::map<std::string, std::vector<size_t>> eligibleByOrg;
    for (size_t i = 0; i < series.size(); ++i) {
        if (!include.empty() && !include[i])
            continue;
        const ModelSeries& s = series[i];
        if (s.observedMonths() < options.minMonths || s.lastCount() < options.minLastCount)
            continue;
        eligible.push_back(i);
        eligibleByOrg[s.org].push_back(i);
    }
    // Each chosen series is fitted once, whether it serves the global prior, its org's or both.
    std::map<size_t, CurveFit> fits;
    CurveFitOptions fitOptions;
    fitOptions.m = options.m;
    auto fitOf = [&](size_t i) -> const CurveFit& {
        auto it = fits.find(i);
        if (it == fits.end()) {
            const ModelSeries& s = series[i];
            it = fits.emplace(i, fitCurve(CurveKind::Wsb, s.counts.data(), s.observedMonths(),
                                          fitOptions))
                     .first;
        }
        return it->second;
    };

    auto cancelled = [&options] {
        return options.cancel && options.cancel->load(std::memory_order_relaxed);
    };

    std::vector<std::array<double, 3>> all;
    std::vector<double> dispersions;
    const std::vector<size_t> chosen = evenlySpaced(eligible, options.maxSeries);
    const int total = static_cast<int>(chosen.size());
    int done = 0;
    for (size_t i : chosen) {
        if (cancelled())
            return population;
        const CurveFit& fit = fitOf(i);
        if (options.progress)
            options.progress(++done, total);
        if (!fit.ok)
            continue;
        all.push_back(fit.x);
        dispersions.push_back(momentDispersion(fit, series[i].counts));
    }
    population.seriesUsed = static_cast<int>(all.size());
    if (all.size() < 5)
        return population;
    population.hasPrior = true;
    population.global = robustPrior(all);
    population.dispersion = std::clamp(median(dispersions), 0.01, 4.0);

    // The largest organisations first, so the cap drops the ones with the least to say.
    std::vector<std::pair<std::string, const std::vector<size_t>*>> orgs;
    for (const auto& [org, indices] : eligibleByOrg) {
        if (static_cast<int>(indices.size()) >= options.minSeriesPerOrg)
            orgs.emplace_back(org, &indices);
    }
    std::stable_sort(orgs.begin(), orgs.end(), [](const auto& a, const auto& b) {
        return a.second->size() > b.second->size();
    });
    if (static_cast<int>(orgs.size()) > options.maxOrgPriors)
        orgs.resize(static_cast<size_t>(std::max(options.maxOrgPriors, 0)));
    for (const auto& [org, indices] : orgs) {
        std::vector<std::array<double, 3>> xs;
        for (size_t i : evenlySpaced(*indices, options.maxSeriesPerOrg)) {
            if (cancelled())
                return population;
            const CurveFit& fit = fitOf(i);
            if (fit.ok)
                xs.push_back(fit.x);
        }
        if (static_cast<int>(xs.size()) >= options.minSeriesPerOrg)
            population.byOrg[org] = robustPrior(xs);
    }
    return population;
}

}  // namespace hubgrowth
