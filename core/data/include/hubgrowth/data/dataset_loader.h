#pragma once
// Resolves what the user named as input: `demo` (the embedded synthetic snapshot), a paper CSV
// file or a folder of them, or a HubGrowth store (an SQLite file written by `hubgrowth fetch`;
// its series count the children with the given relations, fine-tunes by default).

#include <QString>
#include <atomic>

#include "hubgrowth/data/paper_csv_importer.h"
#include "hubgrowth/data/store/store_dataset.h"

namespace hubgrowth {

inline constexpr char kDemoInput[] = "demo";

// Loads one input; several inputs are merged with loadDatasets().
// storeRelations only matter for stores (see store::loadStoreDataset). When *cancel turns true
// the load stops (between inputs, inside a paper CSV file every kCancelCheckRows rows, and
// inside a store between base models) and fails with store::kLoadCancelled.
// minSweptChildren: for a swept store (see store::loadStoreDataset).
ImportResult loadDataset(const QString& input,
                         const QStringList& storeRelations = store::kDefaultRelations,
                         const std::atomic<bool>* cancel = nullptr, int minSweptChildren = 1);
ImportResult loadDatasets(const QStringList& inputs,
                          const QStringList& storeRelations = store::kDefaultRelations,
                          const std::atomic<bool>* cancel = nullptr, int minSweptChildren = 1);

// The embedded snapshot's CSV text (generated at build time by hubgrowth-demo-gen).
QByteArray embeddedDemoCsv();

}  // namespace hubgrowth
