// Every chart panel renders on the demo, exports PNG at the requested size and SVG that parses;
// CSV exports round-trip.
#include <QClipboard>
#include <QFile>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSet>
#include <QSignalSpy>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>
#include <algorithm>
#include <cmath>

#include "hubgrowth/core/demo/demo_generator.h"
#include "hubgrowth/core/io/csv_reader.h"
#include "hubgrowth/core/stats/concentration.h"
#include "hubgrowth/data/batch_fitter.h"
#include "hubgrowth/data/dataset_loader.h"
#include "hubgrowth/testsupport/reference_data.h"
#include "hubgrowth/testsupport/ui_test_support.h"
#include "hubgrowth/ui/chart_export.h"
#include "hubgrowth/ui/charts/plot_view.h"
#include "hubgrowth/ui/export_chart_dialog.h"
#include "hubgrowth/ui/model_filter_proxy.h"
#include "hubgrowth/ui/model_table_model.h"
#include "hubgrowth/ui/panels/chart_style.h"
#include "hubgrowth/ui/panels/cohorts_panel.h"
#include "hubgrowth/ui/panels/concentration_panel.h"
#include "hubgrowth/ui/panels/curve_panel.h"
#include "hubgrowth/ui/panels/organisations_panel.h"
#include "hubgrowth/ui/panels/panel_factory.h"
#include "hubgrowth/ui/panels/parameters_panel.h"
#include "hubgrowth/ui/table_export.h"

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

// The chart CSV's rows by series name: (x, y) in order, and the other columns by name.
struct ChartCsv {
    QStringList header;
    std::vector<std::vector<std::string>> rows;
    int column(const char* name) const { return int(header.indexOf(QLatin1String(name))); }
    QMap<QString, QVector<QPointF>> bySeries() const {
        QMap<QString, QVector<QPointF>> out;
        const int series = column("series"), x = column("x"), y = column("y");
        for (const auto& r : rows) {
            out[QString::fromStdString(r[size_t(series)])].push_back(
                QPointF(std::stod(r[size_t(x)]), std::stod(r[size_t(y)])));
        }
        return out;
    }
};

ChartCsv chartCsv(ChartPanel* panel) {
    const CsvDocument doc = parseCsv(panelCsv(panel).toStdString());
    ChartCsv out;
    if (!doc.ok() || doc.records.empty())
        return out;
    for (const std::string& h : doc.records[0].fields)
        out.header << QString::fromStdString(h);
    for (size_t i = 1; i < doc.records.size(); ++i)
        out.rows.push_back(doc.records[i].fields);
    return out;
}

bool waitForForecast(CurvePanel* curve) {
    curve->refreshNow();
    if (!curve->isForecasting())
        return true;
    QSignalSpy updated(curve, &CurvePanel::forecastUpdated);
    return updated.wait(60000);
}

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

    void everyChartExportsTheDataItDraws_data() {
        QTest::addColumn<QString>("chart");
        for (const QString& id : chartPanelIds())
            QTest::newRow(qPrintable(id)) << id;
    }
    void everyChartExportsTheDataItDraws() {
        QFETCH(QString, chart);
        Fixture f(generateDemoDataset());
        auto panel = createChartPanel(chart, &f.model, &f.proxy);
        panel->setSelectedRows({largestRow(f.model)});
        if (auto* curve = qobject_cast<CurvePanel*>(panel.get()))
            QVERIFY(waitForForecast(curve));
        QTemporaryDir dir;
        const QString path = dir.filePath(chart + QStringLiteral(".csv"));
        QCOMPARE(exportPanel(panel.get(), path, QSize(800, 500)), QString());
        const ChartCsv csv = chartCsv(panel.get());
        QVERIFY(csv.column("series") >= 0 && csv.column("x") >= 0 && csv.column("y") >= 0);
        QVERIFY(!csv.rows.empty());
        // Every visible series that is not a band of another one is in the file, point by point.
        const auto written = csv.bySeries();
        for (PlotView* plot : panel->plots()) {
            for (int i = 0; i < plot->seriesCount(); ++i) {
                const PlotSeries& s = plot->series(i);
                if (s.bandLevel > 0 || s.points.isEmpty())
                    continue;
                QVERIFY2(written.contains(s.name), qPrintable(s.name));
            }
        }
        if (chart == QLatin1String("parameters"))
            QVERIFY(csv.column("model") >= 0);
    }

    void everyChartHasAContextMenuThatCopiesItsData() {
        Fixture f(generateDemoDataset());
        for (const QString& chart : chartPanelIds()) {
            auto panel = createChartPanel(chart, &f.model, &f.proxy);
            panel->setSelectedRows({largestRow(f.model)});
            panel->refreshNow();
            QVERIFY(!panel->plots().isEmpty());
            std::unique_ptr<QMenu> menu(panel->createContextMenu(panel->plots().front(), nullptr));
            QStringList texts;
            QAction* copyData = nullptr;
            for (QAction* action : menu->actions()) {
                texts << action->text();
                if (action->text() == QLatin1String("Copy Data (CSV)"))
                    copyData = action;
            }
            for (const char* wanted : {"Export Chart (PNG, SVG, CSV)…", "Copy Image", "Zoom Out",
                                       "Reset Zoom", "Crosshair"})
                QVERIFY2(texts.contains(QString::fromUtf8(wanted)),
                         qPrintable(chart + ": " + QString::fromUtf8(wanted)));
            QCOMPARE(texts.contains(QLatin1String("Log Scale")), chart == QLatin1String("curve"));
            QVERIFY(copyData);
            QGuiApplication::clipboard()->clear();
            copyData->trigger();
            QCOMPARE(QGuiApplication::clipboard()->text(),
                     QString::fromUtf8(panelCsv(panel.get())));
            QVERIFY(!QGuiApplication::clipboard()->text().isEmpty());
            QSignalSpy exportAsked(panel.get(), &ChartPanel::exportRequested);
            menu->actions().front()->trigger();
            QCOMPARE(exportAsked.count(), 1);
        }
    }

    void theCurveCsvCarriesTheBandsAndNeverFallsBelowTheData() {
        Fixture f(generateDemoDataset());
        CurvePanel panel(&f.model, &f.proxy);
        const int row = largestRow(f.model);
        panel.setSelectedRows({row});
        QVERIFY(waitForForecast(&panel));
        const ChartCsv csv = chartCsv(&panel);
        for (const char* band : {"y_lo80", "y_hi80", "y_lo95", "y_hi95"})
            QVERIFY2(csv.column(band) >= 0, band);
        const double last = f.model.series(row).lastCount();
        int banded = 0;
        for (const auto& r : csv.rows) {
            const QString series = QString::fromStdString(r[size_t(csv.column("series"))]);
            if (!series.startsWith(QLatin1String("forecast")))
                continue;
            QVERIFY(std::stod(r[size_t(csv.column("y"))]) >= last);
            const std::string& lo95 = r[size_t(csv.column("y_lo95"))];
            if (lo95.empty())
                continue;  // the last observed month, where the path starts
            ++banded;
            QVERIFY(std::stod(lo95) >= last);
            QVERIFY(std::stod(r[size_t(csv.column("y_lo80"))]) >= std::stod(lo95));
            QVERIFY(std::stod(r[size_t(csv.column("y_hi95"))]) >=
                    std::stod(r[size_t(csv.column("y_hi80"))]));
        }
        QCOMPARE(banded, panel.horizon());
        // The export carries the forecast summary as its caption.
        const QByteArray svg = panelSvg(&panel, QSize(900, 600));
        QVERIFY(panel.exportCaption().contains(QStringLiteral("c(+12 mo, auto)")));
        QVERIFY(svg.contains("c(+12 mo, auto)"));
        // The series CSV holds the same forecast with its intervals.
        const CsvDocument series = parseCsv(seriesCsv(f.model, {row}, panel.horizon(), [&](int r) {
                                                return panel.forecastFor(r);
                                            }).toStdString());
        QVERIFY(series.ok());
        const auto& header = series.records[0].fields;
        const auto at = [&](const char* name) {
            return size_t(std::find(header.begin(), header.end(), name) - header.begin());
        };
        QVERIFY(at("lo95") < header.size());
        const auto& end = series.records.back().fields;
        QCOMPARE(QString::fromStdString(end[at("forecast_method")]), QStringLiteral("auto"));
        QVERIFY(std::stod(end[at("lo95")]) >= last);
        QVERIFY(std::stod(end[at("hi95")]) >= std::stod(end[at("forecast")]));
    }

    void cohortCurvesNeverFallAndSayHowManyModels() {
        // Cohort 2023: models of 3 to 30 months, the oldest with the fewest fine-tunes (an average
        // over the models old enough for each month would fall at the tail); 2025: one month.
        Dataset d;
        for (int i = 0; i < 12; ++i) {
            ModelSeries s;
            s.id = "a/old-" + std::to_string(i);
            s.org = "a";
            s.createdAt = "2023-02-01";
            const int months = 3 + i * 27 / 11;
            for (int k = 0; k < months; ++k)
                s.counts.push_back(double(k * (12 - i) * (12 - i)));
            d.series.push_back(s);
        }
        for (int i = 0; i < 6; ++i) {
            ModelSeries s;
            s.id = "b/young-" + std::to_string(i);
            s.org = "b";
            s.createdAt = "2025-01-10";
            s.counts = {0.0};
            d.series.push_back(s);
        }
        Fixture f(d);
        CohortsPanel panel(&f.model, &f.proxy);
        for (auto aggregate : {CohortsPanel::Aggregate::Mean, CohortsPanel::Aggregate::Median,
                               CohortsPanel::Aggregate::Total}) {
            panel.setAggregate(aggregate);
            panel.refreshNow();
            const auto written = chartCsv(&panel).bySeries();
            QCOMPARE(written.size(), 1);  // 2025 draws nothing: left out ...
            for (auto it = written.cbegin(); it != written.cend(); ++it) {
                QVERIFY2(it.key().contains(QStringLiteral("n=")), qPrintable(it.key()));
                for (int k = 1; k < it.value().size(); ++k)
                    QVERIFY2(it.value()[k].y() >= it.value()[k - 1].y(), qPrintable(it.key()));
            }
        }
        bool explained = false;  // ... and the summary says why
        for (QLabel* label : panel.findChildren<QLabel*>())
            explained = explained || label->text().contains(QStringLiteral("2025"));
        QVERIFY(explained);
    }

    void theExportDialogReadsCleanlyAndRemembersTheFolder() {
        QTemporaryDir settings;
        testing::isolateSettings(settings);
        QTemporaryDir dir;
        {
            ExportChartDialog dialog(QStringLiteral("/home/nobody/hubgrowth-curve.png"),
                                     QSize(800, 500));
            for (QLabel* label : dialog.findChildren<QLabel*>()) {
                // A "&" is a mnemonic only with a buddy; without one it would show.
                QVERIFY2(!label->text().contains(QLatin1Char('&')) || label->buddy(),
                         qPrintable(label->text()));
            }
            QLineEdit* path = dialog.findChild<QLineEdit*>();
            QVERIFY(path->minimumWidth() >= 300);
            path->setText(dir.filePath(QStringLiteral("chart.csv")));
            dialog.accept();
        }
        ExportChartDialog next(QStringLiteral("/home/nobody/hubgrowth-cohorts.png"),
                               QSize(800, 500));
        QCOMPARE(next.path(), QDir(dir.path()).filePath(QStringLiteral("hubgrowth-cohorts.png")));
    }

    void eachOrganisationKeepsOneDistinctColour() {
        QSet<QRgb> seen;
        for (int i = 0; i < kPaletteSize; ++i) {
            const QColor c = categoryColor(i);
            QVERIFY2(c.hsvSaturation() > 40 || c.value() < 120, qPrintable(c.name()));  // no grey
            seen.insert(c.rgb());
        }
        QCOMPARE(seen.size(), kPaletteSize);
        QVERIFY(!seen.contains(otherColor().rgb()));

        Fixture f(generateDemoDataset());
        ParametersPanel parameters(&f.model, &f.proxy);
        OrganisationsPanel organisations(&f.model, &f.proxy);
        parameters.refreshNow();
        organisations.refreshNow();
        const auto legend = parameters.sharedLegend();
        QVERIFY(legend.size() >= 2);
        QSet<QRgb> legendColours;
        for (const auto& entry : legend)
            legendColours.insert(entry.color.rgb());
        QCOMPARE(legendColours.size(), legend.size());  // no two organisations share one
        // The same organisation has the same colour in another tab.
        int compared = 0;
        for (PlotView* plot : organisations.plots()) {
            for (int i = 0; i < plot->seriesCount(); ++i) {
                for (const auto& entry : legend) {
                    if (entry.name == plot->series(i).name) {
                        QCOMPARE(plot->series(i).color, entry.color);
                        ++compared;
                    }
                }
            }
        }
        QVERIFY(compared > 0);
        // The legend hides an organisation in every scatter plot.
        parameters.setGroupHidden(legend.front().name, true);
        for (PlotView* scatter : parameters.scatterPlots()) {
            const int index = scatter->indexOfSeries(legend.front().name);
            QVERIFY(index >= 0);
            QVERIFY(!scatter->isSeriesVisible(index));
        }
        QVERIFY(parameters.sharedLegend().front().hidden);
        // The Organisations tab names its colours once, for all three plots.
        const auto organisationLegend = organisations.sharedLegend();
        QVERIFY(organisationLegend.size() >= 2);
        for (const auto& entry : organisationLegend) {
            for (const auto& other : legend) {
                if (other.name == entry.name)
                    QCOMPARE(entry.color, other.color);
            }
        }
    }

    void theOrganisationDensitiesShareOneXAxisOnScreen() {
        Fixture f(generateDemoDataset());
        OrganisationsPanel organisations(&f.model, &f.proxy);
        organisations.resize(1200, 900);
        organisations.show();
        QVERIFY(QTest::qWaitForWindowExposed(&organisations));
        organisations.refreshNow();
        QCoreApplication::processEvents();
        const auto plots = organisations.plots();
        QCOMPARE(plots.size(), 3);
        // No legend inside a plot: one beside the first narrowed its axis against the others'.
        double lo = 0, hi = 0;
        plots.front()->axisRange(Qt::Horizontal, &lo, &hi);
        QList<double> left, right;
        for (PlotView* plot : plots) {
            QVERIFY(plot->seriesCount() > 0);
            for (int i = 0; i < plot->seriesCount(); ++i)
                QVERIFY(!plot->series(i).inLegend);
            left << plot->positionOf(0, QPointF(lo, 0.0)).x();
            right << plot->positionOf(0, QPointF(hi, 0.0)).x();
        }
        // Within the width of a tick label's digit (the y labels may differ by one).
        for (int i = 1; i < 3; ++i) {
            QVERIFY2(std::abs(left[i] - left[0]) <= 12, qPrintable(QString::number(left[i])));
            QVERIFY2(std::abs(right[i] - right[0]) <= 12, qPrintable(QString::number(right[i])));
        }
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
