#pragma once
// What must hold for ANY bytes opened as a HubGrowth store (core/data/store/store_dataset.h):
// never a crash; a file that is not SQLite is an error naming the file; a loaded dataset has
// series with ids and finite, non-negative, cumulative (non-decreasing) counts. Needs a
// QCoreApplication (Qt Sql loads the SQLite driver as a plugin).

#include <QByteArray>
#include <QString>
#include <string>

namespace hubgrowth::fuzz {

// Writes bytes to path (replacing it) and loads it with every relation.
std::string checkStoreLoader(const QByteArray& bytes, const QString& path);

}  // namespace hubgrowth::fuzz
