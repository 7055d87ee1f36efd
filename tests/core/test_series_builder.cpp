#include <QtTest>

#include "hubgrowth/core/series/series_builder.h"

using namespace hubgrowth;

namespace {
constexpr std::int64_t kBase = 1700000000;  // 2023-11-14
std::int64_t atMonths(double months) {
    return kBase + static_cast<std::int64_t>(months * kSecondsPerMonth);
}
}  // namespace

class TestSeriesBuilder : public QObject {
    Q_OBJECT
  private slots:
    void countsChildrenByMonth() {
        // Children at 0.2, 0.9, 1.5, 3.1 months; observed until 4.5 months: months 0..4.
        const auto out = buildMonthlyCounts(
            kBase, {atMonths(0.2), atMonths(0.9), atMonths(1.5), atMonths(3.1)}, atMonths(4.5));
        QCOMPARE(out.counts, (std::vector<double>{0, 2, 3, 3, 4}));
        QCOMPARE(out.unknownDates, 0);
    }

    void monthBoundaryBelongsToTheEarlierMonth() {
        // Exactly one month after the base is "within 1 month".
        const auto out = buildMonthlyCounts(kBase, {atMonths(1.0)}, atMonths(2.0));
        QCOMPARE(out.counts, (std::vector<double>{0, 1, 1}));
    }

    void unknownDatesAreExcludedAndCounted() {
        const auto out =
            buildMonthlyCounts(kBase, {std::nullopt, atMonths(0.5), std::nullopt}, atMonths(2.5));
        QCOMPARE(out.counts, (std::vector<double>{0, 1, 1}));
        QCOMPARE(out.unknownDates, 2);
    }

    void childrenBeforeTheBaseCountFromMonthOne() {
        const auto out = buildMonthlyCounts(kBase, {kBase - 3600, kBase}, atMonths(1.5));
        QCOMPARE(out.counts, (std::vector<double>{0, 2}));
        QCOMPARE(out.beforeBase, 2);
    }

    void childrenAfterTheCutoffAreIgnored() {
        const auto out = buildMonthlyCounts(kBase, {atMonths(0.5), atMonths(9.0)}, atMonths(1.2));
        QCOMPARE(out.counts, (std::vector<double>{0, 1}));
        QCOMPARE(out.afterCutoff, 1);
    }

    void youngBaseHasOnlyMonthZero() {
        const auto out = buildMonthlyCounts(kBase, {atMonths(0.1)}, atMonths(0.5));
        QCOMPARE(out.counts, (std::vector<double>{0}));
        QCOMPARE(buildMonthlyCounts(kBase, {}, kBase - 10).counts, (std::vector<double>{0}));
    }
};

QTEST_APPLESS_MAIN(TestSeriesBuilder)
#include "test_series_builder.moc"
