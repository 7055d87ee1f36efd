#pragma once
// Per-series values the workbench's table reads at every filter, sort and chart refresh, laid
// out contiguously: reading them from 200 k scattered series (a cache miss or two each) cost
// tens of milliseconds on the UI thread. The load job prepares the digest on its worker.

#include <QString>
#include <QVector>
#include <string_view>
#include <utility>
#include <vector>

#include "hubgrowth/core/series/model_series.h"

namespace hubgrowth {

struct SeriesDigest {
    QVector<QString> ids;            // each series' id, in the dataset's order
    std::vector<double> lastCounts;  // ModelSeries::lastCount()
    std::vector<double> idRanks;     // the ids' ranks in code-point order (the table's sort)

    bool matches(const std::vector<ModelSeries>& series) const {
        return size_t(ids.size()) == series.size() && lastCounts.size() == series.size() &&
               idRanks.size() == series.size();
    }
};

SeriesDigest digestSeries(const std::vector<ModelSeries>& series);

// Ranks of texts given with their rows, in byte order (UTF-8: code-point order), equal texts
// sharing a rank; sorts `texts`. ranks[row] for each row of the pairs.
std::vector<double> textRanks(std::vector<std::pair<std::string_view, int>>& texts);

}  // namespace hubgrowth
