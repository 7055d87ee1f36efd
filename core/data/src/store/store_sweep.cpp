// HubStore's whole-Hub sweeps: the sweeps table and the page writes of `fetch --all`.
#include <QDateTime>
#include <QSet>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include "hubgrowth/data/store/hub_store.h"
#include "hubgrowth/data/store/store_sql.h"
#include "hubgrowth/data/store/store_sweep_writer.h"

namespace hubgrowth::store {

namespace {

// Upserts the model and hands back its key: the one it had, else the candidate bound as ?7.
constexpr char kUpsertSweptModel[] =
    "INSERT INTO models (id, author, created_at, created_unix, first_fetch, last_fetch, key)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6) ON CONFLICT(id) DO UPDATE SET"
    " author = coalesce(author, excluded.author),"
    " created_at = coalesce(excluded.created_at, created_at),"
    " created_unix = CASE WHEN excluded.created_at IS NULL THEN created_unix ELSE "
    "excluded.created_unix END,"
    " last_fetch = excluded.last_fetch, key = coalesce(key, excluded.key) RETURNING key";

QByteArray authorOf(const QString& id) {
    return id.contains(QLatin1Char('/')) ? id.section(QLatin1Char('/'), 0, 0).toUtf8()
                                         : QByteArray();
}

void bindText(sqlite3_stmt* statement, int index, const QByteArray& utf8) {
    if (utf8.isEmpty())
        sqlite3_bind_null(statement, index);
    else
        sqlite3_bind_text(statement, index, utf8.constData(), static_cast<int>(utf8.size()),
                          SQLITE_STATIC);
}

void bindCount(sqlite3_stmt* statement, int index, qint64 value) {
    if (value >= 0)
        sqlite3_bind_int64(statement, index, value);
    else
        sqlite3_bind_null(statement, index);
}

SweepMode modeFromName(const QString& name) {
    if (name == QLatin1String("full"))
        return SweepMode::Full;
    if (name == QLatin1String("refresh"))
        return SweepMode::Refresh;
    return SweepMode::First;
}

}  // namespace

QString sweepModeName(SweepMode mode) {
    switch (mode) {
        case SweepMode::Refresh:
            return QStringLiteral("refresh");
        case SweepMode::Full:
            return QStringLiteral("full");
        case SweepMode::First:
            break;
    }
    return QStringLiteral("first");
}

std::unique_ptr<HubStore::SweepWriter> HubStore::SweepWriter::create(const QSqlDatabase& database,
                                                                     QString* error) {
    const QVariant handle = database.driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0) {
        *error = QStringLiteral("store: not an SQLite connection");
        return nullptr;
    }
    std::unique_ptr<SweepWriter> writer(
        new SweepWriter(*static_cast<sqlite3* const*>(handle.constData())));
    if (!writer->prepare(kUpsertSweptModel, &writer->model_, error) ||
        !writer->prepare("INSERT OR REPLACE INTO sweep_snapshots (sweep, key, downloads, likes)"
                         " VALUES (?, ?, ?, ?)",
                         &writer->snapshot_, error) ||
        !writer->prepare("INSERT OR IGNORE INTO edges (parent, child, relation, first_fetch)"
                         " VALUES (?, ?, ?, ?)",
                         &writer->edge_, error) ||
        !writer->prepare("INSERT OR IGNORE INTO models (id, author, first_fetch, last_fetch)"
                         " VALUES (?1, ?2, ?3, ?3)",
                         &writer->parent_, error) ||
        !writer->prepare("SELECT 1 FROM models WHERE id = ?", &writer->known_, error)) {
        return nullptr;
    }
    QSqlQuery query(database);
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT coalesce(max(key), 0) FROM models")) || !query.next()) {
        *error = QStringLiteral("store: %1").arg(query.lastError().text());
        return nullptr;
    }
    writer->nextKey_ = query.value(0).toLongLong() + 1;
    QSqlQuery aliases(database);
    aliases.setForwardOnly(true);
    if (!aliases.exec(QStringLiteral("SELECT old, new FROM aliases"))) {
        *error = QStringLiteral("store: %1").arg(aliases.lastError().text());
        return nullptr;
    }
    while (aliases.next())
        writer->aliases_.insert(aliases.value(0).toString(), aliases.value(1).toString());
    if (!finishedCleanly(aliases, error))
        return nullptr;
    return writer;
}

HubStore::SweepWriter::~SweepWriter() {
    for (sqlite3_stmt* statement : {model_, snapshot_, edge_, parent_, known_})
        sqlite3_finalize(statement);
}

bool HubStore::SweepWriter::prepare(const char* sql, sqlite3_stmt** statement, QString* error) {
    if (sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, statement, nullptr) ==
        SQLITE_OK)
        return true;
    return failed(error);
}

bool HubStore::SweepWriter::failed(QString* error) {
    *error = QStringLiteral("store: %1").arg(QString::fromUtf8(sqlite3_errmsg(db_)));
    return false;
}

bool HubStore::SweepWriter::step(sqlite3_stmt* statement, QString* error) {
    const int status = sqlite3_step(statement);
    if (status == SQLITE_DONE) {
        sqlite3_reset(statement);
        return true;
    }
    failed(error);
    sqlite3_reset(statement);
    return false;
}

int HubStore::SweepWriter::known(const QString& id, QString* error) {
    const QByteArray text = id.toUtf8();
    bindText(known_, 1, text);
    const int status = sqlite3_step(known_);
    sqlite3_reset(known_);
    if (status == SQLITE_ROW)
        return 1;
    if (status == SQLITE_DONE)
        return 0;
    failed(error);
    return -1;
}

bool HubStore::SweepWriter::writeEdge(qint64 fetch, const QByteArray& child,
                                      const QString& parentId, const QString& relation,
                                      SweepPageCounts* counts, QString* error) {
    // A renamed base's children still naming its old id count for the new one.
    const auto alias = aliases_.constFind(parentId);
    const QString parent = alias == aliases_.constEnd() ? parentId : *alias;
    if (alias != aliases_.constEnd())
        ++counts->parentsResolved;
    const QByteArray parentText = parent.toUtf8();
    const QByteArray author = authorOf(parent);
    const QByteArray relationText = relation.toUtf8();
    // The parent is listed later (older) or not at all (private, deleted): a row of its own
    // keeps "every edge's parent is a model" true after every page.
    bindText(parent_, 1, parentText);
    bindText(parent_, 2, author);
    sqlite3_bind_int64(parent_, 3, fetch);
    if (!step(parent_, error))
        return false;
    bindText(edge_, 1, parentText);
    bindText(edge_, 2, child);
    bindText(edge_, 3, relationText);
    sqlite3_bind_int64(edge_, 4, fetch);
    ++counts->edges;
    ++counts->edgesByRelation[relation];
    return step(edge_, error);
}

bool HubStore::SweepWriter::write(qint64 fetch, qint64 sweep, const hub::HubModel& m,
                                  SweepPageCounts* counts, QString* error) {
    const QByteArray id = m.id.toUtf8();
    const QByteArray author = authorOf(m.id);
    const QByteArray createdAt = m.createdAt.toUtf8();
    bindText(model_, 1, id);
    bindText(model_, 2, author);
    bindText(model_, 3, createdAt);
    bindCount(model_, 4, m.created ? *m.created : -1);
    sqlite3_bind_int64(model_, 5, fetch);
    sqlite3_bind_int64(model_, 6, nextKey_);
    if (sqlite3_step(model_) != SQLITE_ROW) {
        failed(error);
        sqlite3_reset(model_);
        return false;
    }
    const qint64 key = sqlite3_column_int64(model_, 0);
    if (!step(model_, error))  // runs the statement to its end
        return false;
    if (key == nextKey_)
        ++nextKey_;
    sqlite3_bind_int64(snapshot_, 1, sweep);
    sqlite3_bind_int64(snapshot_, 2, key);
    bindCount(snapshot_, 3, m.downloads);
    bindCount(snapshot_, 4, m.likes);
    if (!step(snapshot_, error))
        return false;
    ++counts->models;
    if (!m.created)
        ++counts->unknownDates;
    // One edge per base_model:REL:ID tag; a bare base_model:ID without one is "unspecified".
    QSet<QString> withRelation;
    for (const hub::BaseLink& link : m.bases) {
        if (link.relation != hub::kUnspecifiedRelation) {
            withRelation.insert(link.base);
            if (!writeEdge(fetch, id, link.base, link.relation, counts, error))
                return false;
        }
    }
    for (const hub::BaseLink& link : m.bases) {
        if (link.relation == hub::kUnspecifiedRelation && !withRelation.contains(link.base)) {
            withRelation.insert(link.base);
            if (!writeEdge(fetch, id, link.base, link.relation, counts, error))
                return false;
        }
    }
    return true;
}

HubStore::SweepWriter* HubStore::sweepWriter(QString* error) {
    if (!sweepWriter_)
        sweepWriter_ = SweepWriter::create(db(), error);
    return sweepWriter_.get();
}

std::optional<SweepState> HubStore::latestSweep(QString* error) const {
    QSqlQuery query(db());
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT id, mode, next_url, pages, models, finished_at FROM "
                                   "sweeps ORDER BY id DESC LIMIT 1"))) {
        *error = QStringLiteral("store: %1").arg(query.lastError().text());
        return std::nullopt;
    }
    if (!query.next()) {
        finishedCleanly(query, error);
        return std::nullopt;
    }
    SweepState state;
    state.id = query.value(0).toLongLong();
    state.mode = modeFromName(query.value(1).toString());
    state.nextUrl = QUrl::fromEncoded(query.value(2).toString().toLatin1());
    state.pages = query.value(3).toInt();
    state.models = query.value(4).toLongLong();
    state.finishedAt = query.value(5).toLongLong();
    return state;
}

qint64 HubStore::sweptAt(QString* error) const {
    QSqlQuery query(db());
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT coalesce(max(finished_at), 0) FROM sweeps")) ||
        !query.next()) {
        if (error)
            *error = QStringLiteral("store: %1").arg(query.lastError().text());
        return 0;
    }
    return query.value(0).toLongLong();
}

qint64 HubStore::beginSweep(qint64 fetch, SweepMode mode, QString* error) {
    QSqlQuery query(db());
    if (!prepare(query,
                 QStringLiteral("INSERT INTO sweeps (fetch, mode, started_at) VALUES (?, ?, ?)"),
                 error))
        return -1;
    query.addBindValue(fetch);
    query.addBindValue(sweepModeName(mode));
    query.addBindValue(QDateTime::currentSecsSinceEpoch());
    if (!run(query, error))
        return -1;
    return query.lastInsertId().toLongLong();
}

int HubStore::countKnown(const std::vector<hub::HubModel>& models, QString* error) {
    SweepWriter* writer = sweepWriter(error);
    if (!writer)
        return -1;
    int known = 0;
    for (const hub::HubModel& m : models) {
        const int one = writer->known(m.id, error);
        if (one < 0)
            return -1;
        known += one;
    }
    return known;
}

bool HubStore::saveSweepPage(qint64 fetch, qint64 sweep, const std::vector<hub::HubModel>& models,
                             const QUrl& nextUrl, bool last, SweepPageCounts* counts,
                             QString* error) {
    SweepWriter* writer = sweepWriter(error);
    if (!writer)
        return false;
    Transaction txn(db());
    if (!txn.began()) {
        *error = explainFailure(path_, txn.beginError());
        return false;
    }
    SweepPageCounts page;
    for (const hub::HubModel& m : models) {
        if (!writer->write(fetch, sweep, m, &page, error))
            return false;
    }
    QSqlQuery row(db());
    if (!prepare(row,
                 QStringLiteral("UPDATE sweeps SET next_url = ?, pages = pages + 1, models = "
                                "models + ?, finished_at = ? WHERE id = ?"),
                 error))
        return false;
    row.addBindValue(last || nextUrl.isEmpty()
                         ? QVariant()
                         : QVariant(QString::fromLatin1(nextUrl.toEncoded())));
    row.addBindValue(page.models);
    row.addBindValue(last ? QVariant(QDateTime::currentSecsSinceEpoch()) : QVariant());
    row.addBindValue(sweep);
    if (!run(row, error) || !txn.commit(error))
        return false;
    if (counts)
        *counts = page;
    return true;
}

}  // namespace hubgrowth::store
