// `hubgrowth snapshots`: the store's download history as CSV, from a store the real binary swept
// (`fetch --all`, then `--full` a day later) out of a small synthetic Hub on the loopback mock.
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include "hubgrowth/testsupport/cli_runner.h"
#include "hubgrowth/testsupport/mock_hub.h"
#include "hubgrowth/testsupport/synthetic_hub.h"

using namespace hubgrowth;
using testing::Run;
using testing::runWhileServing;

namespace {

constexpr int kHubSize = 1000;

QStringList lines(const QByteArray& csv) {
    return QString::fromUtf8(csv).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

}  // namespace

class TestCliSnapshots : public QObject {
    Q_OBJECT
    mockhub::MockHub hub_;
    std::shared_ptr<mockhub::SyntheticHub> synthetic_;
    QTemporaryDir dir_;
    QString db_;
    qint64 firstTotal_ = 0, fullTotal_ = 0;

    Run snapshots(const QStringList& args) {
        return runWhileServing(QStringList{QStringLiteral("snapshots")} + args, dir_.path());
    }

  private slots:
    void initTestCase() {
        QVERIFY(hub_.start());
        synthetic_ = std::make_shared<mockhub::SyntheticHub>(kHubSize);
        hub_.setSyntheticHub(synthetic_);
        hub_.setMaxPageSize(250);
        db_ = dir_.filePath(QStringLiteral("hub.db"));
        const QStringList sweep{"fetch", "--all", "--endpoint", hub_.endpoint().toString(),
                                "--db",  db_};
        for (int i = 0; i < kHubSize; ++i)
            firstTotal_ += synthetic_->downloads(i);
        Run r = runWhileServing(sweep, dir_.path());
        QVERIFY2(r.exitCode == 0, r.err.constData());
        synthetic_->nextDay();
        for (int i = 0; i < kHubSize; ++i)
            fullTotal_ += synthetic_->downloads(i);
        r = runWhileServing(sweep + QStringList{"--full"}, dir_.path());
        QVERIFY2(r.exitCode == 0, r.err.constData());
    }

    void everySweepsTotalsToStdout() {
        const Run r = snapshots({"--db", db_});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QStringList rows = lines(r.out);
        QCOMPARE(rows.size(), 3);
        QCOMPARE(rows[0],
                 QStringLiteral("sweep,mode,finished,taken_at,unix,models,downloads,likes"));
        const QStringList first = rows[1].split(QLatin1Char(','));
        QCOMPARE(first.value(1), QStringLiteral("first"));
        QCOMPARE(first.value(5), QString::number(kHubSize));
        QCOMPARE(first.value(6), QString::number(firstTotal_));
        const QStringList full = rows[2].split(QLatin1Char(','));
        QCOMPARE(full.value(1), QStringLiteral("full"));
        QCOMPARE(full.value(6), QString::number(fullTotal_));
        QVERIFY2(r.err.contains("2 sweeps"), r.err.constData());
    }

    void oneModelsSnapshotsToAFile() {
        const QString id = synthetic_->id(3);
        const QString out = dir_.filePath(QStringLiteral("model.csv"));
        const Run r = snapshots({"--db", db_, "--model", id, "--out", out});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.out.isEmpty());
        QFile file(out);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QStringList rows = lines(file.readAll());
        QCOMPARE(rows.size(), 3);
        QCOMPARE(rows[0], QStringLiteral("model,taken_at,unix,source,downloads,likes"));
        QVERIFY2(rows[2].startsWith(id + QStringLiteral(",")), qPrintable(rows[2]));
        QCOMPARE(rows[2].split(QLatin1Char(',')).value(4),
                 QString::number(synthetic_->downloads(3)));
        QVERIFY2(rows[1].contains(QStringLiteral(",sweep 1,")), qPrintable(rows[1]));
    }

    void badInputSaysWhat() {
        Run r = snapshots({});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("--db"), r.err.constData());
        r = snapshots({"--db", db_, "--model", "nobody/nothing"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("no snapshot of 'nobody/nothing'"), r.err.constData());
        const QString csv = dir_.filePath(QStringLiteral("series.csv"));
        QFile file(csv);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("model,month,count\nx/y,0,1\n");
        file.close();
        r = snapshots({"--db", csv});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(csv.toUtf8()), r.err.constData());
        QVERIFY(r.out.isEmpty());
    }
};

QTEST_MAIN(TestCliSnapshots)
#include "test_cli_snapshots.moc"
