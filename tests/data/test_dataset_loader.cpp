#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>
#include <atomic>

#include "hubgrowth/core/demo/demo_generator.h"
#include "hubgrowth/data/dataset_load_job.h"
#include "hubgrowth/data/dataset_loader.h"
#include "hubgrowth/data/store/hub_store.h"
#include "hubgrowth/data/store/store_dataset.h"

using namespace hubgrowth;

namespace {

// One file of many more rows than kCancelCheckRows: the flag, set before the load, can only
// be seen from inside the file (a single file has no "between files" to stop at).
QString writeLargeCsv(const QTemporaryDir& dir) {
    const QString path = dir.filePath(QStringLiteral("large.csv"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write("model,0-month,1-month,2-month,3-month\n");
    for (int i = 0; i < 20 * kCancelCheckRows; ++i)
        file.write(QByteArrayLiteral("org/m") + QByteArray::number(i) + ",0,2,5,9\n");
    return path;
}

}  // namespace

class TestDatasetLoader : public QObject {
    Q_OBJECT
  private slots:
    void demoIsEmbeddedAndSynthetic() {
        const ImportResult r = loadDataset(QStringLiteral("demo"));
        QVERIFY2(r.ok(), qPrintable(r.error));
        QVERIFY(r.dataset.synthetic);
        QCOMPARE(int(r.dataset.series.size()), DemoOptions{}.baseModels);
        // The embedded CSV is what the generator produces with the default seed.
        const Dataset generated = generateDemoDataset();
        for (size_t i = 0; i < generated.series.size(); ++i) {
            QCOMPARE(r.dataset.series[i].id, generated.series[i].id);
            QCOMPARE(r.dataset.series[i].counts, generated.series[i].counts);
        }
    }

    void mergesSeveralInputs() {
        const QString fixtures = QStringLiteral(HUBGROWTH_FIXTURES_DIR);
        const ImportResult r =
            loadDatasets({fixtures + "/paper-small.csv", fixtures + "/paper-folder",
                          fixtures + "/paper-small.csv"});
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.dataset.series.size(), size_t(6));
        QCOMPARE(r.dataset.warnings.size(), size_t(3));  // the repeated file's three models
    }

    void reportsTheFirstFailingInput() {
        const ImportResult r =
            loadDatasets({QStringLiteral("demo"), QStringLiteral("/nonexistent/x.csv")});
        QVERIFY(!r.ok());
        QVERIFY(r.error.contains(QLatin1String("/nonexistent/x.csv")));
    }

    void aCancelledLoadStopsAndSaysSo() {
        const std::atomic<bool> cancel{true};
        const ImportResult r =
            loadDatasets({QStringLiteral("demo"), QStringLiteral("demo")}, {}, &cancel);
        QVERIFY(!r.ok());
        QCOMPARE(r.error, QString::fromLatin1(store::kLoadCancelled));
        QVERIFY(r.dataset.series.empty());
        // And the flag is honoured inside a store, before its first base model.
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("s.db"));
        {
            QString error;
            const auto hubStore = store::HubStore::open(db, &error);
            QVERIFY2(hubStore, qPrintable(error));
            const qint64 fetch =
                hubStore->beginFetch(QStringLiteral("e"), QStringLiteral("r"), &error);
            hub::HubModel base;
            base.id = QStringLiteral("o/base");
            base.createdAt = QStringLiteral("2024-01-01T00:00:00.000Z");
            base.created = 1704067200;
            QVERIFY2(hubStore->saveBase(fetch, base, {}, &error), qPrintable(error));
        }
        const std::atomic<bool> go{false};
        QVERIFY(store::loadStoreDataset(db, {}, &go).error !=
                QString::fromLatin1(store::kLoadCancelled));
        QCOMPARE(store::loadStoreDataset(db, {}, &cancel).error,
                 QString::fromLatin1(store::kLoadCancelled));
    }

    void theLoadJobDeliversOnTheOwnersThread() {
        DatasetLoadJob job;
        QSignalSpy ended(&job, &BackgroundJob::ended);
        QThread* owner = QThread::currentThread();
        QThread* deliveredOn = nullptr;
        connect(&job, &BackgroundJob::ended, this, [&] { deliveredOn = QThread::currentThread(); });
        QVERIFY(job.start({QStringLiteral("demo")}, {}));
        QVERIFY(job.isRunning());
        QVERIFY(!job.start({QStringLiteral("demo")}, {}));  // one at a time
        QVERIFY(job.workerThread() != owner);
        QVERIFY(ended.wait(30000));
        QCOMPARE(ended.front().front().toBool(), false);
        QCOMPARE(deliveredOn, owner);
        QVERIFY(!job.isRunning());
        const ImportResult r = job.takeResult();
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(int(r.dataset.series.size()), DemoOptions{}.baseModels);
        QCOMPARE(job.inputs(), QStringList{QStringLiteral("demo")});
    }

    void theLoadJobRefusesADamagedStoreAndLeavesItAsItWas() {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("damaged.db"));
        {
            QString error;
            const auto hubStore = store::HubStore::open(db, &error);
            QVERIFY2(hubStore, qPrintable(error));
            const qint64 fetch =
                hubStore->beginFetch(QStringLiteral("e"), QStringLiteral("r"), &error);
            hub::HubModel base;
            base.id = QStringLiteral("o/base");
            base.createdAt = QStringLiteral("2024-01-01T00:00:00.000Z");
            base.created = 1704067200;
            QVERIFY2(hubStore->saveBase(fetch, base, {}, &error), qPrintable(error));
            std::vector<hub::HubModel> children;
            for (int i = 0; i < 3000; ++i) {
                hub::HubModel child;
                child.id = QStringLiteral("o/child-with-a-longish-name-%1").arg(i);
                child.createdAt = QStringLiteral("2024-03-01T00:00:00.000Z");
                child.created = 1709251200 + i;
                child.bases.push_back({QStringLiteral("o/base"), QStringLiteral("finetune")});
                children.push_back(child);
            }
            QVERIFY2(hubStore->savePage(fetch, QStringLiteral("o/base"), QString(), children, {},
                                        true, &error),
                     qPrintable(error));
            QVERIFY2(hubStore->checkpoint(&error), qPrintable(error));
        }
        QVERIFY2(loadDataset(db).ok(), qPrintable(loadDataset(db).error));  // whole: loads
        // 8 KiB of noise in the middle of the file, as a failing disk would leave it.
        QFile file(db);
        QVERIFY(file.open(QIODevice::ReadWrite));
        const qint64 middle = file.size() / 2;
        QVERIFY(file.size() > 64 * 1024);
        QVERIFY(file.seek(middle));
        QByteArray noise(8192, Qt::Uninitialized);
        quint32 state = 12345;
        for (char& c : noise) {
            state = state * 1664525u + 1013904223u;
            c = char(state >> 24);
        }
        QVERIFY(file.write(noise) == noise.size());
        file.close();
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray damagedBytes = file.readAll();
        file.close();

        DatasetLoadJob job;
        QSignalSpy ended(&job, &BackgroundJob::ended);
        QVERIFY(job.start({db}, {}));
        QVERIFY(ended.wait(30000));
        const ImportResult r = job.takeResult();
        QVERIFY(!r.ok());
        QVERIFY2(r.error.contains(db) && r.error.contains(QLatin1String("damaged")),
                 qPrintable(r.error));
        QVERIFY(r.dataset.series.empty());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll() == damagedBytes);  // refused, and not touched
    }

    void aCancelledLoadStopsInsideOneCsvFile() {
        QTemporaryDir dir;
        const QString csv = writeLargeCsv(dir);
        QVERIFY(!csv.isEmpty());
        const ImportResult whole = loadDataset(csv);
        QVERIFY2(whole.ok(), qPrintable(whole.error));
        QCOMPARE(int(whole.dataset.series.size()), 20 * kCancelCheckRows);

        const std::atomic<bool> cancel{true};
        const ImportResult r = loadDataset(csv, {}, &cancel);
        QCOMPARE(r.error, QString::fromLatin1(store::kLoadCancelled));
        QVERIFY(r.dataset.series.empty());  // nothing half-loaded
    }

    void aLoadJobCancelledMidFileEndsCancelledWithNoDataset() {
        QTemporaryDir dir;
        const QString csv = writeLargeCsv(dir);
        QVERIFY(!csv.isEmpty());
        DatasetLoadJob job;
        QSignalSpy ended(&job, &BackgroundJob::ended);
        QVERIFY(job.start({csv}, {}));
        job.cancel();
        QVERIFY(ended.wait(30000));
        QCOMPARE(ended.front().front().toBool(), true);
        const ImportResult r = job.takeResult();
        QCOMPARE(r.error, QString::fromLatin1(store::kLoadCancelled));
        QVERIFY(r.dataset.series.empty());
    }

    void aCancelledLoadJobEndsCancelled() {
        DatasetLoadJob job;
        QSignalSpy ended(&job, &BackgroundJob::ended);
        const QStringList many(50, QStringLiteral("demo"));
        QVERIFY(job.start(many, {}));
        job.cancel();
        QVERIFY(ended.wait(30000));
        QCOMPARE(ended.front().front().toBool(), true);
        QCOMPARE(job.takeResult().error, QString::fromLatin1(store::kLoadCancelled));
        job.cancel();                                      // after the end: harmless
        QVERIFY(job.start({QStringLiteral("demo")}, {}));  // and the job takes the next load
        QVERIFY(ended.wait(30000));
        QVERIFY(job.takeResult().ok());
    }
};

QTEST_GUILESS_MAIN(TestDatasetLoader)
#include "test_dataset_loader.moc"
