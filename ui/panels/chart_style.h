#pragma once
// Colours and small drawing helpers shared by the chart panels.

#include <QColor>
#include <QPointF>
#include <QVector>
#include <vector>

namespace hubgrowth {

// A qualitative palette (Tableau 10), cycled.
QColor categoryColor(int index);

// The outline of a histogram as a band: `upper` steps over the bins, `lower` is 0 under it.
void histogramOutline(const std::vector<double>& edges, const std::vector<int>& counts,
                      QVector<QPointF>* upper, QVector<QPointF>* lower);

}  // namespace hubgrowth
