#pragma once
// HubStore's prepared statements for whole-Hub sweep pages (internal to the store's files): a
// model row with its small integer key, its snapshot of the sweep, its edges and a row for a
// parent not stored yet. Raw sqlite3 like PageWriter: a sweep writes millions of rows.

#include <sqlite3.h>
#include <QHash>
#include <QSqlDatabase>

#include "hubgrowth/data/store/hub_store.h"

namespace hubgrowth::store {

class HubStore::SweepWriter {
  public:
    // Prepares the statements and reads the aliases and the largest model key.
    static std::unique_ptr<SweepWriter> create(const QSqlDatabase& database, QString* error);
    ~SweepWriter();
    SweepWriter(const SweepWriter&) = delete;
    SweepWriter& operator=(const SweepWriter&) = delete;

    // The model, its snapshot of `sweep` and one edge per base it names.
    bool write(qint64 fetch, qint64 sweep, const hub::HubModel& model, SweepPageCounts* counts,
               QString* error);
    // 1 when the store holds a model with this id, 0 when not, -1 (and *error) on failure.
    int known(const QString& id, QString* error);

  private:
    explicit SweepWriter(sqlite3* db) : db_(db) {}
    bool prepare(const char* sql, sqlite3_stmt** statement, QString* error);
    bool step(sqlite3_stmt* statement, QString* error);
    bool failed(QString* error);
    bool writeEdge(qint64 fetch, const QByteArray& child, const QString& parent,
                   const QString& relation, SweepPageCounts* counts, QString* error);

    sqlite3* db_;
    sqlite3_stmt* model_ = nullptr;
    sqlite3_stmt* snapshot_ = nullptr;
    sqlite3_stmt* edge_ = nullptr;
    sqlite3_stmt* parent_ = nullptr;
    sqlite3_stmt* known_ = nullptr;
    qint64 nextKey_ = 1;
    QHash<QString, QString> aliases_;  // old id -> new id
};

}  // namespace hubgrowth::store
