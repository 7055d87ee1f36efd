#include "hubgrowth/data/store/successor_pairs.h"

#include <unordered_map>

#include "hubgrowth/core/series/series_builder.h"
#include "hubgrowth/data/hub/hub_parsers.h"
#include "hubgrowth/data/store/store_dataset.h"

namespace hubgrowth::store {

namespace {

std::optional<qint64> creationSeconds(const std::string& createdAt) {
    return hub::parseCreatedAt(QString::fromStdString(createdAt));
}

}  // namespace

std::vector<SuccessorPair> successorPairs(const Dataset& dataset) {
    // Rows of the named successors only (first row of an id): a whole-Hub dataset has 200k
    // series and few successors, and a map of every id took most of the table's reset.
    std::unordered_map<std::string, int> rowOf;
    for (const ModelSeries& series : dataset.series) {
        if (!series.newVersion.empty() && series.newVersion != series.id)
            rowOf.emplace(series.newVersion, -1);
    }
    std::vector<SuccessorPair> pairs;
    if (rowOf.empty())
        return pairs;
    for (size_t i = 0; i < dataset.series.size(); ++i) {
        const auto found = rowOf.find(dataset.series[i].id);
        if (found != rowOf.end() && found->second < 0)
            found->second = int(i);
    }
    for (size_t i = 0; i < dataset.series.size(); ++i) {
        const ModelSeries& series = dataset.series[i];
        if (series.newVersion.empty() || series.newVersion == series.id)
            continue;
        SuccessorPair pair;
        pair.incumbentId = series.id;
        pair.successorId = series.newVersion;
        pair.incumbent = int(i);
        const auto found = rowOf.find(series.newVersion);
        pair.successor = found->second;
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

std::vector<std::optional<HeadToHead>> compareSuccessorPairs(
    const std::vector<SuccessorPair>& pairs, const Dataset& dataset) {
    std::vector<std::optional<HeadToHead>> out;
    out.reserve(pairs.size());
    for (const SuccessorPair& pair : pairs) {
        out.push_back(pair.complete()
                          ? compareHeadToHead(dataset.series[size_t(pair.incumbent)].counts,
                                              dataset.series[size_t(pair.successor)].counts,
                                              pair.offsetMonths)
                          : std::nullopt);
    }
    return out;
}

SuccessorPairsResult loadSuccessorPairs(const QString& storePath, int minSweptChildren) {
    SuccessorPairsResult result;
    ImportResult loaded =
        loadStoreDataset(storePath, kDefaultRelations, nullptr, true, minSweptChildren);
    if (!loaded.ok()) {
        result.error = loaded.error;
        return result;
    }
    result.dataset = std::move(loaded.dataset);
    result.pairs = successorPairs(result.dataset);
    return result;
}

}  // namespace hubgrowth::store
