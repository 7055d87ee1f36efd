#pragma once
// Incumbent / successor pairs: a base model whose card names a `new_version` (models.new_version
// in the store) and that successor's own series, both counted in months since their creation.

#include <QString>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "hubgrowth/core/series/head_to_head.h"
#include "hubgrowth/core/series/model_series.h"

namespace hubgrowth::store {

struct SuccessorPair {
    std::string incumbentId;
    std::string successorId;
    int incumbent = -1;  // row in Dataset::series
    int successor = -1;  // row in Dataset::series; -1 when the store holds no series for it
    // Months from the incumbent's creation to the successor's (mean Gregorian months, as the
    // series are counted); NaN when the successor is missing or a creation time is unknown.
    double offsetMonths = std::numeric_limits<double>::quiet_NaN();
    bool complete() const { return incumbent >= 0 && successor >= 0; }
};

// Every series naming a new_version other than itself, in dataset order.
std::vector<SuccessorPair> successorPairs(const Dataset& dataset);

// Each pair's head-to-head (see series/head_to_head.h), in the same order; nothing for a pair
// without the successor's series or without a month in common.
std::vector<std::optional<HeadToHead>> compareSuccessorPairs(
    const std::vector<SuccessorPair>& pairs, const Dataset& dataset);

struct SuccessorPairsResult {
    QString error;  // empty on success
    Dataset dataset;
    std::vector<SuccessorPair> pairs;
    bool ok() const { return error.isEmpty(); }
};

// Loads the store's series (fine-tunes; minSweptChildren as in loadStoreDataset) and pairs them.
SuccessorPairsResult loadSuccessorPairs(const QString& storePath, int minSweptChildren = 1);

}  // namespace hubgrowth::store
