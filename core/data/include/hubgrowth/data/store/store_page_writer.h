#pragma once
// HubStore's prepared row statements (internal to the store's files).

#include <sqlite3.h>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QVariant>

#include "hubgrowth/data/store/hub_store.h"

namespace hubgrowth::store {

inline constexpr char kUpsertModel[] =
    "INSERT INTO models (id, author, created_at, created_unix, new_version, children_count, "
    "first_fetch, last_fetch)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET"
    " created_at = coalesce(excluded.created_at, created_at),"
    " created_unix = CASE WHEN excluded.created_at IS NULL THEN created_unix ELSE "
    "excluded.created_unix END,"
    " new_version = coalesce(excluded.new_version, new_version),"
    " children_count = coalesce(excluded.children_count, children_count), last_fetch = "
    "excluded.last_fetch";

inline constexpr char kUpsertSnapshot[] =
    "INSERT INTO snapshots (model, fetch, taken_at, downloads, downloads_all_time, likes) VALUES "
    "(?, ?, ?, ?, ?, ?)"
    " ON CONFLICT(model, fetch) DO UPDATE SET taken_at = excluded.taken_at,"
    " downloads = coalesce(excluded.downloads, downloads),"
    " downloads_all_time = coalesce(excluded.downloads_all_time, downloads_all_time),"
    " likes = coalesce(excluded.likes, likes)";

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

}  // namespace hubgrowth::store
