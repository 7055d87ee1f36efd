#include "hubgrowth/data/store/store_check.h"

#include <QSqlQuery>
#include <QVariant>

#include "hubgrowth/data/store/hub_store.h"
#include "hubgrowth/data/store/store_dataset.h"
#include "hubgrowth/data/store/store_sql.h"

namespace hubgrowth::store {

namespace {

// One invariant: sql counts the rows that break it; message says what it means.
struct Invariant {
    const char* sql;
    const char* message;
};

const Invariant kInvariants[] = {
    {"SELECT count(*) FROM edges e WHERE NOT EXISTS (SELECT 1 FROM models m WHERE m.id = "
     "e.child)",
     "%1 edges name a child that has no model row"},
    {"SELECT count(*) FROM edges e WHERE NOT EXISTS (SELECT 1 FROM models m WHERE m.id = "
     "e.parent)",
     "%1 edges name a parent that has no model row"},
    {"SELECT count(*) FROM bases b WHERE NOT EXISTS (SELECT 1 FROM models m WHERE m.id = b.id)",
     "%1 bases have no model row"},
    {"SELECT count(*) FROM bases b WHERE NOT EXISTS (SELECT 1 FROM listings l WHERE l.parent = "
     "b.id)",
     "%1 bases have no listing state"},
    {"SELECT count(*) FROM listings WHERE complete = 1 AND completed_at IS NULL AND refreshed_at "
     "IS NULL",
     "%1 listings are marked complete without the time they completed"},
    {"SELECT count(*) FROM listings WHERE complete = 0 AND (completed_at IS NOT NULL OR "
     "refreshed_at IS NOT NULL)",
     "%1 listings have a completion time but are not marked complete"},
    {"SELECT count(*) FROM snapshots s WHERE NOT EXISTS (SELECT 1 FROM models m WHERE m.id = "
     "s.model)",
     "%1 snapshots are of a model that has no row"},
    {"SELECT count(*) FROM bases b WHERE b.id IN (SELECT old FROM aliases)",
     "%1 bases are stored under a name that is an alias of a renamed repository"},
    {"SELECT count(*) FROM aliases a WHERE a.new IN (SELECT old FROM aliases)",
     "%1 aliases point to another alias (a chain or a cycle)"},
    {"SELECT count(*) FROM aliases WHERE old = new", "%1 aliases point to themselves"},
    {"SELECT count(*) FROM models WHERE created_at IS NOT NULL AND created_unix IS NULL AND "
     "created_at NOT LIKE '____-__-__T%'",
     "%1 models have a creation time that is not ISO 8601"},
    // Whole-Hub sweeps. NOT IN builds one index of the subquery: linear in the snapshots.
    {"SELECT count(*) - count(DISTINCT key) FROM models WHERE key IS NOT NULL",
     "%1 models share a sweep key with another model"},
    {"SELECT count(*) FROM sweep_snapshots WHERE key NOT IN (SELECT key FROM models WHERE key IS "
     "NOT NULL)",
     "%1 sweep snapshots are of a key that no model has"},
    {"SELECT count(*) FROM sweep_snapshots WHERE sweep NOT IN (SELECT id FROM sweeps)",
     "%1 sweep snapshots belong to no sweep"},
    {"SELECT count(*) FROM sweeps WHERE finished_at IS NOT NULL AND finished_at < started_at",
     "%1 sweeps finished before they started"},
    {"SELECT count(*) FROM sweeps WHERE models < 0 OR pages < 0 OR (models > 0 AND pages = 0)",
     "%1 sweeps have a negative or impossible count of models or pages"},
    {"SELECT count(*) FROM sweeps WHERE mode NOT IN ('first', 'refresh', 'full')",
     "%1 sweeps have an unknown mode"},
    // The page that ends a sweep clears its cursor in the same transaction.
    {"SELECT count(*) FROM sweeps WHERE finished_at IS NOT NULL AND next_url IS NOT NULL",
     "%1 finished sweeps still hold a cursor to resume from"},
    // A model listed twice is counted twice but snapshotted once: never more snapshots.
    {"SELECT count(*) FROM sweeps s WHERE s.models < (SELECT count(*) FROM sweep_snapshots n "
     "WHERE n.sweep = s.id)",
     "%1 sweeps hold more snapshots than the models they counted"},
    {"SELECT count(*) FROM sweeps WHERE mode = 'first' AND id > (SELECT min(id) FROM sweeps WHERE "
     "finished_at IS NOT NULL)",
     "%1 sweeps are marked first although an earlier sweep had finished"},
};

void add(StoreCheckResult* result, const QString& problem) {
    if (result->problems.size() < kMaxReported)
        result->problems << problem;
}

}  // namespace

StoreCheckResult checkStore(const QString& path, CheckDepth depth) {
    StoreCheckResult result;
    QString error;
    const auto store = HubStore::openReadOnly(path, &error);
    if (!store) {
        result.problems << error;
        return result;
    }
    result.readable = true;
    const QSqlDatabase db = store->database();
    QSqlQuery sqliteCheck(db);
    sqliteCheck.setForwardOnly(true);
    const QString pragma = depth == CheckDepth::Full ? QStringLiteral("PRAGMA integrity_check(%1)")
                                                     : QStringLiteral("PRAGMA quick_check(%1)");
    if (!sqliteCheck.exec(pragma.arg(kMaxReported))) {
        add(&result, explainFailure(path, sqliteCheck.lastError()));
        return result;
    }
    while (sqliteCheck.next()) {
        const QString line = sqliteCheck.value(0).toString();
        if (line != QLatin1String("ok"))
            add(&result, QStringLiteral("SQLite: %1").arg(line));
    }
    if (!finishedCleanly(sqliteCheck, &error))
        add(&result, explainFailure(path, sqliteCheck.lastError()));
    if (!result.problems.isEmpty())
        return result;  // the invariants would read damaged pages

    for (const Invariant& invariant : kInvariants) {
        QSqlQuery query(db);
        if (!query.exec(QString::fromLatin1(invariant.sql)) || !query.next()) {
            add(&result, explainFailure(path, query.lastError()));
            continue;
        }
        const qint64 broken = query.value(0).toLongLong();
        if (broken > 0)
            add(&result, QString::fromLatin1(invariant.message).arg(broken));
    }
    QSqlQuery running(db);
    if (running.exec(QStringLiteral("SELECT count(*) FROM fetches WHERE finished_at IS NULL")) &&
        running.next() && running.value(0).toLongLong() > 0) {
        result.notes << QStringLiteral(
                            "%1 fetches never finished (interrupted: their whole pages are kept; "
                            "fetching again resumes them)")
                            .arg(running.value(0).toLongLong());
    }
    QSqlQuery staged(db);
    if (staged.exec(QStringLiteral("SELECT count(*) FROM sweep_staged_models")) && staged.next() &&
        staged.value(0).toLongLong() > 0) {
        result.notes << QStringLiteral(
                            "%1 models of an interrupted whole-Hub sweep are staged, not merged "
                            "yet (`fetch --all` merges them, then resumes the sweep)")
                            .arg(staged.value(0).toLongLong());
    }
    if (!result.problems.isEmpty())
        return result;
    // Monthly counts derivable: the loader builds every series from what is there.
    const ImportResult loaded =
        loadStoreDataset(path, {QStringLiteral("finetune")}, nullptr, false);
    if (!loaded.ok() && !loaded.error.contains(QLatin1String("holds no base models")))
        add(&result, QStringLiteral("the monthly series cannot be built: %1").arg(loaded.error));
    return result;
}

}  // namespace hubgrowth::store
