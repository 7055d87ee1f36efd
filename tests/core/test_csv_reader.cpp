#include <QtTest>

#include "hubgrowth/core/io/csv_reader.h"

using namespace hubgrowth;

class TestCsvReader : public QObject {
    Q_OBJECT
  private slots:
    void plainRecords() {
        const auto doc = parseCsv("a,b,c\n1,2,3\n");
        QVERIFY(doc.ok());
        QCOMPARE(doc.records.size(), size_t(2));
        QCOMPARE(doc.records[1].fields, (std::vector<std::string>{"1", "2", "3"}));
        QCOMPARE(doc.records[1].line, 2);
    }

    void quotesEscapesAndEmbeddedNewlines() {
        const auto doc = parseCsv("id,text\r\n\"x,1\",\"say \"\"hi\"\"\nthere\"\r\nlast,\r\n");
        QVERIFY(doc.ok());
        QCOMPARE(doc.records.size(), size_t(3));
        QCOMPARE(doc.records[1].fields[0], std::string("x,1"));
        QCOMPARE(doc.records[1].fields[1], std::string("say \"hi\"\nthere"));
        QCOMPARE(doc.records[2].line, 4);  // the quoted newline moved it down a line
        QCOMPARE(doc.records[2].fields, (std::vector<std::string>{"last", ""}));
    }

    void bomCrAndMissingFinalNewline() {
        const auto doc = parseCsv("\xEF\xBB\xBFmodel,0-month\r1,2\r3,4");
        QVERIFY(doc.ok());
        QCOMPARE(doc.records.size(), size_t(3));
        QCOMPARE(doc.records[0].fields[0], std::string("model"));
        QCOMPARE(doc.records[2].fields[1], std::string("4"));
    }

    void blankLinesAreSkipped() {
        const auto doc = parseCsv("a\n\n\nb\n");
        QVERIFY(doc.ok());
        QCOMPARE(doc.records.size(), size_t(2));
        QCOMPARE(doc.records[1].line, 4);
    }

    void errorsNameLineAndColumn() {
        auto doc = parseCsv("a,b\n1,\"open\n2,3\n");
        QVERIFY(!doc.ok());
        QCOMPARE(doc.errorLine, 2);
        QCOMPARE(doc.errorColumn, 3);
        QVERIFY(doc.records.empty());  // the header before the error is not handed out
        doc = parseCsv("a,b\n1,x\"y\n");
        QVERIFY(!doc.ok());
        QCOMPARE(doc.errorLine, 2);
        QCOMPARE(doc.errorColumn, 4);
        QVERIFY(doc.records.empty());
        doc = parseCsv("a,b\n\"q\"z,1\n");
        QVERIFY(!doc.ok());
        QCOMPARE(doc.error, std::string("text after a closing quote"));
    }

    void recordsStreamOneAtATimeAndCanStop() {
        std::vector<int> lines;
        const CsvStatus status = readCsvRecords("a,b\n1,2\n3,4\n5,6\n", [&](const CsvRecord& r) {
            lines.push_back(r.line);
            return lines.size() < 2;  // stop after the second record
        });
        QVERIFY(status.ok());
        QCOMPARE(lines, (std::vector<int>{1, 2}));
    }

    void aRecordWiderThanTheLimitIsAnError() {
        QVERIFY(parseCsv("a,b,c\n", 3).ok());
        const CsvDocument doc = parseCsv("a,b\n1,2,3,4\n", 3);
        QVERIFY(!doc.ok());
        QCOMPARE(doc.error, std::string("more than 3 fields in one record"));
        QCOMPARE(doc.errorLine, 2);
        QCOMPARE(doc.errorColumn, 7);  // where the 4th field starts
        QVERIFY(doc.records.empty());
        QVERIFY(!parseCsv("a,b,c,d", 3).ok());  // also without a final line break
    }

    void escapeRoundTrips() {
        for (std::string s : {"plain", "a,b", "say \"x\"", "two\nlines", ""}) {
            const auto doc = parseCsv(csvEscape(s) + ",end\n");
            QVERIFY(doc.ok());
            QCOMPARE(doc.records[0].fields[0], s);
        }
        // Found by fuzzing: a first field starting with a byte-order mark lost it on re-reading.
        const std::string bomField = "\xEF\xBB\xBFx";
        const auto doc = parseCsv(csvEscape(bomField) + "\n");
        QVERIFY(doc.ok());
        QCOMPARE(doc.records[0].fields[0], bomField);
    }
};

QTEST_APPLESS_MAIN(TestCsvReader)
#include "test_csv_reader.moc"
