#include "hubgrowth/data/store/store_sql.h"

#include <sqlite3.h>
#include <QSqlDriver>
#include <QVariant>
#include <cerrno>
#include <cstring>

namespace hubgrowth::store {

namespace {

sqlite3* handleOf(const QSqlDatabase& db) {
    const QVariant handle = db.driver() ? db.driver()->handle() : QVariant();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3* const*>(handle.constData());
}

QString fullDiskMessage(const QString& path, const QString& detail) {
    return QStringLiteral(
               "%1: the disk is full (%2); what was committed before is kept. Free some space "
               "and run the same command again to resume")
        .arg(path, detail);
}

}  // namespace

SqliteFailure classify(const QSqlError& error) {
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok) & 0xff;  // extended -> primary
    if (!ok)
        return SqliteFailure::Other;
    switch (code) {
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            return SqliteFailure::Busy;
        case SQLITE_CORRUPT:
            return SqliteFailure::Corrupt;
        case SQLITE_NOTADB:
            return SqliteFailure::NotADatabase;
        case SQLITE_FULL:
            return SqliteFailure::Full;
        case SQLITE_IOERR:
            return SqliteFailure::IoError;
        case SQLITE_CANTOPEN:
            return SqliteFailure::CannotOpen;
        case SQLITE_READONLY:
            return SqliteFailure::ReadOnly;
        default:
            return SqliteFailure::Other;
    }
}

QString explainFailure(const QString& path, const QSqlError& error) {
    const QString detail = error.databaseText().isEmpty() ? error.text() : error.databaseText();
    switch (classify(error)) {
        case SqliteFailure::Busy:
            return QStringLiteral(
                       "%1: the store is locked by another process (a fetch still running, or "
                       "the app writing to it); wait for it to finish, then run this again")
                .arg(path);
        case SqliteFailure::Corrupt:
            return QStringLiteral(
                       "%1: the store is damaged (%2); nothing was read from it. Run `hubgrowth "
                       "store check %1` for details, then restore a copy or fetch again into a "
                       "new file")
                .arg(path, detail);
        case SqliteFailure::NotADatabase:
            return QStringLiteral(
                       "%1: not an SQLite file, so not a HubGrowth store (%2); name a store "
                       "written by `hubgrowth fetch`")
                .arg(path, detail);
        case SqliteFailure::Full:
            return fullDiskMessage(path, detail);
        case SqliteFailure::IoError:
            return QStringLiteral(
                       "%1: the system could not read or write the file (%2); check the disk "
                       "and the file, then run this again")
                .arg(path, detail);
        case SqliteFailure::CannotOpen:
            return QStringLiteral("%1: cannot open the file (%2); check the path and its rights")
                .arg(path, detail);
        case SqliteFailure::ReadOnly:
            return QStringLiteral(
                       "%1: the store cannot be written (%2); check the file's and folder's "
                       "rights, or name another file with --db")
                .arg(path, detail);
        case SqliteFailure::Other:
            break;
    }
    return QStringLiteral("%1: store: %2").arg(path, error.text());
}

QString explainFailure(const QSqlDatabase& db, const QSqlError& error) {
    sqlite3* handle = handleOf(db);
    const int systemError = handle ? sqlite3_system_errno(handle) : 0;
    const bool noRoom = systemError == ENOSPC || systemError == EDQUOT || systemError == EFBIG;
    if (noRoom && classify(error) == SqliteFailure::IoError)
        return fullDiskMessage(db.databaseName(),
                               QString::fromLocal8Bit(std::strerror(systemError)));
    return explainFailure(db.databaseName(), error);
}

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

bool finishedCleanly(const QSqlQuery& query, QString* error) {
    if (query.lastError().type() == QSqlError::NoError)
        return true;
    if (error)
        *error = QStringLiteral("store: %1").arg(query.lastError().text());
    return false;
}

Transaction::Transaction(const QSqlDatabase& db, const char* begin) : db_(db) {
    QSqlQuery query(db_);
    open_ = query.exec(QString::fromLatin1(begin));
    if (!open_)
        beginError_ = query.lastError();
}

Transaction::~Transaction() {
    if (!open_)
        return;
    sqlite3* handle = handleOf(db_);
    if (handle && sqlite3_get_autocommit(handle))
        return;  // SQLite rolled back on its own (SQLITE_FULL, SQLITE_IOERR, ...)
    QSqlQuery query(db_);
    // Failing here leaves nothing to undo, so the result is not looked at.
    (void)query.exec(QStringLiteral("ROLLBACK"));
}

bool Transaction::commit(QString* error) {
    QSqlQuery query(db_);
    if (query.exec(QStringLiteral("COMMIT"))) {
        open_ = false;
        return true;
    }
    if (error)
        *error = explainFailure(db_, query.lastError());
    return false;
}

}  // namespace hubgrowth::store
