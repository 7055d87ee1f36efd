// The Rising tab: its ranking is the core's (`hubgrowth rank`), it recomputes when the date
// changes and nothing after the date moves it, it follows the filter, a click selects the model,
// and its backtest line is the core's as-of backtest of the rows shown.
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

#include "hubgrowth/core/demo/demo_generator.h"
#include "hubgrowth/core/forecast/as_of_rank.h"
#include "hubgrowth/core/forecast/flags.h"
#include "hubgrowth/core/series/calendar.h"
#include "hubgrowth/testsupport/lead_population.h"
#include "hubgrowth/testsupport/ui_test_support.h"
#include "hubgrowth/ui/chart_export.h"
#include "hubgrowth/ui/charts/plot_view.h"
#include "hubgrowth/ui/model_filter_proxy.h"
#include "hubgrowth/ui/model_table_model.h"
#include "hubgrowth/ui/number_format.h"
#include "hubgrowth/ui/panels/panel_factory.h"
#include "hubgrowth/ui/panels/rising_panel.h"
#include "hubgrowth/ui/panels/rising_table_model.h"

using namespace hubgrowth;

namespace {

// A table, its filter and a Rising panel on them, like the workbench's.
struct Bench {
    ModelTableModel model;
    ModelFilterProxy filter;
    std::unique_ptr<RisingPanel> panel;
    explicit Bench(Dataset dataset) {
        filter.setSourceModel(&model);
        model.setDataset(std::move(dataset));
        panel.reset(qobject_cast<RisingPanel*>(
            createChartPanel(QStringLiteral("rising"), &model, &filter).release()));
    }
    // Redraws and waits for the ranking the controls ask for.
    bool rank() {
        QSignalSpy updated(panel.get(), &RisingPanel::rankingUpdated);
        panel->refreshNow();
        while (panel->isRanking() || !panel->ranking()) {
            if (!updated.wait(120000))
                return false;
        }
        return panel->ranking()->asOf == panel->asOf() &&
               panel->ranking()->options.horizon == panel->horizon();
    }
};

struct CoreRanking {
    std::vector<AsOfForecast> forecasts;
    std::vector<size_t> order;
};

CoreRanking coreRanking(const std::vector<ModelSeries>& series, std::int64_t asOf, int horizon) {
    AsOfOptions options;
    options.horizon = horizon;
    CoreRanking r;
    r.forecasts = forecastAsOf(series, asOf, options);
    r.order = rankByGain(series, r.forecasts);
    return r;
}

// The table's rows in rank order (column, raw value).
QVector<double> column(const RisingPanel& panel, int column) {
    QVector<double> out;
    for (const RisingRow& r :
         qobject_cast<const RisingTableModel*>(
             qobject_cast<const QSortFilterProxyModel*>(panel.table()->model())->sourceModel())
             ->rows()) {
        out << (column == RisingTableModel::Predicted ? r.predicted : r.gain);
    }
    return out;
}

}  // namespace

class TestRisingPanel : public QObject {
    Q_OBJECT
    QTemporaryDir settingsDir_;

  private slots:
    void initTestCase() { testing::isolateSettings(settingsDir_); }

    void isAWorkbenchTab() {
        QVERIFY(workbenchTabIds().contains(QStringLiteral("rising")));
        QVERIFY(!chartPanelIds().contains(QStringLiteral("rising")));  // not headless
    }

    void rankingAtTheLastDateIsTheCoresRanking() {
        Bench bench(generateDemoDataset());
        const auto& series = bench.model.dataset().series;
        QVERIFY(bench.rank());
        QCOMPARE(bench.panel->asOfIndex(), int(bench.panel->asOfDates().size()) - 1);
        QCOMPARE(bench.panel->asOf(), *latestDataInstant(series));
        QCOMPARE(bench.panel->horizon(), 6);
        QVERIFY(!bench.panel->hasBacktest());  // nothing after the last date to score

        const CoreRanking core = coreRanking(series, bench.panel->asOf(), 6);
        const QVector<int> shown = bench.panel->rankedSourceRows();
        QVERIFY(shown.size() > 100);
        QCOMPARE(size_t(shown.size()), core.order.size());
        const QVector<double> predicted = column(*bench.panel, RisingTableModel::Predicted);
        const auto* table = qobject_cast<const RisingTableModel*>(
            qobject_cast<const QSortFilterProxyModel*>(bench.panel->table()->model())
                ->sourceModel());
        int flagged = 0;
        for (int i = 0; i < shown.size(); ++i) {
            const AsOfForecast& f = core.forecasts[core.order[size_t(i)]];
            QCOMPARE(shown[i], int(f.seriesIndex));
            QCOMPARE(predicted[i], f.predicted.back());
            // Each flag named once; the elided cell's tooltip has every reason.
            const QModelIndex flags = table->index(i, RisingTableModel::Flags);
            QCOMPARE(flags.data().toString(), QString::fromStdString(flagNames(f.flags, ", ")));
            const QVariant reasons = flags.data(Qt::ToolTipRole);
            QCOMPARE(reasons.toString(), QString::fromStdString(describeFlags(f.flags)));
            flagged += f.flags.empty() ? 0 : 1;
        }
        QVERIFY(flagged > 0);
        // The plot draws the top 10 gains with both intervals, named for the export.
        PlotView* plot = bench.panel->plots().front();
        const int points = plot->indexOfSeries(QStringLiteral("forecast gain (+6 months)"));
        QVERIFY(points >= 0);
        QCOMPARE(plot->series(points).points.size(), RisingPanel::kTopDrawn);
        QCOMPARE(plot->series(points).points.front().y(),
                 column(*bench.panel, RisingTableModel::Gain).front());
        const QByteArray csv = panelCsv(bench.panel.get());
        QVERIFY(csv.startsWith("series,x,y,y_lo80,y_hi80,y_lo95,y_hi95,model"));
        const QString firstModel = QString::fromStdString(series[size_t(shown.front())].id);
        QVERIFY2(
            csv.contains(("forecast gain (+6 months),1,")) && csv.contains(firstModel.toUtf8()),
            csv.left(400).constData());
        QVERIFY(bench.panel->summaryText().contains(firstModel));
    }

    void cancelStopsTheRankingUntilTheRequestChanges() {
        Bench bench(generateDemoDataset());
        bench.panel->refreshNow();
        QVERIFY(bench.panel->isRanking());
        QVERIFY(bench.panel->cancelBackgroundWork());  // Fit > Cancel (Esc) in the window
        QVERIFY(!bench.panel->isRanking());
        QVERIFY(!bench.panel->cancelBackgroundWork());  // nothing left to cancel
        bench.panel->refreshNow();                      // the same request: not started again
        QVERIFY(!bench.panel->isRanking());
        QVERIFY(!bench.panel->ranking());
        bench.panel->setHorizon(bench.panel->horizon() + 1);  // a new request ranks again
        QVERIFY(bench.rank());
    }

    void anEarlierDateRecomputesAndIgnoresTheFuture() {
        Bench bench(generateDemoDataset());
        QVERIFY(bench.rank());
        const QVector<int> atLast = bench.panel->rankedSourceRows();
        const int index = int(bench.panel->asOfDates().size()) - 1 - 9;
        QVERIFY(index >= 0);
        bench.panel->setAsOfIndex(index);
        QVERIFY(bench.rank());
        const std::int64_t asOf = bench.panel->asOf();
        QCOMPARE(bench.panel->ranking()->asOf, asOf);
        const QVector<int> before = bench.panel->rankedSourceRows();
        const QVector<double> predicted = column(*bench.panel, RisingTableModel::Predicted);
        QVERIFY(before != atLast);
        const CoreRanking core = coreRanking(bench.model.dataset().series, asOf, 6);
        QCOMPARE(size_t(before.size()), core.order.size());
        for (int i = 0; i < before.size(); ++i)
            QCOMPARE(before[i], int(core.forecasts[core.order[size_t(i)]].seriesIndex));

        // Every count after the date changed, months appended (where the data's last date
        // stays, so the slider offers the same dates), a model created after the date added.
        Dataset changed = bench.model.dataset();
        const std::int64_t latest = *latestDataInstant(changed.series);
        for (ModelSeries& s : changed.series) {
            const int age = monthsOfAge(*parseIsoInstant(s.createdAt), asOf);
            for (size_t k = size_t(std::max(age + 1, 0)); k < s.counts.size(); ++k)
                s.counts[k] = 3.0 * s.counts[k] + 7.0 * double(k);
            ModelSeries longer = s;
            longer.counts.push_back(longer.counts.back() + 50.0);
            if (*latestDataInstant({longer}) <= latest)
                s = longer;
        }
        ModelSeries late;
        late.id = "late/newcomer";
        late.org = "late";
        late.createdAt = formatIsoDate(asOf + 5 * 86400);
        late.counts = {0.0, 500.0, 900.0};
        changed.series.push_back(late);
        QCOMPARE(*latestDataInstant(changed.series), latest);

        bench.model.setDataset(changed);
        bench.panel->refreshNow();  // the dates are rebuilt for the new data
        bench.panel->setAsOfIndex(index);
        QVERIFY(bench.rank());
        QCOMPARE(bench.panel->asOf(), asOf);
        QCOMPARE(bench.panel->rankedSourceRows(), before);
        QCOMPARE(column(*bench.panel, RisingTableModel::Predicted), predicted);
    }

    // On a store's data the table shows each base's recent lead children (what `rank` prints as
    // lead_3mo), sortable; data without leads (the demo, a paper CSV) shows no such column.
    void theRecentLeadColumnShowsOnlyWhereTheDataHasLeads() {
        Bench demo(generateDemoDataset());
        QVERIFY(demo.rank());
        QVERIFY(demo.panel->table()->isColumnHidden(RisingTableModel::RecentLead));

        Dataset leads;
        leads.name = "lead population";
        leads.series = testing::simulateLeadPopulation(200, *parseIsoInstant("2022-06-01"), 4,
                                                       *parseIsoInstant("2024-12-01"), 3);
        Bench bench(leads);
        QVERIFY(bench.rank());
        QVERIFY(!bench.panel->table()->isColumnHidden(RisingTableModel::RecentLead));
        const auto& series = bench.model.dataset().series;
        const CoreRanking core = coreRanking(series, bench.panel->asOf(), 6);
        QTableView* table = bench.panel->table();
        QCOMPARE(size_t(table->model()->rowCount()), core.order.size());
        int positive = 0;
        for (int i = 0; i < table->model()->rowCount(); ++i) {
            const AsOfForecast& f = core.forecasts[core.order[size_t(i)]];
            const std::optional<double> expected = recentLeadChildren(series[f.seriesIndex], f);
            QVERIFY(expected);
            const QModelIndex cell = table->model()->index(i, RisingTableModel::RecentLead);
            QCOMPARE(cell.data(Qt::UserRole).toDouble(), *expected);
            QCOMPARE(cell.data().toString(), formatCount(*expected));
            positive += *expected > 0 ? 1 : 0;
        }
        QVERIFY(positive > 20);
        // Sorted by it, largest first.
        table->sortByColumn(RisingTableModel::RecentLead, Qt::DescendingOrder);
        for (int i = 1; i < table->model()->rowCount(); ++i) {
            QVERIFY(table->model()
                        ->index(i - 1, RisingTableModel::RecentLead)
                        .data(Qt::UserRole)
                        .toDouble() >= table->model()
                                           ->index(i, RisingTableModel::RecentLead)
                                           .data(Qt::UserRole)
                                           .toDouble());
        }
    }

    void theFilterRestrictsTheRows() {
        Bench bench(generateDemoDataset());
        QVERIFY(bench.rank());
        const QVector<int> all = bench.panel->rankedSourceRows();
        const QString org = bench.model.organisations().front();
        bench.filter.setOrganisation(org);
        bench.panel->refreshNow();
        QVERIFY(!bench.panel->isRanking());  // the filter does not recompute
        const QVector<int> shown = bench.panel->rankedSourceRows();
        QVERIFY(!shown.isEmpty() && shown.size() < all.size());
        QVector<int> expected;
        for (int row : all) {
            if (QString::fromStdString(bench.model.series(row).org) == org)
                expected << row;
        }
        QCOMPARE(shown, expected);
        QCOMPARE(bench.panel->table()->model()->rowCount(), shown.size());
    }

    void clickingARowOrAPointActivatesItsModel() {
        Bench bench(generateDemoDataset());
        bench.panel->resize(1000, 700);
        bench.panel->show();
        QVERIFY(QTest::qWaitForWindowExposed(bench.panel.get()));
        QVERIFY(bench.rank());
        QSignalSpy activated(bench.panel.get(), &ChartPanel::rowActivated);
        QTableView* table = bench.panel->table();
        const QModelIndex third = table->model()->index(2, RisingTableModel::Model);
        table->scrollTo(third);
        QTest::mouseClick(table->viewport(), Qt::LeftButton, Qt::NoModifier,
                          table->visualRect(third).center());
        QCOMPARE(activated.count(), 1);
        QCOMPARE(activated.front().front().toInt(), bench.panel->rankedSourceRows()[2]);

        PlotView* plot = bench.panel->plots().front();
        const int points = plot->indexOfSeries(QStringLiteral("forecast gain (+6 months)"));
        const QPointF top = plot->series(points).points.front();
        const QPoint at =
            plot->mouseTarget()->mapFrom(plot, plot->positionOf(points, top).toPoint());
        QTest::mouseClick(plot->mouseTarget(), Qt::LeftButton, Qt::NoModifier, at);
        QCOMPARE(activated.count(), 2);
        QCOMPARE(activated.back().front().toInt(), bench.panel->rankedSourceRows()[0]);

        // And back: the browser's selection is selected in the table, without a new signal.
        const int fifth = bench.panel->rankedSourceRows()[4];
        bench.panel->setSelectedRows({fifth});
        bench.panel->refreshNow();
        QCOMPARE(table->currentIndex().data(RisingTableModel::kSourceRowRole).toInt(), fifth);
        QCOMPARE(activated.count(), 2);
    }

    void theBacktestLineIsTheCoresSummaryOfTheShownRows() {
        Bench bench(generateDemoDataset());
        bench.panel->setHorizon(4);
        QVERIFY(bench.rank());
        bench.panel->setAsOfIndex(int(bench.panel->asOfDates().size()) - 1 - 8);
        QVERIFY(bench.rank());
        QVERIFY(bench.panel->hasBacktest());
        AsOfOptions options;
        options.horizon = 4;
        const std::vector<AsOfRow> rows =
            runAsOfBacktest(bench.model.dataset().series, bench.panel->asOf(), options);
        for (const QString& org : {QString(), bench.model.organisations().front()}) {
            bench.filter.setOrganisation(org);
            bench.panel->refreshNow();
            std::vector<AsOfRow> shown;
            for (const AsOfRow& row : rows) {
                if (org.isEmpty() ||
                    QString::fromStdString(bench.model.series(int(row.seriesIndex)).org) == org)
                    shown.push_back(row);
            }
            const AsOfSummary core = summariseAsOf(shown);
            const AsOfSummary panel = bench.panel->backtestSummary();
            QVERIFY(core.all.n >= 5);
            QCOMPARE(panel.all.n, core.all.n);
            QCOMPARE(panel.all.medianApe, core.all.medianApe);
            QCOMPARE(panel.all.coverage80, core.all.coverage80);
            QCOMPARE(panel.all.coverage95, core.all.coverage95);
            QCOMPARE(panel.gainSpearman, core.gainSpearman);
            QCOMPARE(panel.topCount, core.topCount);
            QCOMPARE(panel.topOverlap, core.topOverlap);
            QVERIFY2(bench.panel->summaryText().contains(
                         QStringLiteral("median APE %1 %").arg(core.all.medianApe, 0, 'f', 1)),
                     qPrintable(bench.panel->summaryText()));
        }
    }
};

QTEST_MAIN(TestRisingPanel)
#include "test_rising_panel.moc"
