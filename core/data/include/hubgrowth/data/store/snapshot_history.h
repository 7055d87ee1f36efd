#pragma once
// The store's download history. The Hub keeps none (a listing tells today's downloads only), so
// the snapshots a store took are the only history there is: one per model per whole-Hub sweep
// (sweep_snapshots, dated by the sweep's end, or its start while unfinished) and one per model
// per fetch of bases (snapshots.taken_at).

#include <QSqlDatabase>
#include <QString>
#include <optional>
#include <vector>

namespace hubgrowth::store {

// One snapshot of one model.
struct SnapshotPoint {
    qint64 takenAt = 0;  // Unix seconds
    std::optional<qint64> downloads;
    std::optional<qint64> likes;
    bool fromSweep = false;
    qint64 source = 0;  // the sweep's id (fromSweep) or the fetch's
};

// One whole-Hub sweep's totals over the models it snapshotted.
struct SweepTotals {
    qint64 sweep = 0;
    QString mode;  // first, refresh, full (store_sweep.h)
    bool finished = false;
    qint64 takenAt = 0;  // finished_at, else started_at
    qint64 models = 0;   // models with a snapshot in this sweep
    qint64 downloads = 0;
    qint64 likes = 0;
    // A first or full sweep that reached its end snapshotted every model; a refresh only the
    // newest, so its totals are no figure for the whole Hub.
    bool coversHub() const { return finished && mode != QLatin1String("refresh"); }
};

struct ModelHistory {
    QString error;                      // empty on success
    std::vector<SnapshotPoint> points;  // oldest first
    bool ok() const { return error.isEmpty(); }
};

struct HubHistory {
    QString error;
    std::vector<SweepTotals> sweeps;  // oldest first
    bool ok() const { return error.isEmpty(); }
};

// On an open store connection (tables a store of an older schema lacks read as empty).
ModelHistory readModelHistory(const QSqlDatabase& db, const QString& modelId);
HubHistory readHubHistory(const QSqlDatabase& db);

// Opens the store read-only for one read.
ModelHistory loadModelHistory(const QString& storePath, const QString& modelId);
HubHistory loadHubHistory(const QString& storePath);

// CSV (RFC 4180, a header line). Model: taken_at (ISO 8601 UTC), unix, source (sweep N / fetch
// N), downloads, likes. Hub: sweep, mode, finished, taken_at, unix, models, downloads, likes.
QByteArray modelHistoryCsv(const QString& modelId, const ModelHistory& history);
QByteArray hubHistoryCsv(const HubHistory& history);

}  // namespace hubgrowth::store
