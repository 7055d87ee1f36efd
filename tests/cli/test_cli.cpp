// End-to-end tests of the command line: the real binary, run as a user would.
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "common/reference_data.h"
#include "demo/demo_generator.h"
#include "io/csv_reader.h"

using namespace hubgrowth;

namespace {

struct Run {
    int exitCode = -1;
    QByteArray out, err;
};

Run runHubgrowth(const QStringList& args) {
    QProcess p;
    p.start(QStringLiteral(HUBGROWTH_BINARY), args);
    p.waitForFinished(300000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

QString fixture(const QString& name) { return QStringLiteral(HUBGROWTH_FIXTURES_DIR "/") + name; }

}  // namespace

class TestCli : public QObject {
    Q_OBJECT
private slots:
    void versionAndHelp() {
        Run r = runHubgrowth({"--version"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.startsWith("hubgrowth 0."));
        r = runHubgrowth({"--help"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("fit"));
        QVERIFY(r.out.contains("forecast"));
        r = runHubgrowth({"fit", "--help"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("--threads"));
    }

    void fitWritesOneRowPerEligibleSeries() {
        const Run r = runHubgrowth({"fit", "demo", "--threads", "2"});
        QCOMPARE(r.exitCode, 0);
        const CsvDocument doc = parseCsv(r.out.toStdString());
        QVERIFY(doc.ok());
        const std::vector<std::string> leading{"model", "org", "created_at", "n_months", "last_count", "m",
                                               "lambda", "mu", "sigma", "sse", "rmse", "r2", "converged", "ultimate"};
        const auto& header = doc.records[0].fields;
        QVERIFY(header.size() >= leading.size());
        QCOMPARE(std::vector<std::string>(header.begin(), header.begin() + 14), leading);
        int eligible = 0;
        for (const auto& s : generateDemoDataset().series) eligible += s.observedMonths() >= 3 ? 1 : 0;
        QCOMPARE(int(doc.records.size()) - 1, eligible);
        for (size_t i = 1; i < doc.records.size(); ++i) {
            const auto& row = doc.records[i].fields;
            QCOMPARE(row.size(), header.size());
            QCOMPARE(row[5], std::string("100"));
            for (int c : {6, 7, 8, 9}) QVERIFY2(!row[c].empty(), row[0].c_str());  // finite numbers
        }
        QVERIFY(r.err.contains("series fitted"));
        QVERIFY(r.err.contains("synthetic"));
    }

    void fitHonoursMAndOut() {
        QTemporaryDir dir;
        const QString out = dir.filePath("fits.csv");
        const Run r = runHubgrowth({"fit", fixture("paper-small.csv"), "--m", "30", "--out", out});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.isEmpty());
        QFile file(out);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const CsvDocument doc = parseCsv(file.readAll().toStdString());
        QCOMPARE(doc.records.size(), size_t(4));  // header + 3 series with >= 3 months
        QCOMPARE(doc.records[1].fields[0], std::string("acme/alpha"));
        QCOMPARE(doc.records[1].fields[5], std::string("30"));
    }

    void inputErrorsExitOneWithOneLine_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("missing") << QStringList{"fit", "/nonexistent/in.csv"} << "/nonexistent/in.csv: no such file";
        QTest::newRow("malformed") << QStringList{"fit", fixture("paper-bad-number.csv")} << "paper-bad-number.csv:3:3:";
        QTest::newRow("unknown model") << QStringList{"forecast", "demo", "--model", "nope/none"} << "no model 'nope/none'";
        QTest::newRow("unwritable out") << QStringList{"fit", fixture("paper-small.csv"), "--out", "/nonexistent/dir/x.csv"} << "/nonexistent/dir/x.csv: cannot write";
    }
    void inputErrorsExitOneWithOneLine() {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const Run r = runHubgrowth(args);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(QString::fromUtf8(r.err).contains(message), r.err.constData());
        QCOMPARE(r.err.count('\n'), 1);
    }

    void usageErrorsExitTwo_data() {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("no input") << QStringList{"fit"};
        QTest::newRow("bad m") << QStringList{"fit", "demo", "--m", "zero"};
        QTest::newRow("negative m") << QStringList{"fit", "demo", "--m", "-3"};
        QTest::newRow("bad threads") << QStringList{"fit", "demo", "--threads", "x"};
        QTest::newRow("unknown option") << QStringList{"fit", "demo", "--bogus"};
        QTest::newRow("forecast without model") << QStringList{"forecast", "demo"};
        QTest::newRow("bad horizon") << QStringList{"forecast", "demo", "--model", "a", "--horizon", "-1"};
    }
    void usageErrorsExitTwo() {
        QFETCH(QStringList, args);
        const Run r = runHubgrowth(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY(!r.err.isEmpty());
        QVERIFY(r.out.isEmpty());
    }

    void forecastExtendsBeyondTheData() {
        const Dataset demo = generateDemoDataset();
        const ModelSeries* pick = nullptr;
        for (const auto& s : demo.series) {
            if (s.observedMonths() >= 10 && s.lastCount() > 50) {
                pick = &s;
                break;
            }
        }
        QVERIFY(pick);
        const Run r = runHubgrowth({"forecast", "demo", "--model", QString::fromStdString(pick->id), "--horizon", "6"});
        QCOMPARE(r.exitCode, 0);
        const CsvDocument doc = parseCsv(r.out.toStdString());
        QCOMPARE(doc.records[0].fields, (std::vector<std::string>{"month", "actual", "fitted", "lo80",
                                                                  "hi80", "lo95", "hi95"}));
        QCOMPARE(int(doc.records.size()) - 1, pick->observedMonths() + 6);
        for (int k = 0; k < pick->observedMonths(); ++k) {
            QCOMPARE(std::stod(doc.records[static_cast<size_t>(k) + 1].fields[1]), pick->counts[static_cast<size_t>(k)]);
        }
        QVERIFY(doc.records.back().fields[1].empty());  // no actual beyond the data
        QVERIFY(std::stod(doc.records.back().fields[2]) >= std::stod(doc.records[1].fields[2]));
    }

    void fitsEveryRealSeries() {
        HUBGROWTH_REQUIRE_REFERENCE();
        const Run r = runHubgrowth({"fit", testing::referenceFinetuneDir()});
        QCOMPARE(r.exitCode, 0);
        const CsvDocument doc = parseCsv(r.out.toStdString());
        QCOMPARE(int(doc.records.size()) - 1, 2721);  // every series with >= 3 months
        for (size_t i = 1; i < doc.records.size(); ++i) {
            for (int c : {6, 7, 8, 9}) QVERIFY2(!doc.records[i].fields[c].empty(), doc.records[i].fields[0].c_str());
        }
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "test_cli.moc"
