#pragma once
// Per-series values the workbench's table reads at every filter, sort and chart refresh, laid
// out contiguously: reading them from 200 k scattered series (a cache miss or two each) cost
// tens of milliseconds on the UI thread. The load job prepares the digest on its worker.

#include <QHash>
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
    // The table's text sorts, ranked in code-point order: the ids, the organisations and the
    // creation days (the first 10 characters of createdAt); equal texts share a rank.
    std::vector<double> idRanks;
    std::vector<double> orgRanks;
    std::vector<double> createdRanks;
    QHash<QString, int> rowById;  // each id's row (the last, when an id repeats)
    // The series' storage it was made from: moving a dataset keeps it, so a digest made on the
    // worker still matches after the moves into the table; another dataset of the same size
    // does not (unless it reuses the freed storage of the one digested).
    const ModelSeries* source = nullptr;

    bool matches(const std::vector<ModelSeries>& series) const {
        const size_t n = series.size();
        return source == series.data() && size_t(ids.size()) == n && lastCounts.size() == n &&
               idRanks.size() == n && orgRanks.size() == n && createdRanks.size() == n;
    }
};

SeriesDigest digestSeries(const std::vector<ModelSeries>& series);

// Ranks of texts given with their rows, in byte order (UTF-8: code-point order), equal texts
// sharing a rank; sorts `texts`. ranks[row] for each row of the pairs.
std::vector<double> textRanks(std::vector<std::pair<std::string_view, int>>& texts);

}  // namespace hubgrowth
