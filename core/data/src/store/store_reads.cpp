// HubStore's reads. Each tells the end of the rows from a failed step: a damaged page or an I/O
// error must never look like a short answer.
#include <QSqlQuery>
#include <QVariant>

#include "hubgrowth/data/store/hub_store.h"
#include "hubgrowth/data/store/store_sql.h"

namespace hubgrowth::store {

namespace {

QString filterKey(const QString& relationFilter) {
    return relationFilter.isEmpty() ? QStringLiteral("") : relationFilter;
}

// Prepares and runs sql with values; false (and *error) on failure.
bool select(QSqlQuery& query, const QString& sql, const QVariantList& values, QString* error) {
    query.setForwardOnly(true);
    if (!prepare(query, sql, error))
        return false;
    for (const QVariant& value : values)
        query.addBindValue(value);
    return run(query, error);
}

}  // namespace

ListingState HubStore::listing(const QString& parent, const QString& relationFilter,
                               QString* error) const {
    ListingState state;
    QSqlQuery query(db());
    if (!select(query,
                QStringLiteral("SELECT next_url, complete, pages, completed_at, refreshed_at FROM "
                               "listings WHERE parent = ? AND relation_filter = ?"),
                {parent, filterKey(relationFilter)}, error))
        return state;
    if (!query.next()) {
        finishedCleanly(query, error);
        return state;
    }
    state.exists = true;
    state.nextUrl = QUrl::fromEncoded(query.value(0).toString().toLatin1());
    state.complete = query.value(1).toInt() != 0;
    state.pages = query.value(2).toInt();
    state.completedAt = query.value(3).toLongLong();
    state.refreshedAt = query.value(4).toLongLong();
    return state;
}

bool HubStore::hasEdge(const QString& parent, const QString& child, QString* error) const {
    QSqlQuery query(db());
    if (!select(query, QStringLiteral("SELECT 1 FROM edges WHERE parent = ? AND child = ? LIMIT 1"),
                {parent, child}, error))
        return false;
    if (query.next())
        return true;
    finishedCleanly(query, error);
    return false;
}

std::vector<StoredBase> HubStore::bases(QString* error) const {
    std::vector<StoredBase> out;
    QSqlQuery query(db());
    // A base stored under a name that later became an alias is shown under the new name only.
    if (!select(query,
                QStringLiteral("SELECT b.id, m.author, m.created_at, m.created_unix, m.new_version,"
                               " (SELECT s.downloads_all_time FROM snapshots s WHERE s.model = b.id"
                               "  AND s.downloads_all_time IS NOT NULL ORDER BY s.fetch DESC "
                               "LIMIT 1) FROM bases b LEFT JOIN models m ON m.id = b.id"
                               " WHERE b.id NOT IN (SELECT old FROM aliases) ORDER BY b.id"),
                {}, error)) {
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
    finishedCleanly(query, error);
    return out;
}

std::vector<StoredChild> HubStore::children(const QString& parent, QString* error) const {
    std::vector<StoredChild> out;
    QSqlQuery query(db());
    if (!select(query,
                QStringLiteral(
                    "SELECT e.child, e.relation, m.created_unix FROM edges e"
                    " LEFT JOIN models m ON m.id = e.child WHERE e.parent = ? ORDER BY e.child"),
                {parent}, error))
        return out;
    while (query.next()) {
        StoredChild child;
        child.id = query.value(0).toString();
        child.relation = query.value(1).toString();
        if (!query.value(2).isNull())
            child.created = query.value(2).toLongLong();
        out.push_back(std::move(child));
    }
    finishedCleanly(query, error);
    return out;
}

qint64 HubStore::listedAt(const QString& parent, QString* error) const {
    QSqlQuery query(db());
    if (!select(query,
                QStringLiteral("SELECT max(max(coalesce(completed_at, 0), coalesce(refreshed_at, "
                               "0))) FROM listings WHERE parent = ? AND complete = 1"),
                {parent}, error))
        return 0;
    if (!query.next()) {
        finishedCleanly(query, error);
        return 0;
    }
    return query.value(0).toLongLong();
}

QStringList HubStore::completedFilters(const QString& parent, QString* error) const {
    QStringList out;
    QSqlQuery query(db());
    if (!select(query,
                QStringLiteral(
                    "SELECT relation_filter FROM listings WHERE parent = ? AND complete = 1"),
                {parent}, error))
        return out;
    while (query.next())
        out << query.value(0).toString();  // '' reads back as empty
    finishedCleanly(query, error);
    return out;
}

QString HubStore::canonicalId(const QString& id, QString* error) const {
    QString current = id;
    // Aliases never chain (saveBase rewrites them), but a hand-edited store might: bounded.
    for (int hops = 0; hops < 16; ++hops) {
        QSqlQuery query(db());
        if (!select(query, QStringLiteral("SELECT new FROM aliases WHERE old = ?"), {current},
                    error))
            return current;
        if (!query.next()) {
            finishedCleanly(query, error);
            return current;
        }
        current = query.value(0).toString();
    }
    return current;
}

}  // namespace hubgrowth::store
