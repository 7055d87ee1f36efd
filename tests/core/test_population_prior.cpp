// Empirical-Bayes priors: learned from a population, they pull short series toward it.
#include <QtTest>
#include <atomic>
#include <cmath>

#include "hubgrowth/core/forecast/forecast_method.h"
#include "hubgrowth/core/forecast/population.h"
#include "hubgrowth/testsupport/forecast_test_data.h"

using namespace hubgrowth;

namespace {
const std::array<double, 3> kCentre{1.6, 2.2, -0.2};  // ln lambda, mu, ln sigma
}

class TestPopulationPrior : public QObject {
    Q_OBJECT
  private slots:
    void learnsThePopulationCentre() {
        const auto population = testing::simulatePopulation(200, 24, kCentre, 0.15, 0.02, 11);
        const PopulationModel model = learnPopulation(population, {});
        QVERIFY(model.hasPrior);
        QVERIFY(model.seriesUsed > 150);
        for (size_t j = 0; j < 3; ++j) {
            QVERIFY2(std::fabs(model.global.mean[j] - kCentre[j]) < 0.25,
                     qPrintable(QStringLiteral("%1: %2").arg(j).arg(model.global.mean[j])));
            QVERIFY(model.global.sd[j] > 0.0 && model.global.sd[j] < 1.0);
        }
        QVERIFY(model.dispersion > 0.0);
        QVERIFY(model.priorFor("Sim") != nullptr);
        QCOMPARE(model.priorFor("Nobody"), &model.global);
    }

    void organisationsWithEnoughSeriesGetTheirOwnPrior() {
        auto population = testing::simulatePopulation(60, 20, kCentre, 0.1, 0.02, 5);
        auto other = testing::simulatePopulation(30, 20, {0.8, 1.2, -0.5}, 0.1, 0.02, 6);
        for (auto& s : other) {
            s.org = "Other";
            s.id += "-other";
            population.push_back(s);
        }
        PopulationOptions options;
        options.minSeriesPerOrg = 20;
        const PopulationModel model = learnPopulation(population, options);
        QVERIFY(model.byOrg.count("Other") == 1);
        QVERIFY(std::fabs(model.priorFor("Other")->mean[1] - 1.2) < 0.3);
        QVERIFY(std::fabs(model.priorFor("Sim")->mean[1] - kCentre[1]) < 0.3);
        options.minSeriesPerOrg = 1000;
        QVERIFY(learnPopulation(population, options).byOrg.empty());
    }

    void evenlySpacedKeepsTheSpread() {
        std::vector<size_t> all(10);
        for (size_t i = 0; i < all.size(); ++i)
            all[i] = 100 + i;
        QCOMPARE(evenlySpaced(all, 20), all);  // under the cap: everything
        QCOMPARE(evenlySpaced(all, 5), (std::vector<size_t>{100, 102, 104, 106, 108}));
        QCOMPARE(evenlySpaced(all, 0), std::vector<size_t>{});
    }

    // A population over the caps is learned from a subset: the centre stays where the whole
    // population puts it, and only the capped number of series counts.
    void capsBoundTheWorkOnHugePopulations() {
        const auto population = testing::simulatePopulation(400, 24, kCentre, 0.15, 0.02, 17);
        const PopulationModel full = learnPopulation(population, {});
        PopulationOptions capped;
        capped.maxSeries = 100;
        capped.maxSeriesPerOrg = 50;
        const PopulationModel sampled = learnPopulation(population, capped);
        QVERIFY(full.seriesUsed > 300);
        QVERIFY(sampled.seriesUsed <= 100 && sampled.seriesUsed > 80);
        for (size_t j = 0; j < 3; ++j)
            QVERIFY(std::fabs(sampled.global.mean[j] - full.global.mean[j]) < 0.1);
        QVERIFY(sampled.byOrg.count("Sim") == 1);
        capped.maxOrgPriors = 0;
        QVERIFY(learnPopulation(population, capped).byOrg.empty());
    }

    void cancelStopsTheLearningAtTheNextSeries() {
        const auto population = testing::simulatePopulation(200, 24, kCentre, 0.15, 0.02, 11);
        std::atomic<bool> cancel{false};
        PopulationOptions options;
        options.cancel = &cancel;
        int lastDone = 0;
        int total = 0;
        options.progress = [&](int done, int all) {
            lastDone = done;
            total = all;
            if (done == 3)
                cancel.store(true);
        };
        const PopulationModel model = learnPopulation(population, options);
        QCOMPARE(lastDone, 3);  // no series was fitted after the flag was set
        QVERIFY(total > 150);
        QVERIFY(!model.hasPrior);

        int calls = 0;
        options.progress = [&](int, int) { ++calls; };
        QVERIFY(!learnPopulation(population, options).hasPrior);  // cancelled before it began
        QCOMPARE(calls, 0);
    }

    void tooFewSeriesGiveNoPrior() {
        const auto population = testing::simulatePopulation(3, 20, kCentre, 0.1, 0.02, 5);
        const PopulationModel model = learnPopulation(population, {});
        QVERIFY(!model.hasPrior);
        QCOMPARE(model.priorFor("Sim"), nullptr);
    }

    // A series with only a few months: the MAP fit lands near the population, and its forecast
    // is closer to what the series really does than the unregularised fit's.
    void priorPullsShortSeriesTowardThePopulation() {
        const auto population = testing::simulatePopulation(200, 24, kCentre, 0.15, 0.02, 21);
        const PopulationModel model = learnPopulation(population, {});
        const auto members = testing::simulatePopulation(60, 16, kCentre, 0.15, 0.02, 99);
        ForecastContext context;
        context.population = &model;
        context.org = "Sim";
        double distancePrior = 0.0, distancePlain = 0.0, errorPrior = 0.0, errorPlain = 0.0;
        int used = 0;
        for (const auto& s : members) {
            if (s.counts[4] < 5.0)
                continue;
            const MethodForecast prior =
                forecastMethod(ForecastMethod::WsbPrior, s.counts.data(), 5, 11, context);
            const MethodForecast plain =
                forecastMethod(ForecastMethod::Wsb, s.counts.data(), 5, 11, context);
            QVERIFY(prior.ok && plain.ok);
            for (size_t j = 0; j < 3; ++j) {
                distancePrior += std::fabs(prior.fit.x[j] - model.global.mean[j]);
                distancePlain += std::fabs(plain.fit.x[j] - model.global.mean[j]);
            }
            const double actual = s.counts[15];
            errorPrior += std::fabs(std::log(prior.future.back() / actual));
            errorPlain += std::fabs(std::log(plain.future.back() / actual));
            ++used;
        }
        QVERIFY(used > 30);
        QVERIFY2(distancePrior < 0.5 * distancePlain,
                 qPrintable(QStringLiteral("%1 vs %2").arg(distancePrior).arg(distancePlain)));
        QVERIFY2(errorPrior < errorPlain,
                 qPrintable(QStringLiteral("%1 vs %2").arg(errorPrior).arg(errorPlain)));
    }
};

QTEST_APPLESS_MAIN(TestPopulationPrior)
#include "test_population_prior.moc"
