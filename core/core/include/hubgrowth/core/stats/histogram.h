#pragma once
// Histograms with linear or logarithmic bins (the parameter distributions of the paper's Fig. 2a).

#include <vector>

namespace hubgrowth {

struct Histogram {
    std::vector<double> edges;  // bins.size() + 1 ascending edges
    std::vector<int> counts;    // counts[i]: values in [edges[i], edges[i+1]) (last bin closed)
    int outside = 0;            // finite values below the first or above the last edge
    int ignored = 0;            // NaN/Inf (and, for log bins, values <= 0)
};

// `bins` equal-width bins spanning [min, max] of the finite values. An empty input gives no bins;
// a constant input gives one bin of width 1 centred on the value.
Histogram linearHistogram(const std::vector<double>& values, int bins);

// `bins` bins of equal width in log10 spanning the positive finite values; values <= 0 are ignored.
Histogram logHistogram(const std::vector<double>& values, int bins);

// `bins` + 1 edges spanning [lo, hi] evenly, or evenly in log10 (lo > 0). Empty when the range
// is not valid.
std::vector<double> linearEdges(double lo, double hi, int bins);
std::vector<double> logEdges(double lo, double hi, int bins);

// Counts values into the given ascending edges.
Histogram histogramWithEdges(const std::vector<double>& values, std::vector<double> edges);

}  // namespace hubgrowth
