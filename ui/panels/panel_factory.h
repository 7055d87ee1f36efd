#pragma once
// Creates chart panels by their id, for the headless chart export.

#include <QStringList>
#include <memory>

#include "panels/chart_panel.h"

namespace hubgrowth {

// "curve", "parameters", "organisations", "cohorts", "concentration".
QStringList chartPanelIds();
// nullptr for an unknown id.
std::unique_ptr<ChartPanel> createChartPanel(const QString& id, const ModelTableModel* model,
                                             const ModelFilterProxy* filter);

}  // namespace hubgrowth
