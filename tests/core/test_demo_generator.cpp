#include <QtTest>
#include <set>

#include "hubgrowth/core/demo/demo_generator.h"
#include "hubgrowth/core/io/csv_reader.h"

using namespace hubgrowth;

class TestDemoGenerator : public QObject {
    Q_OBJECT
  private slots:
    void isDeterministicForASeed() {
        QCOMPARE(demoDatasetToPaperCsv(generateDemoDataset()),
                 demoDatasetToPaperCsv(generateDemoDataset()));
        DemoOptions other;
        other.seed = 7;
        QVERIFY(demoDatasetToPaperCsv(generateDemoDataset(other)) !=
                demoDatasetToPaperCsv(generateDemoDataset()));
    }

    void isLabelledSynthetic() {
        const Dataset d = generateDemoDataset();
        QVERIFY(d.synthetic);
        QVERIFY(QString::fromStdString(d.name).contains(QLatin1String("ynthetic")));
        QVERIFY(QString::fromStdString(d.provenance).contains(QLatin1String("Not real")));
        for (const auto& s : d.series) {
            QVERIFY(QString::fromStdString(s.id).startsWith(QLatin1String("synth-")));
            QVERIFY(QString::fromStdString(s.org).contains(QLatin1String("(synthetic)")));
        }
    }

    void seriesArePlausible() {
        const Dataset d = generateDemoDataset();
        QCOMPARE(int(d.series.size()), DemoOptions{}.baseModels);
        std::set<std::string> orgs, ids;
        int adopted = 0;
        for (const auto& s : d.series) {
            orgs.insert(s.org);
            ids.insert(s.id);
            QVERIFY(s.observedMonths() >= 1 && s.observedMonths() <= 35);
            QCOMPARE(s.counts[0], 0.0);
            for (size_t k = 1; k < s.counts.size(); ++k)
                QVERIFY(s.counts[k] >= s.counts[k - 1]);
            if (s.lastCount() >= 20)
                ++adopted;
        }
        QCOMPARE(ids.size(), d.series.size());
        QVERIFY(orgs.size() >= 5);
        QVERIFY(adopted > 50);  // enough curves worth looking at
    }

    void csvHasThePaperColumns() {
        const auto doc = parseCsv(demoDatasetToPaperCsv(generateDemoDataset()));
        QVERIFY(doc.ok());
        const auto& header = doc.records[0].fields;
        QCOMPARE(header.front(), std::string("model"));
        QCOMPARE(header[1], std::string("0-month"));
        QCOMPARE(header[35], std::string("34-month"));
        QVERIFY(std::find(header.begin(), header.end(), "company") != header.end());
        QCOMPARE(int(doc.records.size()), DemoOptions{}.baseModels + 1);
    }
};

QTEST_APPLESS_MAIN(TestDemoGenerator)
#include "test_demo_generator.moc"
