// The backtest on the real lineage of all ten organisations in ../shared/reference: every
// method runs at every cut with finite outputs (skips cleanly when the data is absent).
#include <QtTest>
#include <cmath>
#include <set>

#include "hubgrowth/core/forecast/backtest.h"
#include "hubgrowth/data/batch_fitter.h"
#include "hubgrowth/data/paper_csv_importer.h"
#include "hubgrowth/testsupport/reference_data.h"

using namespace hubgrowth;

class TestBacktestReference : public QObject {
    Q_OBJECT
  private slots:
    void everyMethodRunsOnAllOrganisations() {
        HUBGROWTH_REQUIRE_REFERENCE();
        const ImportResult loaded = importPaperCsv(testing::referenceFinetuneDir());
        QVERIFY2(loaded.ok(), qPrintable(loaded.error));
        std::set<std::string> orgs;
        for (const auto& s : loaded.dataset.series)
            orgs.insert(s.org);
        QCOMPARE(orgs.size(), size_t(10));
        const ParallelFor pool = threadPoolParallelFor();
        for (const auto& [k, h] : {std::pair{12, 6}, std::pair{6, 6}, std::pair{3, 3}}) {
            for (ForecastMethod method : kAllMethods) {
                BacktestOptions options;
                options.trainMonths = k;
                options.horizon = h;
                options.method = method;
                const BacktestResult r = runBacktest(loaded.dataset.series, options, pool);
                QVERIFY(r.summary.n > 50);
                for (const BacktestRow& row : r.rows) {
                    QVERIFY(std::isfinite(row.predicted));
                    QVERIFY(std::isfinite(row.interval.lo95) && std::isfinite(row.interval.hi95));
                }
                QVERIFY(std::isfinite(r.summary.medianApe) && std::isfinite(r.summary.p90Ape));
                QVERIFY(r.summary.coverage95 >= r.summary.coverage80);
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestBacktestReference)
#include "test_backtest_reference.moc"
