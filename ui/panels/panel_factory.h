#pragma once
// Creates chart panels by their id, for the headless chart export.

#include <QStringList>
#include <memory>

#include "panels/chart_panel.h"

namespace hubgrowth {

// "curve", "parameters", "organisations", "cohorts", "concentration": the charts every dataset
// can draw.
QStringList chartPanelIds();
// Those, and "successors" (which needs a Hub store); nullptr for an unknown id.
std::unique_ptr<ChartPanel> createChartPanel(const QString& id, const ModelTableModel* model,
                                             const ModelFilterProxy* filter);

}  // namespace hubgrowth
