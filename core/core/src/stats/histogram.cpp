#include "hubgrowth/core/stats/histogram.h"

#include <algorithm>
#include <cmath>

namespace hubgrowth {

namespace {

bool finiteRange(const std::vector<double>& values, bool positiveOnly, double* lo, double* hi) {
    bool any = false;
    for (double v : values) {
        if (!std::isfinite(v) || (positiveOnly && v <= 0.0))
            continue;
        if (!any)
            *lo = *hi = v;
        *lo = std::min(*lo, v);
        *hi = std::max(*hi, v);
        any = true;
    }
    return any;
}

}  // namespace

Histogram histogramWithEdges(const std::vector<double>& values, std::vector<double> edges) {
    Histogram h;
    h.edges = std::move(edges);
    if (h.edges.size() < 2) {
        h.edges.clear();
        for (double v : values)
            (std::isfinite(v) ? h.outside : h.ignored)++;
        return h;
    }
    h.counts.assign(h.edges.size() - 1, 0);
    for (double v : values) {
        if (!std::isfinite(v)) {
            ++h.ignored;
            continue;
        }
        if (v < h.edges.front() || v > h.edges.back()) {
            ++h.outside;
            continue;
        }
        // upper_bound finds the first edge > v; the bin is the one before it (last bin closed).
        auto it = std::upper_bound(h.edges.begin(), h.edges.end(), v);
        size_t bin = static_cast<size_t>(it - h.edges.begin());
        bin = bin == 0 ? 0 : bin - 1;
        bin = std::min(bin, h.counts.size() - 1);
        ++h.counts[bin];
    }
    return h;
}

std::vector<double> linearEdges(double lo, double hi, int bins) {
    if (bins < 1 || !std::isfinite(lo) || !std::isfinite(hi) || !(hi > lo))
        return {};
    std::vector<double> edges(static_cast<size_t>(bins) + 1);
    for (int i = 0; i <= bins; ++i)
        edges[static_cast<size_t>(i)] = lo + (hi - lo) * i / bins;
    edges.back() = hi;
    return edges;
}

std::vector<double> logEdges(double lo, double hi, int bins) {
    if (!(lo > 0.0))
        return {};
    std::vector<double> edges = linearEdges(std::log10(lo), std::log10(hi), bins);
    for (double& e : edges)
        e = std::pow(10.0, e);
    if (!edges.empty()) {
        edges.front() = lo;
        edges.back() = hi;
    }
    return edges;
}

Histogram linearHistogram(const std::vector<double>& values, int bins) {
    double lo = 0.0, hi = 0.0;
    if (bins < 1 || !finiteRange(values, false, &lo, &hi))
        return histogramWithEdges(values, {});
    if (hi == lo) {
        lo -= 0.5;
        hi += 0.5;
        bins = 1;
    }
    std::vector<double> edges(static_cast<size_t>(bins) + 1);
    for (int i = 0; i <= bins; ++i)
        edges[static_cast<size_t>(i)] = lo + (hi - lo) * i / bins;
    edges.back() = hi;  // exact, so the maximum lands in the last bin
    return histogramWithEdges(values, std::move(edges));
}

Histogram logHistogram(const std::vector<double>& values, int bins) {
    double lo = 0.0, hi = 0.0;
    Histogram h;
    if (bins < 1 || !finiteRange(values, true, &lo, &hi)) {
        h = histogramWithEdges({}, {});
    } else {
        double a = std::log10(lo), b = std::log10(hi);
        if (b == a) {
            a -= 0.5;
            b += 0.5;
            bins = 1;
        }
        std::vector<double> edges(static_cast<size_t>(bins) + 1);
        for (int i = 0; i <= bins; ++i) {
            edges[static_cast<size_t>(i)] = std::pow(10.0, a + (b - a) * i / bins);
        }
        edges.front() = std::min(edges.front(), lo);
        edges.back() = std::max(edges.back(), hi);
        std::vector<double> positive;
        positive.reserve(values.size());
        for (double v : values) {
            if (std::isfinite(v) && v > 0.0)
                positive.push_back(v);
        }
        h = histogramWithEdges(positive, std::move(edges));
    }
    h.ignored = 0;
    for (double v : values)
        h.ignored += (!std::isfinite(v) || v <= 0.0) ? 1 : 0;
    return h;
}

}  // namespace hubgrowth
