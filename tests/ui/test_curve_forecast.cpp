// The Curve tab's forecast: calibrated bands from the forecasting core arrive asynchronously,
// follow the chosen method and the "first K months" backtest cut, and short series get a
// message instead of a band. Also the method's persistence in the main window.
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QtTest>

#include "hubgrowth/core/demo/demo_generator.h"
#include "hubgrowth/core/forecast/holdout_check.h"
#include "hubgrowth/data/batch_fitter.h"
#include "hubgrowth/testsupport/ui_test_support.h"
#include "hubgrowth/ui/charts/plot_view.h"
#include "hubgrowth/ui/fit_tool_bar.h"
#include "hubgrowth/ui/main_window.h"
#include "hubgrowth/ui/model_filter_proxy.h"
#include "hubgrowth/ui/model_table_model.h"
#include "hubgrowth/ui/panels/curve_panel.h"

using namespace hubgrowth;

namespace {

constexpr int kShortRow = 0;  // the series cut to 2 months

struct Workbench {
    ModelTableModel model;
    ModelFilterProxy filter;
    CurvePanel panel{&model, &filter};

    // The demo data with its first series cut to 2 months; fits on the first `firstMonths`.
    // withLeads: every series gets lead relations, as a store would (twice its counts two months
    // later).
    explicit Workbench(int firstMonths = 0, bool withLeads = false) {
        Dataset dataset = generateDemoDataset();
        dataset.series.front().counts.resize(2);
        for (ModelSeries& s : dataset.series) {
            for (size_t k = 0; withLeads && k < s.counts.size(); ++k)
                s.leadCounts.push_back(2.0 * s.counts[std::min(k + 2, s.counts.size() - 1)]);
        }
        std::vector<ModelSeries> toFit = dataset.series;
        for (auto& s : toFit) {
            if (firstMonths > 0 && s.observedMonths() > firstMonths)
                s.counts.resize(size_t(firstMonths));
        }
        model.setDataset(std::move(dataset));
        model.setFits(0, fitBatch(toFit, BatchOptions{}).results);
        filter.setSourceModel(&model);
        panel.setFirstMonths(firstMonths);
    }
    int longestRow() const {
        int best = 1;
        for (int r = 1; r < model.rowCount(); ++r) {
            if (model.series(r).observedMonths() > model.series(best).observedMonths() ||
                (model.series(r).observedMonths() == model.series(best).observedMonths() &&
                 model.series(r).lastCount() > model.series(best).lastCount()))
                best = r;
        }
        return best;
    }
    // A mid-aged series with many derivatives: older series calibrate its intervals.
    int midAgeRow() const {
        int best = -1;
        for (int r = 1; r < model.rowCount(); ++r) {
            const int months = model.series(r).observedMonths();
            if (months >= 12 && months <= 18 &&
                (best < 0 || model.series(r).lastCount() > model.series(best).lastCount()))
                best = r;
        }
        return best;
    }
    PlotView* plot() const { return panel.plots().front(); }
    QVector<const PlotSeries*> bands() const {
        QVector<const PlotSeries*> out;
        for (int i = 0; i < plot()->seriesCount(); ++i) {
            if (plot()->series(i).style == PlotSeries::Style::Band)
                out.append(&plot()->series(i));
        }
        return out;
    }
    const PlotSeries* forecastPath() const {
        for (int i = 0; i < plot()->seriesCount(); ++i) {
            if (plot()->series(i).name.startsWith(QLatin1String("forecast")))
                return &plot()->series(i);
        }
        return nullptr;
    }
    // Selects the row and waits for its forecast.
    bool show(int row) {
        panel.setSelectedRows({row});
        panel.refreshNow();
        return QTest::qWaitFor([this] { return !panel.isForecasting(); }, 120000);
    }
};

}  // namespace

class TestCurveForecast : public QObject {
    Q_OBJECT
    QTemporaryDir settingsDir_;

  private slots:
    void initTestCase() { testing::isolateSettings(settingsDir_); }

    void drawsCalibratedBandsAfterTheLastObservedMonth() {
        Workbench bench;
        bench.panel.show();
        const int row = bench.midAgeRow();
        QVERIFY(row > 0);
        const int n = bench.model.series(row).observedMonths();
        bench.panel.setSelectedRows({row});
        QVERIFY(bench.panel.isForecasting());
        QVERIFY(bench.panel.summary().contains(QStringLiteral("forecasting")));
        QVERIFY(bench.bands().isEmpty());  // the fit is shown meanwhile
        QVERIFY(bench.plot()->indexOfSeries(QStringLiteral("WSB fit")) >= 0);
        QTRY_VERIFY_WITH_TIMEOUT(!bench.panel.isForecasting(), 120000);

        const auto bands = bench.bands();
        QCOMPARE(bands.size(), 2);  // 95 % and 80 %
        for (const PlotSeries* band : bands) {
            QCOMPARE(band->points.size(), bench.panel.horizon());
            QCOMPARE(band->lower.size(), band->points.size());
            for (int i = 0; i < band->points.size(); ++i) {
                QVERIFY(band->points[i].y() >= band->lower[i].y());
                QCOMPARE(band->points[i].x(), band->lower[i].x());
                QVERIFY(band->points[i].x() > n - 1);
                if (i > 0) {  // cumulative counts never fall, nor do their quantiles
                    QVERIFY(band->points[i].y() >= band->points[i - 1].y());
                    QVERIFY(band->lower[i].y() >= band->lower[i - 1].y());
                }
            }
            QCOMPARE(band->points.front().x(), double(n));
        }
        // The 95 % band holds the 80 % band.
        for (int i = 0; i < bands[0]->points.size(); ++i) {
            QVERIFY(bands[0]->points[i].y() >= bands[1]->points[i].y());
            QVERIFY(bands[0]->lower[i].y() <= bands[1]->lower[i].y());
        }
        const PlotSeries* path = bench.forecastPath();
        QVERIFY(path);
        QCOMPARE(path->style, PlotSeries::Style::DashedLine);
        QCOMPARE(path->points.front(), QPointF(n - 1, bench.model.series(row).lastCount()));
        QCOMPARE(path->points.size(), bench.panel.horizon() + 1);
        const QString summary = bench.panel.summary();
        QVERIFY2(summary.contains(QStringLiteral("forecast auto")), qPrintable(summary));
        QVERIFY2(summary.contains(QRegularExpression(
                     QStringLiteral("intervals calibrated on [1-9][0-9]* older series"))),
                 qPrintable(summary));
        QVERIFY(!summary.contains(QStringLiteral("forecasting")));
    }

    void switchingTheMethodChangesTheForecast() {
        Workbench bench;
        QVERIFY(bench.show(bench.longestRow()));
        const QVector<QPointF> autoPath = bench.forecastPath()->points;
        QSignalSpy changed(&bench.panel, &CurvePanel::methodChanged);
        bench.panel.setMethod(QStringLiteral("linear"));
        QCOMPARE(changed.size(), 1);
        bench.panel.refreshNow();
        QVERIFY(bench.panel.isForecasting());
        QTRY_VERIFY_WITH_TIMEOUT(!bench.panel.isForecasting(), 120000);
        QVERIFY(bench.forecastPath()->name.contains(QStringLiteral("linear")));
        QCOMPARE(bench.forecastPath()->points.size(), autoPath.size());
        QVERIFY(bench.forecastPath()->points != autoPath);
        QVERIFY(bench.panel.summary().contains(QStringLiteral("forecast linear")));
        bench.panel.setMethod(QStringLiteral("no-such-method"));  // ignored
        QCOMPARE(bench.panel.method(), QStringLiteral("linear"));
    }

    void forecastsFromTheFirstKMonthsInABacktest() {
        constexpr int k = 12;
        Workbench bench(k);
        const int row = bench.longestRow();
        const ModelSeries& s = bench.model.series(row);
        QVERIFY(s.observedMonths() > k + 3);
        QVERIFY(bench.show(row));
        QVERIFY(bench.plot()->indexOfSeries(QStringLiteral("held out (not fitted)")) >= 0);
        const auto bands = bench.bands();
        QCOMPARE(bands.size(), 2);
        QCOMPARE(bands.front()->points.front().x(), double(k));  // right after the cut
        QCOMPARE(bench.forecastPath()->points.front(), QPointF(k - 1, s.counts[size_t(k - 1)]));
        QVERIFY(bench.panel.summary().contains(QStringLiteral("first %1 months").arg(k)));
        // The held-out months are scored as the backtest scores them: the summary says the
        // same as checkHoldout on the forecast that is drawn.
        const SeriesForecast* forecast = bench.panel.forecastFor(row);
        QVERIFY(forecast);
        const HoldoutCheck check = checkHoldout(*forecast, s.counts);
        QCOMPARE(check.points, std::min(s.observedMonths() - k, bench.panel.horizon()));
        const QString expected = QStringLiteral("inside 80 %: %1 of %2, inside 95 %: %3 of %2")
                                     .arg(check.inside80)
                                     .arg(check.points)
                                     .arg(check.inside95);
        QVERIFY2(bench.panel.summary().contains(expected), qPrintable(bench.panel.summary()));
        QVERIFY(bench.panel.summary().contains(
            QStringLiteral("APE at month %1 = ").arg(check.lastMonth)));
    }

    // A store's lead relations are drawn over the months the forecast knew, and the pooled
    // member says it used them; without them (the demo) no lead line.
    void theLeadRelationsAreDrawnUpToTheCut() {
        const QString name = QStringLiteral("lead: adapters + quantizations");
        constexpr int k = 12;
        Workbench bench(k, true);
        const int row = bench.longestRow();
        const ModelSeries& s = bench.model.series(row);
        QVERIFY(bench.show(row));
        const int index = bench.plot()->indexOfSeries(name);
        QVERIFY(index >= 0);
        const PlotSeries& lead = bench.plot()->series(index);
        QCOMPARE(lead.points.size(), k);
        for (int m = 0; m < k; ++m)
            QCOMPARE(lead.points[m], QPointF(m, s.leadCounts[size_t(m)]));
        QVERIFY2(bench.panel.summary().contains(QStringLiteral("pooled+lead")),
                 qPrintable(bench.panel.summary()));

        Workbench plain(k);
        QVERIFY(plain.show(plain.longestRow()));
        QCOMPARE(plain.plot()->indexOfSeries(name), -1);
        QVERIFY(!plain.panel.summary().contains(QStringLiteral("pooled+lead")));
    }

    void changingKShowsTheCutAtOnceAndNoFitMadeForAnotherK() {
        Workbench bench;  // fitted on every month
        const int row = bench.longestRow();
        QVERIFY(bench.show(row));
        QVERIFY(bench.plot()->indexOfSeries(QStringLiteral("WSB fit")) >= 0);
        // K changes; the re-fit has not arrived: the held-out months and the forecast from K
        // show, the fit of all months does not.
        bench.panel.setFirstMonths(10);
        bench.panel.refreshNow();
        QVERIFY(QTest::qWaitFor([&] { return !bench.panel.isForecasting(); }, 120000));
        bench.panel.refreshNow();
        QCOMPARE(bench.plot()->indexOfSeries(QStringLiteral("WSB fit")), -1);
        QVERIFY(bench.plot()->indexOfSeries(QStringLiteral("held out (not fitted)")) >= 0);
        const SeriesForecast* forecast = bench.panel.forecastFor(row);
        QVERIFY(forecast);
        QCOMPARE(forecast->observedMonths, 10);
    }

    void theKBoxTakesAllMonthsAsWordsOrZero() {
        FitToolBar bar;
        auto* box = bar.findChild<QSpinBox*>(QStringLiteral("firstMonths"));
        QVERIFY(box);
        QCOMPARE(bar.firstMonths(), 0);
        QCOMPARE(box->text(), QStringLiteral("all months"));
        for (const auto& [typed, expected] :
             std::vector<std::pair<QString, int>>{{QStringLiteral("1"), 1},
                                                  {QStringLiteral("all"), 0},
                                                  {QStringLiteral("2"), 2},
                                                  {QStringLiteral("All months"), 0},
                                                  {QStringLiteral("12"), 12},
                                                  {QStringLiteral("0"), 0}}) {
            box->selectAll();
            QTest::keyClicks(box, typed);
            QTest::keyClick(box, Qt::Key_Return);
            QVERIFY2(bar.firstMonths() == expected, qPrintable(typed + QStringLiteral(" -> ") +
                                                               QString::number(bar.firstMonths())));
        }
    }

    void aTooShortSeriesGetsAMessageAndNoBand() {
        Workbench bench;
        QVERIFY(bench.show(kShortRow));
        QVERIFY(bench.bands().isEmpty());
        QVERIFY(!bench.forecastPath());
        const QString summary = bench.panel.summary();
        QVERIFY2(summary.contains(QStringLiteral("forecast: ")), qPrintable(summary));
        QVERIFY2(summary.contains(QStringLiteral("month")), qPrintable(summary));
        // Then a long one draws its bands again.
        QVERIFY(bench.show(bench.longestRow()));
        QCOMPARE(bench.bands().size(), 2);
    }

    void theMainWindowRemembersTheMethod() {
        {
            MainWindow window;
            window.show();
            QVERIFY(testing::openAndFit(window, QStringLiteral("demo")));
            auto* curve = window.findChild<CurvePanel*>();
            QVERIFY(curve);
            PlotView* view = window.curveView();
            auto bandCount = [view] {
                int bands = 0;
                for (int i = 0; i < view->seriesCount(); ++i)
                    bands += view->series(i).style == PlotSeries::Style::Band;
                return bands;
            };
            QTRY_COMPARE_WITH_TIMEOUT(bandCount(), 2, 120000);
            curve->setMethod(QStringLiteral("gompertz"));
        }
        QCOMPARE(QSettings().value(QStringLiteral("curve/method")).toString(),
                 QStringLiteral("gompertz"));
        MainWindow again;
        again.restoreSession({QStringLiteral("demo")});
        QCOMPARE(again.findChild<CurvePanel*>()->method(), QStringLiteral("gompertz"));
    }
};

QTEST_MAIN(TestCurveForecast)
#include "test_curve_forecast.moc"
