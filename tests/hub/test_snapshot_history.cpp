// The store's download history (store/snapshot_history.h): a model's snapshots from whole-Hub
// sweeps and fetches of bases, oldest first with the figures the Hub sent, and each sweep's
// totals, against a small synthetic Hub served by the loopback mock.
#include <QEventLoop>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include "hubgrowth/data/hub/hub_client.h"
#include "hubgrowth/data/hub/hub_sweeper.h"
#include "hubgrowth/data/store/hub_store.h"
#include "hubgrowth/data/store/snapshot_history.h"
#include "hubgrowth/testsupport/fetch_harness.h"
#include "hubgrowth/testsupport/mock_hub.h"
#include "hubgrowth/testsupport/synthetic_hub.h"

using namespace hubgrowth;

namespace {

constexpr int kModels = 300;

hub::SweepSummary sweep(const mockhub::MockHub& mock, store::HubStore* store, bool full) {
    hub::ClientOptions options;
    options.endpoint = mock.endpoint();
    options.token = testing::kTestToken;
    options.retry.baseDelayMs = 20;
    hub::HubClient client(options);
    hub::HubSweeper sweeper(&client, store, full);
    QEventLoop loop;
    QObject::connect(&sweeper, &hub::HubSweeper::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(0, &sweeper, &hub::HubSweeper::start);
    loop.exec();
    return sweeper.summary();
}

qint64 totalDownloads(const mockhub::SyntheticHub& hub) {
    qint64 total = 0;
    for (int i = 0; i < hub.size(); ++i)
        total += hub.downloads(i);
    return total;
}

}  // namespace

class TestSnapshotHistory : public QObject {
    Q_OBJECT
    mockhub::MockHub mock_;
    std::shared_ptr<mockhub::SyntheticHub> synthetic_;
    QTemporaryDir dir_;
    QString db_;
    qint64 firstTotal_ = 0, fullTotal_ = 0;
    qint64 firstDownloads_ = 0, fullDownloads_ = 0, fetchDownloads_ = 0;

  private slots:
    void initTestCase() {
        QVERIFY(mock_.start());
        synthetic_ = std::make_shared<mockhub::SyntheticHub>(kModels);
        mock_.setSyntheticHub(synthetic_);
        mock_.setMaxPageSize(100);
        db_ = dir_.filePath(QStringLiteral("hub.db"));
        QString error;
        auto store = store::HubStore::open(db_, &error);
        QVERIFY2(store, qPrintable(error));
        // First sweep, a day passes, a full re-list, then a refresh after the Hub grew.
        firstTotal_ = totalDownloads(*synthetic_);
        firstDownloads_ = synthetic_->downloads(7);
        QVERIFY(sweep(mock_, store.get(), false).complete);
        synthetic_->nextDay();
        fullTotal_ = totalDownloads(*synthetic_);
        fullDownloads_ = synthetic_->downloads(7);
        QCOMPARE(sweep(mock_, store.get(), true).mode, store::SweepMode::Full);
        synthetic_->grow(20);
        QCOMPARE(sweep(mock_, store.get(), false).mode, store::SweepMode::Refresh);
        // And one fetch of a base stores a snapshot of its own.
        hub::HubModel base;
        base.id = synthetic_->id(7);
        base.downloads = 4711;
        fetchDownloads_ = base.downloads;
        base.likes = 3;
        const qint64 fetch =
            store->beginFetch(QStringLiteral("mock"), QStringLiteral("test"), &error);
        QVERIFY2(fetch > 0, qPrintable(error));
        QVERIFY2(store->saveBase(fetch, base, QString(), &error), qPrintable(error));
        QVERIFY2(store->finishFetch(fetch, QStringLiteral("ok"), &error), qPrintable(error));
    }

    void aModelsSnapshotsComeFromSweepsAndFetches() {
        const store::ModelHistory history = store::loadModelHistory(db_, synthetic_->id(7));
        QVERIFY2(history.ok(), qPrintable(history.error));
        // A refresh stops at the first known page: model 7, among the oldest, is not in it.
        QCOMPARE(history.points.size(), size_t(3));
        // All three may fall in one second: compare sweeps and the fetch apart, not by place.
        std::vector<store::SnapshotPoint> swept, fetched;
        for (const store::SnapshotPoint& p : history.points)
            (p.fromSweep ? swept : fetched).push_back(p);
        QCOMPARE(swept.size(), size_t(2));
        QCOMPARE(swept[0].downloads, std::optional<qint64>(firstDownloads_));
        QCOMPARE(swept[1].downloads, std::optional<qint64>(fullDownloads_));
        QVERIFY(swept[0].source < swept[1].source);
        QCOMPARE(fetched.size(), size_t(1));
        QCOMPARE(fetched[0].downloads, std::optional<qint64>(fetchDownloads_));
        QCOMPARE(fetched[0].likes, std::optional<qint64>(3));
        for (size_t i = 1; i < history.points.size(); ++i)
            QVERIFY(history.points[i - 1].takenAt <= history.points[i].takenAt);
    }

    void aNewModelHasOnlyTheRefreshsSnapshot() {
        const store::ModelHistory history =
            store::loadModelHistory(db_, synthetic_->id(synthetic_->size() - 1));
        QVERIFY2(history.ok(), qPrintable(history.error));
        QCOMPARE(history.points.size(), size_t(1));
        QVERIFY(history.points[0].fromSweep);
    }

    void anUnknownModelHasNoSnapshots() {
        const store::ModelHistory history =
            store::loadModelHistory(db_, QStringLiteral("nobody/nothing"));
        QVERIFY(history.ok());
        QVERIFY(history.points.empty());
    }

    void eachSweepsTotals() {
        const store::HubHistory history = store::loadHubHistory(db_);
        QVERIFY2(history.ok(), qPrintable(history.error));
        QCOMPARE(history.sweeps.size(), size_t(3));
        const store::SweepTotals& first = history.sweeps[0];
        QCOMPARE(first.mode, QStringLiteral("first"));
        QVERIFY(first.finished && first.coversHub());
        QCOMPARE(first.models, qint64(kModels));
        QCOMPARE(first.downloads, firstTotal_);
        const store::SweepTotals& full = history.sweeps[1];
        QCOMPARE(full.mode, QStringLiteral("full"));
        QVERIFY(full.coversHub());
        QCOMPARE(full.models, qint64(kModels));
        QCOMPARE(full.downloads, fullTotal_);
        QVERIFY(full.downloads != first.downloads);  // the day moved every figure
        const store::SweepTotals& refresh = history.sweeps[2];
        QCOMPARE(refresh.mode, QStringLiteral("refresh"));
        QVERIFY(!refresh.coversHub());
        QVERIFY(refresh.models >= 20 && refresh.models < kModels);
    }

    void csvHasAHeaderAndARowPerSnapshot() {
        const QString id = synthetic_->id(7);
        const QStringList model =
            QString::fromUtf8(store::modelHistoryCsv(id, store::loadModelHistory(db_, id)))
                .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(model.size(), 4);
        QCOMPARE(model[0], QStringLiteral("model,taken_at,unix,source,downloads,likes"));
        const QStringList fetchRows = model.filter(QStringLiteral(",fetch "));
        QCOMPARE(fetchRows.size(), 1);
        QVERIFY2(fetchRows[0].startsWith(id + QLatin1Char(',')), qPrintable(fetchRows[0]));
        QVERIFY2(fetchRows[0].endsWith(QStringLiteral(",4711,3")), qPrintable(fetchRows[0]));
        QCOMPARE(model.filter(QStringLiteral(",sweep ")).size(), 2);
        const QStringList hub = QString::fromUtf8(store::hubHistoryCsv(store::loadHubHistory(db_)))
                                    .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(hub.size(), 4);
        QCOMPARE(hub[0],
                 QStringLiteral("sweep,mode,finished,taken_at,unix,models,downloads,likes"));
        QVERIFY2(hub[1].startsWith(QStringLiteral("1,first,1,")), qPrintable(hub[1]));
        QVERIFY2(hub[2].contains(QStringLiteral(",%1,").arg(fullTotal_)), qPrintable(hub[2]));
    }

    void aFileThatIsNoStoreIsAClearError() {
        const QString csv = dir_.filePath(QStringLiteral("series.csv"));
        QFile file(csv);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("model,month,count\n");
        file.close();
        const store::HubHistory history = store::loadHubHistory(csv);
        QVERIFY(!history.ok());
        QVERIFY2(history.error.contains(csv), qPrintable(history.error));
        QVERIFY(!store::loadModelHistory(dir_.filePath(QStringLiteral("missing.db")),
                                         QStringLiteral("a/b"))
                     .ok());
    }
};

QTEST_MAIN(TestSnapshotHistory)
#include "test_snapshot_history.moc"
