// Crash consistency: `hubgrowth fetch` is killed (SIGKILL) at 50 random moments of a multi-page
// fetch against the mock Hub; after each kill `hubgrowth store check` must find a clean store
// and a resumed fetch must end with exactly the mock's children. Each kill is made cheap (a
// small Hub, short pages), not rare: the count stays 50 under the sanitizers too.
#include <signal.h>
#include <sys/resource.h>

#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

#include "hubgrowth/data/store/hub_store.h"
#include "hubgrowth/testsupport/cli_runner.h"
#include "hubgrowth/testsupport/mock_hub.h"

using namespace hubgrowth;

namespace {

constexpr int kKills = 50;
const QStringList kBases{"mockorg/base-00", "mockorg/base-01"};

using testing::Run;
using testing::runWhileServing;

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

int storedChildren(const QString& db) {
    QString error;
    const auto store = store::HubStore::openReadOnly(db, &error);
    int count = 0;
    for (const QString& base : kBases)
        count += store ? static_cast<int>(store->children(base, &error).size()) : 0;
    return count;
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
        Run calibration =
            runWhileServing(fetchArgs(dir.filePath("calibration.db")), dir.path(), &hub);
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
            const Run killed = runWhileServing(fetchArgs(db), dir.path(), &hub, at);
            landed += killed.crashed ? 1 : 0;
            const Run check = runWhileServing({"store", "check", db}, dir.path());
            if (check.exitCode == 0)
                ++clean;
            else
                problems << QStringLiteral("kill %1 at %2 ms: store check: %3")
                                .arg(kill)
                                .arg(at)
                                .arg(QString::fromUtf8(check.err).trimmed());
            const Run resumed = runWhileServing(fetchArgs(db), dir.path());
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

    // The disk fills up in the middle of a fetch (a file size limit: the same failed write as
    // ENOSPC, EFBIG in SQLite's log or database file). The fetch stops with one clear line, the
    // store keeps every whole page, and a fetch with room again resumes to the mock's children.
    void fullDiskMidFetchKeepsWholePagesAndResumes() {
        mockhub::MockHub hub;
        QVERIFY(hub.start());
        hub.addSyntheticLineage(2, 400);
        hub.setMaxPageSize(40);
        QTemporaryDir dir;
        const auto fetchArgs = [&](const QString& db) {
            return QStringList{"fetch"} + kBases +
                   QStringList{"--relations", "all", "--endpoint", hub.endpoint().toString(),
                               "--db",        db};
        };
        const QString whole = dir.filePath("whole.db");
        const Run reference = runWhileServing(fetchArgs(whole), dir.path(), &hub);
        QVERIFY2(reference.exitCode == 0, reference.err.constData());
        const qint64 wholeSize = QFileInfo(whole).size();
        QVERIFY(wholeSize > 64 * 1024);

        for (const int percent : {40, 70, 150, 250}) {
            const QString db = dir.filePath(QStringLiteral("full-%1.db").arg(percent));
            const auto bytes = static_cast<rlim_t>(wholeSize * percent / 100);
            testing::ServedRunOptions options;
            options.hub = &hub;
            options.childModifier = [bytes] {
                ::signal(SIGXFSZ, SIG_IGN);  // EFBIG from write() instead of being killed
                const rlimit limit{bytes, bytes};
                ::setrlimit(RLIMIT_FSIZE, &limit);
            };
            const Run full = runWhileServing(fetchArgs(db), dir.path(), options);
            QVERIFY2(full.exitCode == 1, full.err.constData());
            // One error line, naming the store and the cause, and nothing after it.
            const QStringList lines = QString::fromUtf8(full.err).trimmed().split('\n');
            QVERIFY2(lines.last().contains(db + QLatin1String(": the disk is full")),
                     full.err.constData());
            QCOMPARE(lines.filter(QLatin1String("disk")).size(), 1);
            QVERIFY2(!full.err.contains("rollback"), full.err.constData());

            const Run check = runWhileServing({"store", "check", db}, dir.path());
            QVERIFY2(check.exitCode == 0, check.err.constData());
            const int kept = storedChildren(db);
            qInfo("disk full at %d %% of the whole store: %d children kept, exit 1, store clean",
                  percent, kept);
            if (percent >= 70)
                QVERIFY(kept > 0);  // the pages before the full disk stay
            const Run resumed = runWhileServing(fetchArgs(db), dir.path());
            QVERIFY2(resumed.exitCode == 0, resumed.err.constData());
            QString why;
            QVERIFY2(exactChildren(db, hub, &why), qPrintable(why));
        }
    }
};

QTEST_GUILESS_MAIN(TestCrashConsistency)
#include "test_crash_consistency.moc"
