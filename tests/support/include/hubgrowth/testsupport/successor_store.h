#pragma once
// Builds small Hub stores through HubStore's own API (as `hubgrowth fetch` writes them) for the
// successor and download tests: old-7b names new-7b as its new_version, orphan-1b names a model
// the store never fetched, plain-3b names none.

#include <QString>
#include <vector>

#include "hubgrowth/data/hub/hub_parsers.h"
#include "hubgrowth/data/store/hub_store.h"

namespace hubgrowth::testing {

hub::HubModel hubModel(const QString& id, const QString& createdAt, const QString& newVersion = {},
                       qint64 downloadsAllTime = -1, const QString& parent = {});

// One fine-tune of `base` per listed month offset (months after 2023-01 + startMonth).
bool saveBaseWithFinetunes(store::HubStore& store, qint64 fetch, const hub::HubModel& base,
                           int startYear, const std::vector<int>& monthOffsets, QString* error);

// The store described above, with download figures when `withDownloads`. Returns an error text.
QString writeSuccessorStore(const QString& path, bool withDownloads = true,
                            bool withNewVersions = true);

}  // namespace hubgrowth::testing
