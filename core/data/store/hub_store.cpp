#include "data/store/hub_store.h"

#include <sqlite3.h>
#include <QAtomicInteger>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QVariant>

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
};

// SQLite tells NULL from '': the "every relation" filter is stored as ''.
QString filterKey(const QString& relationFilter) {
    return relationFilter.isEmpty() ? QStringLiteral("") : relationFilter;
}

QString newConnectionName() {
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("hubgrowth-store-%1").arg(++counter);
}

// Runs a prepared query, turning a failure into a message.
bool run(QSqlQuery& query, QString* error) {
    if (query.exec())
        return true;
    if (error)
        *error = QStringLiteral("store: %1").arg(query.lastError().text());
    return false;
}

bool prepare(QSqlQuery& query, const QString& sql, QString* error) {
    if (query.prepare(sql))
        return true;
    if (error)
        *error = QStringLiteral("store: %1").arg(query.lastError().text());
    return false;
}

class Transaction {
  public:
    explicit Transaction(const QSqlDatabase& db) : db_(db) { open_ = db_.transaction(); }
    ~Transaction() {
        // A failed rollback leaves nothing to do here: SQLite rolls back on close anyway.
        if (open_ && !db_.rollback())
            qWarning("store: rollback failed (%s)", qPrintable(db_.lastError().text()));
    }
    bool began() const { return open_; }
    bool commit(QString* error) {
        if (db_.commit()) {
            open_ = false;
            return true;
        }
        if (error)
            *error = QStringLiteral("store: cannot commit (%1)").arg(db_.lastError().text());
        return false;
    }

  private:
    QSqlDatabase db_;
    bool open_ = false;
};

}  // namespace

HubStore::HubStore(QString path, QString connection)
    : path_(std::move(path)), connection_(std::move(connection)) {}

HubStore::~HubStore() {
    pageWriter_.reset();  // its statements must be finalized before the connection closes
    {
        QSqlDatabase database = QSqlDatabase::database(connection_, false);
        if (database.isOpen())
            database.close();
    }
    QSqlDatabase::removeDatabase(connection_);
}

QSqlDatabase HubStore::db() const {
    return QSqlDatabase::database(connection_, false);
}

std::unique_ptr<HubStore> HubStore::connect(const QString& path, const QString& options,
                                            QString* error) {
    std::unique_ptr<HubStore> store(new HubStore(path, newConnectionName()));
    QSqlDatabase database =
        QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), store->connection_);
    database.setDatabaseName(path);
    database.setConnectOptions(options);
    if (!database.open()) {
        *error =
            QStringLiteral("%1: cannot open the store (%2)").arg(path, database.lastError().text());
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
    auto store = connect(path, QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"), error);
    if (!store)
        return nullptr;
    QString why;
    if (!store->exec(QStringLiteral("PRAGMA foreign_keys = ON"), &why) ||
        !store->exec(QStringLiteral("PRAGMA journal_mode = WAL"), &why) ||
        // WAL + NORMAL stays consistent after a crash (a power cut may lose the last pages,
        // which the next fetch resumes); a larger page cache keeps index lookups off the disk.
        !store->exec(QStringLiteral("PRAGMA synchronous = NORMAL"), &why) ||
        !store->exec(QStringLiteral("PRAGMA cache_size = -65536"), &why) ||
        // Checkpoint every ~64 MB of WAL instead of 4 MB: leaves dirtied by many pages in a row
        // are copied back once.
        !store->exec(QStringLiteral("PRAGMA wal_autocheckpoint = 16384"), &why) ||
        !store->exec(QStringLiteral("PRAGMA journal_size_limit = 67108864"), &why) ||
        !store->migrate(&why)) {
        *error = QStringLiteral("%1: %2").arg(path, why);
        return nullptr;
    }
    return store;
}

std::unique_ptr<HubStore> HubStore::openReadOnly(const QString& path, QString* error) {
    if (!QFileInfo(path).isFile()) {
        *error = QStringLiteral("%1: no such store").arg(path);
        return nullptr;
    }
    auto store =
        connect(path, QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"), error);
    if (!store)
        return nullptr;
    const int version = store->schemaVersion();
    if (version < 0) {
        *error = QStringLiteral("%1: not a HubGrowth store (not readable as SQLite)").arg(path);
        return nullptr;
    }
    if (version != kSchemaVersion) {
        *error = QStringLiteral("%1: store schema version %2, this build reads %3%4")
                     .arg(path)
                     .arg(version)
                     .arg(kSchemaVersion)
                     .arg(version < kSchemaVersion
                              ? QStringLiteral(" (run `hubgrowth fetch --db` on it to upgrade)")
                              : QString());
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
    QSqlQuery query(db());
    if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next())
        return -1;
    return query.value(0).toInt();
}

bool HubStore::migrate(QString* error) {
    int version = schemaVersion();
    if (version < 0) {
        *error = QStringLiteral("not readable as SQLite");
        return false;
    }
    if (version > kSchemaVersion) {
        *error = QStringLiteral(
                     "store schema version %1 is newer than this build's %2; update HubGrowth")
                     .arg(version)
                     .arg(kSchemaVersion);
        return false;
    }
    if (version == 0) {
        // Version 0 with tables means a file that is not ours: do not touch it.
        QSqlQuery tables(db());
        if (tables.exec(QStringLiteral("SELECT count(*) FROM sqlite_master")) && tables.next() &&
            tables.value(0).toInt() > 0) {
            *error = QStringLiteral("an SQLite file that is not a HubGrowth store");
            return false;
        }
    }
    while (version < kSchemaVersion) {
        Transaction txn(db());
        if (!txn.began()) {
            *error = QStringLiteral("store: cannot start a transaction (%1)")
                         .arg(db().lastError().text());
            return false;
        }
        for (const char* sql : kMigrations[static_cast<size_t>(version)]) {
            if (!exec(QString::fromLatin1(sql), error))
                return false;
        }
        if (!exec(QStringLiteral("PRAGMA user_version = %1").arg(version + 1), error) ||
            !txn.commit(error)) {
            return false;
        }
        ++version;
    }
    return true;
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

namespace {

const char kUpsertModel[] =
    "INSERT INTO models (id, author, created_at, created_unix, new_version, children_count, "
    "first_fetch, last_fetch)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET"
    " created_at = coalesce(excluded.created_at, created_at),"
    " created_unix = CASE WHEN excluded.created_at IS NULL THEN created_unix ELSE "
    "excluded.created_unix END,"
    " new_version = coalesce(excluded.new_version, new_version),"
    " children_count = coalesce(excluded.children_count, children_count), last_fetch = "
    "excluded.last_fetch";

const char kUpsertSnapshot[] =
    "INSERT INTO snapshots (model, fetch, taken_at, downloads, downloads_all_time, likes) VALUES "
    "(?, ?, ?, ?, ?, ?)"
    " ON CONFLICT(model, fetch) DO UPDATE SET taken_at = excluded.taken_at,"
    " downloads = coalesce(excluded.downloads, downloads),"
    " downloads_all_time = coalesce(excluded.downloads_all_time, downloads_all_time),"
    " likes = coalesce(excluded.likes, likes)";

}  // namespace

// The model, snapshot and edge statements, prepared once per store on the connection's own sqlite3
// handle. A fetch writes three rows per child; with QSqlQuery, re-preparing per page and a
// QVariant per bound value cost as much as SQLite's own work (profiled, see the README).
// Strings are bound as UTF-8 converted once per child (binding UTF-16 makes SQLite convert each
// bound copy into the database's UTF-8 itself, at several times the cost).
class HubStore::PageWriter {
  public:
    static std::unique_ptr<PageWriter> create(const QSqlDatabase& database, QString* error) {
        const QVariant handle = database.driver()->handle();
        if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0) {
            *error = QStringLiteral("store: not an SQLite connection");
            return nullptr;
        }
        std::unique_ptr<PageWriter> writer(
            new PageWriter(*static_cast<sqlite3* const*>(handle.constData())));
        if (!writer->prepare(kUpsertModel, &writer->model_, error) ||
            !writer->prepare(kUpsertSnapshot, &writer->snapshot_, error) ||
            !writer->prepare("INSERT OR IGNORE INTO edges (parent, child, relation, first_fetch)"
                             " VALUES (?, ?, ?, ?)",
                             &writer->edge_, error)) {
            return nullptr;
        }
        return writer;
    }
    ~PageWriter() {
        sqlite3_finalize(model_);  // finalizing null is a no-op
        sqlite3_finalize(snapshot_);
        sqlite3_finalize(edge_);
    }
    PageWriter(const PageWriter&) = delete;
    PageWriter& operator=(const PageWriter&) = delete;

    // The child's model row and snapshot, then its edge from parent.
    bool write(qint64 fetch, qint64 now, const QByteArray& parent, const QString& relation,
               const hub::HubModel& m, QString* error) {
        // Bound SQLITE_STATIC: these outlive every step below.
        const QByteArray id = m.id.toUtf8();
        const QByteArray relationText = relation.toUtf8();
        if (!writeModel(fetch, now, id, m, error))
            return false;
        bindText(edge_, 1, parent);
        bindText(edge_, 2, id);
        bindText(edge_, 3, relationText);
        sqlite3_bind_int64(edge_, 4, fetch);
        return step(edge_, error);
    }

    // The model row (keeping what an earlier, richer answer said when this one lacks a field)
    // and its snapshot of this fetch; id is m.id in UTF-8.
    bool writeModel(qint64 fetch, qint64 now, const QByteArray& id, const hub::HubModel& m,
                    QString* error) {
        const QByteArray author = m.author().toUtf8();
        const QByteArray createdAt = m.createdAt.toUtf8();
        const QByteArray newVersion = m.newVersion.toUtf8();
        bindText(model_, 1, id);
        bindOptionalText(model_, 2, author);
        bindOptionalText(model_, 3, createdAt);
        bindOptional(model_, 4, m.created ? *m.created : -1);
        bindOptionalText(model_, 5, newVersion);
        bindOptional(model_, 6, m.childrenCount);
        sqlite3_bind_int64(model_, 7, fetch);
        sqlite3_bind_int64(model_, 8, fetch);
        if (!step(model_, error))
            return false;
        bindText(snapshot_, 1, id);
        sqlite3_bind_int64(snapshot_, 2, fetch);
        sqlite3_bind_int64(snapshot_, 3, now);
        bindOptional(snapshot_, 4, m.downloads);
        bindOptional(snapshot_, 5, m.downloadsAllTime);
        bindOptional(snapshot_, 6, m.likes);
        return step(snapshot_, error);
    }

  private:
    explicit PageWriter(sqlite3* db) : db_(db) {}

    bool prepare(const char* sql, sqlite3_stmt** statement, QString* error) {
        if (sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, statement, nullptr) ==
            SQLITE_OK)
            return true;
        *error = QStringLiteral("store: %1").arg(QString::fromUtf8(sqlite3_errmsg(db_)));
        return false;
    }
    // Runs a bound statement and readies it for the next row.
    bool step(sqlite3_stmt* statement, QString* error) {
        const int status = sqlite3_step(statement);
        sqlite3_reset(statement);
        if (status == SQLITE_DONE)
            return true;
        *error = QStringLiteral("store: %1").arg(QString::fromUtf8(sqlite3_errmsg(db_)));
        return false;
    }
    static void bindText(sqlite3_stmt* statement, int index, const QByteArray& utf8) {
        sqlite3_bind_text(statement, index, utf8.constData(), static_cast<int>(utf8.size()),
                          SQLITE_STATIC);
    }
    static void bindOptionalText(sqlite3_stmt* statement, int index, const QByteArray& text) {
        if (text.isEmpty())
            sqlite3_bind_null(statement, index);
        else
            bindText(statement, index, text);
    }
    static void bindOptional(sqlite3_stmt* statement, int index, qint64 value) {
        if (value >= 0)
            sqlite3_bind_int64(statement, index, value);
        else
            sqlite3_bind_null(statement, index);
    }

    sqlite3* db_;
    sqlite3_stmt* model_ = nullptr;
    sqlite3_stmt* snapshot_ = nullptr;
    sqlite3_stmt* edge_ = nullptr;
};

bool HubStore::saveBase(qint64 fetch, const hub::HubModel& model, const QString& relationFilter,
                        QString* error) {
    PageWriter* writer = pageWriter(error);
    if (!writer)
        return false;
    Transaction txn(db());
    QSqlQuery baseRow(db());
    if (!prepare(baseRow,
                 QStringLiteral(
                     "INSERT INTO bases (id, relation_filter, added_fetch) VALUES (?, ?, ?)"
                     " ON CONFLICT(id) DO UPDATE SET relation_filter = excluded.relation_filter"),
                 error)) {
        return false;
    }
    baseRow.addBindValue(model.id);
    baseRow.addBindValue(filterKey(relationFilter));
    baseRow.addBindValue(fetch);
    return writer->writeModel(fetch, QDateTime::currentSecsSinceEpoch(), model.id.toUtf8(), model,
                              error) &&
           run(baseRow, error) && txn.commit(error);
}

HubStore::PageWriter* HubStore::pageWriter(QString* error) {
    if (!pageWriter_)
        pageWriter_ = PageWriter::create(db(), error);
    return pageWriter_.get();
}

bool HubStore::savePage(qint64 fetch, const QString& parent, const QString& relationFilter,
                        const std::vector<hub::HubModel>& children, const QUrl& nextUrl,
                        bool complete, QString* error) {
    PageWriter* writer = pageWriter(error);
    if (!writer)
        return false;
    Transaction txn(db());
    if (!txn.began()) {
        *error =
            QStringLiteral("store: cannot start a transaction (%1)").arg(db().lastError().text());
        return false;
    }
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QByteArray parentText = parent.toUtf8();
    for (const hub::HubModel& child : children) {
        QString relation = child.relationTo(parent);
        // A listing by relation vouches for that relation even if the tags were not sent.
        if (relation.isEmpty() || relation == hub::kUnspecifiedRelation) {
            relation = relationFilter.isEmpty() ? hub::kUnspecifiedRelation : relationFilter;
        }
        if (!writer->write(fetch, now, parentText, relation, child, error))
            return false;
    }
    QSqlQuery listingRow(db());
    const bool prepared = prepare(
        listingRow,
        QStringLiteral(
            "INSERT INTO listings (parent, relation_filter, next_url, complete, pages, fetch, "
            "completed_at)"
            " VALUES (?, ?, ?, ?, 1, ?, ?) ON CONFLICT(parent, relation_filter) DO UPDATE SET"
            " next_url = excluded.next_url, complete = max(complete, excluded.complete),"
            " pages = pages + 1, fetch = excluded.fetch,"
            " completed_at = coalesce(excluded.completed_at, completed_at)"),
        error);
    if (!prepared)
        return false;
    listingRow.bindValue(0, parent);
    listingRow.bindValue(1, filterKey(relationFilter));
    listingRow.bindValue(2, complete || nextUrl.isEmpty()
                                ? QVariant()
                                : QVariant(QString::fromLatin1(nextUrl.toEncoded())));
    listingRow.bindValue(3, complete ? 1 : 0);
    listingRow.bindValue(4, fetch);
    listingRow.bindValue(5, complete ? QVariant(now) : QVariant());
    return run(listingRow, error) && txn.commit(error);
}

bool HubStore::abandonListing(const QString& parent, const QString& relationFilter,
                              QString* error) {
    QSqlQuery query(db());
    if (!prepare(
            query,
            QStringLiteral(
                "UPDATE listings SET next_url = NULL WHERE parent = ? AND relation_filter = ?"),
            error))
        return false;
    query.addBindValue(parent);
    query.addBindValue(filterKey(relationFilter));
    return run(query, error);
}

ListingState HubStore::listing(const QString& parent, const QString& relationFilter) const {
    ListingState state;
    QSqlQuery query(db());
    if (!query.prepare(QStringLiteral("SELECT next_url, complete, pages, completed_at FROM listings"
                                      " WHERE parent = ? AND relation_filter = ?")))
        return state;
    query.addBindValue(parent);
    query.addBindValue(filterKey(relationFilter));
    if (!query.exec() || !query.next())
        return state;
    state.exists = true;
    state.nextUrl = QUrl::fromEncoded(query.value(0).toString().toLatin1());
    state.complete = query.value(1).toInt() != 0;
    state.pages = query.value(2).toInt();
    state.completedAt = query.value(3).toLongLong();
    return state;
}

bool HubStore::hasEdge(const QString& parent, const QString& child) const {
    QSqlQuery query(db());
    if (!query.prepare(
            QStringLiteral("SELECT 1 FROM edges WHERE parent = ? AND child = ? LIMIT 1")))
        return false;
    query.addBindValue(parent);
    query.addBindValue(child);
    return query.exec() && query.next();
}

std::vector<StoredBase> HubStore::bases() const {
    std::vector<StoredBase> out;
    QSqlQuery query(db());
    if (!query.exec(
            QStringLiteral("SELECT b.id, m.author, m.created_at, m.created_unix, m.new_version,"
                           " (SELECT s.downloads_all_time FROM snapshots s WHERE s.model = b.id"
                           "  AND s.downloads_all_time IS NOT NULL ORDER BY s.fetch DESC LIMIT 1)"
                           " FROM bases b LEFT JOIN models m ON m.id = b.id ORDER BY b.id"))) {
        return out;
    }
    while (query.next()) {
        StoredBase base;
        base.id = query.value(0).toString();
        base.author = query.value(1).toString();
        base.createdAt = query.value(2).toString();
        if (!query.value(3).isNull())
            base.created = query.value(3).toLongLong();
        base.newVersion = query.value(4).toString();
        if (!query.value(5).isNull())
            base.downloadsAllTime = query.value(5).toLongLong();
        out.push_back(std::move(base));
    }
    return out;
}

std::vector<StoredChild> HubStore::children(const QString& parent) const {
    std::vector<StoredChild> out;
    QSqlQuery query(db());
    query.setForwardOnly(true);
    if (!query.prepare(QStringLiteral(
            "SELECT e.child, e.relation, m.created_unix FROM edges e"
            " LEFT JOIN models m ON m.id = e.child WHERE e.parent = ? ORDER BY e.child")))
        return out;
    query.addBindValue(parent);
    if (!query.exec())
        return out;
    while (query.next()) {
        StoredChild child;
        child.id = query.value(0).toString();
        child.relation = query.value(1).toString();
        if (!query.value(2).isNull())
            child.created = query.value(2).toLongLong();
        out.push_back(std::move(child));
    }
    return out;
}

qint64 HubStore::listedAt(const QString& parent) const {
    QSqlQuery query(db());
    if (!query.prepare(QStringLiteral(
            "SELECT max(completed_at) FROM listings WHERE parent = ? AND complete = 1")))
        return 0;
    query.addBindValue(parent);
    if (!query.exec() || !query.next())
        return 0;
    return query.value(0).toLongLong();
}

QStringList HubStore::completedFilters(const QString& parent) const {
    QStringList out;
    QSqlQuery query(db());
    if (!query.prepare(QStringLiteral(
            "SELECT relation_filter FROM listings WHERE parent = ? AND complete = 1")))
        return out;
    query.addBindValue(parent);
    if (!query.exec())
        return out;
    while (query.next())
        out << query.value(0).toString();  // '' reads back as empty
    return out;
}

int HubStore::count(const QString& table) const {
    QSqlQuery query(db());
    if (!query.exec(QStringLiteral("SELECT count(*) FROM ") + table) || !query.next())
        return -1;
    return query.value(0).toInt();
}

}  // namespace hubgrowth::store
