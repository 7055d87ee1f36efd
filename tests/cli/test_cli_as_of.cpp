// End-to-end tests of `hubgrowth backtest --as-of` and `hubgrowth rank`: the real binary.
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>

#include "hubgrowth/core/io/csv_reader.h"
#include "hubgrowth/testsupport/cli_runner.h"

using namespace hubgrowth;

namespace {

using testing::Run;
using testing::runHubgrowth;

struct Row {
    QString id;
    QString createdAt;  // empty: unknown
    std::vector<int> counts;
};

// A paper-format CSV (months, company, created_at) named `name` in dir.
QString writeCsv(const QTemporaryDir& dir, const std::vector<Row>& rows,
                 const QString& name = QStringLiteral("series.csv")) {
    int months = 0;
    for (const Row& row : rows)
        months = std::max(months, static_cast<int>(row.counts.size()));
    QString text = QStringLiteral("model");
    for (int k = 0; k < months; ++k)
        text += QStringLiteral(",%1-month").arg(k);
    text += QStringLiteral(",company,created_at\n");
    for (const Row& row : rows) {
        text += row.id;
        for (int k = 0; k < months; ++k) {
            text += QLatin1Char(',');
            if (k < static_cast<int>(row.counts.size()))
                text += QString::number(row.counts[static_cast<size_t>(k)]);
        }
        text += QStringLiteral(",Testorg,") + row.createdAt + QLatin1Char('\n');
    }
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(text.toUtf8());
    return path;
}

const QString kJan = QStringLiteral("2024-01-01 00:00:00+00:00");

// Ages at 2024-03-05: 2 months for models created on 2024-01-01.
std::vector<Row> eligibilityRows() {
    return {
        {"t/eligible", kJan, {0, 10, 20, 30, 40}},
        {"t/too-few-at-age", kJan, {0, 3, 6, 9, 12}},
        {"t/month-ahead-missing", kJan, {0, 10, 20, 30}},
        {"t/too-young", QStringLiteral("2024-02-20 00:00:00+00:00"), {0, 50, 90}},
        {"t/undated", QString(), {0, 10, 20, 30, 40}},
        {"t/older", QStringLiteral("2023-11-01 00:00:00+00:00"), {0, 5, 10, 20, 40, 60, 70}},
    };
}

}  // namespace

class TestCliAsOf : public QObject {
    Q_OBJECT
  private slots:
    void verbsAreListedAndDocumented() {
        Run r = runHubgrowth({"--help"});
        QVERIFY(r.out.contains("rank"));
        r = runHubgrowth({"backtest", "--help"});
        QVERIFY(r.out.contains("--as-of"));
        r = runHubgrowth({"rank", "--help"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("--top"));
        QVERIFY(r.out.contains("--as-of"));
    }

    void backtestAsOfKeepsExactlyTheEligibleModels() {
        QTemporaryDir dir;
        const QString input = writeCsv(dir, eligibilityRows());
        const Run r = runHubgrowth(
            {"backtest", input, "--as-of", "2024-03-05", "--horizon", "2", "--method", "linear"});
        QCOMPARE(r.exitCode, 0);
        const CsvDocument doc = parseCsv(r.out.toStdString());
        QVERIFY(doc.ok());
        const std::vector<std::string> columns{"model",      "org",    "method", "as_of",
                                               "age_months", "at_cut", "actual", "predicted",
                                               "lo80",       "hi80",   "lo95",   "hi95"};
        QCOMPARE(doc.records[0].fields, columns);
        QCOMPARE(doc.records.size(), size_t(3));
        const auto& eligible = doc.records[1].fields;
        QCOMPARE(eligible[0], std::string("t/eligible"));
        QCOMPARE(eligible[2], std::string("linear"));
        QCOMPARE(eligible[3], std::string("2024-03-05"));
        QCOMPARE(eligible[4], std::string("2"));
        QCOMPARE(std::stod(eligible[5]), 20.0);
        QCOMPARE(std::stod(eligible[6]), 40.0);
        // The linear trend from months 0..2 only: 10 a month.
        QVERIFY(std::fabs(std::stod(eligible[7]) - 40.0) < 1e-6);
        const auto& older = doc.records[2].fields;
        QCOMPARE(older[0], std::string("t/older"));
        QCOMPARE(older[4], std::string("4"));
        QCOMPARE(std::stod(older[5]), 40.0);
        QCOMPARE(std::stod(older[6]), 70.0);
        QVERIFY2(r.err.contains("n 2,"), r.err.constData());
        QVERIFY(r.err.contains("at most 3 months old: n 1"));
        QVERIFY(r.err.contains("Spearman"));
        QVERIFY(r.err.contains("top 10 %"));
    }

    void severalDatesGiveOneRowPerModelAndDate() {
        QTemporaryDir dir;
        const QString input = writeCsv(dir, eligibilityRows());
        const Run r = runHubgrowth({"backtest", input, "--as-of", "2024-03-05", "--as-of",
                                    "2024-02-05", "--horizon", "2", "--method", "linear"});
        QCOMPARE(r.exitCode, 0);
        const CsvDocument doc = parseCsv(r.out.toStdString());
        QVERIFY(doc.ok());
        // 2024-02-05: t/eligible and t/month-ahead-missing are 1 month old with 10 and month 3
        // observed; t/older is 3 months old.
        QCOMPARE(doc.records.size(), size_t(6));
        QCOMPARE(doc.records[4].fields[0], std::string("t/month-ahead-missing"));
        QCOMPARE(doc.records[3].fields[3], std::string("2024-02-05"));
        QCOMPARE(doc.records[3].fields[4], std::string("1"));
        QVERIFY(r.err.contains("as of 2024-03-05, 2024-02-05"));
        QVERIFY(r.err.contains("n 5,"));
    }

    void asOfArgumentsAreChecked_data() {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("with K") << QStringList{"backtest",  "demo", "--as-of",        "2024-01-01",
                                               "--horizon", "3",    "--train-months", "3"};
        QTest::newRow("no H") << QStringList{"backtest", "demo", "--as-of", "2024-01-01"};
        QTest::newRow("bad date") << QStringList{"backtest",   "demo",      "--as-of",
                                                 "2024-02-30", "--horizon", "3"};
        QTest::newRow("rank bad date") << QStringList{"rank", "demo", "--as-of", "soon"};
        QTest::newRow("rank two dates")
            << QStringList{"rank", "demo", "--as-of", "2024-01-01", "--as-of", "2024-02-01"};
        QTest::newRow("rank zero top") << QStringList{"rank", "demo", "--top", "0"};
        QTest::newRow("rank no input") << QStringList{"rank"};
    }
    void asOfArgumentsAreChecked() {
        QFETCH(QStringList, args);
        const Run r = runHubgrowth(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY(!r.err.isEmpty());
        QVERIFY(r.out.isEmpty());
    }

    void rankOrdersByForecastGain() {
        QTemporaryDir dir;
        const QString input = writeCsv(dir, {
                                                {"t/slow", kJan, {0, 10, 20, 30, 40}},
                                                {"t/fast", kJan, {0, 100, 200, 300, 400}},
                                                {"t/medium", kJan, {0, 50, 100, 150, 200}},
                                                {"t/baby", kJan, {0}},
                                            });
        const Run r = runHubgrowth({"rank", input, "--as-of", "2024-04-02", "--method", "linear"});
        QCOMPARE(r.exitCode, 0);
        const CsvDocument doc = parseCsv(r.out.toStdString());
        QVERIFY(doc.ok());
        const std::vector<std::string> columns{
            "rank", "model", "org",  "as_of", "age_months", "at_cut", "predicted",
            "gain", "lo80",  "hi80", "lo95",  "hi95",       "flags",  "lead_3mo"};
        QCOMPARE(doc.records[0].fields, columns);
        QCOMPARE(doc.records.size(), size_t(4));
        const char* order[] = {"t/fast", "t/medium", "t/slow"};
        for (size_t i = 0; i < 3; ++i) {
            const auto& f = doc.records[i + 1].fields;
            QCOMPARE(f[0], std::to_string(i + 1));
            QCOMPARE(f[1], std::string(order[i]));
            QCOMPARE(f[4], std::string("3"));
            QVERIFY(std::stod(f[8]) <= std::stod(f[6]) && std::stod(f[6]) <= std::stod(f[9]));
            QVERIFY(std::stod(f[10]) <= std::stod(f[8]) && std::stod(f[9]) <= std::stod(f[11]));
            QCOMPARE(f[12], std::string("short-history"));
            QCOMPARE(f[13], std::string());  // a paper CSV has no lead relations
        }
        // 6 months of 100 a month from 300.
        QVERIFY(std::fabs(std::stod(doc.records[1].fields[7]) - 600.0) < 1e-6);

        const Run top = runHubgrowth({"rank", input, "--as-of", "2024-04-02", "--method", "linear",
                                      "--top", "1", "--horizon", "2"});
        QCOMPARE(top.exitCode, 0);
        const CsvDocument one = parseCsv(top.out.toStdString());
        QCOMPARE(one.records.size(), size_t(2));
        QVERIFY(std::fabs(std::stod(one.records[1].fields[7]) - 200.0) < 1e-6);
    }

    // Without --as-of: the data's last date, every series whole.
    void rankDefaultsToTheDataLastDate() {
        QTemporaryDir dir;
        const QString input =
            writeCsv(dir, {{"t/a", kJan, {0, 10, 20, 30, 40}}, {"t/b", kJan, {0, 5, 6}}});
        const Run r = runHubgrowth({"rank", input, "--method", "linear"});
        QCOMPARE(r.exitCode, 0);
        const CsvDocument doc = parseCsv(r.out.toStdString());
        QCOMPARE(doc.records.size(), size_t(3));
        QCOMPARE(doc.records[1].fields[1], std::string("t/a"));
        QCOMPARE(doc.records[1].fields[4], std::string("4"));
        QCOMPARE(doc.records[2].fields[4], std::string("2"));
        QVERIFY2(r.err.contains("the data's last date"), r.err.constData());
    }

    // The leak test end to end: data after the date changed and appended, the same ranking.
    void rankIgnoresEverythingAfterTheDate() {
        QTemporaryDir dir;
        // 40 models created on the first of each month of 2023; as of 2023-07-15 a model
        // created in month m (1..7) is 7 - m months old (months after that may change).
        std::vector<Row> rows, later;
        for (int i = 0; i < 40; ++i) {
            const int month = 1 + i % 12;
            const QString created =
                QStringLiteral("2023-%1-01 00:00:00+00:00").arg(month, 2, 10, QChar('0'));
            std::vector<int> counts{0};
            for (int k = 1; k < 14 - i % 12; ++k)
                counts.push_back(counts.back() + 3 + (i * 7 + k * 3) % 11);
            const int age = 7 - month;  // negative: created after the date
            std::vector<int> changed = counts;
            for (size_t k = 0; k < changed.size(); ++k) {
                if (static_cast<int>(k) > age)
                    changed[k] = counts[k] * 2 + 1000;
            }
            changed.push_back(changed.back() + 5000);
            const QString id = QStringLiteral("t/m%1").arg(i);
            rows.push_back({id, created, counts});
            later.push_back({id, created, changed});
        }
        const QString before = writeCsv(dir, rows, QStringLiteral("before.csv"));
        const QString after = writeCsv(dir, later, QStringLiteral("after.csv"));
        const Run a = runHubgrowth({"rank", before, "--as-of", "2023-07-15"});
        const Run b = runHubgrowth({"rank", after, "--as-of", "2023-07-15"});
        QCOMPARE(a.exitCode, 0);
        QCOMPARE(b.exitCode, 0);
        QVERIFY(parseCsv(a.out.toStdString()).records.size() > 10);
        QCOMPARE(a.out, b.out);
        // ... and the same files differ when ranked as of a later date.
        const Run c = runHubgrowth({"rank", before, "--as-of", "2023-12-15"});
        const Run d = runHubgrowth({"rank", after, "--as-of", "2023-12-15"});
        QVERIFY(c.out != d.out);
    }
};

QTEST_GUILESS_MAIN(TestCliAsOf)
#include "test_cli_as_of.moc"
