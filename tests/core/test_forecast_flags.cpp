// Flags: abrupt jumps, poor fits and short histories, each with a reason.
#include <QtTest>

#include "forecast/flags.h"

using namespace hubgrowth;

class TestForecastFlags : public QObject {
    Q_OBJECT
  private slots:
    void smoothSeriesHasNoFlags() {
        const std::vector<double> c{0, 3, 7, 12, 18, 24, 29, 33, 37, 40, 43};
        CurveFit fit;
        fit.ok = true;
        fit.r2 = 0.99;
        QVERIFY(detectFlags(c.data(), int(c.size()), &fit).empty());
    }

    void abruptJumpIsFlaggedAtItsMonth() {
        const std::vector<double> c{0, 2, 4, 6, 8, 10, 12, 212, 214, 216};
        const auto flags = detectFlags(c.data(), int(c.size()), nullptr);
        QCOMPARE(flags.size(), size_t(1));
        QCOMPARE(flags[0].kind, FlagKind::AbruptJump);
        QCOMPARE(flags[0].month, 7);
        QVERIFY(QString::fromStdString(flags[0].reason).contains("month 7"));
        QCOMPARE(QString::fromLatin1(flagName(flags[0].kind)), QStringLiteral("abrupt-jump"));
    }

    void smallJumpsAreNotBreaks() {
        // Large relative to the typical increment but only 6 derivatives: noise, not a break.
        const std::vector<double> c{0, 1, 2, 3, 9, 10, 11, 12};
        QVERIFY(detectFlags(c.data(), int(c.size()), nullptr).empty());
    }

    void poorFitIsFlaggedWithItsR2() {
        const std::vector<double> c{0, 3, 7, 12, 18, 24, 29, 33, 37, 40, 43};
        CurveFit fit;
        fit.ok = true;
        fit.r2 = 0.62;
        const auto flags = detectFlags(c.data(), int(c.size()), &fit);
        QCOMPARE(flags.size(), size_t(1));
        QCOMPARE(flags[0].kind, FlagKind::PoorFit);
        QVERIFY(QString::fromStdString(flags[0].reason).contains("0.62"));
        fit.r2 = 0.99;
        fit.pearsonDispersion = 40.0;
        QCOMPARE(detectFlags(c.data(), int(c.size()), &fit).front().kind, FlagKind::PoorFit);
    }

    void shortHistoryIsFlagged() {
        const std::vector<double> c{0, 4, 9, 15};
        const auto flags = detectFlags(c.data(), int(c.size()), nullptr);
        QCOMPARE(flags.size(), size_t(1));
        QCOMPARE(flags[0].kind, FlagKind::ShortHistory);
        QVERIFY(!describeFlags(flags).empty());
    }
};

QTEST_APPLESS_MAIN(TestForecastFlags)
#include "test_forecast_flags.moc"
