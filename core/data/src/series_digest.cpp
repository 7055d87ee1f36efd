#include "hubgrowth/data/series_digest.h"

namespace hubgrowth {

SeriesDigest digestSeries(const std::vector<ModelSeries>& series) {
    SeriesDigest digest;
    digest.ids.reserve(qsizetype(series.size()));
    digest.lastCounts.reserve(series.size());
    for (const ModelSeries& s : series) {
        digest.ids.push_back(QString::fromStdString(s.id));
        digest.lastCounts.push_back(s.lastCount());
    }
    return digest;
}

}  // namespace hubgrowth
