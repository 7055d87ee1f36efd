// End-to-end tests of `hubgrowth backtest` and `hubgrowth forecast --method`: the real binary.
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <set>

#include "hubgrowth/core/io/csv_reader.h"
#include "hubgrowth/testsupport/cli_runner.h"
#include "hubgrowth/testsupport/reference_data.h"

using namespace hubgrowth;

namespace {

using testing::Run;
using testing::runHubgrowth;

const std::vector<std::string> kBacktestColumns{"model",   "org",    "method",    "train_months",
                                                "horizon", "actual", "predicted", "lo80",
                                                "hi80",    "lo95",   "hi95"};

// Writes a paper-format CSV with the given series (cumulative counts from month 0).
QString writeCsv(const QTemporaryDir& dir,
                 const std::vector<std::pair<QString, std::vector<int>>>& rows) {
    int months = 0;
    for (const auto& row : rows)
        months = std::max(months, static_cast<int>(row.second.size()));
    QString text = QStringLiteral("model");
    for (int k = 0; k < months; ++k)
        text += QStringLiteral(",%1-month").arg(k);
    text += QStringLiteral(",company\n");
    for (const auto& [id, counts] : rows) {
        text += id;
        for (int k = 0; k < months; ++k) {
            text += QLatin1Char(',');
            if (k < static_cast<int>(counts.size()))
                text += QString::number(counts[static_cast<size_t>(k)]);
        }
        text += QStringLiteral(",Testorg\n");
    }
    const QString path = dir.filePath(QStringLiteral("series.csv"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(text.toUtf8());
    return path;
}

}  // namespace

class TestCliForecast : public QObject {
    Q_OBJECT
  private slots:
    void backtestIsListedAndDocumented() {
        Run r = runHubgrowth({"--help"});
        QVERIFY(r.out.contains("backtest"));
        r = runHubgrowth({"backtest", "--help"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("--train-months"));
        QVERIFY(r.out.contains("wsb-prior"));
    }

    // Eligible: at least K+H+1 observed months and a count of at least 10 at month K.
    void backtestKeepsExactlyTheEligibleSeries() {
        QTemporaryDir dir;
        const QString input = writeCsv(dir, {
                                                {"t/eligible", {0, 4, 8, 10, 13, 15}},
                                                {"t/too-short", {0, 4, 8, 12, 15}},
                                                {"t/too-few-at-cut", {0, 3, 6, 9, 30, 40}},
                                                {"t/long", {0, 20, 40, 60, 70, 75, 78, 80}},
                                            });
        QVERIFY(!input.isEmpty());
        const Run r = runHubgrowth(
            {"backtest", input, "--train-months", "3", "--horizon", "2", "--method", "linear"});
        QCOMPARE(r.exitCode, 0);
        const CsvDocument doc = parseCsv(r.out.toStdString());
        QVERIFY(doc.ok());
        QCOMPARE(doc.records[0].fields, kBacktestColumns);
        QCOMPARE(doc.records.size(), size_t(3));
        QCOMPARE(doc.records[1].fields[0], std::string("t/eligible"));
        QCOMPARE(doc.records[2].fields[0], std::string("t/long"));
        // linear: last 3 months' slope, (10 - 0) / 3 per month from 10, and the actual at month 5.
        QCOMPARE(std::stod(doc.records[1].fields[5]), 15.0);
        QVERIFY(std::fabs(std::stod(doc.records[1].fields[6]) - (10.0 + 2.0 * 10.0 / 3.0)) < 1e-6);
        QCOMPARE(doc.records[1].fields[2], std::string("linear"));
        QCOMPARE(doc.records[1].fields[3], std::string("3"));
        QCOMPARE(doc.records[1].fields[4], std::string("2"));
        for (size_t row = 1; row < doc.records.size(); ++row) {
            const auto& f = doc.records[row].fields;
            const double last = std::stod(f[6]);
            QVERIFY(std::stod(f[9]) <= std::stod(f[7]));
            QVERIFY(std::stod(f[7]) <= last + 1e-9);
            QVERIFY(last <= std::stod(f[8]) + 1e-9);
            QVERIFY(std::stod(f[8]) <= std::stod(f[10]));
        }
        QVERIFY2(r.err.contains("n 2,"), r.err.constData());
        QVERIFY(r.err.contains("median APE"));
        QVERIFY(r.err.contains("95 % coverage"));
    }

    void backtestDefaultsToAuto() {
        const Run r = runHubgrowth({"backtest", "demo", "--train-months", "6", "--horizon", "3"});
        QCOMPARE(r.exitCode, 0);
        const CsvDocument doc = parseCsv(r.out.toStdString());
        QVERIFY(doc.ok());
        QVERIFY(doc.records.size() > 1);
        QCOMPARE(doc.records[1].fields[2], std::string("auto"));
    }

    void badArgumentsAreUsageErrors_data() {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("no K") << QStringList{"backtest", "demo", "--horizon", "3"};
        QTest::newRow("no H") << QStringList{"backtest", "demo", "--train-months", "3"};
        QTest::newRow("zero H") << QStringList{"backtest", "demo",      "--train-months",
                                               "3",        "--horizon", "0"};
        QTest::newRow("unknown method") << QStringList{
            "backtest", "demo", "--train-months", "3", "--horizon", "3", "--method", "prophet"};
        QTest::newRow("forecast unknown method")
            << QStringList{"forecast", "demo", "--model", "x", "--method", "arima"};
        QTest::newRow("no input") << QStringList{"backtest", "--train-months", "3", "--horizon",
                                                 "3"};
    }
    void badArgumentsAreUsageErrors() {
        QFETCH(QStringList, args);
        const Run r = runHubgrowth(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY(!r.err.isEmpty());
        QVERIFY(r.out.isEmpty());
    }

    void forecastWritesIntervalsForEveryMethod_data() {
        QTest::addColumn<QString>("method");
        for (const char* m :
             {"wsb-ls", "wsb", "wsb-prior", "bass", "gompertz", "logistic", "linear", "auto"}) {
            QTest::newRow(m) << QString::fromLatin1(m);
        }
    }
    void forecastWritesIntervalsForEveryMethod() {
        QFETCH(QString, method);
        QTemporaryDir dir;
        const QString input =
            writeCsv(dir, {{"t/a", {0, 5, 14, 26, 40, 52, 63, 72, 80, 86}},
                           {"t/b", {0, 2, 7, 15, 22, 30, 36, 40, 44, 47, 49, 50}}});
        const Run r = runHubgrowth(
            {"forecast", input, "--model", "t/a", "--horizon", "4", "--method", method});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const CsvDocument doc = parseCsv(r.out.toStdString());
        QVERIFY(doc.ok());
        QCOMPARE(doc.records[0].fields, (std::vector<std::string>{"month", "actual", "fitted",
                                                                  "lo80", "hi80", "lo95", "hi95"}));
        QCOMPARE(doc.records.size(), size_t(1 + 10 + 4));
        for (size_t row = 1; row <= 10; ++row)
            QVERIFY(doc.records[row].fields[3].empty());
        for (size_t row = 11; row < doc.records.size(); ++row) {
            const auto& f = doc.records[row].fields;
            QVERIFY(f[1].empty());
            const double point = std::stod(f[2]), lo80 = std::stod(f[3]), hi80 = std::stod(f[4]);
            const double lo95 = std::stod(f[5]), hi95 = std::stod(f[6]);
            QVERIFY(lo95 <= lo80 && lo80 <= point + 1e-9 && point <= hi80 + 1e-9 && hi80 <= hi95);
            if (method != QLatin1String("wsb-ls"))
                QVERIFY(lo95 >= 86.0 - 1e-9);  // never below the last count
        }
        QVERIFY(r.err.contains(method.toUtf8()));
    }

    void pooledWithoutEnoughSeriesIsAnInputError() {
        QTemporaryDir dir;
        const QString input =
            writeCsv(dir, {{"t/a", {0, 5, 14, 26, 40, 52}}, {"t/b", {0, 2, 7, 15, 22, 30}}});
        const Run r = runHubgrowth({"forecast", input, "--model", "t/a", "--method", "pooled"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("fewer than 20 other series"), r.err.constData());
        QCOMPARE(r.err.count('\n'), 1);
    }

    void forecastReportsFlags() {
        QTemporaryDir dir;
        const QString input = writeCsv(dir, {{"t/jump", {0, 2, 4, 6, 8, 10, 12, 212, 214, 216}}});
        const Run r = runHubgrowth({"forecast", input, "--model", "t/jump", "--horizon", "2"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.contains("abrupt-jump") && r.err.contains("month 7"), r.err.constData());
    }

    // facebook/opt-1.3b is older than nearly every reference series and jumps at its last
    // month: without donors cut earlier its auto point ran to 268,838 (583 at the cut).
    void theOldestModelsForecastIsCalibratedOnDonorsCutEarlier() {
        HUBGROWTH_REQUIRE_REFERENCE();
        const Run r = runHubgrowth(
            {"forecast", testing::referenceFinetuneDir(), "--model", "facebook/opt-1.3b"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QRegularExpression calibrated(
            QStringLiteral("intervals calibrated on (\\d+) series cut at month (\\d+) \\(too few "
                           "older series reach \\+12 months\\)"));
        const QRegularExpressionMatch match = calibrated.match(QString::fromUtf8(r.err));
        QVERIFY2(match.hasMatch(), r.err.constData());
        QVERIFY(match.captured(1).toInt() >= 20);
        QVERIFY(match.captured(2).toInt() < 33);
        const CsvDocument doc = parseCsv(r.out.toStdString());
        QVERIFY(doc.ok());
        const auto& last = doc.records.back().fields;
        QCOMPARE(last[0], std::string("45"));
        QVERIFY2(std::stod(last[2]) < 10 * 583.0, last[2].c_str());
    }

    void backtestRunsOnTheReferenceData() {
        HUBGROWTH_REQUIRE_REFERENCE();
        const Run r = runHubgrowth({"backtest", testing::referenceFinetuneDir(), "--train-months",
                                    "12", "--horizon", "6"});
        QCOMPARE(r.exitCode, 0);
        const CsvDocument doc = parseCsv(r.out.toStdString());
        QVERIFY(doc.ok());
        QVERIFY(doc.records.size() > 50);
        std::set<std::string> orgs;
        for (size_t row = 1; row < doc.records.size(); ++row) {
            orgs.insert(doc.records[row].fields[1]);
            for (size_t c = 5; c < 11; ++c)
                QVERIFY(std::isfinite(std::stod(doc.records[row].fields[c])));
        }
        QVERIFY(orgs.size() >= 5);
    }
};

QTEST_GUILESS_MAIN(TestCliForecast)
#include "test_cli_forecast.moc"
