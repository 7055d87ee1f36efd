// The cold-start covariate a store has: the base's lead relations (adapters, quantizations) in
// the pooled trend. On a synthetic store whose fine-tunes follow them it must help; without them
// (or with too few donors that have them) the fine-tunes alone decide, exactly as before; and
// nothing the lead does after the date can change a forecast made as of it.
#include <QtTest>
#include <cmath>
#include <map>

#include "hubgrowth/core/forecast/as_of_backtest.h"
#include "hubgrowth/core/forecast/as_of_rank.h"
#include "hubgrowth/core/series/calendar.h"
#include "hubgrowth/testsupport/as_of_compare.h"
#include "hubgrowth/testsupport/lead_population.h"

using namespace hubgrowth;

namespace {

const std::int64_t kAsOf = *parseIsoInstant("2024-06-01");

std::vector<ModelSeries> leadPopulation() {
    return testing::simulateLeadPopulation(300, *parseIsoInstant("2022-06-01"), 3,
                                           *parseIsoInstant("2025-01-01"), 15);
}

AsOfOptions pooledOptions() {
    AsOfOptions options;
    options.method = ForecastMethod::Pooled;
    return options;
}

int countDetail(const std::vector<AsOfForecast>& forecasts, const std::string& detail) {
    int n = 0;
    for (const AsOfForecast& f : forecasts)
        n += f.ok && f.detail == detail ? 1 : 0;
    return n;
}

}  // namespace

class TestLeadCovariate : public QObject {
    Q_OBJECT
  private slots:
    void theLeadImprovesThePooledTrendWhereItLeads() {
        const auto population = leadPopulation();
        const auto alone = testing::withoutLeads(population);
        for (ForecastMethod method : {ForecastMethod::Pooled, ForecastMethod::Auto}) {
            AsOfOptions options;
            options.method = method;
            const AsOfSummary withLead = summariseAsOf(runAsOfBacktest(population, kAsOf, options));
            const AsOfSummary without = summariseAsOf(runAsOfBacktest(alone, kAsOf, options));
            QCOMPARE(withLead.all.n, without.all.n);
            QVERIFY(withLead.all.n > 100);
            const QByteArray figures = QByteArray(methodName(method)) + ": median APE " +
                                       QByteArray::number(withLead.all.medianApe) + " with, " +
                                       QByteArray::number(without.all.medianApe) + " without";
            qInfo("%s", figures.constData());
            const double gain = method == ForecastMethod::Pooled ? 0.8 : 0.95;
            QVERIFY2(withLead.all.medianApe < gain * without.all.medianApe, figures.constData());
        }
    }

    void withoutLeadsTheFineTunesAloneDecide() {
        const auto population = leadPopulation();
        const auto withLead = forecastAsOf(population, kAsOf, pooledOptions());
        const auto alone = forecastAsOf(testing::withoutLeads(population), kAsOf, pooledOptions());
        QVERIFY(countDetail(withLead, "pooled+lead") > 50);
        QCOMPARE(countDetail(withLead, "pooled"), 0);
        QCOMPARE(countDetail(alone, "pooled+lead"), 0);
        QVERIFY(countDetail(alone, "pooled") > 50);
        // Leads on a handful of series only: too few donors have one, so nobody uses it, and
        // every forecast is the fine-tunes-alone one.
        std::vector<ModelSeries> few = testing::withoutLeads(population);
        for (size_t i = 0; i < 15; ++i)
            few[i].leadCounts = population[i].leadCounts;
        const auto fallback = forecastAsOf(few, kAsOf, pooledOptions());
        QCOMPARE(fallback.size(), alone.size());
        for (size_t i = 0; i < alone.size(); ++i) {
            QCOMPARE(fallback[i].ok, alone[i].ok);
            QCOMPARE(fallback[i].detail, alone[i].detail);
            QCOMPARE(fallback[i].predicted, alone[i].predicted);
        }
    }

    void nothingTheLeadDoesAfterTheDateChangesAForecast() {
        const auto population = leadPopulation();
        auto later = population;
        auto earlier = population;
        for (size_t i = 0; i < population.size(); ++i) {
            const int age = monthsOfAge(*parseIsoInstant(population[i].createdAt), kAsOf);
            std::vector<double>& lead = later[i].leadCounts;
            for (size_t k = static_cast<size_t>(std::max(age + 1, 0)); k < lead.size(); ++k)
                lead[k] = lead[k] * 5.0 + 100.0 * static_cast<double>(k);
            for (size_t k = 1; k < earlier[i].leadCounts.size(); ++k)
                earlier[i].leadCounts[k] *= 4.0;
        }
        for (ForecastMethod method : {ForecastMethod::Pooled, ForecastMethod::Auto}) {
            AsOfOptions options;
            options.method = method;
            const auto base = forecastAsOf(population, kAsOf, options);
            const auto afterChanged = forecastAsOf(later, kAsOf, options);
            const auto beforeChanged = forecastAsOf(earlier, kAsOf, options);
            const QString changed = testing::firstAsOfDifference(afterChanged, base);
            QVERIFY2(changed.isEmpty(), qPrintable(changed));
            QCOMPARE(beforeChanged.size(), base.size());
            int moved = 0;
            for (size_t i = 0; i < base.size(); ++i) {
                moved += base[i].ok && beforeChanged[i].ok &&
                         beforeChanged[i].predicted != base[i].predicted;
            }
            QVERIFY2(moved > 20, methodName(method));  // a change before the date does move them
        }
    }

    // What `rank` and the Rising tab show: the lead children of the last three months the
    // forecast knew, nothing after the date, and nothing at all when the lead is unknown.
    void recentLeadChildrenAreTheLastThreeKnownMonths() {
        ModelSeries s;
        s.counts = {0, 1, 2, 3, 4, 5, 6};
        s.leadCounts = {0, 4, 10, 30, 31, 1000, 5000};  // months 5 and 6 after the date
        AsOfForecast f;
        f.observedMonths = 5;  // months 0..4 known
        QCOMPARE(recentLeadChildren(s, f), std::optional<double>(31.0 - 4.0));
        f.observedMonths = 3;  // two months after month 0: both
        QCOMPARE(recentLeadChildren(s, f), std::optional<double>(10.0));
        f.observedMonths = 1;
        QCOMPARE(recentLeadChildren(s, f), std::optional<double>(0.0));
        f.observedMonths = 8;  // longer than the lead: unknown, not a guess
        QVERIFY(!recentLeadChildren(s, f));
        s.leadCounts.clear();
        f.observedMonths = 5;
        QVERIFY(!recentLeadChildren(s, f));
        // On the simulated store: the rank's figure is the truncated series' own.
        const auto population = leadPopulation();
        const auto forecasts = forecastAsOf(population, kAsOf, pooledOptions());
        const AsOfPopulation cut = truncateAsOf(population, kAsOf);
        std::map<size_t, const AsOfForecast*> forecastOf;  // by index into the population
        for (const AsOfForecast& forecast : forecasts)
            forecastOf[forecast.seriesIndex] = &forecast;
        int checked = 0;
        for (size_t j = 0; j < cut.series.size(); ++j) {
            const auto& known = cut.series[j].leadCounts;
            const auto forecast = forecastOf.find(cut.source[j]);
            if (forecast == forecastOf.end() || known.size() < 4)
                continue;
            const double expected = known.back() - known[known.size() - 4];
            QCOMPARE(recentLeadChildren(population[cut.source[j]], *forecast->second),
                     std::optional<double>(expected));
            ++checked;
        }
        QVERIFY(checked > 100);
    }
};

QTEST_APPLESS_MAIN(TestLeadCovariate)
#include "test_lead_covariate.moc"
