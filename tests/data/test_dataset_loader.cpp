#include <QtTest>

#include "data/dataset_loader.h"
#include "demo/demo_generator.h"

using namespace hubgrowth;

class TestDatasetLoader : public QObject {
    Q_OBJECT
private slots:
    void demoIsEmbeddedAndSynthetic() {
        const ImportResult r = loadDataset(QStringLiteral("demo"));
        QVERIFY2(r.ok(), qPrintable(r.error));
        QVERIFY(r.dataset.synthetic);
        QCOMPARE(int(r.dataset.series.size()), DemoOptions{}.baseModels);
        // The embedded CSV is what the generator produces with the default seed.
        const Dataset generated = generateDemoDataset();
        for (size_t i = 0; i < generated.series.size(); ++i) {
            QCOMPARE(r.dataset.series[i].id, generated.series[i].id);
            QCOMPARE(r.dataset.series[i].counts, generated.series[i].counts);
        }
    }

    void mergesSeveralInputs() {
        const QString fixtures = QStringLiteral(HUBGROWTH_FIXTURES_DIR);
        const ImportResult r = loadDatasets({fixtures + "/paper-small.csv", fixtures + "/paper-folder",
                                             fixtures + "/paper-small.csv"});
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.dataset.series.size(), size_t(6));
        QCOMPARE(r.dataset.warnings.size(), size_t(3));  // the repeated file's three models
    }

    void reportsTheFirstFailingInput() {
        const ImportResult r = loadDatasets({QStringLiteral("demo"), QStringLiteral("/nonexistent/x.csv")});
        QVERIFY(!r.ok());
        QVERIFY(r.error.contains(QLatin1String("/nonexistent/x.csv")));
    }
};

QTEST_GUILESS_MAIN(TestDatasetLoader)
#include "test_dataset_loader.moc"
