// `hubgrowth fetch` end to end: the real binary against the loopback mock Hub, then `fit` on
// the store and on the export.
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "hubgrowth/data/paper_csv_importer.h"
#include "hubgrowth/testsupport/cli_runner.h"
#include "hubgrowth/testsupport/mock_hub.h"

using namespace hubgrowth;
using mockhub::Fault;
using mockhub::FaultKind;

namespace {

const QByteArray kSecret = "hf_cli_secret_token_987";

using testing::Run;

// Runs the binary with a token while this process keeps serving the mock.
Run runHubgrowth(const QStringList& args, const QString& home) {
    testing::ServedRunOptions options;
    options.environment = testing::isolatedEnvironment(home);
    options.environment.insert("HF_TOKEN", QString::fromLatin1(kSecret));
    options.watchdogMs = 300000;
    return testing::runWhileServing(args, home, options);
}

QByteArray readFile(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

}  // namespace

class TestCliFetch : public QObject {
    Q_OBJECT
  private slots:
    void fetchExportAndFit() {
        mockhub::MockHub hub;
        QVERIFY(hub.start());
        hub.addSyntheticLineage(2, 1300);
        hub.addFault(
            {FaultKind::Status, "filter=base_model:finetune:mockorg/base-01&", 1, 503, 0, {}});
        hub.addFault({FaultKind::RedirectElsewhere, "/api/models/mockorg/base-00?", 1, 302, 0, {}});
        QTemporaryDir dir;
        const QString db = dir.filePath("hub.db"), csv = dir.filePath("series.csv");
        const QStringList base{"fetch",
                               "mockorg/base-00",
                               "mockorg/base-01",
                               "--endpoint",
                               hub.endpoint().toString(),
                               "--db",
                               db};
        Run r = runHubgrowth(base + QStringList{"--export", csv}, dir.path());
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.out.isEmpty());
        QVERIFY2(r.err.contains("2 of 2 models fetched"), r.err.constData());
        QVERIFY(r.err.contains("token from HF_TOKEN"));
        QVERIFY(r.err.contains("1 retries"));
        const int finetunes = hub.childCount("mockorg/base-00", "finetune");
        QVERIFY2(r.err.contains(QStringLiteral("finetune %1)").arg(2 * finetunes).toUtf8()),
                 r.err.constData());
        // The secret appears nowhere but in the Authorization header sent to 127.0.0.1.
        QVERIFY(!r.err.contains(kSecret));
        QVERIFY(!readFile(db).contains(kSecret));
        QVERIFY(!readFile(csv).contains(kSecret));
        int elsewhere = 0;
        for (const auto& req : hub.requests()) {
            if (req.host == QHostAddress("127.0.0.2")) {
                ++elsewhere;
                QVERIFY(req.authorization.isEmpty());
            } else {
                QCOMPARE(req.authorization, QByteArray("Bearer ") + kSecret);
            }
        }
        QCOMPARE(elsewhere, 1);

        const ImportResult exported = importPaperCsv(csv);
        QVERIFY2(exported.ok(), qPrintable(exported.error));
        QCOMPARE(int(exported.dataset.series.size()), 2);
        for (const ModelSeries& s : exported.dataset.series) {
            const QString id = QString::fromStdString(s.id);
            QCOMPARE(int(s.lastCount()),
                     hub.childCount(id, "finetune") - hub.childCountUnknownDate(id, "finetune"));
            QCOMPARE(s.org, std::string("mockorg"));
        }

        for (const QStringList& fit :
             {QStringList{"fit", "--db", db}, QStringList{"fit", db}, QStringList{"fit", csv}}) {
            r = runHubgrowth(fit, dir.path());
            QVERIFY2(r.exitCode == 0, r.err.constData());
            QCOMPARE(r.out.count('\n'), 3);  // header + 2 fits
            QVERIFY(r.out.contains("mockorg/base-01"));
        }
        r = runHubgrowth({"fit", "--db", db, "--relations", "all"}, dir.path());
        QCOMPARE(r.exitCode, 0);
        QVERIFY(
            r.err.contains("adapter children were not fetched"));  // only fine-tunes were listed

        // A second run refreshes: newest first, one page per base, nothing doubled.
        hub.clearRequests();
        r = runHubgrowth(base + QStringList{"--export", csv}, dir.path());
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(hub.requestCount(), 4);
        QCOMPARE(importPaperCsv(csv).dataset.series.front().lastCount(),
                 exported.dataset.series.front().lastCount());
    }

    // SIGTERM cancels and keeps whole pages (exit 3); SIGKILL gives no chance to clean up, yet
    // the store opens again, keeps every committed page and the next fetch resumes from the
    // saved cursor (each page is one SQLite transaction).
    void interruptedThenResumed_data() {
        QTest::addColumn<bool>("kill");
        QTest::newRow("SIGTERM") << false;
        QTest::newRow("SIGKILL") << true;
    }
    void interruptedThenResumed() {
        QFETCH(bool, kill);
        mockhub::MockHub hub;
        QVERIFY(hub.start());
        hub.addSyntheticLineage(1, 2600);  // 6 pages
        hub.addFault({FaultKind::Slow, "cursor=", -1, 200, 300, {}});
        QTemporaryDir dir;
        const QStringList args{
            "fetch",      "mockorg/base-00",         "--relations", "all",
            "--endpoint", hub.endpoint().toString(), "--db",        dir.filePath("r.db"),
            "--export",   dir.filePath("r.csv")};
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("HOME", dir.path());
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(HUBGROWTH_BINARY), args);
        // info, pages 1-3 asked: page 1 is committed before page 3 is asked for.
        QTRY_VERIFY_WITH_TIMEOUT(hub.requestCount() >= 4, 60000);
        if (kill)
            p.kill();
        else
            p.terminate();
        QTRY_VERIFY_WITH_TIMEOUT(p.state() == QProcess::NotRunning, 60000);
        if (kill) {
            QCOMPARE(p.exitStatus(), QProcess::CrashExit);
        } else {
            QCOMPARE(p.exitCode(), 3);
            QVERIFY2(p.readAllStandardError().contains("interrupted"), "no 'interrupted' message");
        }
        hub.clearFaults();
        hub.clearRequests();
        const Run r = runHubgrowth(args, dir.path());
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(hub.requestCount() < 1 + 6);  // resumed from the saved cursor
        const ImportResult series = importPaperCsv(dir.filePath("r.csv"));
        QVERIFY(series.ok());
        QCOMPARE(
            int(series.dataset.series.front().lastCount()),
            hub.childCount("mockorg/base-00") - hub.childCountUnknownDate("mockorg/base-00", {}));
    }

    void someModelsFailExitThree() {
        mockhub::MockHub hub;
        QVERIFY(hub.start());
        hub.addSyntheticLineage(1, 10);
        QTemporaryDir dir;
        const Run r =
            runHubgrowth({"fetch", "mockorg/base-00", "nobody/missing", "--relations", "all",
                          "--endpoint", hub.endpoint().toString(), "--db", dir.filePath("x.db")},
                         dir.path());
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains("failed: nobody/missing: HTTP 401"), r.err.constData());
        QVERIFY(r.err.contains("RepoNotFound"));
        QVERIFY(r.err.contains("1 of 2 models fetched"));
        const Run none = runHubgrowth({"fetch", "nobody/missing", "--endpoint",
                                       hub.endpoint().toString(), "--db", dir.filePath("x.db")},
                                      dir.path());
        QCOMPARE(none.exitCode, 1);  // nothing at all could be fetched
    }

    void authorAndFatalListing() {
        mockhub::MockHub hub;
        QVERIFY(hub.start());
        hub.addSyntheticLineage(3, 60);
        QTemporaryDir dir;
        Run r =
            runHubgrowth({"fetch", "--author", "mockorg", "--endpoint", hub.endpoint().toString(),
                          "--db", dir.filePath("a.db"), "--export", "-"},
                         dir.path());
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.err.contains("3 of 3 models fetched"));
        QCOMPARE(r.out.count('\n'), 4);  // the export went to stdout: header + 3 bases
        hub.addFault({FaultKind::Status, "author=", -1, 404, 0, {}});
        r = runHubgrowth({"fetch", "--author", "mockorg", "--endpoint", hub.endpoint().toString(),
                          "--db", dir.filePath("a.db")},
                         dir.path());
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("cannot list author mockorg: HTTP 404"), r.err.constData());
        r = runHubgrowth({"fetch", "a/b", "--db", "/nonexistent/dir/x.db", "--endpoint",
                          hub.endpoint().toString()},
                         dir.path());
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("cannot open the store"));
    }

    void usageErrorsExitTwo_data() {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("nothing") << QStringList{"fetch"};
        QTest::newRow("ids and author") << QStringList{"fetch", "a/b", "--author", "x"};
        QTest::newRow("top and author") << QStringList{"fetch", "--top", "3", "--author", "x"};
        QTest::newRow("bad top") << QStringList{"fetch", "--top", "0"};
        QTest::newRow("depth alone") << QStringList{"fetch", "a/b", "--depth", "2"};
        QTest::newRow("bad relation") << QStringList{"fetch", "a/b", "--relations", "distill"};
        QTest::newRow("bad endpoint") << QStringList{"fetch", "a/b", "--endpoint", "ftp://x"};
        QTest::newRow("bad id") << QStringList{"fetch", "a/b/c"};
        QTest::newRow("unknown option") << QStringList{"fetch", "a/b", "--bogus"};
        QTest::newRow("fit relations without db")
            << QStringList{"fit", "demo", "--relations", "all"};
    }
    void usageErrorsExitTwo() {
        QFETCH(QStringList, args);
        QTemporaryDir dir;
        const Run r = runHubgrowth(args, dir.path());
        QCOMPARE(r.exitCode, 2);
        QVERIFY(!r.err.isEmpty());
        QVERIFY(r.out.isEmpty());
    }

    void helpListsTheVerb() {
        QTemporaryDir dir;
        Run r = runHubgrowth({"--help"}, dir.path());
        QVERIFY(r.out.contains("fetch"));
        r = runHubgrowth({"fetch", "--help"}, dir.path());
        QCOMPARE(r.exitCode, 0);
        for (const char* option : {"--author", "--top", "--relations", "--recursive", "--depth",
                                   "--endpoint", "--db", "--export"}) {
            QVERIFY2(r.out.contains(option), option);
        }
    }
};

QTEST_GUILESS_MAIN(TestCliFetch)
#include "test_cli_fetch.moc"
