#include "hubgrowth/data/store/hub_store.h"

#include <QAtomicInteger>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QStorageInfo>
#include <QThread>
#include <QVariant>

#include "hubgrowth/data/store/store_page_writer.h"
#include "hubgrowth/data/store/store_sql.h"
#include "hubgrowth/data/store/store_sweep_writer.h"

namespace hubgrowth::store {

namespace {

// Step k migrates a store from version k to k + 1. Append only; never edit a released step.
const std::vector<std::vector<const char*>> kMigrations = {
    // 0 -> 1: the lineage, snapshots and resume state.
    {"CREATE TABLE models (id TEXT PRIMARY KEY, author TEXT, created_at TEXT, created_unix INTEGER,"
     " new_version TEXT, children_count INTEGER, first_fetch INTEGER, last_fetch INTEGER) WITHOUT "
     "ROWID",
     "CREATE TABLE edges (parent TEXT NOT NULL, child TEXT NOT NULL, relation TEXT NOT NULL,"
     " first_fetch INTEGER, PRIMARY KEY (parent, child, relation)) WITHOUT ROWID",
     "CREATE TABLE bases (id TEXT PRIMARY KEY, relation_filter TEXT, added_fetch INTEGER)",
     "CREATE TABLE snapshots (model TEXT NOT NULL, fetch INTEGER NOT NULL, taken_at INTEGER NOT "
     "NULL,"
     " downloads INTEGER, downloads_all_time INTEGER, likes INTEGER, PRIMARY KEY (model, fetch)) "
     "WITHOUT ROWID",
     "CREATE TABLE fetches (id INTEGER PRIMARY KEY AUTOINCREMENT, started_at INTEGER NOT NULL,"
     " finished_at INTEGER, endpoint TEXT, request TEXT, status TEXT)",
     "CREATE TABLE listings (parent TEXT NOT NULL, relation_filter TEXT NOT NULL, next_url TEXT,"
     " complete INTEGER NOT NULL DEFAULT 0, pages INTEGER NOT NULL DEFAULT 0, fetch INTEGER,"
     " PRIMARY KEY (parent, relation_filter))"},
    // 1 -> 2: when a listing last completed (series are cut there).
    {"ALTER TABLE listings ADD COLUMN completed_at INTEGER"},
    // 2 -> 3: renamed repositories, refreshes told from full listings, and a listing state for
    // every base (saveBase now writes it with the base).
    {"CREATE TABLE aliases (old TEXT PRIMARY KEY, new TEXT NOT NULL) WITHOUT ROWID",
     "ALTER TABLE listings ADD COLUMN refreshed_at INTEGER",
     "INSERT OR IGNORE INTO listings (parent, relation_filter, complete, pages, fetch)"
     " SELECT id, coalesce(relation_filter, ''), 0, 0, added_fetch FROM bases"},
    // 3 -> 4: whole-Hub sweeps and their snapshots, keyed by a small integer per model (a
    // snapshot of 2 M models costs ~16 bytes each instead of repeating the id).
    {"ALTER TABLE models ADD COLUMN key INTEGER",
     "CREATE TABLE sweeps (id INTEGER PRIMARY KEY AUTOINCREMENT, fetch INTEGER, mode TEXT NOT "
     "NULL, next_url TEXT, pages INTEGER NOT NULL DEFAULT 0, models INTEGER NOT NULL DEFAULT 0,"
     " started_at INTEGER NOT NULL, finished_at INTEGER)",
     "CREATE TABLE sweep_snapshots (sweep INTEGER NOT NULL, key INTEGER NOT NULL, downloads "
     "INTEGER, likes INTEGER, PRIMARY KEY (sweep, key)) WITHOUT ROWID"},
    // 4 -> 5: sweep pages staged in listing order (appends), merged into models and edges in
    // id order every ~100 k models: a page no longer rewrites a random leaf page per model.
    {"CREATE TABLE sweep_staged_models (seq INTEGER PRIMARY KEY, sweep INTEGER NOT NULL, fetch "
     "INTEGER NOT NULL, id TEXT NOT NULL, created_at TEXT, created_unix INTEGER, downloads "
     "INTEGER, likes INTEGER)",
     "CREATE TABLE sweep_staged_edges (seq INTEGER PRIMARY KEY, fetch INTEGER NOT NULL, parent "
     "TEXT NOT NULL, child TEXT NOT NULL, relation TEXT NOT NULL)"},
};

QString newConnectionName() {
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("hubgrowth-store-%1").arg(++counter);
}

// Whether a store's tables are there: a version-0 file with tables is someone else's.
QStringList tableNames(const QSqlDatabase& db, QSqlError* failure) {
    QStringList names;
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' ORDER "
                                   "BY name"))) {
        *failure = query.lastError();
        return names;
    }
    while (query.next())
        names << query.value(0).toString();
    if (query.lastError().type() != QSqlError::NoError)
        *failure = query.lastError();
    return names;
}

int readVersion(const QSqlDatabase& db, QSqlError* failure) {
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next()) {
        *failure = query.lastError();
        return -1;
    }
    return query.value(0).toInt();
}

QString foreignFileMessage(const QString& path, const QStringList& tables) {
    return QStringLiteral(
               "%1: an SQLite database that is not a HubGrowth store (its tables: %2); it was "
               "left untouched. Name a store written by `hubgrowth fetch`, or a new file")
        .arg(path, tables.mid(0, 5).join(QStringLiteral(", ")) +
                       (tables.size() > 5 ? QStringLiteral(", ...") : QString()));
}

}  // namespace

HubStore::HubStore(QString path, QString connection)
    : path_(std::move(path)), connection_(std::move(connection)) {}

HubStore::~HubStore() {
    sweepWriter_.reset();
    pageWriter_.reset();  // its statements must be finalized before the connection closes
    {
        QSqlDatabase connection = QSqlDatabase::database(connection_, false);
        if (connection.isOpen())
            connection.close();
    }
    QSqlDatabase::removeDatabase(connection_);
}

QSqlDatabase HubStore::db() const {
    return QSqlDatabase::database(connection_, false);
}

std::unique_ptr<HubStore> HubStore::connect(const QString& path, const QString& options,
                                            QString* error) {
    std::unique_ptr<HubStore> store(new HubStore(path, newConnectionName()));
    QSqlDatabase connection =
        QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), store->connection_);
    connection.setDatabaseName(path);
    connection.setConnectOptions(options);
    if (!connection.open()) {
        *error = QStringLiteral("%1: cannot open the store (%2)")
                     .arg(path, connection.lastError().text());
        return nullptr;
    }
    return store;
}

QString defaultStorePath() {
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(dir);
    return dir + QStringLiteral("/hubgrowth.db");
}

std::unique_ptr<HubStore> HubStore::open(const QString& path, QString* error) {
    auto store = connect(path, QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"), error);
    if (!store)
        return nullptr;
    QString why;
    // Nothing below writes to the file until refuseForeign() has accepted it.
    if (!store->refuseForeign(error))
        return nullptr;
    if (!store->exec(QStringLiteral("PRAGMA foreign_keys = ON"), &why) ||
        // WAL + NORMAL stays consistent after a crash (a power cut may lose the last pages,
        // which the next fetch resumes); a larger page cache keeps index lookups off the disk.
        !store->exec(QStringLiteral("PRAGMA synchronous = NORMAL"), &why) ||
        !store->exec(QStringLiteral("PRAGMA cache_size = -65536"), &why)) {
        *error = QStringLiteral("%1: %2").arg(path, why);
        return nullptr;
    }
    // WAL before the schema is made: a process killed while creating the store leaves an
    // empty database or a whole one, never a hot rollback journal a reader cannot undo.
    if (!store->useWal(error) || !store->migrate(error))
        return nullptr;
    // A WAL checkpointed every kWalCheckpointPages and truncated to kWalSizeLimit: the free
    // space a fetch needs beyond the store stays a few MB, whatever its length.
    if (!store->exec(QStringLiteral("PRAGMA wal_autocheckpoint = %1").arg(kWalCheckpointPages),
                     &why) ||
        !store->exec(QStringLiteral("PRAGMA journal_size_limit = %1").arg(kWalSizeLimit), &why)) {
        *error = QStringLiteral("%1: %2").arg(path, why);
        return nullptr;
    }
    return store;
}

std::unique_ptr<HubStore> HubStore::openReadOnly(const QString& path, QString* error) {
    const QFileInfo info(path);
    if (!info.isFile()) {
        *error = QStringLiteral("%1: no such store").arg(path);
        return nullptr;
    }
    if (info.size() == 0) {
        *error = QStringLiteral(
                     "%1: an empty file, not a HubGrowth store; run `hubgrowth fetch --db %1 "
                     "ID...` to fetch into it, or name a store written by `hubgrowth fetch`")
                     .arg(path);
        return nullptr;
    }
    auto store =
        connect(path, QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"), error);
    if (!store)
        return nullptr;
    QSqlError failure;
    const int version = readVersion(store->db(), &failure);
    if (version < 0) {
        *error = explainFailure(path, failure);
        return nullptr;
    }
    if (version == 0) {
        const QStringList tables = tableNames(store->db(), &failure);
        *error = failure.type() != QSqlError::NoError ? explainFailure(path, failure)
                 : tables.isEmpty()
                     ? QStringLiteral(
                           "%1: an empty SQLite database, not a HubGrowth store; name "
                           "a store written by `hubgrowth fetch`")
                           .arg(path)
                     : foreignFileMessage(path, tables);
        return nullptr;
    }
    if (version > kSchemaVersion) {
        *error = QStringLiteral(
                     "%1: written by a newer HubGrowth (store schema version %2, this build reads "
                     "%3); update HubGrowth to read it")
                     .arg(path)
                     .arg(version)
                     .arg(kSchemaVersion);
        return nullptr;
    }
    if (version < kSchemaVersion) {
        *error = QStringLiteral(
                     "%1: written by an older HubGrowth (store schema version %2, this build "
                     "reads %3); run `hubgrowth fetch --db %1 ID` once (any base) to upgrade it "
                     "in place")
                     .arg(path)
                     .arg(version)
                     .arg(kSchemaVersion);
        return nullptr;
    }
    return store;
}

bool HubStore::exec(const QString& sql, QString* error) {
    QSqlQuery query(db());
    if (query.exec(sql))
        return true;
    if (error)
        *error = QStringLiteral("store: %1 (%2)").arg(query.lastError().text(), sql.left(60));
    return false;
}

int HubStore::schemaVersion() const {
    QSqlError ignored;
    return readVersion(db(), &ignored);
}

bool HubStore::refuseForeign(QString* error) {
    // Both reads from one snapshot: a process creating this store at the same moment commits
    // its tables and its version together, and read apart they looked like a foreign file
    // (version 0 read before its commit, its tables after). A read transaction writes nothing.
    Transaction snapshot(db(), "BEGIN DEFERRED");
    QSqlError failure;
    const int version = readVersion(db(), &failure);
    if (version < 0) {
        *error = explainFailure(path_, failure);
        return false;
    }
    if (version > kSchemaVersion) {
        *error = QStringLiteral(
                     "%1: written by a newer HubGrowth (store schema version %2, this build "
                     "writes %3); update HubGrowth, or name another file")
                     .arg(path_)
                     .arg(version)
                     .arg(kSchemaVersion);
        return false;
    }
    if (version == 0) {
        const QStringList tables = tableNames(db(), &failure);
        if (failure.type() != QSqlError::NoError) {
            *error = explainFailure(path_, failure);
            return false;
        }
        if (!tables.isEmpty()) {
            *error = foreignFileMessage(path_, tables);
            return false;
        }
    }
    return true;
}

bool HubStore::migrate(QString* error) {
    QSqlError failure;
    if (readVersion(db(), &failure) == kSchemaVersion)
        return true;
    // One exclusive transaction for every step: a second process creating the same store
    // waits here (busy timeout), then finds it made and does nothing.
    Transaction txn(db(), "BEGIN EXCLUSIVE");
    if (!txn.began()) {
        *error = explainFailure(path_, txn.beginError());
        return false;
    }
    int version = readVersion(db(), &failure);
    if (version < 0) {
        *error = explainFailure(path_, failure);
        return false;
    }
    if (version == 0) {
        const QStringList tables = tableNames(db(), &failure);
        if (!tables.isEmpty()) {
            *error = foreignFileMessage(path_, tables);
            return false;
        }
    }
    QString why;
    for (; version < kSchemaVersion; ++version) {
        for (const char* sql : kMigrations[static_cast<size_t>(version)]) {
            if (!exec(QString::fromLatin1(sql), &why)) {
                *error = QStringLiteral("%1: cannot upgrade the store: %2").arg(path_, why);
                return false;
            }
        }
    }
    if (!exec(QStringLiteral("PRAGMA user_version = %1").arg(kSchemaVersion), &why) ||
        !txn.commit(&why)) {
        *error = QStringLiteral("%1: cannot upgrade the store: %2").arg(path_, why);
        return false;
    }
    return true;
}

bool HubStore::useWal(QString* error) {
    // Switching to WAL needs the file to itself for a moment; another process opening the same
    // new store may hold a read lock just then, so it is retried for the busy timeout's length.
    QSqlError last;
    for (int attempt = 0; attempt < 200; ++attempt) {
        QSqlQuery query(db());
        if (query.exec(QStringLiteral("PRAGMA journal_mode = WAL")) && query.next() &&
            query.value(0).toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) == 0)
            return true;
        last = query.lastError();
        if (last.type() != QSqlError::NoError && classify(last) != SqliteFailure::Busy)
            break;
        QThread::msleep(50);
    }
    *error = last.type() != QSqlError::NoError
                 ? explainFailure(path_, last)
                 : QStringLiteral(
                       "%1: the store cannot use a write-ahead log (on a network or "
                       "read-only file system?); keep it on a local disk")
                       .arg(path_);
    return false;
}

qint64 HubStore::beginFetch(const QString& endpoint, const QString& request, QString* error) {
    QSqlQuery query(db());
    if (!prepare(query,
                 QStringLiteral("INSERT INTO fetches (started_at, endpoint, request, status) "
                                "VALUES (?, ?, ?, 'running')"),
                 error))
        return -1;
    query.addBindValue(QDateTime::currentSecsSinceEpoch());
    query.addBindValue(endpoint);
    query.addBindValue(request);
    if (!run(query, error))
        return -1;
    return query.lastInsertId().toLongLong();
}

bool HubStore::finishFetch(qint64 fetch, const QString& status, QString* error) {
    QSqlQuery query(db());
    if (!prepare(query,
                 QStringLiteral("UPDATE fetches SET finished_at = ?, status = ? WHERE id = ?"),
                 error))
        return false;
    query.addBindValue(QDateTime::currentSecsSinceEpoch());
    query.addBindValue(status);
    query.addBindValue(fetch);
    return run(query, error);
}

int HubStore::count(const QString& table) const {
    QSqlQuery query(db());
    if (!query.exec(QStringLiteral("SELECT count(*) FROM ") + table) || !query.next())
        return -1;
    return query.value(0).toInt();
}

bool HubStore::useSweepCheckpoints(QString* error) {
    return exec(QStringLiteral("PRAGMA wal_autocheckpoint = %1").arg(kSweepWalCheckpointPages),
                error) &&
           exec(QStringLiteral("PRAGMA journal_size_limit = %1").arg(kSweepWalSizeLimit), error);
}

bool HubStore::checkpoint(QString* error) {
    return exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"), error);
}

bool checkFreeSpace(const QString& path, QString* error, qint64 available, qint64 needed) {
    const QString folder = QFileInfo(path).absolutePath();
    if (available < 0) {
        const QStorageInfo volume(folder);
        if (!volume.isValid() || !volume.isReady())
            return true;  // unknown: the writes themselves will report a full disk
        available = volume.bytesAvailable();
    }
    if (available >= needed)
        return true;
    *error = QStringLiteral(
                 "only %1 MB free in %2; a fetch needs at least %3 MB beyond the store (its log "
                 "is capped at %4 MB). Free some space or name a store on another disk with --db")
                 .arg(QString::number(double(available) / (1024 * 1024), 'f', 1), folder)
                 .arg(needed / (qint64{1024} * 1024))
                 .arg(needed / 4 / (qint64{1024} * 1024));
    return false;
}

}  // namespace hubgrowth::store
