#pragma once
// Per-series values the workbench's table reads at every filter, sort and chart refresh, laid
// out contiguously: reading them from 200 k scattered series (a cache miss or two each) cost
// tens of milliseconds on the UI thread. The load job prepares the digest on its worker.

#include <QString>
#include <QVector>
#include <vector>

#include "hubgrowth/core/series/model_series.h"

namespace hubgrowth {

struct SeriesDigest {
    QVector<QString> ids;            // each series' id, in the dataset's order
    std::vector<double> lastCounts;  // ModelSeries::lastCount()

    bool matches(const std::vector<ModelSeries>& series) const {
        return size_t(ids.size()) == series.size() && lastCounts.size() == series.size();
    }
};

SeriesDigest digestSeries(const std::vector<ModelSeries>& series);

}  // namespace hubgrowth
