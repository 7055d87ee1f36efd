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

// Upserts the model and hands back its key: the one it had, else the candidate bound as ?6.
constexpr char kUpsertSweptModel[] =
    "INSERT INTO models (id, author, created_at, created_unix, first_fetch, last_fetch, key)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6) ON CONFLICT(id) DO UPDATE SET"
    " author = coalesce(author, excluded.author),"
    " created_at = coalesce(excluded.created_at, created_at),"
    " created_unix = CASE WHEN excluded.created_at IS NULL THEN created_unix ELSE "
    "excluded.created_unix END,"
    " last_fetch = excluded.last_fetch, key = coalesce(key, excluded.key) RETURNING key";

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
        !writer->prepare("SELECT 1 FROM models WHERE id = ?", &writer->known_, error) ||
        !writer->prepare("INSERT INTO sweep_staged_models (sweep, fetch, id, created_at, "
                         "created_unix, downloads, likes) VALUES (?, ?, ?, ?, ?, ?, ?)",
                         &writer->stageModel_, error) ||
        !writer->prepare("INSERT INTO sweep_staged_edges (fetch, parent, child, relation)"
                         " VALUES (?, ?, ?, ?)",
                         &writer->stageEdge_, error)) {
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
    for (sqlite3_stmt* statement :
         {model_, snapshot_, edge_, parent_, known_, stageModel_, stageEdge_})
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
    if (stagedIds_.contains(id))
        return 1;
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

bool HubStore::SweepWriter::stageEdge(qint64 fetch, const QByteArray& child,
                                      const QString& parentId, const QString& relation,
                                      SweepPageCounts* counts, QString* error) {
    // A renamed base's children still naming its old id count for the new one.
    const auto alias = aliases_.constFind(parentId);
    const QString parent = alias == aliases_.constEnd() ? parentId : *alias;
    if (alias != aliases_.constEnd())
        ++counts->parentsResolved;
    const QByteArray parentText = parent.toUtf8();
    const QByteArray relationText = relation.toUtf8();
    sqlite3_bind_int64(stageEdge_, 1, fetch);
    bindText(stageEdge_, 2, parentText);
    bindText(stageEdge_, 3, child);
    bindText(stageEdge_, 4, relationText);
    ++counts->edges;
    ++counts->edgesByRelation[relation];
    return step(stageEdge_, error);
}

bool HubStore::SweepWriter::stage(qint64 fetch, qint64 sweep, const hub::HubModel& m,
                                  SweepPageCounts* counts, QString* error) {
    const QByteArray id = m.id.toUtf8();
    const QByteArray createdAt = m.createdAt.toUtf8();
    sqlite3_bind_int64(stageModel_, 1, sweep);
    sqlite3_bind_int64(stageModel_, 2, fetch);
    bindText(stageModel_, 3, id);
    bindText(stageModel_, 4, createdAt);
    bindCount(stageModel_, 5, m.created ? *m.created : -1);
    bindCount(stageModel_, 6, m.downloads);
    bindCount(stageModel_, 7, m.likes);
    if (!step(stageModel_, error))
        return false;
    stagedIds_.insert(m.id);
    ++stagedModels_;
    ++counts->models;
    if (!m.created)
        ++counts->unknownDates;
    // One edge per base_model:REL:ID tag; a bare base_model:ID without one is "unspecified".
    QSet<QString> withRelation;
    for (const hub::BaseLink& link : m.bases) {
        if (link.relation != hub::kUnspecifiedRelation) {
            withRelation.insert(link.base);
            if (!stageEdge(fetch, id, link.base, link.relation, counts, error))
                return false;
        }
    }
    for (const hub::BaseLink& link : m.bases) {
        if (link.relation == hub::kUnspecifiedRelation && !withRelation.contains(link.base)) {
            withRelation.insert(link.base);
            if (!stageEdge(fetch, id, link.base, link.relation, counts, error))
                return false;
        }
    }
    return true;
}

HubStore::SweepWriter* HubStore::sweepWriter(QString* error) {
    if (sweepWriter_)
        return sweepWriter_.get();
    std::unique_ptr<SweepWriter> writer = SweepWriter::create(db(), error);
    if (!writer)
        return nullptr;
    // A sweep killed before its merge left pages staged: they go in before anything else.
    const qint64 leftovers = writer->leftovers(error);
    if (leftovers < 0 || (leftovers > 0 && !mergeStaged(writer.get(), {}, error)))
        return nullptr;
    sweepWriter_ = std::move(writer);
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

bool HubStore::updateSweepRow(qint64 sweep, const QUrl& nextUrl, bool last, int models,
                              QString* error) {
    QSqlQuery row(db());
    if (!prepare(row,
                 QStringLiteral("UPDATE sweeps SET next_url = ?, pages = pages + 1, models = "
                                "models + ?, finished_at = ? WHERE id = ?"),
                 error))
        return false;
    row.addBindValue(last || nextUrl.isEmpty()
                         ? QVariant()
                         : QVariant(QString::fromLatin1(nextUrl.toEncoded())));
    row.addBindValue(models);
    row.addBindValue(last ? QVariant(QDateTime::currentSecsSinceEpoch()) : QVariant());
    row.addBindValue(sweep);
    return run(row, error);
}

bool HubStore::saveSweepPage(qint64 fetch, qint64 sweep, const std::vector<hub::HubModel>& models,
                             const QUrl& nextUrl, bool last, SweepPageCounts* counts,
                             QString* error) {
    SweepWriter* writer = sweepWriter(error);
    if (!writer)
        return false;
    SweepPageCounts page;
    {
        Transaction txn(db());
        if (!txn.began()) {
            *error = explainFailure(path_, txn.beginError());
            return false;
        }
        for (const hub::HubModel& m : models) {
            if (!writer->stage(fetch, sweep, m, &page, error))
                return false;
        }
        // The last page's row is updated with the merge's last chunk: a sweep reads as finished
        // only once everything it listed is merged (killed before, it resumes at this page).
        if ((!last && !updateSweepRow(sweep, nextUrl, false, page.models, error)) ||
            !txn.commit(error))
            return false;
    }
    if (last) {
        const int pageModels = page.models;
        if (!mergeStaged(
                writer,
                [&](QString* why) { return updateSweepRow(sweep, nextUrl, true, pageModels, why); },
                error))
            return false;
    } else if (writer->stagedModels() >= sweepStagedModels_ && !mergeStaged(writer, {}, error)) {
        return false;
    }
    if (counts)
        *counts = page;
    return true;
}

bool HubStore::mergeStagedSweep(QString* error) {
    if (!sweepWriter_ || sweepWriter_->stagedModels() == 0)
        return true;
    return mergeStaged(sweepWriter_.get(), {}, error);
}

}  // namespace hubgrowth::store
