// Incumbent vs successor: fine-tunes gained in the same calendar months and at the same age.
#include <QtTest>
#include <cmath>
#include <limits>

#include "hubgrowth/core/series/head_to_head.h"

using namespace hubgrowth;

class TestHeadToHead : public QObject {
    Q_OBJECT
  private slots:
    void sameCalendarMonthsInterpolateTheIncumbentAtAFractionalOffset() {
        // The incumbent gains 10 a month; the successor appears 2.5 months later.
        const std::vector<double> incumbent{0, 10, 20, 30, 40, 50, 60};
        const std::vector<double> successor{0, 5, 15, 30};
        const auto c = compareHeadToHead(incumbent, successor, 2.5);
        QVERIFY(c);
        QCOMPARE(c->months, 3);  // the successor's 3 months fit inside the incumbent's 3.5
        QCOMPARE(c->successorGain, 30.0);
        QCOMPARE(c->incumbentGain, 30.0);  // c(5.5) - c(2.5) = 55 - 25
        QCOMPARE(c->successorShare(), 0.5);
        QCOMPARE(c->sameAge, 3);
        QCOMPARE(c->successorAtSameAge, 30.0);
        QCOMPARE(c->incumbentAtSameAge, 30.0);
    }

    void theWindowEndsWithTheShorterHistory() {
        const std::vector<double> incumbent{0, 10, 20, 30};
        const std::vector<double> successor{0, 50, 100, 150, 200};
        const auto c = compareHeadToHead(incumbent, successor, 1.0);
        QVERIFY(c);
        QCOMPARE(c->months, 2);  // the incumbent is observed to month 3 = offset + 2
        QCOMPARE(c->successorGain, 100.0);
        QCOMPARE(c->incumbentGain, 20.0);
        QCOMPARE(c->sameAge, 3);
        QCOMPARE(c->successorAtSameAge, 150.0);
        QCOMPARE(c->incumbentAtSameAge, 30.0);
    }

    void pairsThatCannotBeComparedGiveNothing() {
        const std::vector<double> incumbent{0, 10, 20, 30};
        const std::vector<double> successor{0, 1, 2};
        QVERIFY(!compareHeadToHead(incumbent, successor, -1.0));  // the "successor" is older
        QVERIFY(!compareHeadToHead(incumbent, successor, std::nan("")));
        QVERIFY(!compareHeadToHead(incumbent, successor, 2.5));  // < 1 month observed by both
        QVERIFY(!compareHeadToHead({}, successor, 0.0));
        QVERIFY(!compareHeadToHead(incumbent, {}, 0.0));
        const double nan = std::numeric_limits<double>::quiet_NaN();
        QVERIFY(!compareHeadToHead({0, nan, 20, 30}, successor, 0.0));
        QVERIFY(compareHeadToHead(incumbent, successor, 0.0));
    }

    void theSummaryCountsWhoWonAndTheMedianShare() {
        const auto a = compareHeadToHead({0, 10, 20, 30, 40, 50, 60}, {0, 5, 15, 30}, 2.5);
        const auto b = compareHeadToHead({0, 10, 20, 30}, {0, 50, 100, 150, 200}, 1.0);
        const auto none = compareHeadToHead({0, 0, 0, 0}, {0, 0, 0}, 0.0);
        QVERIFY(a && b && none);
        const HeadToHeadSummary s = summarizeHeadToHead({*a, *b, *none});
        QCOMPARE(s.pairs, 3);
        QCOMPARE(s.successorGainedMore, 1);
        QCOMPARE(s.successorAheadAtSameAge, 1);
        // Shares 0.5 and 100/120; the pair without fine-tunes has no share.
        QVERIFY(std::abs(s.medianSuccessorShare - (0.5 + 100.0 / 120.0) / 2.0) < 1e-12);
        QVERIFY(std::isnan(summarizeHeadToHead({*none}).medianSuccessorShare));
        QCOMPARE(summarizeHeadToHead({}).pairs, 0);
    }
};

QTEST_APPLESS_MAIN(TestHeadToHead)
#include "test_head_to_head.moc"
