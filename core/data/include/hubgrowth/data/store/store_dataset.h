#pragma once
// Series from a HubGrowth store: one per base model the user fetched, counting the children
// with the chosen relations (default finetune, as in the paper) by month after the base's
// creation, up to the base's last completed listing.

#include <QSet>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <atomic>

#include "hubgrowth/data/paper_csv_importer.h"

namespace hubgrowth::store {

class HubStore;

inline const QStringList kDefaultRelations{QStringLiteral("finetune")};
// The relations that usually come before fine-tunes: each series' leadCounts (the forecasts'
// cold-start covariate) counts the children of those among them that it does not count.
inline const QStringList kLeadRelations{QStringLiteral("adapter"), QStringLiteral("quantized")};
// kLeadRelations without the relations a series counts (`counted`).
QStringList leadRelationsNotCounted(const QStringList& counted);
// The error of a load stopped by its cancel flag.
inline constexpr char kLoadCancelled[] = "loading cancelled";

// True when the file starts with the SQLite header or is named *.db / *.sqlite.
bool looksLikeStore(const QString& path);

// relations: names from hub::kRelations plus "unspecified"; empty means the default. When
// *cancel turns true the load stops at the next base model and fails with kLoadCancelled.
// verify: run SQLite's quick_check first, so a damaged page is an error, never a short series
// (a page of random bytes can look like a valid, shorter b-tree leaf to a plain read).
// Any read that fails stops the load with a message naming the file: nothing is built from
// half a store.
// minSweptChildren: see appendSweptSeries (the command line's --min-children).
ImportResult loadStoreDataset(const QString& path, const QStringList& relations = kDefaultRelations,
                              const std::atomic<bool>* cancel = nullptr, bool verify = true,
                              int minSweptChildren = 1);

// SQLite's quick_check on an open store: false and *error (the cause, what to do) if damaged.
bool quickCheckStore(const QString& path, const QSqlDatabase& db, QString* error);

// A store that finished a whole-Hub sweep (`fetch --all`) also gives a series to every other
// parent with at least minChildren counted children (at least 1), up to the sweep's end: the
// swept parents' series (store_sweep_series.cpp), appended to *dataset, skipping the ids in
// `skip` (the explicit bases); false and *error when a read fails.
bool appendSweptSeries(const HubStore& store, const QStringList& relations, int minChildren,
                       const QSet<QString>& skip, const std::atomic<bool>* cancel, Dataset* dataset,
                       QString* error);

// "finetune,adapter" / "all" -> the relation list; returns false for an unknown name.
bool parseRelations(const QString& text, QStringList* relations, QString* error);

}  // namespace hubgrowth::store
