// Two `hubgrowth fetch` processes started together on a store that does not exist yet: creation
// and migration are one exclusive transaction with a busy timeout, so both succeed, the store is
// clean and holds exactly the mock's children (before: one of them failed in 8 of 10 tries with
// "database is locked", "table models already exists" or "duplicate column name").
#include <QEventLoop>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>
#include <memory>

#include "hubgrowth/data/store/hub_store.h"
#include "hubgrowth/testsupport/cli_runner.h"
#include "hubgrowth/testsupport/mock_hub.h"

using namespace hubgrowth;

namespace {

constexpr int kTries = 10;
const QString kBase = QStringLiteral("mockorg/base-00");

struct Finished {
    int exitCode = -1;
    QByteArray err;
};

// Starts every argument list at once and serves the mock until all have ended.
std::vector<Finished> runTogether(const std::vector<QStringList>& argLists, const QString& home) {
    std::vector<std::unique_ptr<QProcess>> processes;
    QEventLoop loop;
    int running = 0;
    for (size_t i = 0; i < argLists.size(); ++i) {
        auto p = std::make_unique<QProcess>();
        p->setProcessEnvironment(testing::isolatedEnvironment(home));
        QObject::connect(p.get(), &QProcess::finished, &loop, [&] {
            if (--running == 0)
                loop.quit();
        });
        processes.push_back(std::move(p));
    }
    for (size_t i = 0; i < processes.size(); ++i) {
        processes[i]->start(QStringLiteral(HUBGROWTH_BINARY), argLists[i]);
        ++running;
    }
    QTimer::singleShot(120000, &loop, &QEventLoop::quit);
    loop.exec();
    std::vector<Finished> out;
    for (auto& p : processes) {
        if (p->state() != QProcess::NotRunning) {
            p->kill();
            p->waitForFinished();
            out.push_back({-1, "did not finish in two minutes"});
            continue;
        }
        out.push_back({p->exitStatus() == QProcess::NormalExit ? p->exitCode() : -1,
                       p->readAllStandardError()});
    }
    return out;
}

}  // namespace

class TestConcurrentFetch : public QObject {
    Q_OBJECT
  private slots:
    void twoFetchesCreatingOneStoreBothSucceed() {
        mockhub::MockHub hub;
        QVERIFY(hub.start());
        hub.addSyntheticLineage(1, 120);
        hub.setMaxPageSize(30);
        QSet<QString> expected;
        for (const auto& m : hub.childrenOf(kBase))
            expected.insert(m.id);
        QTemporaryDir dir;
        QStringList problems;
        for (int attempt = 0; attempt < kTries; ++attempt) {
            const QString db = dir.filePath(QStringLiteral("new-%1.db").arg(attempt));
            const QStringList args{
                "fetch", kBase, "--relations", "all", "--endpoint", hub.endpoint().toString(),
                "--db",  db};
            const std::vector<Finished> runs = runTogether({args, args}, dir.path());
            for (size_t i = 0; i < runs.size(); ++i) {
                if (runs[i].exitCode != 0)
                    problems << QStringLiteral("try %1, process %2: exit %3: %4")
                                    .arg(attempt)
                                    .arg(i)
                                    .arg(runs[i].exitCode)
                                    .arg(QString::fromUtf8(runs[i].err).right(300));
            }
            const testing::Run check = testing::runHubgrowth({"store", "check", db});
            if (check.exitCode != 0)
                problems << QStringLiteral("try %1: store check: %2")
                                .arg(attempt)
                                .arg(QString::fromUtf8(check.err).trimmed());
            QString error;
            const auto store = store::HubStore::openReadOnly(db, &error);
            if (!store) {
                problems << QStringLiteral("try %1: %2").arg(attempt).arg(error);
                continue;
            }
            QSet<QString> stored;
            for (const auto& c : store->children(kBase, &error))
                stored.insert(c.id);
            if (!error.isEmpty() || stored != expected)
                problems << QStringLiteral("try %1: %2 children stored, %3 on the Hub %4")
                                .arg(attempt)
                                .arg(stored.size())
                                .arg(expected.size())
                                .arg(error);
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.mid(0, 5).join('\n')));
    }
};

QTEST_GUILESS_MAIN(TestConcurrentFetch)
#include "test_concurrent_fetch.moc"
