// Every chart panel renders on the demo, exports PNG at the requested size and SVG that parses;
// CSV exports round-trip.
#include <QFile>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>
#include <cmath>

#include "chart_export.h"
#include "charts/plot_view.h"
#include "common/reference_data.h"
#include "data/batch_fitter.h"
#include "data/dataset_loader.h"
#include "demo/demo_generator.h"
#include "io/csv_reader.h"
#include "model_filter_proxy.h"
#include "model_table_model.h"
#include "panels/concentration_panel.h"
#include "panels/panel_factory.h"
#include "stats/concentration.h"
#include "table_export.h"
#include "ui_test_support.h"

using namespace hubgrowth;

namespace {

struct Fixture {
    ModelTableModel model;
    ModelFilterProxy proxy;
    explicit Fixture(Dataset d) {
        const BatchOutcome fits = fitBatch(d.series, BatchOptions{});
        model.setDataset(std::move(d));
        model.setFits(0, fits.results);
        proxy.setSourceModel(&model);
    }
};

int largestRow(const ModelTableModel& model) {
    int best = 0;
    for (int r = 1; r < model.rowCount(); ++r) {
        if (model.series(r).lastCount() > model.series(best).lastCount())
            best = r;
    }
    return best;
}

}  // namespace

class TestChartExport : public QObject {
    Q_OBJECT
  private slots:
    void everyPanelExportsPngAndSvg_data() {
        QTest::addColumn<QString>("chart");
        for (const QString& id : chartPanelIds())
            QTest::newRow(qPrintable(id)) << id;
    }
    void everyPanelExportsPngAndSvg() {
        QFETCH(QString, chart);
        Fixture f(generateDemoDataset());
        auto panel = createChartPanel(chart, &f.model, &f.proxy);
        QVERIFY(panel);
        panel->setSelectedRows({largestRow(f.model)});
        QTemporaryDir dir;
        const QString png = dir.filePath(chart + QStringLiteral(".png"));
        QCOMPARE(exportPanel(panel.get(), png, QSize(800, 500), 2.0), QString());
        QImage image(png);
        QCOMPARE(image.size(), QSize(1600, 1000));
        QVERIFY2(testing::pixelSpread(image) > 8.0, "the exported chart is blank");
        // Every plot drew something.
        for (PlotView* plot : panel->plots())
            QVERIFY(plot->seriesCount() > 0);

        const QString svg = dir.filePath(chart + QStringLiteral(".svg"));
        QCOMPARE(exportPanel(panel.get(), svg, QSize(800, 500)), QString());
        QFile file(svg);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&file);
        int elements = 0;
        while (!xml.atEnd())
            elements += xml.readNext() == QXmlStreamReader::StartElement;
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY(elements > 20);
        QSvgRenderer renderer(svg);
        QVERIFY(renderer.isValid());
        QCOMPARE(renderer.viewBox(), QRect(0, 0, 800, 500));
    }

    void badExportRequestsGetAMessage() {
        Fixture f(generateDemoDataset());
        auto panel = createChartPanel(QStringLiteral("curve"), &f.model, &f.proxy);
        QTemporaryDir dir;
        QVERIFY(exportPanel(panel.get(), dir.filePath(QStringLiteral("x.gif")), QSize(400, 300))
                    .contains("gif"));
        QVERIFY(!exportPanel(panel.get(), dir.filePath(QStringLiteral("x.png")), QSize(0, 300))
                     .isEmpty());
        QVERIFY(!exportPanel(panel.get(), QStringLiteral("/nonexistent/dir/x.png"), QSize(400, 300))
                     .isEmpty());
        QCOMPARE(parseSize(QStringLiteral("1600x1000")), QSize(1600, 1000));
        QVERIFY(!parseSize(QStringLiteral("big")).isValid());
    }

    void tableCsvRoundTrips() {
        Fixture f(generateDemoDataset());
        f.proxy.setMinimumCount(10);
        f.proxy.sort(ModelTableModel::Lambda, Qt::AscendingOrder);
        const CsvDocument doc = parseCsv(tableCsv(&f.proxy).toStdString());
        QVERIFY(doc.ok());
        QCOMPARE(int(doc.records.size()) - 1, f.proxy.rowCount());
        QCOMPARE(QString::fromStdString(doc.records[0].fields[ModelTableModel::Lambda]),
                 QStringLiteral("λ"));
        for (int r = 0; r < f.proxy.rowCount(); ++r) {
            const auto& fields = doc.records[size_t(r) + 1].fields;
            QCOMPARE(QString::fromStdString(fields[ModelTableModel::Model]),
                     f.proxy.index(r, ModelTableModel::Model).data().toString());
            for (int c : {int(ModelTableModel::LastCount), int(ModelTableModel::Lambda),
                          int(ModelTableModel::Forecast12)}) {
                const QVariant v = f.proxy.index(r, c).data(Qt::UserRole);
                const std::string& cell = fields[size_t(c)];
                if (!v.isValid()) {
                    QVERIFY(cell.empty());
                    continue;
                }
                const double parsed = std::stod(cell);
                QVERIFY(std::abs(parsed - v.toDouble()) <=
                        1e-10 * std::max(1.0, std::abs(v.toDouble())));
            }
        }
    }

    void fitsAndSeriesCsvRoundTrip() {
        Fixture f(generateDemoDataset());
        const CsvDocument fits = parseCsv(fitsCsv(f.model).toStdString());
        QVERIFY(fits.ok());
        int eligible = 0;
        for (int r = 0; r < f.model.rowCount(); ++r)
            eligible += f.model.series(r).observedMonths() >= 3;
        QCOMPARE(int(fits.records.size()) - 1, eligible);

        const int row = largestRow(f.model);
        const CsvDocument series = parseCsv(seriesCsv(f.model, {row}, 6).toStdString());
        QVERIFY(series.ok());
        const ModelSeries& s = f.model.series(row);
        QCOMPARE(int(series.records.size()) - 1, s.observedMonths() + 6);
        for (int k = 0; k < s.observedMonths(); ++k) {
            QCOMPARE(std::stod(series.records[size_t(k) + 1].fields[2]), s.counts[size_t(k)]);
        }
        const auto& last = series.records.back().fields;
        QVERIFY(last[2].empty());  // beyond the data: forecast only
        const FitResult* fit = f.model.fit(row);
        QVERIFY(std::abs(std::stod(last[3]) -
                         wsbValue(s.observedMonths() - 1 + 6, fit->params, fit->m)) < 1e-6);
    }

    void concentrationMarksTheShareOfTheCore() {
        Fixture f(generateDemoDataset());
        ConcentrationPanel panel(&f.model, &f.proxy);
        panel.refreshNow();
        std::vector<double> last;
        for (int r = 0; r < f.model.rowCount(); ++r)
            last.push_back(f.model.series(r).lastCount());
        QCOMPARE(panel.shareForTarget(), modelShareForValueShare(last, 0.8));
        PlotView* plot = panel.plots().front();
        QVERIFY(plot->title().contains(QLatin1String("80 %")));
    }

    void referenceDataRendersEveryPanel() {
        HUBGROWTH_REQUIRE_REFERENCE();
        const ImportResult loaded = loadDataset(testing::referenceFinetuneDir());
        QVERIFY2(loaded.ok(), qPrintable(loaded.error));
        Fixture f(loaded.dataset);
        for (const QString& id : chartPanelIds()) {
            auto panel = createChartPanel(id, &f.model, &f.proxy);
            panel->setSelectedRows({largestRow(f.model)});
            QVERIFY2(testing::pixelSpread(renderPanel(panel.get(), QSize(900, 600), 1.0)) > 8.0,
                     qPrintable(id));
        }
    }
};

QTEST_MAIN(TestChartExport)
#include "test_chart_export.moc"
