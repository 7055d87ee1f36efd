#include "data/store/successor_pairs.h"

#include <QDateTime>
#include <unordered_map>

#include "data/store/store_dataset.h"
#include "series/series_builder.h"

namespace hubgrowth::store {

namespace {

std::optional<qint64> creationSeconds(const std::string& createdAt) {
    const QDateTime time =
        QDateTime::fromString(QString::fromStdString(createdAt), Qt::ISODateWithMs);
    if (!time.isValid())
        return std::nullopt;
    return time.toSecsSinceEpoch();
}

}  // namespace

std::vector<SuccessorPair> successorPairs(const Dataset& dataset) {
    std::unordered_map<std::string, int> rowOf;
    for (size_t i = 0; i < dataset.series.size(); ++i)
        rowOf.emplace(dataset.series[i].id, int(i));
    std::vector<SuccessorPair> pairs;
    for (size_t i = 0; i < dataset.series.size(); ++i) {
        const ModelSeries& series = dataset.series[i];
        if (series.newVersion.empty() || series.newVersion == series.id)
            continue;
        SuccessorPair pair;
        pair.incumbentId = series.id;
        pair.successorId = series.newVersion;
        pair.incumbent = int(i);
        const auto found = rowOf.find(series.newVersion);
        pair.successor = found == rowOf.end() ? -1 : found->second;
        if (pair.successor >= 0) {
            const auto from = creationSeconds(series.createdAt);
            const auto to = creationSeconds(dataset.series[size_t(pair.successor)].createdAt);
            if (from && to)
                pair.offsetMonths = double(*to - *from) / kSecondsPerMonth;
        }
        pairs.push_back(std::move(pair));
    }
    return pairs;
}

SuccessorPairsResult loadSuccessorPairs(const QString& storePath) {
    SuccessorPairsResult result;
    ImportResult loaded = loadStoreDataset(storePath);
    if (!loaded.ok()) {
        result.error = loaded.error;
        return result;
    }
    result.dataset = std::move(loaded.dataset);
    result.pairs = successorPairs(result.dataset);
    return result;
}

}  // namespace hubgrowth::store
