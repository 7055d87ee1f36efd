#pragma once
// The unit everything downstream works on: one base model's monthly cumulative derivative count.

#include <optional>
#include <string>
#include <vector>

#include "hubgrowth/core/model/wsb_model.h"

namespace hubgrowth {

struct ModelSeries {
    std::string id;         // Hub id of the base model, e.g. "meta-llama/Llama-2-7b"
    std::string org;        // organisation (the paper's "company", else the id's namespace)
    std::string createdAt;  // ISO 8601 creation time of the base model; empty when unknown
    // counts[k]: cumulative derivatives created within k months of the base (counts[0] == 0).
    std::vector<double> counts;
    // The source's own fit and verdict, when the data came with one (the paper's CSV does).
    std::optional<WsbParams> publishedFit;
    std::string publishedVerdict;
    int unknownDates = 0;  // derivatives left out because their creation time is unknown
    // Only a Hub store knows these: the model card's `new_version` (the successor's id, empty
    // when none) and the all-time downloads of the newest snapshot.
    std::string newVersion;
    std::optional<double> downloadsAllTime;
    // Only a Hub store knows this: the cumulative count of the base's children of the lead
    // relations (adapters and quantizations, which usually come before fine-tunes) by month,
    // months as in `counts`; empty when unknown (then every forecast uses `counts` alone).
    std::vector<double> leadCounts;

    int observedMonths() const { return static_cast<int>(counts.size()); }
    double lastCount() const { return counts.empty() ? 0.0 : counts.back(); }
};

struct Dataset {
    std::string name;        // shown in the UI's title and the CLI's messages
    std::string provenance;  // where the numbers came from, in one sentence
    bool synthetic = false;  // true for generated demo data; the UI labels it as such
    bool fromStore = false;  // loaded from a Hub store (successors and downloads are known)
    std::vector<ModelSeries> series;
    std::vector<std::string> warnings;  // non-fatal findings of the loader, one line each
};

}  // namespace hubgrowth
