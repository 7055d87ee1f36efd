// The Curve tab's time machine: as of a date the drawn model is cut at its age then, the
// forecast learns from the dataset known then (nothing after the date changes it), the later
// months are drawn hollow in their own series, the summary names the date, the right end of
// the slider is today's behaviour, and the as-of backtest of the shown models is the core's.
#include <QLabel>
#include <QtTest>

#include "hubgrowth/core/demo/demo_generator.h"
#include "hubgrowth/core/forecast/as_of.h"
#include "hubgrowth/core/forecast/as_of_backtest.h"
#include "hubgrowth/core/series/calendar.h"
#include "hubgrowth/testsupport/ui_test_support.h"
#include "hubgrowth/ui/as_of_dates.h"
#include "hubgrowth/ui/chart_export.h"
#include "hubgrowth/ui/charts/plot_view.h"
#include "hubgrowth/ui/model_filter_proxy.h"
#include "hubgrowth/ui/model_table_model.h"
#include "hubgrowth/ui/panels/as_of_link.h"
#include "hubgrowth/ui/panels/curve_panel.h"
#include "hubgrowth/ui/panels/curve_time_machine.h"
#include "hubgrowth/ui/panels/rising_panel.h"

using namespace hubgrowth;

namespace {

constexpr int kMonthsBack = 6;  // the as-of date: six months before the data's end

struct Workbench {
    ModelTableModel model;
    ModelFilterProxy filter;
    CurvePanel panel{&model, &filter};

    explicit Workbench(Dataset dataset = smallDemo()) {
        model.setDataset(std::move(dataset));
        filter.setSourceModel(&model);
        panel.refreshNow();  // builds the slider's dates
    }
    static Dataset smallDemo() {
        DemoOptions options;
        options.baseModels = 80;
        return generateDemoDataset(options);
    }
    int longestRow() const {
        int best = 0;
        for (int r = 1; r < model.rowCount(); ++r) {
            if (model.series(r).observedMonths() > model.series(best).observedMonths())
                best = r;
        }
        return best;
    }
    CurveTimeMachine* machine() const { return panel.timeMachine(); }
    std::int64_t pastDate() const {
        const auto& dates = machine()->dates();
        return dates.value(dates.size() - 1 - kMonthsBack);
    }
    void goBack() { machine()->setAsOfIndex(int(machine()->dates().size()) - 1 - kMonthsBack); }
    PlotView* plot() const { return panel.plots().front(); }
    const PlotSeries* named(const QString& name) const {
        const int i = plot()->indexOfSeries(name);
        return i >= 0 ? &plot()->series(i) : nullptr;
    }
    const SeriesForecast* show(int row) {
        panel.setSelectedRows({row});
        panel.refreshNow();
        if (!QTest::qWaitFor([this] { return !panel.isForecasting(); }, 120000))
            return nullptr;
        return panel.forecastFor(row);
    }
};

}  // namespace

class TestCurveTimeMachine : public QObject {
    Q_OBJECT
    QTemporaryDir settingsDir_;

  private slots:
    void initTestCase() { testing::isolateSettings(settingsDir_); }

    // The views show the day; the data's last date is an instant with a time of day.
    void asOfDatesAreShownAsDays() {
        QCOMPARE(asOfDateText(1740028748), QStringLiteral("2025-02-20"));  // 05:19:08Z
        QCOMPARE(asOfDateText(1723939200), QStringLiteral("2024-08-18"));  // midnight
        QCOMPARE(asOfDateText(1740095999), QStringLiteral("2025-02-20"));  // 23:59:59Z
    }

    void asOfCutsTheForecastAndDrawsTheRestHollow() {
        Workbench bench;
        QVERIFY(bench.machine()->dates().size() > kMonthsBack + 1);
        QVERIFY(!bench.machine()->asOf());  // the right end: no cut
        bench.goBack();
        QCOMPARE(bench.machine()->asOf().value_or(0), bench.pastDate());
        const int row = bench.longestRow();
        const ModelSeries& s = bench.model.series(row);
        const int age = monthsOfAge(*parseIsoInstant(s.createdAt), bench.pastDate());
        QVERIFY(age + 1 < s.observedMonths());
        const SeriesForecast* forecast = bench.show(row);
        QVERIFY(forecast);
        QVERIFY2(forecast->ok, forecast->error.c_str());
        QCOMPARE(forecast->observedMonths, age + 1);

        const PlotSeries* observed = bench.named(QStringLiteral("observed"));
        const PlotSeries* after = bench.named(QStringLiteral("after as-of"));
        QVERIFY(observed && after);
        QCOMPARE(observed->points.size(), age + 1);
        QCOMPARE(after->points.size(), s.observedMonths() - age - 1);
        QCOMPARE(after->style, PlotSeries::Style::HollowPoints);
        QCOMPARE(after->color, observed->color);
        QCOMPARE(after->points.front().x(), double(age + 1));
        const QString date = asOfDateText(bench.pastDate());
        QVERIFY(bench.named(QStringLiteral("as of %1").arg(date)));  // the cut's marker
        QVERIFY2(bench.panel.summary().contains(QStringLiteral("as of %1").arg(date)),
                 qPrintable(bench.panel.summary()));
        QVERIFY2(bench.panel.summary().contains(QStringLiteral("APE")),
                 qPrintable(bench.panel.summary()));
        // The CSV export carries the hollow months as their own series (the export redraws
        // the panel, which replaces the series `after` points to: count first).
        const qsizetype afterPoints = after->points.size();
        const QByteArray csv = panelCsv(&bench.panel);
        QCOMPARE(csv.count("\nafter as-of,"), afterPoints);
    }

    void theLatestDateIsNoCut() {
        Workbench fresh;
        const int row = fresh.longestRow();
        const SeriesForecast* untouched = fresh.show(row);
        QVERIFY(untouched);
        const std::vector<ForecastPoint> path = untouched->path;

        Workbench bench;
        bench.goBack();
        QVERIFY(bench.show(row));
        bench.machine()->setAsOfIndex(int(bench.machine()->dates().size()) - 1);
        QVERIFY(!bench.machine()->asOf());
        const SeriesForecast* latest = bench.show(row);
        QVERIFY(latest);
        QCOMPARE(latest->observedMonths, bench.model.series(row).observedMonths());
        QVERIFY(!bench.named(QStringLiteral("after as-of")));
        QVERIFY(!bench.panel.summary().contains(QStringLiteral("as of")));
        QCOMPARE(latest->path.size(), path.size());
        for (size_t i = 0; i < path.size(); ++i)
            QCOMPARE(latest->path[i].fitted, path[i].fitted);
    }

    void countsAfterTheDateDoNotChangeTheAsOfForecast() {
        Workbench bench;
        const std::int64_t date = bench.pastDate();
        bench.goBack();
        const int row = bench.longestRow();
        const SeriesForecast* before = bench.show(row);
        QVERIFY(before && before->ok);
        const SeriesForecast kept = *before;

        // Every series does three times as well after the date: the as-of forecast cannot know.
        Dataset changed = Workbench::smallDemo();
        for (ModelSeries& s : changed.series) {
            const auto created = parseIsoInstant(s.createdAt);
            if (!created)
                continue;
            const int age = monthsOfAge(*created, date);
            for (int k = std::max(age + 1, 0); k < s.observedMonths(); ++k)
                s.counts[size_t(k)] *= 3.0;
        }
        Workbench other(std::move(changed));
        QCOMPARE(other.pastDate(), date);
        other.goBack();
        const SeriesForecast* after = other.show(row);
        QVERIFY(after && after->ok);
        QCOMPARE(after->observedMonths, kept.observedMonths);
        QCOMPARE(after->path.size(), kept.path.size());
        for (size_t i = 0; i < kept.path.size(); ++i) {
            QCOMPARE(after->path[i].fitted, kept.path[i].fitted);
            QCOMPARE(after->path[i].hi95, kept.path[i].hi95);
        }
    }

    void backtestsTheShownModelsOnAWorker() {
        Workbench bench;
        bench.panel.setHorizon(3);
        bench.goBack();
        bench.panel.refreshNow();
        QVERIFY(bench.machine()->isBacktesting() || bench.machine()->hasBacktest());
        QTRY_VERIFY_WITH_TIMEOUT(bench.machine()->hasBacktest(), 120000);
        AsOfOptions options;
        options.horizon = 3;
        const AsOfSummary expected =
            summariseAsOf(runAsOfBacktest(bench.model.dataset().series, bench.pastDate(), options));
        const AsOfSummary got = bench.machine()->backtestSummary();
        QVERIFY(expected.all.n > 0);
        QCOMPARE(got.all.n, expected.all.n);
        QCOMPARE(got.all.medianApe, expected.all.medianApe);
        QVERIFY(bench.machine()->backtestLabel()->text().contains(QStringLiteral("median APE")));

        // A filter that shows no model: the same rows, summarised over none.
        bench.filter.setSearchText(QStringLiteral("no-such-model-anywhere"));
        bench.panel.refreshNow();
        QCOMPARE(bench.machine()->backtestSummary().all.n, 0);
        // The latest date: no backtest.
        bench.machine()->setAsOfIndex(int(bench.machine()->dates().size()) - 1);
        bench.panel.refreshNow();
        QVERIFY(!bench.machine()->hasBacktest());
    }

    void curveAndRisingShareOneDate() {
        Workbench bench;
        RisingPanel rising(&bench.model, &bench.filter);
        rising.refreshNow();  // builds its dates
        QCOMPARE(rising.asOfDates(), bench.machine()->dates());
        linkAsOfControls(&bench.panel, &rising);
        bench.goBack();
        QCOMPARE(rising.asOf(), bench.pastDate());
        rising.setAsOfIndex(2);
        QCOMPARE(bench.machine()->asOfIndex(), 2);
        QCOMPARE(bench.machine()->asOf().value_or(0), rising.asOfDates().value(2));

        // A Rising tab that builds its dates later starts at the Curve tab's date.
        RisingPanel later(&bench.model, &bench.filter);
        linkAsOfControls(&bench.panel, &later);
        later.refreshNow();
        QCOMPARE(later.asOfIndex(), 2);
    }
};

QTEST_MAIN(TestCurveTimeMachine)
#include "test_curve_time_machine.moc"
