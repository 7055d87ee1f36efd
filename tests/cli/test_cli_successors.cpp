// `hubgrowth successors STORE`: the real binary on a store built through HubStore's own API.
#include <QTemporaryDir>
#include <QtTest>

#include "hubgrowth/core/io/csv_reader.h"
#include "hubgrowth/testsupport/cli_runner.h"
#include "hubgrowth/testsupport/successor_store.h"

using namespace hubgrowth;
using testing::Run;
using testing::runHubgrowth;

class TestCliSuccessors : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;

  private slots:
    void writesOneRowPerPairWithTheHeadToHead() {
        const QString store = dir_.filePath("hub.db");
        QCOMPARE(testing::writeSuccessorStore(store), QString());
        const QString out = dir_.filePath("pairs.csv");
        const Run r = runHubgrowth({"successors", store, "--out", out});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.err.contains("2 pairs, 1 comparable; the successor gained more fine-tunes in "
                                "the same calendar months in 1 of 1"),
                 r.err.constData());

        QFile file(out);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const CsvDocument doc = parseCsv(file.readAll().toStdString());
        QVERIFY(doc.ok());
        QCOMPARE(int(doc.records.size()), 3);  // header + old-7b/new-7b + orphan-1b/never-fetched
        const auto& header = doc.records[0].fields;
        const auto column = [&](const std::string& name) {
            return int(std::find(header.begin(), header.end(), name) - header.begin());
        };
        const auto& pair = doc.records[1].fields;
        QCOMPARE(pair[size_t(column("incumbent"))], std::string("org/old-7b"));
        QCOMPARE(pair[size_t(column("successor"))], std::string("org/new-7b"));
        QCOMPARE(pair[size_t(column("successor_in_store"))], std::string("yes"));
        // new-7b: 42 fine-tunes in 2024; old-7b gained its 8 fine-tunes of 2024 meanwhile.
        QCOMPARE(std::stod(pair[size_t(column("successor_gain"))]), 42.0);
        QVERIFY(std::abs(std::stod(pair[size_t(column("incumbent_gain"))]) - 8.0) < 0.05);
        QVERIFY(std::abs(std::stod(pair[size_t(column("offset_months"))]) - 365.0 / 30.436875) <
                1e-6);
        const auto& orphan = doc.records[2].fields;
        QCOMPARE(orphan[size_t(column("successor"))], std::string("org/never-fetched"));
        QCOMPARE(orphan[size_t(column("successor_in_store"))], std::string("no"));
        QCOMPARE(orphan[size_t(column("successor_gain"))], std::string());
    }

    void exportChartDrawsTheStoresPairs() {
        const QString store = dir_.filePath("chart.db");
        QCOMPARE(testing::writeSuccessorStore(store), QString());
        const QString png = dir_.filePath("successors.png");
        Run r = runHubgrowth({"export-chart", store, "--chart", "successors", "--model",
                              "org/new-7b", "--size", "800x500", "--out", png});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QFile file(png);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QVERIFY(bytes.startsWith("\x89PNG\r\n\x1a\n"));
        // IHDR: width and height, big-endian, at bytes 16 and 20.
        const auto be32 = [&](int at) {
            return (uchar(bytes[at]) << 24) | (uchar(bytes[at + 1]) << 16) |
                   (uchar(bytes[at + 2]) << 8) | uchar(bytes[at + 3]);
        };
        QCOMPARE(be32(16), 800);
        QCOMPARE(be32(20), 500);
        QVERIFY(bytes.size() > 5000);  // a drawn chart, not an empty canvas

        // Data that is not a store has no successors: one clear line, no file.
        const QString none = dir_.filePath("none.png");
        r = runHubgrowth({"export-chart", "demo", "--chart", "successors", "--out", none});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("no successors chart: Successor data comes from a Hub store"),
                 r.err.constData());
        QVERIFY(!QFile::exists(none));
    }

    void badInputsGiveClearErrors() {
        Run r = runHubgrowth({"successors"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("needs one STORE"));
        r = runHubgrowth({"successors", dir_.filePath("missing.db")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.startsWith("hubgrowth successors: "));
        QFile notAStore(dir_.filePath("not-a-store.db"));
        QVERIFY(notAStore.open(QIODevice::WriteOnly));
        notAStore.write("this is not SQLite");
        notAStore.close();
        r = runHubgrowth({"successors", notAStore.fileName()});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(!r.err.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCliSuccessors)
#include "test_cli_successors.moc"
