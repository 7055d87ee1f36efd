// Bad stores, each a row of the README's fault matrix: foreign, empty, truncated, damaged,
// locked and older files get a message naming the cause and what to do, a refused file stays
// byte-identical, and nothing is ever loaded from half a store. Also: renamed bases, drifting
// trending order, refreshes against --full, and the free-space check.
#include <QCryptographicHash>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QtTest>

#include "hubgrowth/data/hub/hub_api.h"
#include "hubgrowth/data/hub/hub_client.h"
#include "hubgrowth/data/hub/hub_parsers.h"
#include "hubgrowth/data/store/store_check.h"
#include "hubgrowth/data/store/store_dataset.h"
#include "hubgrowth/testsupport/fetch_harness.h"

using namespace hubgrowth;
using namespace hubgrowth::testing;

namespace {

QByteArray digest(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

bool rawSql(const QString& path, const QStringList& statements, const QString& name = "raw") {
    bool ok = true;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", name);
        db.setDatabaseName(path);
        ok = db.open();
        for (const QString& sql : statements)
            ok = ok && QSqlQuery(db).exec(sql);
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

// A store of two bases with 700 children each, fetched from the mock, closed and checkpointed.
QString buildStore(FetchHarness& h, int bases = 2, int children = 700) {
    h.hub.addSyntheticLineage(bases, children);
    QStringList ids;
    for (int b = 0; b < bases; ++b)
        ids << QStringLiteral("mockorg/base-%1").arg(b, 2, 10, QLatin1Char('0'));
    const hub::FetchSummary s = h.run(plan(ids, {"finetune"}));
    if (!s.fatal.isEmpty() || !s.failures.empty())
        return {};
    QString error;
    h.store->checkpoint(&error);
    h.store.reset();
    return h.dbPath();
}

bool writeAt(const QString& path, qint64 offset, const QByteArray& bytes) {
    QFile f(path);
    return f.open(QIODevice::ReadWrite) && f.seek(offset) && f.write(bytes) == bytes.size();
}

}  // namespace

class TestStoreFaults : public QObject {
    Q_OBJECT
  private slots:
    void foreignSqliteFileStaysByteIdentical() {
        QTemporaryDir dir;
        const QString path = dir.filePath("other.db");
        QVERIFY(rawSql(path, {"CREATE TABLE notes (id INTEGER, body TEXT)",
                              "INSERT INTO notes VALUES (1, 'mine')"}));
        const QByteArray before = digest(path);
        QString error;
        QVERIFY(!store::HubStore::open(path, &error));
        QVERIFY2(error.contains("not a HubGrowth store") && error.contains("notes") &&
                     error.contains("left untouched"),
                 qPrintable(error));
        QCOMPARE(digest(path), before);
        QVERIFY(!QFile::exists(path + "-wal"));  // never switched to WAL
        const ImportResult loaded = store::loadStoreDataset(path);
        QVERIFY2(loaded.error.contains("not a HubGrowth store"), qPrintable(loaded.error));
        QCOMPARE(digest(path), before);
    }

    void notSqliteAtAllIsSaidSo() {
        QTemporaryDir dir;
        const QString path = dir.filePath("junk.db");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(8192, 'x'));
        f.close();
        const QByteArray before = digest(path);
        QString error;
        QVERIFY(!store::HubStore::open(path, &error));
        QVERIFY2(error.contains("not an SQLite file"), qPrintable(error));
        QCOMPARE(digest(path), before);
        const ImportResult loaded = store::loadStoreDataset(path);
        QVERIFY2(loaded.error.contains("not an SQLite file"), qPrintable(loaded.error));
    }

    void emptyFileIsNotCalledAnOldStore() {
        QTemporaryDir dir;
        const QString path = dir.filePath("empty.db");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        const ImportResult loaded = store::loadStoreDataset(path);
        QVERIFY2(loaded.error.contains("an empty file") && !loaded.error.contains("upgrade"),
                 qPrintable(loaded.error));
        const store::StoreCheckResult check = store::checkStore(path);
        QVERIFY(!check.clean());
    }

    void olderStoreIsOfferedTheUpgrade() {
        QTemporaryDir dir;
        const QString path = dir.filePath("old.db");
        QVERIFY(
            rawSql(path, {"CREATE TABLE models (id TEXT PRIMARY KEY)", "PRAGMA user_version = 2"}));
        const ImportResult loaded = store::loadStoreDataset(path);
        QVERIFY2(loaded.error.contains("older HubGrowth") && loaded.error.contains("upgrade"),
                 qPrintable(loaded.error));
    }

    void truncatedStoreIsDamagedNotForeign() {
        FetchHarness h;
        QVERIFY(h.open());
        const QString path = buildStore(h);
        QVERIFY(!path.isEmpty());
        QFile f(path);
        QVERIFY(f.size() > 16 * 4096);
        QVERIFY(f.resize(f.size() / 2));
        const ImportResult loaded = store::loadStoreDataset(path);
        QVERIFY2(!loaded.ok() && loaded.dataset.series.empty(), qPrintable(loaded.error));
        QVERIFY2(loaded.error.contains("damaged") && loaded.error.contains(path) &&
                     loaded.error.contains("store check"),
                 qPrintable(loaded.error));
        const store::StoreCheckResult check = store::checkStore(path);
        QVERIFY(!check.clean());
    }

    // 8 KiB of random bytes in the middle: an error naming the file, never a fraction of it.
    void overwrittenPagesAreAnErrorNotAShortSeries() {
        FetchHarness h;
        QVERIFY(h.open());
        const QString path = buildStore(h, 2, 2000);
        QVERIFY(!path.isEmpty());
        const ImportResult whole = store::loadStoreDataset(path);
        QVERIFY(whole.ok());
        QVERIFY(store::checkStore(path).clean());
        QByteArray noise(8192, '\0');
        QRandomGenerator rng(7);
        for (char& c : noise)
            c = char(rng.bounded(256));
        QVERIFY(writeAt(path, QFileInfo(path).size() / 2 / 4096 * 4096, noise));
        const ImportResult loaded = store::loadStoreDataset(path);
        QVERIFY2(!loaded.ok() && loaded.dataset.series.empty(), qPrintable(loaded.error));
        QVERIFY2(loaded.error.contains("damaged") && loaded.error.contains(path),
                 qPrintable(loaded.error));
        const store::StoreCheckResult check = store::checkStore(path);
        QVERIFY(check.readable && !check.problems.isEmpty());
    }

    void lockedStoreIsSaidToBeLocked() {
        FetchHarness h;
        QVERIFY(h.open());
        const QString path = buildStore(h, 1, 50);
        QVERIFY(!path.isEmpty());
        // Another process holding the store in exclusive locking mode (as a crashed tool might).
        QSqlDatabase holder = QSqlDatabase::addDatabase("QSQLITE", "holder");
        holder.setDatabaseName(path);
        QVERIFY(holder.open());
        QVERIFY(QSqlQuery(holder).exec("PRAGMA locking_mode = EXCLUSIVE"));
        QVERIFY(QSqlQuery(holder).exec("BEGIN EXCLUSIVE"));
        QVERIFY(QSqlQuery(holder).exec("UPDATE fetches SET status = status"));
        const ImportResult loaded = store::loadStoreDataset(path);
        QVERIFY2(loaded.error.contains("locked by another process") &&
                     !loaded.error.contains("not readable"),
                 qPrintable(loaded.error));
        QSqlQuery(holder).exec("ROLLBACK");
        holder.close();
        holder = QSqlDatabase();
        QSqlDatabase::removeDatabase("holder");
        QVERIFY(store::loadStoreDataset(path).ok());
    }

    void checkFindsBrokenInvariants() {
        FetchHarness h;
        QVERIFY(h.open());
        const QString path = buildStore(h, 1, 30);
        QVERIFY(!path.isEmpty());
        QVERIFY(store::checkStore(path).clean());
        QVERIFY(rawSql(path, {"INSERT INTO edges VALUES ('mockorg/base-00', 'ghost/child', "
                              "'finetune', 1)",
                              "INSERT INTO aliases VALUES ('a/x', 'a/y')",
                              "INSERT INTO aliases VALUES ('a/y', 'a/x')",
                              "INSERT INTO bases VALUES ('lonely/base', '', 1)"}));
        const store::StoreCheckResult check = store::checkStore(path);
        QVERIFY(check.readable);
        const QString all = check.problems.join('\n');
        QVERIFY2(all.contains("child that has no model row"), qPrintable(all));
        QVERIFY2(all.contains("alias (a chain or a cycle)"), qPrintable(all));
        QVERIFY2(all.contains("bases have no model row"), qPrintable(all));
        QVERIFY2(all.contains("no listing state"), qPrintable(all));
    }

    // GET /api/models/OLD -> 307 to NEW: one base, one series, never two.
    void renamedBaseIsStoredOnce() {
        FetchHarness h;
        QVERIFY(h.open());
        h.hub.addSyntheticLineage(1, 40);
        const QString old = "mockorg/base-00", now = "neworg/renamed-base";
        hub::FetchSummary s = h.run(plan({old}, {"all"}));
        QVERIFY(s.fatal.isEmpty() && s.failures.empty());
        QCOMPARE(h.stored(old), 40);
        h.hub.renameModel(old, now);
        s = h.run(plan({old}, {"all"}));
        QVERIFY2(s.fatal.isEmpty() && s.failures.empty(), qPrintable(s.fatal));
        QCOMPARE(s.renamed, QStringList{old + " -> " + now});
        const auto bases = h.store->bases();
        QCOMPARE(int(bases.size()), 1);
        QCOMPARE(bases.front().id, now);
        QCOMPARE(h.stored(now), 40);
        QCOMPARE(h.stored(old), 0);
        QCOMPARE(h.store->canonicalId(old), now);
        // Naming the new id afterwards changes nothing; the store stays clean.
        s = h.run(plan({now}, {"all"}));
        QCOMPARE(int(h.store->bases().size()), 1);
        h.store.reset();
        const ImportResult loaded = store::loadStoreDataset(h.dbPath(), {"all"});
        QVERIFY(loaded.ok());
        QCOMPARE(int(loaded.dataset.series.size()), 1);
        const store::StoreCheckResult check = store::checkStore(h.dbPath());
        QVERIFY2(check.clean(), qPrintable(check.problems.join('\n')));
    }

    // Scores that change while paging lose children in trending order, never in createdAt order.
    void listingHoldsStillWhileTrendingScoresMove() {
        FetchHarness h;
        QVERIFY(h.open());
        h.hub.addSyntheticLineage(1, 6000);
        h.hub.setMaxPageSize(500);  // like the Hub: fewer entries than the limit asked
        h.hub.setTrendingDrift(true);
        const QString base = "mockorg/base-00";
        // The control: paging the default (trending) order by hand does lose children here.
        {
            hub::HubClient client(h.options());
            QUrl url = hub::childrenUrl(h.hub.endpoint(), base, {});
            QUrlQuery query(url);
            query.removeAllQueryItems("sort");
            url.setQuery(query);
            QSet<QString> seen;
            while (!url.isEmpty()) {
                hub::HubReply got;
                bool done = false;
                client.get(url, [&](const hub::HubReply& r) {
                    got = r;
                    done = true;
                });
                QTRY_VERIFY_WITH_TIMEOUT(done, 30000);
                QVERIFY(got.ok());
                for (const auto& m : hub::parseModelPage(got.body).models)
                    seen.insert(m.id);
                const QUrl next = hub::parseNextLink(got.link);
                url = next.isEmpty() ? QUrl() : got.url.resolved(next);
                QVERIFY(!url.isValid() || url.toString().contains("sort=trendingScore"));
            }
            QVERIFY2(seen.size() < 6000, "the drifting order lost nothing: the control is void");
        }
        const hub::FetchSummary s = h.run(plan({base}, {"all"}));
        QVERIFY(s.fatal.isEmpty() && s.failures.empty());
        QCOMPARE(s.pages, 12);
        QCOMPARE(h.stored(base), 6000);
    }

    // A child that appears late with an old date: a refresh cannot see it and says so;
    // completed_at stays at the last full listing; --full brings it in.
    void lateOlderChildNeedsFull() {
        FetchHarness h;
        QVERIFY(h.open());
        h.hub.addSyntheticLineage(1, 300);
        h.hub.setMaxPageSize(100);
        const QString base = "mockorg/base-00";
        hub::FetchSummary s = h.run(plan({base}, {"all"}));
        QVERIFY(s.fatal.isEmpty());
        const store::ListingState first = h.store->listing(base, {});
        QVERIFY(first.complete && first.completedAt > 0 && first.refreshedAt == 0);
        mockhub::MockModel late;
        late.id = "late/child";
        late.createdAt = "2023-01-05T00:00:00.000Z";  // older than most known children
        late.tags = {"base_model:" + base, "base_model:finetune:" + base};
        h.hub.addModel(late);
        mockhub::MockModel fresh = late;
        fresh.id = "fresh/child";
        fresh.createdAt = "2030-01-01T00:00:00.000Z";
        h.hub.addModel(fresh);
        QTest::qWait(1100);  // the listing times are in seconds
        s = h.run(plan({base}, {"all"}));
        QVERIFY(s.fatal.isEmpty());
        QCOMPARE(s.refreshedIncrementally, 1);
        QVERIFY(h.store->hasEdge(base, "fresh/child"));
        QVERIFY(!h.store->hasEdge(base, "late/child"));
        const store::ListingState refreshed = h.store->listing(base, {});
        QCOMPARE(refreshed.completedAt, first.completedAt);
        QVERIFY(refreshed.refreshedAt > first.completedAt);
        hub::FetchPlan full = plan({base}, {"all"});
        full.full = true;
        s = h.run(full);
        QVERIFY(s.fatal.isEmpty());
        QCOMPARE(s.refreshedIncrementally, 0);
        QVERIFY(h.store->hasEdge(base, "late/child"));
        QCOMPARE(h.stored(base), 302);
        QVERIFY(h.store->listing(base, {}).completedAt > first.completedAt);
    }

    void freeSpaceIsCheckedBeforeAFetch() {
        QString error;
        QVERIFY(store::checkFreeSpace("/tmp/x.db", &error, store::kFetchFreeSpaceNeeded));
        QVERIFY(!store::checkFreeSpace("/tmp/x.db", &error, 1024 * 1024));
        QVERIFY2(error.contains("1.0 MB free") && error.contains("--db"), qPrintable(error));
    }

    // The WAL stays near its cap however long the fetch (it was ~64 MB before).
    void walStaysSmallDuringALongFetch() {
        FetchHarness h;
        QVERIFY(h.open());
        h.hub.addSyntheticLineage(4, 6000);
        qint64 largest = 0;
        const hub::FetchSummary s =
            h.run(plan({"mockorg/base-00", "mockorg/base-01", "mockorg/base-02", "mockorg/base-03"},
                       {"all"}),
                  {}, [&](hub::HubFetcher& f) {
                      QObject::connect(&f, &hub::HubFetcher::progress, [&] {
                          largest = std::max(largest, QFileInfo(h.dbPath() + "-wal").size());
                      });
                  });
        QVERIFY(s.fatal.isEmpty());
        qInfo("store %lld bytes, largest WAL seen %lld bytes", QFileInfo(h.dbPath()).size(),
              largest);
        QVERIFY(largest > 0);
        QVERIFY(largest <= 2 * store::kWalSizeLimit);
    }
};

QTEST_GUILESS_MAIN(TestStoreFaults)
#include "test_store_faults.moc"
