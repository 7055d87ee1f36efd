// End-to-end tests of the command line: the real binary, run as a user would.
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

#include "hubgrowth/core/demo/demo_generator.h"
#include "hubgrowth/core/io/csv_reader.h"
#include "hubgrowth/testsupport/cli_runner.h"
#include "hubgrowth/testsupport/reference_data.h"

using namespace hubgrowth;

namespace {

using testing::Run;
using testing::runHubgrowth;

QString fixture(const QString& name) {
    return QStringLiteral(HUBGROWTH_FIXTURES_DIR "/") + name;
}

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
        QVERIFY(r.out.contains("export-chart"));
        r = runHubgrowth({"fit", "--help"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("--threads"));
        // Every verb's help names the command a user types, not the executable's path.
        for (const char* verb :
             {"fit", "forecast", "backtest", "fetch", "successors", "export-chart"}) {
            r = runHubgrowth({verb, "--help"});
            QCOMPARE(r.exitCode, 0);
            QVERIFY2(r.out.startsWith(
                         QStringLiteral("Usage: hubgrowth %1 [options]").arg(verb).toUtf8()),
                     qPrintable(r.out.left(80)));
        }
        // A usage error names the verb and points to its help.
        r = runHubgrowth({"backtest", "demo"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("hubgrowth backtest: needs --train-months K and --horizon H\n"
                                "Try 'hubgrowth backtest --help'."),
                 qPrintable(r.err));
    }

    void fitWritesOneRowPerEligibleSeries() {
        const Run r = runHubgrowth({"fit", "demo", "--threads", "2"});
        QCOMPARE(r.exitCode, 0);
        const CsvDocument doc = parseCsv(r.out.toStdString());
        QVERIFY(doc.ok());
        const std::vector<std::string> leading{
            "model", "org",   "created_at", "n_months", "last_count", "m",         "lambda",
            "mu",    "sigma", "sse",        "rmse",     "r2",         "converged", "ultimate"};
        const auto& header = doc.records[0].fields;
        QVERIFY(header.size() >= leading.size());
        QCOMPARE(std::vector<std::string>(header.begin(), header.begin() + 14), leading);
        int eligible = 0;
        for (const auto& s : generateDemoDataset().series)
            eligible += s.observedMonths() >= 3 ? 1 : 0;
        QCOMPARE(int(doc.records.size()) - 1, eligible);
        for (size_t i = 1; i < doc.records.size(); ++i) {
            const auto& row = doc.records[i].fields;
            QCOMPARE(row.size(), header.size());
            QCOMPARE(row[5], std::string("100"));
            for (int c : {6, 7, 8, 9})
                QVERIFY2(!row[c].empty(), row[0].c_str());  // finite numbers
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
        QTest::newRow("missing") << QStringList{"fit", "/nonexistent/in.csv"}
                                 << "/nonexistent/in.csv: no such file";
        QTest::newRow("malformed")
            << QStringList{"fit", fixture("paper-bad-number.csv")} << "paper-bad-number.csv:3:3:";
        QTest::newRow("unknown model")
            << QStringList{"forecast", "demo", "--model", "nope/none"} << "no model 'nope/none'";
        QTest::newRow("unwritable out")
            << QStringList{"fit", fixture("paper-small.csv"), "--out", "/nonexistent/dir/x.csv"}
            << "/nonexistent/dir/x.csv: cannot write";
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
        QTest::newRow("bad horizon")
            << QStringList{"forecast", "demo", "--model", "a", "--horizon", "-1"};
        QTest::newRow("horizon beyond 100 years")
            << QStringList{"forecast", "demo", "--model", "a", "--horizon", "1201"};
        QTest::newRow("backtest horizon beyond 100 years")
            << QStringList{"backtest", "demo", "--train-months", "3", "--horizon", "4000000"};
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
        const Run r = runHubgrowth(
            {"forecast", "demo", "--model", QString::fromStdString(pick->id), "--horizon", "6"});
        QCOMPARE(r.exitCode, 0);
        const CsvDocument doc = parseCsv(r.out.toStdString());
        QCOMPARE(doc.records[0].fields, (std::vector<std::string>{"month", "actual", "fitted",
                                                                  "lo80", "hi80", "lo95", "hi95"}));
        QCOMPARE(int(doc.records.size()) - 1, pick->observedMonths() + 6);
        for (int k = 0; k < pick->observedMonths(); ++k) {
            QCOMPARE(std::stod(doc.records[static_cast<size_t>(k) + 1].fields[1]),
                     pick->counts[static_cast<size_t>(k)]);
        }
        QVERIFY(doc.records.back().fields[1].empty());  // no actual beyond the data
        QVERIFY(std::stod(doc.records.back().fields[2]) >= std::stod(doc.records[1].fields[2]));
    }

    void exportChartWritesPngAndSvg() {
        QTemporaryDir dir;
        const QString png = dir.filePath("curve.png");
        const Run r = runHubgrowth(
            {"export-chart", "demo", "--chart", "curve", "--out", png, "--size", "640x400"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QFile file(png);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QVERIFY(bytes.startsWith("\x89PNG\r\n\x1a\n"));
        // IHDR: width and height, big-endian, at bytes 16..23.
        auto be32 = [&](int at) {
            return (quint32(uchar(bytes[at])) << 24) | (quint32(uchar(bytes[at + 1])) << 16) |
                   (quint32(uchar(bytes[at + 2])) << 8) | quint32(uchar(bytes[at + 3]));
        };
        QCOMPARE(be32(16), 640u);
        QCOMPARE(be32(20), 400u);
        QVERIFY(bytes.size() > 5000);  // a drawn chart, not an empty canvas

        const Dataset demo = generateDemoDataset();
        const QString svg = dir.filePath("parameters.svg");
        const Run s = runHubgrowth({"export-chart", "demo", "--chart", "parameters", "--model",
                                    QString::fromStdString(demo.series[3].id), "--out", svg});
        QVERIFY2(s.exitCode == 0, s.err.constData());
        QFile svgFile(svg);
        QVERIFY(svgFile.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&svgFile);
        int elements = 0;
        while (!xml.atEnd())
            elements += xml.readNext() == QXmlStreamReader::StartElement;
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY(elements > 50);
    }

    void exportChartWritesTheDataItDrawsAsCsv() {
        QTemporaryDir dir;
        const QString csv = dir.filePath("curve.csv");
        const Run r =
            runHubgrowth({"export-chart", "demo", "--chart", "curve", "--out", csv, "--log",
                          "--method", "linear", "--horizon", "6", "--train-months", "12"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const CsvDocument doc = parseCsv(file.readAll().toStdString());
        QVERIFY(doc.ok());
        const auto& header = doc.records[0].fields;
        QCOMPARE(header, (std::vector<std::string>{"series", "x", "y", "y_lo80", "y_hi80", "y_lo95",
                                                   "y_hi95"}));
        int forecast = 0, heldOut = 0;
        double lastFitted = 0.0;
        for (size_t i = 1; i < doc.records.size(); ++i) {
            const auto& row = doc.records[i].fields;
            if (row[0] == "observed")
                lastFitted = std::max(lastFitted, std::stod(row[1]));
            heldOut += row[0] == "held out (not fitted)";
            if (row[0].rfind("forecast (linear)", 0) == 0) {
                ++forecast;
                QVERIFY(!row[3].empty() || std::stod(row[1]) == 11.0);
            }
        }
        QCOMPARE(lastFitted, 11.0);  // fitted on the first 12 months
        QVERIFY(heldOut > 0);
        QCOMPARE(forecast, 7);  // month 11 and 6 months ahead

        const QString svg = dir.filePath("curve.svg");
        const Run s = runHubgrowth({"export-chart", "demo", "--chart", "curve", "--out", svg,
                                    "--method", "linear", "--horizon", "6"});
        QVERIFY2(s.exitCode == 0, s.err.constData());
        QFile svgFile(svg);
        QVERIFY(svgFile.open(QIODevice::ReadOnly));
        QVERIFY(svgFile.readAll().contains("c(+6 mo, linear)"));  // the caption
    }

    // The command line's export labels a log axis for the size it exports at: several decades
    // (a never-shown widget's default size gave one label for five decades), none below 0.01.
    void exportedLogCurveLabelsItsDecades() {
        QTemporaryDir dir;
        const QString svg = dir.filePath("log.svg");
        const Run r = runHubgrowth({"export-chart", "demo", "--chart", "curve", "--log", "--out",
                                    svg, "--size", "1600x1000"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QFile file(svg);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&file);
        QSet<double> decades;
        while (!xml.atEnd()) {
            if (xml.readNext() != QXmlStreamReader::Characters)
                continue;
            bool number = false;
            const double value = xml.text().toString().trimmed().toDouble(&number);
            if (!number || value <= 0.0)
                continue;
            QVERIFY2(value >= 0.01, qPrintable(xml.text().toString()));
            const double exponent = std::log10(value);
            if (value >= 100.0 && std::abs(exponent - std::round(exponent)) < 1e-9)
                decades.insert(value);  // 100, 1000, ...: y labels (months stay below 100)
        }
        QVERIFY2(decades.size() >= 2, qPrintable(QString::number(decades.size())));
    }

    void exportChartRejectsBadRequests_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown chart")
            << QStringList{"export-chart", "demo", "--chart", "pie", "--out", "x.png"} << 2
            << "unknown chart 'pie'";
        QTest::newRow("no out") << QStringList{"export-chart", "demo"} << 2 << "--out";
        QTest::newRow("bad size") << QStringList{"export-chart", "demo",   "--out",
                                                 "x.png",        "--size", "huge"}
                                  << 2 << "--size";
        QTest::newRow("bad format")
            << QStringList{"export-chart", "demo", "--out", "/tmp/x.gif"} << 1 << "gif";
        QTest::newRow("unknown model")
            << QStringList{"export-chart", "demo", "--model", "no/pe", "--out", "x.png"} << 1
            << "no model 'no/pe'";
        QTest::newRow("missing input")
            << QStringList{"export-chart", "/nonexistent/in.csv", "--out", "x.png"} << 1
            << "/nonexistent/in.csv";
        QTest::newRow("empty size")
            << QStringList{"export-chart", "demo", "--out", "x.png", "--size", "0x0"} << 2
            << "50 to 20000";
        QTest::newRow("huge size")
            << QStringList{"export-chart", "demo", "--out", "x.png", "--size", "100000x100000"} << 2
            << "--size";
        QTest::newRow("huge scale")
            << QStringList{"export-chart", "demo", "--out", "x.png", "--scale", "1000"} << 2
            << "0.25 to 8";
        QTest::newRow("nan scale")
            << QStringList{"export-chart", "demo", "--out", "x.png", "--scale", "nan"} << 2
            << "--scale";
        QTest::newRow("too many pixels")
            << QStringList{"export-chart", "demo",        "--out",   "x.png",
                           "--size",       "20000x20000", "--scale", "4"}
            << 2 << "32000";
        QTest::newRow("curve option on another chart")
            << QStringList{"export-chart", "demo", "--chart", "cohorts", "--log", "--out", "x.png"}
            << 2 << "--chart curve";
        QTest::newRow("unknown method")
            << QStringList{"export-chart", "demo", "--method", "magic", "--out", "x.png"} << 2
            << "--method";
    }
    void exportChartRejectsBadRequests() {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        const Run r = runHubgrowth(args);
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY2(QString::fromUtf8(r.err).contains(message), r.err.constData());
    }

    void exportChartOfAHeaderOnlyCsvSaysThereIsNoSeries() {
        QTemporaryDir dir;
        const QString input = dir.filePath("header-only.csv");
        QFile file(input);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QFile header(fixture("paper-small.csv"));
        QVERIFY(header.open(QIODevice::ReadOnly));
        file.write(header.readLine());
        file.close();
        const Run r = runHubgrowth({"export-chart", input, "--out", dir.filePath("x.png")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(QString::fromUtf8(r.err).contains("no series"), r.err.constData());
        QVERIFY(!QFile::exists(dir.filePath("x.png")));
    }

    void fitsEveryRealSeries() {
        HUBGROWTH_REQUIRE_REFERENCE();
        const Run r = runHubgrowth({"fit", testing::referenceFinetuneDir()});
        QCOMPARE(r.exitCode, 0);
        const CsvDocument doc = parseCsv(r.out.toStdString());
        QCOMPARE(int(doc.records.size()) - 1, 2721);  // every series with >= 3 months
        for (size_t i = 1; i < doc.records.size(); ++i) {
            for (int c : {6, 7, 8, 9})
                QVERIFY2(!doc.records[i].fields[c].empty(), doc.records[i].fields[0].c_str());
        }
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "test_cli.moc"
