#pragma once
// Resolves what the user named as input: `demo` (the embedded synthetic snapshot), a paper CSV
// file or a folder of them. Later inputs (a store) plug in here, so the CLI and GUI share it.

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
