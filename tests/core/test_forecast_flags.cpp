// Flags: abrupt jumps, poor fits, short histories and wide intervals, each with a reason.
#include <QtTest>
#include <algorithm>
#include <cmath>

#include "hubgrowth/core/forecast/flags.h"

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

    // Two jumps are two flags with their months in the reasons, but one name in a flags column.
    void flagNamesAreDistinctInFirstSeenOrder() {
        const std::vector<double> c{0, 2, 4, 6, 206, 208, 210, 212, 214, 1214, 1216, 1218};
        auto flags = detectFlags(c.data(), int(c.size()), nullptr);
        QCOMPARE(int(std::count_if(
                     flags.begin(), flags.end(),
                     [](const ForecastFlag& f) { return f.kind == FlagKind::AbruptJump; })),
                 2);
        QCOMPARE(QString::fromStdString(flagNames(flags, ";")), QStringLiteral("abrupt-jump"));
        flags.push_back({FlagKind::PoorFit, -1, "poor"});
        flags.insert(flags.begin(), {FlagKind::ShortHistory, -1, "short"});
        QCOMPARE(QString::fromStdString(flagNames(flags, ", ")),
                 QStringLiteral("short-history, abrupt-jump, poor-fit"));
        QCOMPARE(QString::fromStdString(flagNames({}, ";")), QString());
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

    // A fast S-curve's steep months are large against its median increment (many months near
    // 0), but so are the months beside them: no abrupt jump. The same rise packed into one
    // month, with quiet months around it, is one.
    void steepPhaseOfAnSCurveIsNotAJump() {
        CurveFit curve;
        curve.kind = CurveKind::Wsb;
        curve.m = 100.0;
        curve.x = {std::log(9.0), 1.46, std::log(0.36)};  // lambda 9, mu 1.46, sigma 0.36
        std::vector<double> c;
        for (int t = 0; t < 13; ++t)
            c.push_back(t == 0 ? 0.0 : std::round(curve.value(t)));
        QVERIFY(c[7] - c[6] > 100000.0 && c[12] - c[11] < 20000.0);  // steep, then flat
        for (const ForecastFlag& flag : detectFlags(c.data(), int(c.size()), nullptr))
            QVERIFY2(flag.kind != FlagKind::AbruptJump, flag.reason.c_str());
        std::vector<double> packed = c;  // months 6-8's rise all in month 7
        packed[6] = packed[5];
        packed[7] = packed[8];
        const auto flags = detectFlags(packed.data(), int(packed.size()), nullptr);
        QVERIFY(std::any_of(flags.begin(), flags.end(), [](const ForecastFlag& f) {
            return f.kind == FlagKind::AbruptJump && f.month == 7;
        }));
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
        // A good R^2 but increments far from the curve's: a zig-zag around a straight line.
        const std::vector<double> zigzag{0, 150, 400, 550, 800, 950, 1200, 1350, 1600, 1750, 2000};
        CurveFit line;  // Bass with a huge M and tiny p, q: c(t) ~ 200 t over these months
        line.kind = CurveKind::Bass;
        line.x = {std::log(1e7), std::log(200.0 / 1e7), std::log(1e-9)};
        line.ok = true;
        line.r2 = 0.99;
        QVERIFY(std::fabs(line.value(10) - 2000.0) < 1.0);
        FlagThresholds poisson;  // judged against Poisson noise
        poisson.alpha = 0.0;
        const auto scattered = detectFlags(zigzag.data(), int(zigzag.size()), &line, poisson);
        QVERIFY(detectFlags(zigzag.data(), int(zigzag.size()), &line).empty());  // NB alpha 0.25
        QCOMPARE(scattered.size(), size_t(1));
        QCOMPARE(scattered.front().kind, FlagKind::PoorFit);
        QVERIFY(QString::fromStdString(scattered.front().reason).contains("scatter"));
        // The smooth series does not scatter around the same kind of line.
        const std::vector<double> smooth{0, 200, 400, 600, 800, 1000, 1200, 1400, 1600, 1800, 2000};
        QVERIFY(detectFlags(smooth.data(), int(smooth.size()), &line, poisson).empty());
    }

    // An order of magnitude above the larger of the point and the count at the cut, both taken
    // as at least bandMinimum, with the month, the band's top and the point in the reason.
    void wideIntervalIsJudgedAgainstPointAndCount() {
        QVERIFY(isWideInterval(100.0, 400.0, 4001.0));
        QVERIFY(!isWideInterval(100.0, 400.0, 3999.0));
        QVERIFY(isWideInterval(500.0, 400.0, 5001.0));  // the count, when above the point
        QVERIFY(!isWideInterval(500.0, 400.0, 4999.0));
        QVERIFY(!isWideInterval(0.0, 1.0, 99.0));  // a model with none yet: judged as 10
        QVERIFY(isWideInterval(0.0, 1.0, 101.0));
        QVERIFY(!isWideInterval(100.0, 400.0, std::nan("")));
        FlagThresholds loose;
        loose.maxBandRatio = 20.0;
        QVERIFY(!isWideInterval(100.0, 400.0, 7999.0, loose));

        std::vector<ForecastFlag> flags;
        flagWideInterval(100.0, 400.0, 3999.0, 9, {}, &flags);
        QVERIFY(flags.empty());
        flagWideInterval(100.0, 400.0, 6000.0, 9, {}, &flags);
        QCOMPARE(flags.size(), size_t(1));
        QCOMPARE(flags[0].kind, FlagKind::WideInterval);
        QCOMPARE(flags[0].month, 9);
        QCOMPARE(QString::fromLatin1(flagName(flags[0].kind)), QStringLiteral("wide-interval"));
        const QString reason = QString::fromStdString(flags[0].reason);
        QVERIFY2(reason.contains(QLatin1String("month 9 reaches 6000 against a forecast of 400")),
                 qPrintable(reason));
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
