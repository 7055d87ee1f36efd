#pragma once
// Colours and small drawing helpers shared by the chart panels.

#include <QColor>
#include <QPointF>
#include <QStringList>
#include <QVector>
#include <vector>

namespace hubgrowth {

// Distinct colours before categoryColor() repeats.
inline constexpr int kPaletteSize = 20;

// One qualitative palette for every chart: Okabe–Ito and Paul Tol's colour-blind-safe sets
// first, then distinct extensions; no greys (grey means "other" and reference lines). Cycled.
QColor categoryColor(int index);

// The grey of the "other" group.
QColor otherColor();

// An organisation's colour: its place in `organisations` (the dataset's sorted list, the same
// in every tab and export), so each organisation keeps one colour everywhere. Unknown names
// and "other" are grey.
QColor organisationColor(const QStringList& organisations, const QString& org);

// The outline of a histogram as a band: `upper` steps over the bins, `lower` is 0 under it.
void histogramOutline(const std::vector<double>& edges, const std::vector<int>& counts,
                      QVector<QPointF>* upper, QVector<QPointF>* lower);

}  // namespace hubgrowth
