#pragma once
// HubStore's prepared statements for whole-Hub sweep pages (internal to the store's files). A
// page is staged: its models and edges appended to the staging tables in listing order. A merge
// reads the staged rows back, sorts them by id and writes them to the id-keyed tables in that
// order: a model row with its small integer key, its snapshot of the sweep, its edges and a
// row for a parent not stored yet. Raw sqlite3 like PageWriter: a sweep writes millions of rows.

#include <sqlite3.h>
#include <QByteArray>
#include <QHash>
#include <QSet>
#include <QSqlDatabase>
#include <vector>

#include "hubgrowth/data/store/hub_store.h"

namespace hubgrowth::store {

struct StagedModel {
    qint64 seq = 0;  // listing order: a model listed twice keeps its later listing
    qint64 sweep = 0;
    qint64 fetch = 0;
    QByteArray id;
    QByteArray createdAt;
    qint64 createdUnix = -1;  // -1: NULL
    qint64 downloads = -1;
    qint64 likes = -1;
};

struct StagedEdge {
    qint64 fetch = 0;
    QByteArray parent;  // resolved through the aliases when staged
    QByteArray child;
    QByteArray relation;
};

// Binds NULL for an empty text or a negative count (the API left the field out).
inline void bindText(sqlite3_stmt* statement, int index, const QByteArray& utf8) {
    if (utf8.isEmpty())
        sqlite3_bind_null(statement, index);
    else
        sqlite3_bind_text(statement, index, utf8.constData(), static_cast<int>(utf8.size()),
                          SQLITE_STATIC);
}
// SQLITE_STATIC: the bytes must outlive the statement's step, so a temporary is refused.
void bindText(sqlite3_stmt* statement, int index, QByteArray&& utf8) = delete;
inline void bindCount(sqlite3_stmt* statement, int index, qint64 value) {
    if (value >= 0)
        sqlite3_bind_int64(statement, index, value);
    else
        sqlite3_bind_null(statement, index);
}

class HubStore::SweepWriter {
  public:
    // Prepares the statements and reads the aliases and the largest model key.
    static std::unique_ptr<SweepWriter> create(const QSqlDatabase& database, QString* error);
    ~SweepWriter();
    SweepWriter(const SweepWriter&) = delete;
    SweepWriter& operator=(const SweepWriter&) = delete;

    // Stages the model with its snapshot of `sweep` and one edge per base it names.
    bool stage(qint64 fetch, qint64 sweep, const hub::HubModel& model, SweepPageCounts* counts,
               QString* error);
    // 1 when the store holds a model with this id (staged or merged), 0 when not, -1 (and
    // *error) on failure.
    int known(const QString& id, QString* error);
    // Models staged and not merged, counted since this writer was made; leftovers() counts the
    // rows a killed process left staged.
    qint64 stagedModels() const { return stagedModels_; }
    qint64 leftovers(QString* error);

    // The merge, in steps the store wraps in transactions: every staged row read back, then
    // models (sorted by id) and edges (sorted by parent) written a chunk at a time.
    bool readStaged(std::vector<StagedModel>* models, std::vector<StagedEdge>* edges,
                    QString* error);
    bool mergeModels(const StagedModel* begin, const StagedModel* end, QString* error);
    bool mergeEdges(const StagedEdge* begin, const StagedEdge* end, QString* error);
    bool clearStaged(QString* error);  // after the last chunk, in its transaction
    void merged();                     // the last chunk committed
    qint64 storedModelsEstimate() const { return nextKey_; }

  private:
    explicit SweepWriter(sqlite3* db) : db_(db) {}
    bool prepare(const char* sql, sqlite3_stmt** statement, QString* error);
    bool step(sqlite3_stmt* statement, QString* error);
    bool failed(QString* error);
    bool stageEdge(qint64 fetch, const QByteArray& child, const QString& parent,
                   const QString& relation, SweepPageCounts* counts, QString* error);

    sqlite3* db_;
    sqlite3_stmt* model_ = nullptr;
    sqlite3_stmt* snapshot_ = nullptr;
    sqlite3_stmt* edge_ = nullptr;
    sqlite3_stmt* parent_ = nullptr;
    sqlite3_stmt* known_ = nullptr;
    sqlite3_stmt* stageModel_ = nullptr;
    sqlite3_stmt* stageEdge_ = nullptr;
    qint64 nextKey_ = 1;
    qint64 stagedModels_ = 0;
    QSet<QString> stagedIds_;          // for known(): a refresh stops at an all-known page
    QHash<QString, QString> aliases_;  // old id -> new id
};

}  // namespace hubgrowth::store
