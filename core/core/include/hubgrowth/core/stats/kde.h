#pragma once
// Gaussian kernel density estimates (the organisation densities of the paper's Fig. 3).

#include <vector>

namespace hubgrowth {

// Silverman's rule of thumb: 0.9 * min(sd, IQR / 1.34) * n^(-1/5). Falls back to whichever of
// sd and IQR/1.34 is positive, and to 1 when the sample is constant or has fewer than 2 values.
double silvermanBandwidth(const std::vector<double>& samples);

struct Density {
    std::vector<double> x;
    std::vector<double> y;  // integrates to ~1 over x (when the grid covers the sample)
    double bandwidth = 0.0;
    int n = 0;  // finite samples used
};

// Gaussian KDE of the finite samples on `points` equally spaced grid points covering
// [min - 3h, max + 3h]. bandwidth <= 0 uses Silverman's rule. Empty input gives an empty density.
Density gaussianKde(const std::vector<double>& samples, int points = 200, double bandwidth = 0.0);

// The KDE of log10(v) over the positive values, for plots with a log x axis: x holds the values
// themselves (10^grid), y the density per unit of log10(v).
Density gaussianKdeLog10(const std::vector<double>& values, int points = 200,
                         double bandwidth = 0.0);

}  // namespace hubgrowth
