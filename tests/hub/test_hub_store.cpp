// The SQLite store: schema and migrations, idempotent page writes, series built from it.
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include "hubgrowth/data/dataset_loader.h"
#include "hubgrowth/data/hub/hub_parsers.h"
#include "hubgrowth/data/store/hub_store.h"
#include "hubgrowth/data/store/store_dataset.h"

using namespace hubgrowth;
using namespace hubgrowth::store;

namespace {

hub::HubModel model(const QString& id, const QString& createdAt, const QString& parent = {},
                    const QString& relation = {}) {
    hub::HubModel m;
    m.id = id;
    m.createdAt = createdAt;
    m.created = hub::parseCreatedAt(createdAt);
    m.downloads = 10;
    m.likes = 1;
    if (!parent.isEmpty())
        m.bases.push_back({parent, relation.isEmpty() ? hub::kUnspecifiedRelation : relation});
    return m;
}

// Runs SQL on a file through a separate connection (to build or inspect stores by hand).
bool rawSql(const QString& path, const QStringList& statements) {
    bool ok = true;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", "raw");
        db.setDatabaseName(path);
        ok = db.open();
        for (const QString& sql : statements)
            ok = ok && QSqlQuery(db).exec(sql);
        db.close();
    }
    QSqlDatabase::removeDatabase("raw");
    return ok;
}

}  // namespace

class TestHubStore : public QObject {
    Q_OBJECT
  private slots:
    void createsTheCurrentSchema() {
        QTemporaryDir dir;
        QString error;
        auto store = HubStore::open(dir.filePath("new.db"), &error);
        QVERIFY2(store, qPrintable(error));
        QCOMPARE(store->schemaVersion(), kSchemaVersion);
        for (const char* table : {"models", "edges", "bases", "snapshots", "fetches", "listings"}) {
            QCOMPARE(store->count(table), 0);
        }
        store.reset();
        QVERIFY(HubStore::open(dir.filePath("new.db"), &error));  // reopening is fine
    }

    void migratesAVersionOneStore() {
        QTemporaryDir dir;
        const QString path = dir.filePath("old.db");
        QVERIFY(rawSql(
            path,
            {"CREATE TABLE models (id TEXT PRIMARY KEY, author TEXT, created_at TEXT, created_unix "
             "INTEGER,"
             " new_version TEXT, children_count INTEGER, first_fetch INTEGER, last_fetch INTEGER)",
             "CREATE TABLE edges (parent TEXT NOT NULL, child TEXT NOT NULL, relation TEXT NOT "
             "NULL,"
             " first_fetch INTEGER, PRIMARY KEY (parent, child, relation))",
             "CREATE TABLE bases (id TEXT PRIMARY KEY, relation_filter TEXT, added_fetch INTEGER)",
             "CREATE TABLE snapshots (model TEXT NOT NULL, fetch INTEGER NOT NULL, taken_at "
             "INTEGER NOT NULL,"
             " downloads INTEGER, downloads_all_time INTEGER, likes INTEGER, PRIMARY KEY (model, "
             "fetch))",
             "CREATE TABLE fetches (id INTEGER PRIMARY KEY AUTOINCREMENT, started_at INTEGER NOT "
             "NULL,"
             " finished_at INTEGER, endpoint TEXT, request TEXT, status TEXT)",
             "CREATE TABLE listings (parent TEXT NOT NULL, relation_filter TEXT NOT NULL, next_url "
             "TEXT,"
             " complete INTEGER NOT NULL DEFAULT 0, pages INTEGER NOT NULL DEFAULT 0, fetch "
             "INTEGER,"
             " PRIMARY KEY (parent, relation_filter))",
             "INSERT INTO edges VALUES ('a/b', 'c/d', 'finetune', 1)",
             "INSERT INTO listings VALUES ('a/b', '', NULL, 1, 1, 1)", "PRAGMA user_version = 1"}));
        QString error;
        QVERIFY(!HubStore::openReadOnly(path, &error));
        QVERIFY2(error.contains("upgrade"), qPrintable(error));
        auto store = HubStore::open(path, &error);
        QVERIFY2(store, qPrintable(error));
        QCOMPARE(store->schemaVersion(), kSchemaVersion);
        QCOMPARE(store->count("edges"), 1);
        QVERIFY(store->hasEdge("a/b", "c/d"));
        QVERIFY(store->listing("a/b", {}).complete);
        QCOMPARE(store->listing("a/b", {}).completedAt, 0);  // the new column, empty for old rows
    }

    void refusesWhatItDoesNotKnow() {
        QTemporaryDir dir;
        QString error;
        QVERIFY(
            rawSql(dir.filePath("future.db"), {"CREATE TABLE x (y)", "PRAGMA user_version = 99"}));
        QVERIFY(!HubStore::open(dir.filePath("future.db"), &error));
        QVERIFY2(error.contains("newer"), qPrintable(error));
        QVERIFY(rawSql(dir.filePath("foreign.db"), {"CREATE TABLE photos (id)"}));
        QVERIFY(!HubStore::open(dir.filePath("foreign.db"), &error));
        QVERIFY2(error.contains("not a HubGrowth store"), qPrintable(error));
        QFile junk(dir.filePath("junk.db"));
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write(QByteArray(4096, 'x'));
        junk.close();
        QVERIFY(!HubStore::open(dir.filePath("junk.db"), &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(!loadStoreDataset(dir.filePath("junk.db")).ok());
        QVERIFY(!loadStoreDataset(dir.filePath("missing.db")).ok());
    }

    void pagesAreIdempotentAndSnapshotsPerFetch() {
        QTemporaryDir dir;
        QString error;
        auto store = HubStore::open(dir.filePath("s.db"), &error);
        const qint64 f1 = store->beginFetch("http://127.0.0.1", "test", &error);
        QVERIFY(store->saveBase(f1, model("o/base", "2024-01-01T00:00:00.000Z"), {}, &error));
        const std::vector<hub::HubModel> page{
            model("u/a", "2024-01-20T00:00:00.000Z", "o/base", "finetune"),
            model("u/b", "2024-03-10T00:00:00.000Z", "o/base", "adapter"),
            model("u/c", "2022-03-02T23:29:04.000Z", "o/base", "finetune"),
            model("u/d", "2024-02-10T00:00:00.000Z", "o/base")};
        QVERIFY(store->savePage(f1, "o/base", {}, page,
                                QUrl("http://127.0.0.1/api/models?cursor=x%3D"), false, &error));
        QVERIFY(store->savePage(f1, "o/base", {}, page,
                                QUrl("http://127.0.0.1/api/models?cursor=x%3D"), false, &error));
        QCOMPARE(store->count("edges"), 4);
        QCOMPARE(store->count("models"), 5);
        QCOMPARE(store->count("snapshots"), 5);
        ListingState state = store->listing("o/base", {});
        QVERIFY(!state.complete);
        QCOMPARE(state.nextUrl.toEncoded(), QByteArray("http://127.0.0.1/api/models?cursor=x%3D"));
        QVERIFY(store->savePage(f1, "o/base", {}, {}, {}, true, &error));
        state = store->listing("o/base", {});
        QVERIFY(state.complete);
        QVERIFY(state.nextUrl.isEmpty());
        QVERIFY(state.completedAt > 0);
        const qint64 f2 = store->beginFetch("http://127.0.0.1", "test", &error);
        QVERIFY(store->saveBase(f2, model("o/base", "2024-01-01T00:00:00.000Z"), {}, &error));
        QCOMPARE(store->count("snapshots"), 6);  // the base's history grows by one per fetch
        QVERIFY(store->finishFetch(f2, "complete", &error));

        const auto children = store->children("o/base");
        QCOMPARE(int(children.size()), 4);
        QCOMPARE(children[3].relation, hub::kUnspecifiedRelation);
        QVERIFY(!children[2].created);

        store.reset();
        const ImportResult loaded = loadDataset(dir.filePath("s.db"));  // detected as a store
        QVERIFY2(loaded.ok(), qPrintable(loaded.error));
        QCOMPARE(int(loaded.dataset.series.size()), 1);
        const ModelSeries& s = loaded.dataset.series.front();
        QCOMPARE(s.id, std::string("o/base"));
        QCOMPARE(s.org, std::string("o"));
        QCOMPARE(s.unknownDates, 1);
        QCOMPARE(s.counts[0], 0.0);
        QCOMPARE(s.counts[1],
                 1.0);  // u/a in month 1; u/b (adapter) and u/d (unspecified) not counted
        QCOMPARE(s.lastCount(), 1.0);
        // The lead relations (the forecasts' covariate): u/b, the adapter, in month 3.
        QCOMPARE(s.leadCounts.size(), s.counts.size());
        QCOMPARE(s.leadCounts[2], 0.0);
        QCOMPARE(s.leadCounts[3], 1.0);
        QCOMPARE(s.leadCounts.back(), 1.0);
        QVERIFY(s.observedMonths() > 20);  // up to the listing's completion (now)
        const ImportResult all =
            loadStoreDataset(dir.filePath("s.db"), {"finetune", "adapter", "unspecified"});
        QCOMPARE(all.dataset.series.front().counts[1], 1.0);
        QCOMPARE(all.dataset.series.front().counts[2], 2.0);  // u/d on 2024-02-10
        QCOMPARE(all.dataset.series.front().counts[3], 3.0);  // u/b on 2024-03-10
        // Adapters counted: the lead is the quantizations alone (listed, none), never u/b twice.
        QCOMPARE(all.dataset.series.front().leadCounts.back(), 0.0);
        const ImportResult both = loadStoreDataset(dir.filePath("s.db"), {"adapter", "quantized"});
        QVERIFY(both.dataset.series.front().leadCounts.empty());  // no lead relation left
    }

    void incompleteOrUndatedBasesAreWarnedAbout() {
        QTemporaryDir dir;
        QString error;
        {
            auto store = HubStore::open(dir.filePath("w.db"), &error);
            const qint64 f = store->beginFetch("e", "r", &error);
            QVERIFY(store->saveBase(f, model("o/old", "2022-03-02T23:29:04.000Z"), {}, &error));
            QVERIFY(store->saveBase(f, model("o/half", "2024-01-01T00:00:00.000Z"), {}, &error));
            QVERIFY(store->savePage(
                f, "o/half", {}, {model("u/x", "2024-02-01T00:00:00.000Z", "o/half", "finetune")},
                QUrl("http://h/next"), false, &error));
            QVERIFY(store->saveBase(f, model("o/adapters", "2024-01-01T00:00:00.000Z"), "adapter",
                                    &error));
            QVERIFY(store->savePage(f, "o/adapters", "adapter", {}, {}, true, &error));
        }
        const ImportResult loaded = loadStoreDataset(dir.filePath("w.db"));
        QVERIFY(loaded.ok());
        QCOMPARE(int(loaded.dataset.series.size()), 1);  // o/adapters, with a warning
        // Its adapters were listed to the end (none): a lead of zeros, not an unknown one.
        QCOMPARE(loaded.dataset.series.front().leadCounts.size(),
                 loaded.dataset.series.front().counts.size());
        QCOMPARE(int(loaded.dataset.warnings.size()), 3);
        const QString all = QString::fromStdString(
            loaded.dataset.warnings[0] + loaded.dataset.warnings[1] + loaded.dataset.warnings[2]);
        QVERIFY(all.contains("o/old has no usable creation time"));
        QVERIFY(all.contains("o/half: its children were never listed to the end"));
        QVERIFY(all.contains("o/adapters: finetune children were not fetched"));
    }

    void relationsParse() {
        QStringList r;
        QString error;
        QVERIFY(parseRelations("all", &r, &error));
        QCOMPARE(r.size(), 5);
        QVERIFY(parseRelations("finetune, merge,finetune", &r, &error));
        QCOMPARE(r, QStringList({"finetune", "merge"}));
        QVERIFY(!parseRelations("finetune,distill", &r, &error));
        QVERIFY(error.contains("distill"));
        QVERIFY(!parseRelations(",", &r, &error));
    }

    void detectsStoresByHeaderOrName() {
        QTemporaryDir dir;
        QString error;
        { QVERIFY(HubStore::open(dir.filePath("noext"), &error)); }
        QVERIFY(looksLikeStore(dir.filePath("noext")));
        QVERIFY(looksLikeStore(dir.filePath("x.sqlite")));
        QVERIFY(!looksLikeStore(QStringLiteral(HUBGROWTH_FIXTURES_DIR "/paper-small.csv")));
    }
};

QTEST_GUILESS_MAIN(TestHubStore)
#include "test_hub_store.moc"
