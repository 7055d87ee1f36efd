#include "hubgrowth/data/store/snapshot_history.h"

#include <QDateTime>
#include <QSqlQuery>
#include <QStringList>
#include <QVariant>
#include <algorithm>
#include <tuple>

#include "hubgrowth/data/store/hub_store.h"
#include "hubgrowth/data/store/store_sql.h"

namespace hubgrowth::store {

namespace {

std::optional<qint64> optionalInt(const QVariant& value) {
    return value.isNull() ? std::nullopt : std::optional<qint64>(value.toLongLong());
}

QString isoTime(qint64 unixSeconds) {
    return QDateTime::fromSecsSinceEpoch(unixSeconds, Qt::UTC).toString(Qt::ISODate);
}

QString csvNumber(const std::optional<qint64>& value) {
    return value ? QString::number(*value) : QString();
}

// A model id may hold a comma or a quote only in a damaged store, but CSV must not break.
QString csvField(const QString& text) {
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) &&
        !text.contains(QLatin1Char('\n')))
        return text;
    QString quoted = text;
    quoted.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

bool select(QSqlQuery& query, const QString& sql, const QVariantList& values, QString* error) {
    query.setForwardOnly(true);
    if (!prepare(query, sql, error))
        return false;
    for (const QVariant& value : values)
        query.addBindValue(value);
    return run(query, error);
}

bool hasSweeps(const QSqlDatabase& db) {
    const QStringList tables = db.tables();
    return tables.contains(QStringLiteral("sweeps")) &&
           tables.contains(QStringLiteral("sweep_snapshots"));
}

}  // namespace

ModelHistory readModelHistory(const QSqlDatabase& db, const QString& modelId) {
    ModelHistory history;
    QSqlQuery perBase(db);
    if (!select(perBase,
                QStringLiteral("SELECT taken_at, downloads, likes, fetch FROM snapshots "
                               "WHERE model = ?"),
                {modelId}, &history.error))
        return history;
    while (perBase.next()) {
        history.points.push_back({perBase.value(0).toLongLong(), optionalInt(perBase.value(1)),
                                  optionalInt(perBase.value(2)), false,
                                  perBase.value(3).toLongLong()});
    }
    if (!finishedCleanly(perBase, &history.error))
        return history;
    if (hasSweeps(db)) {
        // CROSS JOIN keeps the few sweeps outside: one primary-key lookup per sweep instead
        // of a scan of every sweep's snapshots for the model's key.
        QSqlQuery swept(db);
        if (!select(swept,
                    QStringLiteral("SELECT coalesce(s.finished_at, s.started_at), ss.downloads, "
                                   "ss.likes, s.id FROM sweeps s CROSS JOIN sweep_snapshots ss "
                                   "WHERE ss.sweep = s.id AND ss.key = "
                                   "(SELECT key FROM models WHERE id = ?)"),
                    {modelId}, &history.error))
            return history;
        while (swept.next()) {
            history.points.push_back({swept.value(0).toLongLong(), optionalInt(swept.value(1)),
                                      optionalInt(swept.value(2)), true,
                                      swept.value(3).toLongLong()});
        }
        if (!finishedCleanly(swept, &history.error))
            return history;
    }
    // Snapshots of one second (a fetch and a sweep page) keep a fixed order.
    std::sort(history.points.begin(), history.points.end(),
              [](const SnapshotPoint& a, const SnapshotPoint& b) {
                  return std::tie(a.takenAt, a.fromSweep, a.source) <
                         std::tie(b.takenAt, b.fromSweep, b.source);
              });
    return history;
}

HubHistory readHubHistory(const QSqlDatabase& db) {
    HubHistory history;
    if (!hasSweeps(db))
        return history;
    QSqlQuery query(db);
    if (!select(query,
                QStringLiteral("SELECT s.id, s.mode, s.finished_at IS NOT NULL, "
                               "coalesce(s.finished_at, s.started_at), count(ss.key), "
                               "coalesce(sum(ss.downloads), 0), coalesce(sum(ss.likes), 0) "
                               "FROM sweeps s LEFT JOIN sweep_snapshots ss ON ss.sweep = s.id "
                               "GROUP BY s.id ORDER BY 4, s.id"),
                {}, &history.error))
        return history;
    while (query.next()) {
        SweepTotals totals;
        totals.sweep = query.value(0).toLongLong();
        totals.mode = query.value(1).toString();
        totals.finished = query.value(2).toBool();
        totals.takenAt = query.value(3).toLongLong();
        totals.models = query.value(4).toLongLong();
        totals.downloads = query.value(5).toLongLong();
        totals.likes = query.value(6).toLongLong();
        history.sweeps.push_back(totals);
    }
    finishedCleanly(query, &history.error);
    return history;
}

ModelHistory loadModelHistory(const QString& storePath, const QString& modelId) {
    ModelHistory history;
    const auto store = HubStore::openReadOnly(storePath, &history.error);
    return store ? readModelHistory(store->database(), modelId) : history;
}

HubHistory loadHubHistory(const QString& storePath) {
    HubHistory history;
    const auto store = HubStore::openReadOnly(storePath, &history.error);
    return store ? readHubHistory(store->database()) : history;
}

QByteArray modelHistoryCsv(const QString& modelId, const ModelHistory& history) {
    QString out = QStringLiteral("model,taken_at,unix,source,downloads,likes\n");
    for (const SnapshotPoint& p : history.points) {
        const QString source = (p.fromSweep ? QStringLiteral("sweep ") : QStringLiteral("fetch ")) +
                               QString::number(p.source);
        out += QStringList{csvField(modelId),          isoTime(p.takenAt),
                           QString::number(p.takenAt), source,
                           csvNumber(p.downloads),     csvNumber(p.likes)}
                   .join(QLatin1Char(',')) +
               QLatin1Char('\n');
    }
    return out.toUtf8();
}

QByteArray hubHistoryCsv(const HubHistory& history) {
    QString out = QStringLiteral("sweep,mode,finished,taken_at,unix,models,downloads,likes\n");
    for (const SweepTotals& s : history.sweeps) {
        out += QStringList{QString::number(s.sweep),
                           csvField(s.mode),
                           s.finished ? QStringLiteral("1") : QStringLiteral("0"),
                           isoTime(s.takenAt),
                           QString::number(s.takenAt),
                           QString::number(s.models),
                           QString::number(s.downloads),
                           QString::number(s.likes)}
                   .join(QLatin1Char(',')) +
               QLatin1Char('\n');
    }
    return out.toUtf8();
}

}  // namespace hubgrowth::store
