// One forecast everywhere: the models table's forecast column is the chosen method's forecast
// (the Curve summary's number, computed in the background), the Curve tab can name months as
// calendar dates, and the forecast table lists the Forecaster's months and intervals.
#include <QFile>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QtTest>

#include "hubgrowth/core/demo/demo_generator.h"
#include "hubgrowth/data/batch_fitter.h"
#include "hubgrowth/data/forecast_batch_job.h"
#include "hubgrowth/testsupport/ui_test_support.h"
#include "hubgrowth/ui/app_settings.h"
#include "hubgrowth/ui/charts/plot_view.h"
#include "hubgrowth/ui/main_window.h"
#include "hubgrowth/ui/model_filter_proxy.h"
#include "hubgrowth/ui/model_table_model.h"
#include "hubgrowth/ui/month_dates.h"
#include "hubgrowth/ui/number_format.h"
#include "hubgrowth/ui/panels/curve_panel.h"
#include "hubgrowth/ui/panels/forecast_table_panel.h"
#include "hubgrowth/ui/panels/forecast_text.h"
#include "hubgrowth/ui/table_forecaster.h"

using namespace hubgrowth;

namespace {

// A small demo dataset (forecasting every row stays quick), fitted.
struct Bench {
    ModelTableModel model;
    ModelFilterProxy filter;
    Bench() {
        DemoOptions options;
        options.baseModels = 40;
        Dataset dataset = generateDemoDataset(options);
        const std::vector<ModelSeries> toFit = dataset.series;
        model.setDataset(std::move(dataset));
        model.setFits(0, fitBatch(toFit, BatchOptions{}).results);
        filter.setSourceModel(&model);
    }
    // The series with the most fine-tunes: forecast by every method.
    int largestRow() const {
        int best = 0;
        for (int r = 1; r < model.rowCount(); ++r) {
            if (model.series(r).lastCount() > model.series(best).lastCount())
                best = r;
        }
        return best;
    }
    Forecaster forecaster() const {
        ForecasterOptions options;
        options.m = 100.0;
        return Forecaster(model.dataset().series, options);
    }
};

}  // namespace

class TestWorkbenchForecasts : public QObject {
    Q_OBJECT
    QTemporaryDir settingsDir_;

  private slots:
    void initTestCase() { testing::isolateSettings(settingsDir_); }

    void tableForecastIsTheMethodsForecastShownOnTheCurve() {
        Bench bench;
        TableForecaster forecaster(&bench.model);
        QSignalSpy finished(&forecaster, &TableForecaster::finished);
        forecaster.start(100.0, QStringLiteral("auto"), 12, 0);
        QVERIFY(forecaster.isRunning());
        // Nothing has arrived yet: the cells say so, the header names the method.
        QCOMPARE(bench.model.index(0, ModelTableModel::Forecast12).data().toString(),
                 QStringLiteral("…"));
        QCOMPARE(
            bench.model.headerData(ModelTableModel::Forecast12, Qt::Horizontal, Qt::DisplayRole)
                .toString(),
            QStringLiteral("c(+12 mo) auto"));
        QVERIFY(finished.wait(300000));
        QCOMPARE(finished.front().front().toBool(), false);

        const Forecaster reference = bench.forecaster();
        const int row = bench.largestRow();
        int compared = 0;
        for (int r = 0; r < bench.model.rowCount(); ++r) {
            const ModelSeries& s = bench.model.series(r);
            const double expected = forecastAt(reference.forecast(s, ForecastMethod::Auto, 12), 12);
            const double shown = bench.model.methodForecast(r);
            QVERIFY(bench.model.hasMethodForecast(r));
            if (!std::isfinite(expected)) {
                QVERIFY(!std::isfinite(shown));
                continue;
            }
            QCOMPARE(shown, expected);
            QVERIFY(shown >= s.lastCount());  // a cumulative forecast never falls
            QCOMPARE(bench.model.index(r, ModelTableModel::Forecast12).data().toString(),
                     formatCount(expected));
            ++compared;
        }
        QVERIFY(compared > 20);

        // The Curve summary shows the same number under the same label.
        CurvePanel curve(&bench.model, &bench.filter);
        curve.setSelectedRows({row});
        curve.refreshNow();
        QTRY_VERIFY_WITH_TIMEOUT(!curve.isForecasting(), 120000);
        const SeriesForecast* drawn = curve.forecastFor(row);
        QVERIFY(drawn && drawn->ok);
        QCOMPARE(forecastAt(*drawn, 12), bench.model.methodForecast(row));
        QVERIFY2(curve.summary().contains(QStringLiteral("c(+12 mo, auto) = %1")
                                              .arg(formatCount(bench.model.methodForecast(row)))),
                 qPrintable(curve.summary()));
    }

    void aCutTableForecastIsTheForecastOfTheCutSeries() {
        // "Fit the first K months": the column forecasts each series cut to K months (only the
        // cut ones are copied on the worker; the others are read where they are).
        Bench bench;
        constexpr int kFirstMonths = 8;
        TableForecaster forecaster(&bench.model);
        QSignalSpy finished(&forecaster, &TableForecaster::finished);
        forecaster.start(100.0, QStringLiteral("linear"), 6, kFirstMonths);
        QVERIFY(finished.wait(300000));
        const Forecaster reference = bench.forecaster();
        int cut = 0, whole = 0;
        for (int r = 0; r < bench.model.rowCount(); ++r) {
            ModelSeries s = bench.model.series(r);
            const bool shortened = s.observedMonths() > kFirstMonths;
            if (shortened)
                s.counts.resize(size_t(kFirstMonths));
            const double expected = forecastAt(reference.forecast(s, ForecastMethod::Linear, 6), 6);
            const double shown = bench.model.methodForecast(r);
            if (!std::isfinite(expected)) {
                QVERIFY(!std::isfinite(shown));
                continue;
            }
            QCOMPARE(shown, expected);
            ++(shortened ? cut : whole);
        }
        QVERIFY(cut > 10);
        QVERIFY(whole > 0);
    }

    void cancellingLeavesNoPendingCells() {
        Bench bench;
        TableForecaster forecaster(&bench.model);
        forecaster.start(100.0, QStringLiteral("linear"), 6, 0);
        forecaster.cancel();
        QVERIFY(!forecaster.isRunning());
        QVERIFY(bench.model.index(0, ModelTableModel::Forecast12).data().toString().isEmpty());
        QCOMPARE(
            bench.model.headerData(ModelTableModel::Forecast12, Qt::Horizontal, Qt::DisplayRole)
                .toString(),
            QStringLiteral("c(+6 mo) linear"));
    }

    void mainWindowFillsTheColumnAfterTheFitAndFollowsTheMethod() {
        MainWindow window;
        QSignalSpy forecasted(&window, &MainWindow::tableForecastsFinished);
        QVERIFY(testing::openAndFit(window, QStringLiteral("demo")));
        QVERIFY(window.isForecastingTable() || !forecasted.isEmpty());
        QVERIFY(forecasted.wait(300000) || !forecasted.isEmpty());
        ModelTableModel* model = window.tableModel();
        QCOMPARE(model->forecastMethod(), window.curvePanel()->method());
        for (int r = 0; r < model->rowCount(); ++r)
            QVERIFY(model->hasMethodForecast(r));
        forecasted.clear();
        window.curvePanel()->setMethod(QStringLiteral("linear"));
        QCOMPARE(model->forecastMethod(), QStringLiteral("linear"));
        QVERIFY(forecasted.wait(300000));
        QVERIFY(model->headerData(ModelTableModel::Forecast12, Qt::Horizontal, Qt::DisplayRole)
                    .toString()
                    .endsWith(QStringLiteral("linear")));
    }

    void monthsNameCalendarDates() {
        ModelSeries s;
        s.createdAt = "2024-01-22T16:30:10.000Z";
        QCOMPARE(monthDate(s, 0), QStringLiteral("2024-01"));
        QCOMPARE(monthDate(s, 1), QStringLiteral("2024-02"));
        // Twelve mean months are 365.24 days: 2024 is a leap year.
        QCOMPARE(monthDay(s, 12), QStringLiteral("2025-01-21"));
        s.createdAt.clear();
        QVERIFY(monthDate(s, 3).isEmpty());
    }

    void curveAxisShowsCalendarMonthsWhenAsked() {
        Bench bench;
        CurvePanel curve(&bench.model, &bench.filter);
        curve.resize(900, 600);
        curve.show();
        const int row = bench.largestRow();
        curve.setSelectedRows({row});
        curve.refreshNow();
        PlotView* plot = curve.plots().front();
        const QStringList months = plot->axisLabels(Qt::Horizontal);
        QVERIFY(!months.isEmpty());
        QVERIFY(!months.front().contains(QLatin1Char('-')));
        const QImage before = plot->renderImage(QSize(600, 400), 1.0);

        QSignalSpy changed(&curve, &CurvePanel::datesChanged);
        curve.setShowsDates(true);
        curve.refreshNow();
        QCOMPARE(changed.size(), 1);
        const QStringList dates = plot->axisLabels(Qt::Horizontal);
        QVERIFY(!dates.isEmpty());
        const QRegularExpression yearMonth(QStringLiteral("^\\d{4}-\\d{2}$"));
        for (const QString& label : dates)
            QVERIFY2(yearMonth.match(label).hasMatch(), qPrintable(label));
        QVERIFY(dates.contains(monthDate(bench.model.series(row), 0)));
        QVERIFY(plot->xAxis().title.contains(QStringLiteral("calendar")));
        // Exports draw what the screen shows.
        QVERIFY(plot->renderImage(QSize(600, 400), 1.0) != before);

        // The crosshair's read-out names the date under the pointer.
        plot->setCrosshairEnabled(true);
        const int observed = plot->indexOfSeries(QStringLiteral("observed"));
        QVERIFY(observed >= 0);
        const QPointF at = plot->positionOf(observed, plot->series(observed).points.back());
        QTest::mouseMove(plot->mouseTarget(), plot->mouseTarget()->mapFrom(plot, at.toPoint()));
        QTRY_VERIFY(!plot->crosshairText().isEmpty());
        QVERIFY2(
            plot->crosshairText().contains(QRegularExpression(QStringLiteral("\\d{4}-\\d{2}"))),
            qPrintable(plot->crosshairText()));

        // An overlay's models start at different dates: months again.
        curve.setSelectedRows({row, row == 0 ? 1 : 0});
        curve.refreshNow();
        QVERIFY(!plot->axisLabels(Qt::Horizontal).front().contains(QLatin1Char('-')));
        curve.setShowsDates(false);
    }

    void datesToggleIsRemembered() {
        {
            MainWindow window;
            window.curvePanel()->setShowsDates(true);
            QCOMPARE(settings::kCurveDates.value(), true);
        }
        MainWindow window;
        window.restoreSession({QStringLiteral("demo")});
        QVERIFY(window.curvePanel()->showsDates());
        window.curvePanel()->setShowsDates(false);
        QCOMPARE(settings::kCurveDates.value(), false);
    }

    void forecastTableListsTheForecastersMonths() {
        Bench bench;
        ForecastTablePanel panel(&bench.model, &bench.filter);
        const int row = bench.largestRow();
        const int other = row == 0 ? 1 : 0;
        panel.setMethods({QStringLiteral("auto"), QStringLiteral("linear")});
        panel.setHorizon(6);
        QSignalSpy updated(&panel, &ForecastTablePanel::tableUpdated);
        panel.setSelectedRows({row, other});
        panel.refreshNow();
        QVERIFY(updated.wait(120000));

        const Forecaster reference = bench.forecaster();
        const QStandardItemModel* table = panel.table();
        int line = 0;
        auto raw = [&](int r, int c) { return table->index(r, c).data(Qt::UserRole); };
        for (int source : {row, other}) {
            const ModelSeries& s = bench.model.series(source);
            for (const QString& name : panel.methods()) {  // in the menu's order
                const ForecastMethod method = *parseMethod(name.toStdString());
                const SeriesForecast f = reference.forecast(s, method, 6);
                if (!f.ok) {
                    QCOMPARE(raw(line, ForecastTablePanel::Forecast).toString(),
                             QString::fromStdString(f.error));
                    ++line;
                    continue;
                }
                const double floor = forecastFloor(f);
                for (int k = s.observedMonths(); k < s.observedMonths() + 6; ++k, ++line) {
                    const ForecastPoint& p = f.path[size_t(k)];
                    QCOMPARE(raw(line, ForecastTablePanel::Model).toString(),
                             QString::fromStdString(s.id));
                    QCOMPARE(raw(line, ForecastTablePanel::Method).toString(),
                             QString::fromLatin1(methodName(method)));
                    QCOMPARE(raw(line, ForecastTablePanel::Month).toInt(), k);
                    QCOMPARE(raw(line, ForecastTablePanel::Date).toString(), monthDay(s, k));
                    QCOMPARE(raw(line, ForecastTablePanel::Forecast).toDouble(),
                             atLeastFloor(p.fitted, floor));
                    QCOMPARE(raw(line, ForecastTablePanel::Lo80).toDouble(),
                             atLeastFloor(p.lo80, floor));
                    QCOMPARE(raw(line, ForecastTablePanel::Hi95).toDouble(),
                             atLeastFloor(p.hi95, floor));
                    QVERIFY(raw(line, ForecastTablePanel::Forecast).toDouble() >= s.lastCount());
                }
            }
        }
        QCOMPARE(table->rowCount(), line);

        // Exported through the table export: one header line, one line per row, atomically.
        const QByteArray csv = panel.csv();
        QVERIFY(csv.startsWith("model,method,month,date,forecast,lo80,hi80,lo95,hi95"));
        QCOMPARE(csv.count('\n'), line + 1);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("forecasts.csv"));
        QVERIFY(panel.exportTo(path).isEmpty());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), csv);
        QVERIFY(!panel.exportTo(dir.filePath(QStringLiteral("no/such/dir/x.csv"))).isEmpty());
    }

    void forecastTableIsATab() {
        MainWindow window;
        QVERIFY(qobject_cast<ForecastTablePanel*>(window.panel(QStringLiteral("forecast-table"))));
    }
};

QTEST_MAIN(TestWorkbenchForecasts)
#include "test_workbench_forecasts.moc"
