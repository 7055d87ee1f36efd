#pragma once
// Writes series in the paper's wide CSV format (model, 0-month .. N-month, company,
// created_at), which importPaperCsv reads back unchanged.

#include <QByteArray>
#include <vector>

#include "hubgrowth/core/series/model_series.h"

namespace hubgrowth {

QByteArray paperCsvText(const std::vector<ModelSeries>& series);

}  // namespace hubgrowth
