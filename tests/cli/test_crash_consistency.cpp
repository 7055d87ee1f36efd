// Crash consistency: `hubgrowth fetch` is killed (SIGKILL) at 50 random moments of a multi-page
// fetch against the mock Hub; after each kill `hubgrowth store check` must find a clean store
// and a resumed fetch must end with exactly the mock's children. Each kill is made cheap (a
// small Hub, short pages), not rare: the count stays 50 under the sanitizers too.
#include <QElapsedTimer>
#include <QEventLoop>
#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include "hubgrowth/data/store/hub_store.h"
#include "hubgrowth/testsupport/cli_runner.h"
#include "hubgrowth/testsupport/mock_hub.h"

using namespace hubgrowth;

namespace {

constexpr int kKills = 50;
const QStringList kBases{"mockorg/base-00", "mockorg/base-01"};

struct Run {
    int exitCode = -1;
    bool crashed = false;
    QByteArray out, err;
    qint64 msAfterFirstRequest = -1;  // from the mock's first request to the process's end
};

// Runs the binary while this process keeps serving the mock. With a hub, it times the run from
// the mock's first request (the store is open by then: process start-up, long under the
// sanitizers, is not part of the kill window); killAfterMs >= 0: SIGKILL that long after it.
Run runHubgrowth(const QStringList& args, const QString& home, mockhub::MockHub* hub = nullptr,
                 int killAfterMs = -1) {
    QProcess p;
    p.setProcessEnvironment(testing::isolatedEnvironment(home));
    QEventLoop loop;
    QObject::connect(&p, &QProcess::finished, &loop, &QEventLoop::quit);
    QObject::connect(&p, &QProcess::errorOccurred, &loop, &QEventLoop::quit);
    QTimer watchdog;
    watchdog.setSingleShot(true);
    QObject::connect(&watchdog, &QTimer::timeout, &loop, &QEventLoop::quit);
    watchdog.start(120000);
    QTimer firstRequest;
    QTimer killer;
    killer.setSingleShot(true);
    QObject::connect(&killer, &QTimer::timeout, &p, &QProcess::kill);
    QElapsedTimer sinceFirstRequest;
    if (hub) {
        const int before = hub->requestCount();
        QObject::connect(&firstRequest, &QTimer::timeout, [&, before] {
            if (hub->requestCount() > before) {
                firstRequest.stop();
                sinceFirstRequest.start();
                if (killAfterMs >= 0)
                    killer.start(killAfterMs);
            }
        });
        firstRequest.start(1);
    }
    p.start(QStringLiteral(HUBGROWTH_BINARY), args);
    loop.exec();
    if (p.state() != QProcess::NotRunning) {
        p.kill();
        p.waitForFinished();
        return {};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            p.exitStatus() == QProcess::CrashExit, p.readAllStandardOutput(),
            p.readAllStandardError(),
            sinceFirstRequest.isValid() ? sinceFirstRequest.elapsed() : -1};
}

// The store's children of each base equal the mock's, id for id.
bool exactChildren(const QString& db, const mockhub::MockHub& hub, QString* why) {
    QString error;
    const auto store = store::HubStore::openReadOnly(db, &error);
    if (!store) {
        *why = error;
        return false;
    }
    for (const QString& base : kBases) {
        QSet<QString> expected, stored;
        for (const auto& m : hub.childrenOf(base))
            expected.insert(m.id);
        for (const auto& c : store->children(base, &error))
            stored.insert(c.id);
        if (!error.isEmpty() || stored != expected) {
            *why = QStringLiteral("%1: %2 stored, %3 on the Hub %4")
                       .arg(base)
                       .arg(stored.size())
                       .arg(expected.size())
                       .arg(error);
            return false;
        }
    }
    return true;
}

}  // namespace

class TestCrashConsistency : public QObject {
    Q_OBJECT
  private slots:
    void killedFetchesLeaveCleanStoresAndResumeExactly() {
        mockhub::MockHub hub;
        QVERIFY(hub.start());
        hub.addSyntheticLineage(2, 400);
        hub.setMaxPageSize(40);  // 10 pages per base, each its own transaction
        // Every page after the first waits, so most of a fetch is spent between transactions.
        hub.addFault({mockhub::FaultKind::Slow, "cursor=", -1, 200, 20, {}});
        QTemporaryDir dir;
        const auto fetchArgs = [&](const QString& db) {
            return QStringList{"fetch"} + kBases +
                   QStringList{"--relations", "all", "--endpoint", hub.endpoint().toString(),
                               "--db",        db};
        };
        // How long a whole fetch takes from its first request: the range of kill moments.
        const int before = hub.requestCount();
        Run calibration = runHubgrowth(fetchArgs(dir.filePath("calibration.db")), dir.path(), &hub);
        QVERIFY2(calibration.exitCode == 0, calibration.err.constData());
        QVERIFY(hub.requestCount() - before >= 22);  // 2 infos + 20 pages
        QString why;
        QVERIFY2(exactChildren(dir.filePath("calibration.db"), hub, &why), qPrintable(why));
        // The last tenth is the process writing its summary and exiting: no page left to cut.
        const int span = std::max(50, int(calibration.msAfterFirstRequest * 9 / 10));

        QRandomGenerator rng(13);
        int landed = 0, clean = 0, exact = 0;
        QStringList problems;
        for (int kill = 0; kill < kKills; ++kill) {
            const QString db = dir.filePath(QStringLiteral("crash-%1.db").arg(kill));
            const int at = int(rng.bounded(span));
            const Run killed = runHubgrowth(fetchArgs(db), dir.path(), &hub, at);
            landed += killed.crashed ? 1 : 0;
            const Run check = runHubgrowth({"store", "check", db}, dir.path());
            if (check.exitCode == 0)
                ++clean;
            else
                problems << QStringLiteral("kill %1 at %2 ms: store check: %3")
                                .arg(kill)
                                .arg(at)
                                .arg(QString::fromUtf8(check.err).trimmed());
            const Run resumed = runHubgrowth(fetchArgs(db), dir.path());
            if (resumed.exitCode == 0 && exactChildren(db, hub, &why))
                ++exact;
            else
                problems << QStringLiteral("kill %1 at %2 ms: resumed fetch exit %3: %4 %5")
                                .arg(kill)
                                .arg(at)
                                .arg(resumed.exitCode)
                                .arg(why, QString::fromUtf8(resumed.err).right(300));
        }
        qInfo(
            "crash consistency: %d kills (%d landed mid-fetch), %d/%d clean stores, %d/%d "
            "resumed to exactly the mock's children",
            kKills, landed, clean, kKills, exact, kKills);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.mid(0, 5).join('\n')));
        QVERIFY2(landed >= kKills / 2, "most kills came after the fetch had ended");
    }
};

QTEST_GUILESS_MAIN(TestCrashConsistency)
#include "test_crash_consistency.moc"
