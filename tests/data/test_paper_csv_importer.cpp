#include <QtTest>
#include <map>

#include "hubgrowth/data/paper_csv_importer.h"
#include "hubgrowth/testsupport/reference_data.h"

using namespace hubgrowth;

namespace {
QString fixture(const QString& name) {
    return QStringLiteral(HUBGROWTH_FIXTURES_DIR "/") + name;
}
}  // namespace

class TestPaperCsvImporter : public QObject {
    Q_OBJECT
  private slots:
    void readsAllColumns() {
        const ImportResult r = importPaperCsv(fixture("paper-small.csv"));
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.dataset.series.size(), size_t(3));
        const ModelSeries& alpha = r.dataset.series[0];
        QCOMPARE(alpha.id, std::string("acme/alpha"));
        QCOMPARE(alpha.org, std::string("Acme"));
        QCOMPARE(alpha.counts, (std::vector<double>{0, 3, 9, 14, 16}));
        QCOMPARE(alpha.createdAt, std::string("2024-01-05 10:00:00+00:00"));
        QVERIFY(alpha.publishedFit.has_value());
        QCOMPARE(alpha.publishedFit->lambda, 2.1);
        QCOMPARE(alpha.publishedVerdict, std::string("Fit the model"));
        // Empty trailing cells end the series.
        QCOMPARE(r.dataset.series[1].counts, (std::vector<double>{0, 0, 1}));
        QVERIFY(!r.dataset.series[1].publishedFit.has_value());
    }

    void readsAFolderWithOrgFromFileName() {
        const ImportResult r = importPaperCsv(fixture("paper-folder"));
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.dataset.series.size(), size_t(3));
        std::map<std::string, std::string> orgOf;
        for (const auto& s : r.dataset.series)
            orgOf[s.id] = s.org;
        QCOMPARE(orgOf["other/one"], std::string("Eta"));                 // empty company column
        QCOMPARE(orgOf["quoted/model,with comma"], std::string("Zeta"));  // BOM, CRLF, quotes
        QCOMPARE(orgOf["plain/model"], std::string("Zeta"));
    }

    void malformedFilesNameFileLineAndColumn_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("expected");
        QTest::newRow("bad number") << "paper-bad-number.csv"
                                    << "paper-bad-number.csv:3:3: '1x' is not a finite number";
        QTest::newRow("gap") << "paper-gap.csv"
                             << "paper-gap.csv:2:4: a count after an empty month";
        QTest::newRow("negative") << "paper-negative.csv"
                                  << "paper-negative.csv:2:3: negative count";
        QTest::newRow("no model column") << "paper-no-model.csv"
                                         << "paper-no-model.csv:1:1: no `model` column";
        QTest::newRow("unterminated") << "paper-unterminated.csv"
                                      << "paper-unterminated.csv:2:1: unterminated quoted field";
        QTest::newRow("missing") << "does-not-exist.csv"
                                 << "does-not-exist.csv: no such file";
    }
    void malformedFilesNameFileLineAndColumn() {
        QFETCH(QString, file);
        QFETCH(QString, expected);
        const ImportResult r = importPaperCsv(fixture(file));
        QVERIFY(!r.ok());
        QVERIFY2(r.error.contains(expected), qPrintable(r.error));
        QVERIFY(r.dataset.series.empty());  // nothing half-loaded
    }

    void nonMonotoneSeriesIsKeptWithAWarning() {
        const ImportResult r = importPaperCsv(fixture("paper-non-monotone.csv"));
        QVERIFY(r.ok());
        QCOMPARE(r.dataset.series.size(), size_t(1));
        QCOMPARE(r.dataset.warnings.size(), size_t(1));
        QVERIFY(QString::fromStdString(r.dataset.warnings[0])
                    .contains(QLatin1String("falls from 5 to 3 at month 2")));
    }

    void readsTheRealReferenceFiles() {
        HUBGROWTH_REQUIRE_REFERENCE();
        const ImportResult r = importPaperCsv(testing::referenceFinetuneDir());
        QVERIFY2(r.ok(), qPrintable(r.error));
        std::map<std::string, int> rowsPerOrg;
        int longest = 0;
        double largest = 0;
        for (const auto& s : r.dataset.series) {
            ++rowsPerOrg[s.org];
            longest = std::max(longest, s.observedMonths());
            largest = std::max(largest, s.lastCount());
        }
        // Row counts as listed in ../shared/reference/README.md.
        const std::map<std::string, int> expected{
            {"Meta", 1662},       {"Google", 421},     {"Qwen", 226},    {"BAAI", 124},
            {"HuggingFace", 101}, {"StabilityAI", 99}, {"DeepSeek", 68}, {"OpenAI", 27},
            {"MistralAI", 23},    {"CohereAI", 12}};
        for (const auto& [org, rows] : expected)
            QCOMPARE(rowsPerOrg[org], rows);
        QCOMPARE(int(r.dataset.series.size()), 2763);
        QCOMPARE(longest, 35);
        QCOMPARE(largest, 33592.0);
    }
};

QTEST_GUILESS_MAIN(TestPaperCsvImporter)
#include "test_paper_csv_importer.moc"
