#pragma once
// Resolves what the user named as input: `demo` (the embedded synthetic snapshot), a paper CSV
// file or a folder of them, or a HubGrowth store (an SQLite file written by `hubgrowth fetch`;
// its series count fine-tunes, see data/store/store_dataset.h for other relations).

#include <QString>

#include "data/paper_csv_importer.h"

namespace hubgrowth {

inline constexpr char kDemoInput[] = "demo";

// Loads one input; several inputs are merged with loadDatasets().
ImportResult loadDataset(const QString& input);
ImportResult loadDatasets(const QStringList& inputs);

// The embedded snapshot's CSV text (generated at build time by hubgrowth-demo-gen).
QByteArray embeddedDemoCsv();

}  // namespace hubgrowth
