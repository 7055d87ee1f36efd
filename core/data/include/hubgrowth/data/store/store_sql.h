#pragma once
// Small helpers the store's files share: running Qt queries with a message on failure, SQLite's
// error classes turned into what the user should do, and a transaction that rolls back quietly.

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>

namespace hubgrowth::store {

// SQLite's primary result codes the store tells apart (sqlite3.h values).
enum class SqliteFailure {
    Other,
    Busy,
    Corrupt,
    NotADatabase,
    Full,
    IoError,
    CannotOpen,
    ReadOnly
};

SqliteFailure classify(const QSqlError& error);

// "the store is locked by another process ...; wait for it, then retry" and the like: the cause
// in words and what to do, for a failure on the store at path.
QString explainFailure(const QString& path, const QSqlError& error);
// The same for a failure on db's own file. A write that failed for want of room (ENOSPC,
// EDQUOT, or EFBIG: a file size limit) is a full disk even where SQLite calls it an I/O error.
QString explainFailure(const QSqlDatabase& db, const QSqlError& error);

// Runs a prepared query; on failure sets *error to "store: <SQLite's message>".
bool run(QSqlQuery& query, QString* error);
bool prepare(QSqlQuery& query, const QString& sql, QString* error);
// After a loop over query.next(): true when the rows ended because they were all read, false
// (and *error) when a step failed (a damaged page, an I/O error, a lock).
bool finishedCleanly(const QSqlQuery& query, QString* error);

// BEGIN IMMEDIATE ... COMMIT. The destructor rolls back an uncommitted transaction; when SQLite
// already rolled it back itself (a full disk, an I/O error) there is nothing left to report.
class Transaction {
  public:
    explicit Transaction(const QSqlDatabase& db, const char* begin = "BEGIN IMMEDIATE");
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    bool began() const { return open_; }
    QSqlError beginError() const { return beginError_; }
    bool commit(QString* error);

  private:
    QSqlDatabase db_;
    bool open_ = false;
    QSqlError beginError_;
};

}  // namespace hubgrowth::store
