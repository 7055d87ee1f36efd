// HubStore's writes of a fetch: a base with its listing state (and a renamed base's merge), a
// page of children with its listing's progress, each in one transaction.
#include <QDateTime>
#include <QSqlQuery>
#include <QVariant>

#include "hubgrowth/data/store/hub_store.h"
#include "hubgrowth/data/store/store_page_writer.h"
#include "hubgrowth/data/store/store_sql.h"

namespace hubgrowth::store {

namespace {

// SQLite tells NULL from '': the "every relation" filter is stored as ''.
QString filterKey(const QString& relationFilter) {
    return relationFilter.isEmpty() ? QStringLiteral("") : relationFilter;
}

bool execBound(const QSqlDatabase& db, const QString& sql, const QVariantList& values,
               QString* error) {
    QSqlQuery query(db);
    if (!prepare(query, sql, error))
        return false;
    for (const QVariant& value : values)
        query.addBindValue(value);
    return run(query, error);
}

// What was stored under a repository's old name moves to its new one: its children, its
// listing states (the new name's own win) and its place among the bases.
bool mergeRenamed(const QSqlDatabase& db, const QString& old, const QString& now, QString* error) {
    const QVariantList both{now, old};
    return execBound(db,
                     QStringLiteral("INSERT OR IGNORE INTO edges (parent, child, relation, "
                                    "first_fetch) SELECT ?, child, relation, first_fetch FROM "
                                    "edges WHERE parent = ?"),
                     both, error) &&
           execBound(db, QStringLiteral("DELETE FROM edges WHERE parent = ?"), {old}, error) &&
           execBound(db,
                     QStringLiteral("INSERT OR IGNORE INTO listings (parent, relation_filter, "
                                    "next_url, complete, pages, fetch, completed_at, "
                                    "refreshed_at) SELECT ?, relation_filter, NULL, complete, "
                                    "pages, fetch, completed_at, refreshed_at FROM listings "
                                    "WHERE parent = ?"),
                     both, error) &&
           execBound(db, QStringLiteral("DELETE FROM listings WHERE parent = ?"), {old}, error) &&
           execBound(db, QStringLiteral("DELETE FROM bases WHERE id = ?"), {old}, error) &&
           // A name used again after a rename back is no alias any more (no cycles).
           execBound(db, QStringLiteral("DELETE FROM aliases WHERE old = ?"), {now}, error) &&
           execBound(db, QStringLiteral("UPDATE aliases SET new = ? WHERE new = ?"), both, error) &&
           execBound(db,
                     QStringLiteral("INSERT INTO aliases (old, new) VALUES (?, ?) ON "
                                    "CONFLICT(old) DO UPDATE SET new = excluded.new"),
                     {old, now}, error);
}

}  // namespace

bool HubStore::saveBase(qint64 fetch, const hub::HubModel& model, const QString& relationFilter,
                        QString* error, const QString& requestedId) {
    PageWriter* writer = pageWriter(error);
    if (!writer)
        return false;
    Transaction txn(db());
    if (!txn.began()) {
        *error = explainFailure(path_, txn.beginError());
        return false;
    }
    if (!requestedId.isEmpty() && requestedId != model.id &&
        !mergeRenamed(db(), requestedId, model.id, error)) {
        return false;
    }
    return writer->writeModel(fetch, QDateTime::currentSecsSinceEpoch(), model.id.toUtf8(), model,
                              error) &&
           execBound(db(),
                     QStringLiteral(
                         "INSERT INTO bases (id, relation_filter, added_fetch) VALUES (?, ?, ?)"
                         " ON CONFLICT(id) DO UPDATE SET relation_filter = "
                         "excluded.relation_filter"),
                     {model.id, filterKey(relationFilter), fetch}, error) &&
           // The base's listing state exists from the start, so a fetch killed before its
           // first page leaves a base that says "never listed", not one without a state.
           execBound(db(),
                     QStringLiteral("INSERT OR IGNORE INTO listings (parent, relation_filter, "
                                    "complete, pages, fetch) VALUES (?, ?, 0, 0, ?)"),
                     {model.id, filterKey(relationFilter), fetch}, error) &&
           txn.commit(error);
}

HubStore::PageWriter* HubStore::pageWriter(QString* error) {
    if (!pageWriter_)
        pageWriter_ = PageWriter::create(db(), error);
    return pageWriter_.get();
}

bool HubStore::savePage(qint64 fetch, const QString& parent, const QString& relationFilter,
                        const std::vector<hub::HubModel>& children, const QUrl& nextUrl,
                        bool complete, QString* error) {
    return savePage(fetch, parent, relationFilter, children, nextUrl,
                    complete ? ListingEnd::LastPage : ListingEnd::More, error);
}

bool HubStore::savePage(qint64 fetch, const QString& parent, const QString& relationFilter,
                        const std::vector<hub::HubModel>& children, const QUrl& nextUrl,
                        ListingEnd end, QString* error) {
    PageWriter* writer = pageWriter(error);
    if (!writer)
        return false;
    Transaction txn(db());
    if (!txn.began()) {
        *error = explainFailure(path_, txn.beginError());
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
            "completed_at, refreshed_at)"
            " VALUES (?, ?, ?, ?, 1, ?, ?, ?) ON CONFLICT(parent, relation_filter) DO UPDATE SET"
            " next_url = excluded.next_url, complete = max(complete, excluded.complete),"
            " pages = pages + 1, fetch = excluded.fetch,"
            " completed_at = coalesce(excluded.completed_at, completed_at),"
            " refreshed_at = coalesce(excluded.refreshed_at, refreshed_at)"),
        error);
    if (!prepared)
        return false;
    const bool more = end == ListingEnd::More;
    listingRow.bindValue(0, parent);
    listingRow.bindValue(1, filterKey(relationFilter));
    listingRow.bindValue(2, !more || nextUrl.isEmpty()
                                ? QVariant()
                                : QVariant(QString::fromLatin1(nextUrl.toEncoded())));
    listingRow.bindValue(3, more ? 0 : 1);
    listingRow.bindValue(4, fetch);
    listingRow.bindValue(5, end == ListingEnd::LastPage ? QVariant(now) : QVariant());
    listingRow.bindValue(6, end == ListingEnd::KnownChild ? QVariant(now) : QVariant());
    return run(listingRow, error) && txn.commit(error);
}

bool HubStore::abandonListing(const QString& parent, const QString& relationFilter,
                              QString* error) {
    return execBound(
        db(),
        QStringLiteral(
            "UPDATE listings SET next_url = NULL WHERE parent = ? AND relation_filter = ?"),
        {parent, filterKey(relationFilter)}, error);
}

}  // namespace hubgrowth::store
