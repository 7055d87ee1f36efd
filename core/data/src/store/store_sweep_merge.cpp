// The merge of staged whole-Hub sweep pages into the id-keyed tables (see kSweepStagedModels).
#include <QSqlQuery>
#include <algorithm>
#include <tuple>

#include "hubgrowth/data/store/hub_store.h"
#include "hubgrowth/data/store/store_sql.h"
#include "hubgrowth/data/store/store_sweep_writer.h"

namespace hubgrowth::store {

namespace {

QByteArray authorOf(const QByteArray& id) {
    const qsizetype slash = id.indexOf('/');
    return slash > 0 ? id.left(slash) : QByteArray();
}

QByteArray columnText(sqlite3_stmt* statement, int column) {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, column));
    return text ? QByteArray(text, sqlite3_column_bytes(statement, column)) : QByteArray();
}

qint64 columnCount(sqlite3_stmt* statement, int column) {
    return sqlite3_column_type(statement, column) == SQLITE_NULL
               ? -1
               : sqlite3_column_int64(statement, column);
}

struct Snapshot {
    qint64 sweep;
    qint64 key;
    qint64 seq;
    qint64 downloads;
    qint64 likes;
};

}  // namespace

qint64 HubStore::SweepWriter::leftovers(QString* error) {
    sqlite3_stmt* statement = nullptr;
    if (!prepare("SELECT (SELECT count(*) FROM sweep_staged_models) + "
                 "(SELECT count(*) FROM sweep_staged_edges)",
                 &statement, error))
        return -1;
    qint64 rows = -1;
    if (sqlite3_step(statement) == SQLITE_ROW)
        rows = sqlite3_column_int64(statement, 0);
    else
        failed(error);
    sqlite3_finalize(statement);
    return rows;
}

bool HubStore::SweepWriter::readStaged(std::vector<StagedModel>* models,
                                       std::vector<StagedEdge>* edges, QString* error) {
    sqlite3_stmt* statement = nullptr;
    if (!prepare("SELECT seq, sweep, fetch, id, created_at, created_unix, downloads, likes FROM "
                 "sweep_staged_models",
                 &statement, error))
        return false;
    int status = SQLITE_ROW;
    while ((status = sqlite3_step(statement)) == SQLITE_ROW) {
        models->push_back({sqlite3_column_int64(statement, 0), sqlite3_column_int64(statement, 1),
                           sqlite3_column_int64(statement, 2), columnText(statement, 3),
                           columnText(statement, 4), columnCount(statement, 5),
                           columnCount(statement, 6), columnCount(statement, 7)});
    }
    sqlite3_finalize(statement);
    if (status != SQLITE_DONE)
        return failed(error);
    if (!prepare("SELECT fetch, parent, child, relation FROM sweep_staged_edges", &statement,
                 error))
        return false;
    while ((status = sqlite3_step(statement)) == SQLITE_ROW) {
        edges->push_back({sqlite3_column_int64(statement, 0), columnText(statement, 1),
                          columnText(statement, 2), columnText(statement, 3)});
    }
    sqlite3_finalize(statement);
    if (status != SQLITE_DONE)
        return failed(error);
    // In id order the merge walks each table's leaf pages once; equal ids in listing order.
    std::sort(models->begin(), models->end(), [](const StagedModel& a, const StagedModel& b) {
        return std::tie(a.id, a.seq) < std::tie(b.id, b.seq);
    });
    std::sort(edges->begin(), edges->end(), [](const StagedEdge& a, const StagedEdge& b) {
        return std::tie(a.parent, a.child, a.relation) < std::tie(b.parent, b.child, b.relation);
    });
    return true;
}

bool HubStore::SweepWriter::mergeModels(const StagedModel* begin, const StagedModel* end,
                                        QString* error) {
    std::vector<Snapshot> snapshots;
    snapshots.reserve(size_t(end - begin));
    for (const StagedModel* m = begin; m != end; ++m) {
        bindText(model_, 1, m->id);
        const QByteArray author = authorOf(m->id);  // bound without a copy: must outlive step
        bindText(model_, 2, author);
        bindText(model_, 3, m->createdAt);
        bindCount(model_, 4, m->createdUnix);
        sqlite3_bind_int64(model_, 5, m->fetch);
        sqlite3_bind_int64(model_, 6, nextKey_);
        if (sqlite3_step(model_) != SQLITE_ROW) {
            failed(error);
            sqlite3_reset(model_);
            return false;
        }
        const qint64 key = sqlite3_column_int64(model_, 0);
        if (!step(model_, error))  // runs the statement to its end
            return false;
        if (key == nextKey_)
            ++nextKey_;
        snapshots.push_back({m->sweep, key, m->seq, m->downloads, m->likes});
    }
    // In key order the snapshots append to the sweep's rows; a later listing replaces one.
    std::sort(snapshots.begin(), snapshots.end(), [](const Snapshot& a, const Snapshot& b) {
        return std::tie(a.sweep, a.key, a.seq) < std::tie(b.sweep, b.key, b.seq);
    });
    for (const Snapshot& s : snapshots) {
        sqlite3_bind_int64(snapshot_, 1, s.sweep);
        sqlite3_bind_int64(snapshot_, 2, s.key);
        bindCount(snapshot_, 3, s.downloads);
        bindCount(snapshot_, 4, s.likes);
        if (!step(snapshot_, error))
            return false;
    }
    return true;
}

bool HubStore::SweepWriter::mergeEdges(const StagedEdge* begin, const StagedEdge* end,
                                       QString* error) {
    for (const StagedEdge* e = begin; e != end; ++e) {
        // The parent is listed later (older) or not at all (private, deleted): a row of its own
        // keeps "every edge's parent is a model" true after every merge.
        bindText(parent_, 1, e->parent);
        const QByteArray author = authorOf(e->parent);
        bindText(parent_, 2, author);
        sqlite3_bind_int64(parent_, 3, e->fetch);
        if (!step(parent_, error))
            return false;
        bindText(edge_, 1, e->parent);
        bindText(edge_, 2, e->child);
        bindText(edge_, 3, e->relation);
        sqlite3_bind_int64(edge_, 4, e->fetch);
        if (!step(edge_, error))
            return false;
    }
    return true;
}

bool HubStore::SweepWriter::clearStaged(QString* error) {
    return sqlite3_exec(db_, "DELETE FROM sweep_staged_models; DELETE FROM sweep_staged_edges",
                        nullptr, nullptr, nullptr) == SQLITE_OK ||
           failed(error);
}

void HubStore::SweepWriter::merged() {
    stagedModels_ = 0;
    stagedIds_.clear();
}

bool HubStore::mergeStaged(SweepWriter* writer, const std::function<bool(QString*)>& finalUpdate,
                           QString* error) {
    std::vector<StagedModel> models;
    std::vector<StagedEdge> edges;
    if (!writer->readStaged(&models, &edges, error))
        return false;
    // Chunks of the id range, each covering about kSweepMergeChunkModels stored models, so one
    // transaction's WAL stays a few tens of MB whatever the store's size. Re-merging a chunk
    // (killed before the staged rows were cleared) writes the same rows again.
    const qint64 stored = writer->storedModelsEstimate() + qint64(models.size());
    const qint64 chunkModels = std::max(1, sweepMergeChunkModels_);
    const size_t chunks = size_t(std::max<qint64>(1, (stored + chunkModels - 1) / chunkModels));
    const size_t perChunk = std::max<size_t>(1, (models.size() + chunks - 1) / chunks);
    size_t modelAt = 0;
    size_t edgeAt = 0;
    do {
        const size_t modelEnd = std::min(models.size(), modelAt + perChunk);
        const bool lastChunk = modelEnd == models.size();
        // This chunk's edges: their parents sort before the next chunk's first id.
        size_t edgeEnd = edges.size();
        if (!lastChunk) {
            const QByteArray& next = models[modelEnd].id;
            edgeEnd =
                size_t(std::lower_bound(edges.begin() + std::ptrdiff_t(edgeAt), edges.end(), next,
                                        [](const StagedEdge& e, const QByteArray& id) {
                                            return e.parent < id;
                                        }) -
                       edges.begin());
        }
        Transaction txn(db());
        if (!txn.began()) {
            *error = explainFailure(path_, txn.beginError());
            return false;
        }
        if (!writer->mergeModels(models.data() + modelAt, models.data() + modelEnd, error) ||
            !writer->mergeEdges(edges.data() + edgeAt, edges.data() + edgeEnd, error))
            return false;
        if (lastChunk && (!writer->clearStaged(error) || (finalUpdate && !finalUpdate(error))))
            return false;
        if (!txn.commit(error))
            return false;
        modelAt = modelEnd;
        edgeAt = edgeEnd;
    } while (modelAt < models.size());
    writer->merged();
    return true;
}

}  // namespace hubgrowth::store
