#pragma once
// Creates chart panels by their id: the workbench's tabs and the headless chart export. Adding a
// chart means adding its id here and in createChartPanel(); nothing else lists the tabs.

#include <QStringList>
#include <memory>

#include "hubgrowth/ui/panels/chart_panel.h"

namespace hubgrowth {

// "curve", "parameters", "organisations", "cohorts", "concentration": the charts every dataset
// can draw.
QStringList chartPanelIds();
// The workbench's tabs in order: those, "successors" (which needs a Hub store), "rising"
// (ranked on a worker, so not one of the headless charts), "forecast-table" and "downloads"
// (a store's snapshots).
QStringList workbenchTabIds();
// A panel for any of those ids; nullptr for an unknown id.
std::unique_ptr<ChartPanel> createChartPanel(const QString& id, const ModelTableModel* model,
                                             const ModelFilterProxy* filter);

}  // namespace hubgrowth
