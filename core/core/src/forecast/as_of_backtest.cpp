#include "hubgrowth/core/forecast/as_of_backtest.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "hubgrowth/core/series/calendar.h"

namespace hubgrowth {

bool isAsOfEligible(const ModelSeries& series, std::int64_t asOf, int horizon, double minCountAtCut,
                    int* age) {
    const auto created = parseIsoInstant(series.createdAt);
    if (!created || horizon < 1)
        return false;
    const int a = monthsOfAge(*created, asOf);
    if (age)
        *age = a;
    if (a < 1 || series.observedMonths() < a + horizon + 1)
        return false;
    const double atCut = series.counts[static_cast<size_t>(a)];
    return std::isfinite(atCut) && atCut >= minCountAtCut &&
           std::isfinite(series.counts[static_cast<size_t>(a) + static_cast<size_t>(horizon)]);
}

std::vector<AsOfRow> runAsOfBacktest(const std::vector<ModelSeries>& series, std::int64_t asOf,
                                     const AsOfOptions& options, const ParallelFor& parallelFor) {
    const int h = std::max(options.horizon, 1);
    std::vector<size_t> eligible;
    std::vector<int> ages;
    for (size_t i = 0; i < series.size(); ++i) {
        int age = 0;
        if (isAsOfEligible(series[i], asOf, h, options.minCountAtCut, &age)) {
            eligible.push_back(i);
            ages.push_back(age);
        }
    }
    const std::vector<AsOfForecast> forecasts =
        forecastAsOf(series, asOf, options, &eligible, parallelFor);
    std::vector<AsOfRow> rows(eligible.size());
    for (size_t e = 0; e < eligible.size(); ++e) {
        const ModelSeries& s = series[eligible[e]];
        const AsOfForecast& f = forecasts[e];
        AsOfRow& row = rows[e];
        row.seriesIndex = eligible[e];
        row.asOf = asOf;
        row.age = ages[e];
        row.atCut = s.counts[static_cast<size_t>(row.age)];
        row.actual = s.counts[static_cast<size_t>(row.age) + static_cast<size_t>(h)];
        row.ok = f.ok && static_cast<int>(f.predicted.size()) >= h;
        if (row.ok) {
            row.predicted = f.predicted.back();
            row.interval = f.intervals.back();
        } else {
            // A method that cannot forecast is scored as no change (as in the age-cut backtest).
            row.predicted = row.atCut;
            row.interval = {row.atCut, row.atCut, row.atCut, row.atCut, row.atCut};
        }
    }
    return rows;
}

namespace {

std::vector<double> ranks(const std::vector<double>& v) {
    std::vector<size_t> order(v.size());
    std::iota(order.begin(), order.end(), size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return v[a] < v[b]; });
    std::vector<double> r(v.size());
    for (size_t i = 0; i < order.size();) {
        size_t j = i;
        while (j + 1 < order.size() && v[order[j + 1]] == v[order[i]])
            ++j;
        const double mean = 0.5 * static_cast<double>(i + j) + 1.0;
        for (size_t k = i; k <= j; ++k)
            r[order[k]] = mean;
        i = j + 1;
    }
    return r;
}

// The indices of the k largest values (ties: the earlier first).
std::vector<size_t> topIndices(const std::vector<double>& v, int k) {
    std::vector<size_t> order(v.size());
    std::iota(order.begin(), order.end(), size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return v[a] > v[b]; });
    order.resize(std::min(order.size(), static_cast<size_t>(std::max(k, 0))));
    std::sort(order.begin(), order.end());
    return order;
}

}  // namespace

double spearmanRho(const std::vector<double>& x, const std::vector<double>& y) {
    const size_t n = std::min(x.size(), y.size());
    if (n < 2)
        return std::nan("");
    const std::vector<double> rx = ranks({x.begin(), x.begin() + static_cast<long>(n)});
    const std::vector<double> ry = ranks({y.begin(), y.begin() + static_cast<long>(n)});
    const double mean = 0.5 * static_cast<double>(n + 1);
    double sxy = 0.0, sxx = 0.0, syy = 0.0;
    for (size_t i = 0; i < n; ++i) {
        sxy += (rx[i] - mean) * (ry[i] - mean);
        sxx += (rx[i] - mean) * (rx[i] - mean);
        syy += (ry[i] - mean) * (ry[i] - mean);
    }
    if (sxx <= 0.0 || syy <= 0.0)
        return std::nan("");
    return sxy / std::sqrt(sxx * syy);
}

int topOverlap(const std::vector<double>& x, const std::vector<double>& y, int k) {
    const std::vector<size_t> a = topIndices(x, k), b = topIndices(y, k);
    std::vector<size_t> both;
    std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(both));
    return static_cast<int>(both.size());
}

AsOfSummary summariseAsOf(const std::vector<AsOfRow>& rows, int youngMonths) {
    AsOfSummary s;
    std::vector<BacktestRow> all, young;
    std::vector<double> predictedGain, actualGain;
    for (const AsOfRow& r : rows) {
        BacktestRow b;
        b.seriesIndex = r.seriesIndex;
        b.lastObserved = r.atCut;
        b.actual = r.actual;
        b.predicted = r.predicted;
        b.interval = r.interval;
        b.ok = r.ok;
        all.push_back(b);
        if (r.age <= youngMonths)
            young.push_back(b);
        predictedGain.push_back(r.predicted - r.atCut);
        actualGain.push_back(r.actual - r.atCut);
    }
    s.all = summarise(all);
    s.young = summarise(young);
    s.gainSpearman = spearmanRho(predictedGain, actualGain);
    s.topCount = static_cast<int>(std::ceil(0.1 * static_cast<double>(rows.size())));
    s.topOverlap = topOverlap(predictedGain, actualGain, s.topCount);
    return s;
}

}  // namespace hubgrowth
