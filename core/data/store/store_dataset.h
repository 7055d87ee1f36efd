#pragma once
// Series from a HubGrowth store: one per base model the user fetched, counting the children
// with the chosen relations (default finetune, as in the paper) by month after the base's
// creation, up to the base's last completed listing.

#include <QString>
#include <QStringList>
#include <atomic>

#include "data/paper_csv_importer.h"

namespace hubgrowth::store {

inline const QStringList kDefaultRelations{QStringLiteral("finetune")};
// The error of a load stopped by its cancel flag.
inline constexpr char kLoadCancelled[] = "loading cancelled";

// True when the file starts with the SQLite header or is named *.db / *.sqlite.
bool looksLikeStore(const QString& path);

// relations: names from hub::kRelations plus "unspecified"; empty means the default. When
// *cancel turns true the load stops at the next base model and fails with kLoadCancelled.
ImportResult loadStoreDataset(const QString& path, const QStringList& relations = kDefaultRelations,
                              const std::atomic<bool>* cancel = nullptr);

// "finetune,adapter" / "all" -> the relation list; returns false for an unknown name.
bool parseRelations(const QString& text, QStringList* relations, QString* error);

}  // namespace hubgrowth::store
