// The browser's table model and filter, without a window.
#include <QtTest>
#include <cmath>

#include "data/batch_fitter.h"
#include "demo/demo_generator.h"
#include "model_filter_proxy.h"
#include "model_table_model.h"

using namespace hubgrowth;

namespace {

void loadFittedDemo(ModelTableModel& model) {
    Dataset demo = generateDemoDataset();
    const BatchOutcome fits = fitBatch(demo.series, BatchOptions{});
    model.setDataset(std::move(demo));
    model.setFits(0, fits.results);
}

}  // namespace

class TestModelBrowser : public QObject {
    Q_OBJECT
  private slots:
    void columnsShowSeriesAndFit() {
        ModelTableModel model;
        loadFittedDemo(model);
        QCOMPARE(model.rowCount(), DemoOptions{}.baseModels);
        QCOMPARE(model.columnCount(), int(ModelTableModel::ColumnCount));
        QCOMPARE(model.fittedCount(), model.rowCount());
        int checked = 0;
        for (int row = 0; row < model.rowCount() && checked < 20; ++row) {
            const FitResult* f = model.fit(row);
            if (!f || f->outcome == FitOutcome::NoAdoption)
                continue;
            ++checked;
            const ModelSeries& s = model.series(row);
            QCOMPARE(model.index(row, ModelTableModel::Model).data().toString(),
                     QString::fromStdString(s.id));
            QCOMPARE(model.index(row, ModelTableModel::Lambda).data(Qt::UserRole).toDouble(),
                     f->params.lambda);
            // Non-finite numbers (a huge λ overflows c∞) are shown as empty cells.
            const auto expectNumber = [&](int column, double expected) {
                const QVariant cell = model.index(row, column).data(Qt::UserRole);
                if (std::isfinite(expected))
                    QCOMPARE(cell.toDouble(), expected);
                else
                    QVERIFY(!cell.isValid());
            };
            expectNumber(ModelTableModel::Ultimate, wsbUltimate(f->params, f->m));
            expectNumber(ModelTableModel::Forecast12,
                         wsbValue(s.observedMonths() - 1 + 12, f->params, f->m));
            QVERIFY(model.forecastAhead(row, 12) >= s.lastCount() * 0.5);
        }
        QVERIFY(checked == 20);
        QCOMPARE(model.rowOf(QString::fromStdString(model.series(7).id)), 7);
        QCOMPARE(model.rowOf(QStringLiteral("no/such-model")), -1);
    }

    void unfittedRowsShowNoParameters() {
        ModelTableModel model;
        model.setDataset(generateDemoDataset());
        QCOMPARE(model.fittedCount(), 0);
        QVERIFY(!model.index(0, ModelTableModel::Lambda).data().isValid());
        QCOMPARE(model.fitQuality(0), FitQuality::Unfitted);
        QVERIFY(std::isnan(model.forecastAhead(0, 12)));
    }

    void flagsNameTheProblems() {
        Dataset d;
        auto make = [](const char* id, std::vector<double> counts) {
            ModelSeries s;
            s.id = id;
            s.org = "a";
            s.createdAt = "2024-01-01";
            s.counts = std::move(counts);
            return s;
        };
        ModelSeries shortOne = make("a/short", {0.0, 1.0});
        ModelSeries flat = make("a/flat", {0.0, 0.0, 0.0, 0.0, 0.0});
        shortOne.publishedVerdict = "Does not fit";
        d.series = {shortOne, flat};
        ModelTableModel model;
        model.setDataset(d);
        const BatchOutcome fits = fitBatch(d.series, BatchOptions{});
        model.setFits(0, fits.results);
        const QString shortFlags = model.index(0, ModelTableModel::Flags).data().toString();
        QVERIFY2(shortFlags.contains(QLatin1String("short")), qPrintable(shortFlags));
        QVERIFY(shortFlags.contains(QLatin1String("paper: no fit")));
        QVERIFY(model.index(1, ModelTableModel::Flags)
                    .data()
                    .toString()
                    .contains(QLatin1String("no adoption")));
        QCOMPARE(model.fitQuality(1), FitQuality::NoAdoption);
    }

    void filtersCombine() {
        ModelTableModel model;
        loadFittedDemo(model);
        ModelFilterProxy proxy;
        proxy.setSourceModel(&model);
        QCOMPARE(proxy.rowCount(), model.rowCount());

        const QString org = model.organisations().front();
        int inOrg = 0;
        for (int r = 0; r < model.rowCount(); ++r)
            inOrg += QString::fromStdString(model.series(r).org) == org;
        proxy.setOrganisation(org);
        QCOMPARE(proxy.rowCount(), inOrg);
        QCOMPARE(proxy.acceptedSourceRows().size(), inOrg);

        proxy.setMinimumCount(50);
        int big = 0;
        for (int r = 0; r < model.rowCount(); ++r) {
            big += QString::fromStdString(model.series(r).org) == org &&
                   model.series(r).lastCount() >= 50;
        }
        QCOMPARE(proxy.rowCount(), big);
        QVERIFY(big < inOrg);

        proxy.setOrganisation(QString());
        proxy.setMinimumCount(0);
        const QString id = QString::fromStdString(model.series(11).id);
        proxy.setSearchText(id.mid(id.indexOf('/') + 1).toUpper());  // case-insensitive
        QVERIFY(proxy.rowCount() >= 1);
        QVERIFY(proxy.acceptedSourceRows().contains(11));

        proxy.setSearchText(QString());
        proxy.setQuality(ModelFilterProxy::Quality::Good);
        const int good = proxy.rowCount();
        proxy.setQuality(ModelFilterProxy::Quality::Poor);
        const int poor = proxy.rowCount();
        proxy.setQuality(ModelFilterProxy::Quality::Unfitted);
        const int unfitted = proxy.rowCount();
        QCOMPARE(good + poor + unfitted, model.rowCount());
        QVERIFY(good > 0);
    }

    void sortsNumericallyByRawValues() {
        ModelTableModel model;
        loadFittedDemo(model);
        ModelFilterProxy proxy;
        proxy.setSourceModel(&model);
        proxy.sort(ModelTableModel::LastCount, Qt::DescendingOrder);
        double previous = INFINITY;
        for (int r = 0; r < proxy.rowCount(); ++r) {
            const double v =
                proxy.index(r, ModelTableModel::LastCount).data(Qt::UserRole).toDouble();
            QVERIFY(v <= previous);
            previous = v;
        }
    }
};

QTEST_MAIN(TestModelBrowser)
#include "test_model_browser.moc"
