// Successor pairs and download figures read from a store (models.new_version, snapshots).
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>

#include "hubgrowth/data/dataset_loader.h"
#include "hubgrowth/data/store/successor_pairs.h"
#include "hubgrowth/testsupport/successor_store.h"

using namespace hubgrowth;
using namespace hubgrowth::store;

namespace {

const ModelSeries* findSeries(const Dataset& dataset, const std::string& id) {
    for (const ModelSeries& s : dataset.series) {
        if (s.id == id)
            return &s;
    }
    return nullptr;
}

}  // namespace

class TestSuccessorPairs : public QObject {
    Q_OBJECT
  private slots:
    void pairsAnIncumbentWithItsFetchedSuccessor() {
        QTemporaryDir dir;
        const QString path = dir.filePath("hub.db");
        QCOMPARE(testing::writeSuccessorStore(path), QString());
        const SuccessorPairsResult result = loadSuccessorPairs(path);
        QVERIFY2(result.ok(), qPrintable(result.error));
        QVERIFY(result.dataset.fromStore);
        QCOMPARE(int(result.dataset.series.size()), 4);
        QCOMPARE(int(result.pairs.size()), 2);  // old-7b -> new-7b, orphan-1b -> never-fetched

        const SuccessorPair& pair = result.pairs[0];
        QCOMPARE(pair.incumbentId, std::string("org/old-7b"));
        QCOMPARE(pair.successorId, std::string("org/new-7b"));
        QVERIFY(pair.complete());
        // new-7b was created a year (365 days) after old-7b, in mean Gregorian months.
        QVERIFY(std::abs(pair.offsetMonths - 365.0 / 30.436875) < 1e-9);
        QVERIFY(std::isnan(result.pairs[1].offsetMonths));  // its successor is not in the store
        const ModelSeries& incumbent = result.dataset.series[size_t(pair.incumbent)];
        const ModelSeries& successor = result.dataset.series[size_t(pair.successor)];
        QCOMPARE(incumbent.id, pair.incumbentId);
        QCOMPARE(successor.id, pair.successorId);
        QCOMPARE(incumbent.lastCount(), 20.0);
        QCOMPARE(successor.lastCount(), 42.0);
        // Both counted from their own creation: the successor's first month already has one.
        QCOMPARE(successor.counts[0], 0.0);
        QCOMPARE(successor.counts[1], 1.0);
    }

    void aSuccessorMissingFromTheStoreIsListedWithoutSeries() {
        QTemporaryDir dir;
        const QString path = dir.filePath("hub.db");
        QCOMPARE(testing::writeSuccessorStore(path), QString());
        const SuccessorPairsResult result = loadSuccessorPairs(path);
        QVERIFY2(result.ok(), qPrintable(result.error));
        const SuccessorPair& orphan = result.pairs[1];
        QCOMPARE(orphan.incumbentId, std::string("org/orphan-1b"));
        QCOMPARE(orphan.successorId, std::string("org/never-fetched"));
        QVERIFY(orphan.incumbent >= 0);
        QCOMPARE(orphan.successor, -1);
        QVERIFY(!orphan.complete());
    }

    void aStoreWithoutNewVersionsHasNoPairs() {
        QTemporaryDir dir;
        const QString path = dir.filePath("hub.db");
        QCOMPARE(testing::writeSuccessorStore(path, true, false), QString());
        const SuccessorPairsResult result = loadSuccessorPairs(path);
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(int(result.dataset.series.size()), 4);
        QVERIFY(result.pairs.empty());
        for (const ModelSeries& s : result.dataset.series)
            QVERIFY(s.newVersion.empty());
    }

    void aModelNamingItselfIsNoPair() {
        Dataset dataset;
        ModelSeries a;
        a.id = "o/a";
        a.newVersion = "o/a";
        dataset.series.push_back(a);
        QVERIFY(successorPairs(dataset).empty());
    }

    void notAStoreIsAnError() {
        QTemporaryDir dir;
        const SuccessorPairsResult result = loadSuccessorPairs(dir.filePath("absent.db"));
        QVERIFY(!result.ok());
        QVERIFY(result.pairs.empty());
    }

    void downloadsComeFromTheNewestSnapshot() {
        QTemporaryDir dir;
        const QString path = dir.filePath("hub.db");
        QCOMPARE(testing::writeSuccessorStore(path), QString());
        {
            QString error;
            auto store = HubStore::open(path, &error);
            QVERIFY2(store, qPrintable(error));
            const qint64 fetch = store->beginFetch("http://127.0.0.1", "again", &error);
            // A later fetch: new figure for old-7b; none sent for new-7b (the old one stays).
            QVERIFY(store->saveBase(
                fetch, testing::hubModel("org/old-7b", "2023-01-01T00:00:00.000Z", {}, 6000000), {},
                &error));
            QVERIFY(store->saveBase(
                fetch, testing::hubModel("org/new-7b", "2024-01-01T00:00:00.000Z"), {}, &error));
        }
        const ImportResult loaded = loadDataset(path);
        QVERIFY2(loaded.ok(), qPrintable(loaded.error));
        const ModelSeries* old = findSeries(loaded.dataset, "org/old-7b");
        const ModelSeries* next = findSeries(loaded.dataset, "org/new-7b");
        QVERIFY(old && next);
        QCOMPARE(old->downloadsAllTime.value_or(-1), 6000000.0);
        QCOMPARE(next->downloadsAllTime.value_or(-1), 400.0);
        // A fetch without a new_version keeps the stored one.
        QCOMPARE(old->newVersion, std::string("org/new-7b"));
    }

    void aStoreWithoutDownloadFiguresHasNone() {
        QTemporaryDir dir;
        const QString path = dir.filePath("hub.db");
        QCOMPARE(testing::writeSuccessorStore(path, false), QString());
        const ImportResult loaded = loadDataset(path);
        QVERIFY2(loaded.ok(), qPrintable(loaded.error));
        for (const ModelSeries& s : loaded.dataset.series)
            QVERIFY(!s.downloadsAllTime);
    }
};

QTEST_MAIN(TestSuccessorPairs)
#include "test_successor_pairs.moc"
