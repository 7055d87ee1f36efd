#pragma once
// Axes of the Qt Charts backend: automatic ranges and round ticks that stay round (linear) or on
// labelled decades (log) when the user zooms and pans. Qt Charts stays inside ui/charts/.

#include <Qt>

class QAbstractAxis;

namespace hubgrowth {

struct PlotAxis;

// The most decade labels a log axis gets, and how many fit `pixels` of axis length.
inline constexpr int kMaxLogLabels = 5;
int logLabelBudget(int pixels, Qt::Orientation orientation);

// The automatic range of one axis over the drawable values [dataLo, dataHi] of every series
// (an empty range when dataLo > dataHi); a fixed range of the spec wins.
void autoAxisRange(const PlotAxis& spec, double dataLo, double dataHi, double* lo, double* hi);

// A new axis for [lo, hi] (widened to ticks or whole decades). nonNegative: zooming out or
// panning never shows values below 0 (months and counts). A log axis labels at most
// maxLogLabels decades (fewer on a narrow plot, where Qt would elide them).
QAbstractAxis* makeChartAxis(const PlotAxis& spec, double lo, double hi, bool nonNegative,
                             int maxLogLabels = kMaxLogLabels);

}  // namespace hubgrowth
